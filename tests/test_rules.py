"""Rules as data: the shipped rules are sound, a broken user directory reports every problem
with file and key, and a user ``--rules`` directory can add a unit without touching code."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from govextract.errors import RulesError
from govextract.extract.quantities import extractor, find_quantities
from govextract.rules import RULE_FILES, default_rules_dir, load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_shipped_rules_load(rules):
    assert len(rules.fingerprint) == 16
    assert set(RULE_FILES) >= {"units.yaml", "measure_words.yaml", "qualifiers.yaml", "changes.yaml",
                               "exclusions.yaml"}


def test_unit_surfaces_are_unique_and_units_have_known_kinds(rules):
    kinds = {"percent", "pp", "money", "physical", "count", "other"}
    dims = set(rules.units["dimensions"])
    seen = {}
    for name, u in rules.units["units"].items():
        assert u["kind"] in kinds, name
        assert u["dimension"] in dims, name
        for s in u["surfaces"]:
            assert s not in seen, f"{s} in {name} and {seen[s]}"
            seen[s] = name


@pytest.mark.parametrize("normal", ["%", "百分点", "元", "微克/立方米", "公里", "平方米", "亩", "公顷", "吨",
                                    "千瓦时", "年", "天", "岁", "倍"])
def test_gold_normal_forms_exist(rules, normal):
    assert normal in {u["normal"] for u in rules.units["units"].values()}


def test_issue_measure_words_shipped(rules):
    wanted = "个 件 家 次 人次 批次 个次 辆次 户次 家次 台 项 份 张 种 起 场次 轮次 套 批 名 人 座 条 处 所 户 头".split()
    assert set(wanted) <= set(rules.measure_words["measure_words"])


def test_measure_words_do_not_shadow_units(rules):
    surfaces = {s for u in rules.units["units"].values() for s in u["surfaces"]}
    assert not surfaces & set(rules.measure_words["measure_words"])


def test_exclusion_patterns_compile_and_names_are_unique(rules):
    ex = extractor(rules)
    assert {rule for rule, _ in ex.span_res} >= {"names", "doc_numbers", "serials", "outline", "letters"}
    names = list(rules.exclusions["names"])
    assert len(names) == len(set(names))


def test_qualifiers_and_changes_are_disjoint(rules):
    up, down = set(rules.changes["up"]), set(rules.changes["down"])
    assert not up & down
    # the markers of issue 3 and GUIDE.md, plus the upper bounds 以内 and 以下 (2%以内)
    assert set(rules.qualifiers["before"].values()) | set(rules.qualifiers["after"].values()) <= {
        "约", "近", "超", "逾", "不足", "以上", "左右", "余", "多", "以内", "以下"}


def test_rule_files_are_commented():
    for name in ("units.yaml", "measure_words.yaml", "qualifiers.yaml", "changes.yaml", "exclusions.yaml"):
        assert (default_rules_dir() / name).read_text(encoding="utf-8").lstrip().startswith("#"), name


BROKEN = {
    "units.yaml": "units:\n  海里:\n    surfaces: 海里\n    normal: 海里\n    kind: physical\n"
                  "implicit:\n  - unit: 人\n    words: 人口\n",
    "measure_words.yaml": "not_followed_by:\n  个: 人\nonly_after: [级]\n",
    "qualifiers.yaml": "before: [约]\nrange_separators: 至\ncarry_stops: [。]\n",
    "changes.yaml": "up: 增长\nmax_gap: six\ntarget_scope: 3\n",
    "exclusions.yaml": "names: 十四五\npatterns:\n  broken: '(unclosed'\nyears:\n  min: later\n",
}

EXPECTED_PROBLEMS = [
    ("units-surfaces", "units.yaml:units.海里.surfaces"),
    ("units-dimension", "units.yaml:units.海里.dimension"),
    ("units-implicit", "units.yaml:implicit["),
    ("mw-not-followed", "measure_words.yaml:not_followed_by.个"),
    ("mw-only-after", "measure_words.yaml:only_after"),
    ("qualifiers-before", "qualifiers.yaml:before"),
    ("qualifiers-range", "qualifiers.yaml:range_separators"),
    ("qualifiers-stops", "qualifiers.yaml:carry_stops: must be a string"),
    ("changes-up", "changes.yaml:up"),
    ("changes-gap", "changes.yaml:max_gap"),
    ("changes-scope", "changes.yaml:target_scope: must be a string"),
    ("exclusions-names", "exclusions.yaml:names"),
    ("exclusions-pattern", "exclusions.yaml:patterns.broken"),
    ("exclusions-years", "exclusions.yaml:years.min"),
]


@pytest.fixture(scope="module")
def broken_problems(tmp_path_factory) -> list[str]:
    d = tmp_path_factory.mktemp("broken_rules")
    for name, body in BROKEN.items():
        (d / name).write_text(body, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(d)
    return err.value.problems


@pytest.mark.parametrize("where", [e[1] for e in EXPECTED_PROBLEMS], ids=[e[0] for e in EXPECTED_PROBLEMS])
def test_broken_user_rules_report_every_problem(broken_problems, where):
    assert any(p.startswith(where) for p in broken_problems), broken_problems


def test_broken_rules_error_names_file_and_fix(broken_problems, tmp_path):
    (tmp_path / "changes.yaml").write_text("up: 增长\n", encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(tmp_path)
    assert "changes.yaml:up" in str(err.value)
    assert "correct the rule files" in str(err.value)


def test_user_rules_add_a_unit(tmp_path: Path):
    (tmp_path / "units.yaml").write_text(
        "units:\n  海里:\n    surfaces: [海里]\n    dimension: length\n    normal: 海里\n    kind: physical\n",
        encoding="utf-8")
    base = load_rules()
    text = "巡航120海里"
    assert find_quantities(text, base)[0] == []
    user = load_rules(tmp_path)
    assert user.fingerprint != base.fingerprint
    qs, _ = find_quantities(text, user)
    assert [(q.text, q.value, q.unit, q.kind, q.dimension) for q in qs] == [
        ("120海里", Decimal(120), "海里", "physical", "length")]


def test_user_rules_add_an_exclusion(tmp_path: Path):
    (tmp_path / "exclusions.yaml").write_text("names: [三个代表]\n", encoding="utf-8")
    text = "践行三个代表重要思想"
    assert [q.text for q in find_quantities(text, load_rules())[0]] == ["三个"]
    qs, ex = find_quantities(text, load_rules(tmp_path))
    assert qs == [] and [e.rule for e in ex] == ["exclusions.yaml:names"]


# A mistyped key is an error, with its file and its path, never silently ignored (issue 14).
MISTYPED = [
    # id, file, content, the problem's start
    ("top-level", "documents.yaml", "kindz: [工作总结]\n", "documents.yaml:kindz: unknown key"),
    ("unit-field", "units.yaml", "units:\n  元:\n    surfacez: [块]\n", "units.yaml:units.元.surfacez: unknown key"),
    ("indicator-field", "indicators.yaml", "indicators:\n  地区生产总值:\n    aliasez: [GDP]\n",
     "indicators.yaml:indicators.地区生产总值.aliasez: unknown key"),
    ("linking-category", "indicators.yaml", "linking:\n  levle: [达到]\n", "indicators.yaml:linking.levle: unknown key"),
    ("implicit-item", "units.yaml", "implicit:\n  - unit: 人\n    word: [人口]\n",
     "units.yaml:implicit[0].word: unknown key"),
    ("html-key", "web.yaml", "html:\n  drop_tag: [nav]\n", "web.yaml:html.drop_tag: unknown key"),
    ("numeral-key", "numerals.yaml", "digitz:\n  零: 0\n", "numerals.yaml:digitz: unknown key"),
    ("exclusion-nested", "exclusions.yaml", "years:\n  minimum: 1900\n", "exclusions.yaml:years.minimum: unknown key"),
    ("grammar-key", "documents.yaml", "grammar:\n  dates: '\\d+'\n", "documents.yaml:grammar.dates: unknown key"),
    ("display-key", "indicators.yaml", "display:\n  scale: {}\n", "indicators.yaml:display.scale: unknown key"),
    ("write-key", "numerals.yaml", "write:\n  sequence: {}\n", "numerals.yaml:write.sequence: unknown key"),
    # one list of region endings, in documents.yaml (issue 14)
    ("region-suffixes-moved", "indicators.yaml", "region_suffixes: [州]\n", "indicators.yaml:region_suffixes: unknown key"),
]


@pytest.mark.parametrize("fname, body, problem", [m[1:] for m in MISTYPED], ids=[m[0] for m in MISTYPED])
def test_mistyped_key_is_reported(tmp_path: Path, fname, body, problem):
    (tmp_path / fname).write_text(body, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(tmp_path)
    assert any(p == f"{tmp_path}/{problem}" or p.startswith(f"{tmp_path}/{problem}") for p in err.value.problems), \
        err.value.problems


def test_every_mistyped_key_at_once_through_the_cli(tmp_path: Path):
    import subprocess
    import sys

    for _, fname, body, _ in MISTYPED:
        p = tmp_path / fname
        p.write_text((p.read_text(encoding="utf-8") if p.exists() else "") + body, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "govextract", "rules", "check", str(tmp_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 3
    for _, fname, _, problem in MISTYPED:
        assert f"{tmp_path}/{problem}" in r.stderr + r.stdout, problem


def test_shipped_rules_use_only_known_keys():
    from govextract.rules_schema import unknown_keys

    import yaml

    for fname in RULE_FILES:
        data = yaml.safe_load((default_rules_dir() / fname).read_text(encoding="utf-8"))
        assert unknown_keys(data, fname) == [], fname


# Every regular expression of the rules compiles when they load (`govextract rules check`), not when
# first used: documents.yaml grammar with its {name} filled as its reader fills it, and the single
# patterns of web.yaml and indicators.yaml (issue 14). Each problem names its file and key.
BROKEN_PATTERNS = [
    # id, {file: content}, the problems' starts
    ("grammar-entry", {"documents.yaml": "grammar:\n  date: '(?P<y>\\d{4}'\n"},
     ["documents.yaml:grammar.date: not a valid regular expression"]),
    ("name-reference", {"documents.yaml": "grammar:\n  speaker: '(?:{title})\\p{Han}{1,6}$'\n"},
     ["documents.yaml:grammar.speaker: {title} is filled by no reader of this entry (it may use: titles)"]),
    ("name-in-entry-without-names", {"documents.yaml": "grammar:\n  year: '{labels}(?P<y>\\d{4})'\n"},
     ["documents.yaml:grammar.year: {labels} is filled by no reader"]),
    ("two-at-once", {"documents.yaml": "grammar:\n  year: '(?P<y>\\d{4}'\n  cover_label: '^(?:{label})[：:]'\n"},
     ["documents.yaml:grammar.year: not a valid regular expression",
      "documents.yaml:grammar.cover_label: {label} is filled by no reader"]),
    ("filled-name-broken", {"documents.yaml": "grammar:\n  occasion: '{date}在(?P<where>'\n"},
     ["documents.yaml:grammar.occasion: not a valid regular expression"]),
    ("web-entry", {"web.yaml": "title_separators: '[_|'\nlabel_line: '^({names}:(.*)$'\n"},
     ["web.yaml:title_separators: not a valid regular expression",
      "web.yaml:label_line: not a valid regular expression"]),
    ("indicators-heading", {"indicators.yaml": "targets:\n  heading: '(?:一、'\n"},
     ["indicators.yaml:targets.heading: not a valid regular expression"]),
]


@pytest.mark.parametrize("files, problems", [b[1:] for b in BROKEN_PATTERNS], ids=[b[0] for b in BROKEN_PATTERNS])
def test_every_broken_pattern_is_reported_on_load(tmp_path: Path, files, problems):
    for fname, body in files.items():
        (tmp_path / fname).write_text(body, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(tmp_path)
    for want in problems:
        assert sum(p.startswith(want) for p in err.value.problems) == 1, (want, err.value.problems)
    assert len(err.value.problems) == len(problems), err.value.problems


def test_rules_check_lists_every_broken_pattern(tmp_path: Path):
    import subprocess
    import sys

    (tmp_path / "documents.yaml").write_text(
        "grammar:\n  year: '(?P<y>\\d{4}'\n  speaker: '(?:{title})$'\n", encoding="utf-8")
    (tmp_path / "web.yaml").write_text("bracket_group: '【[^】'\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "govextract", "rules", "check", str(tmp_path)],
                       capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 3
    for where in ("documents.yaml:grammar.year", "documents.yaml:grammar.speaker", "web.yaml:bracket_group"):
        assert where in r.stderr, r.stderr
    assert "3 problems" in r.stderr


def test_shipped_grammar_names_are_all_filled():
    from govextract.rules_validate.patterns import unfilled

    assert [p for key, pat in load_rules().documents["grammar"].items() for p in unfilled(key, pat)] == []


# The display scales (compare's values, the review pages' axes) are checked on load too.
@pytest.mark.parametrize("body, problem", [
    ("display:\n  short: [{at: 0, per: 10, unit: 十}]\n", "indicators.yaml:display.short[3]"),
    ("display:\n  scales:\n    吨: [{at: 10000, unit: 万吨}]\n", "indicators.yaml:display.scales.吨[0]"),
], ids=["short-at-zero", "scale-without-per"])
def test_a_broken_display_scale_is_reported(tmp_path: Path, body, problem):
    (tmp_path / "indicators.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(tmp_path)
    assert err.value.problems == [f"{problem}: must have a positive at and per and a unit"]

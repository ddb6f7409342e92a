"""Document metadata: the reference document, State Council reports (GBK), provincial reports."""
from __future__ import annotations

import json

import pytest

from conftest import CORPORA, GOLD, JIADING_TXT
from govextract.ingest import read
from govextract.normalise import normalise
from govextract.rules import load_rules
from govextract.structure.metadata import parse_date, read_metadata
from govextract.structure.outline import parse_outline

RULES = load_rules()


def meta_of(path):
    n = normalise(read(path).text)
    numbered = [i for i in parse_outline(n.text, n.bold) if not i.bold_lead]
    return read_metadata(n.text, RULES, body_start=numbered[0].start if numbered else None)


def test_reference_metadata_matches_gold():
    gold = json.loads((GOLD / "jiading_2024.meta.json").read_text(encoding="utf-8"))
    m = meta_of(JIADING_TXT).as_record()
    for key in ("issuer", "doc_number", "title", "report_title", "date", "period", "region", "kind", "recipients"):
        assert m[key] == gold[key], key


STATE_COUNCIL = [(y, f"state_council_{y}.txt") for y in range(2003, 2019)]


@pytest.mark.parametrize("year,name", STATE_COUNCIL, ids=[str(y) for y, _ in STATE_COUNCIL])
def test_state_council_period_and_kind(year, name):
    path = CORPORA / "state-council" / name
    assert not path.read_bytes().decode("utf-8", errors="ignore").count("政府工作报告")  # really GBK bytes
    m = meta_of(path)
    assert m.kind == "政府工作报告"
    assert m.period == year - 1
    assert m.issuer == "国务院"


@pytest.mark.parametrize("name,date,speaker", [
    ("state_council_2003.txt", "2003-03-05", "国务院总理朱镕基"),
    ("state_council_2010.txt", "2010-03-05", "国务院总理温家宝"),
], ids=["2003", "2010"])
def test_state_council_date_and_speaker(name, date, speaker):
    m = meta_of(CORPORA / "state-council" / name)
    assert (m.date, m.speaker, m.region) == (date, speaker, "中华人民共和国")


PROVINCES = [
    ("anhui_2026.txt", "安徽省", "2026-02-05"),
    ("gansu_2026.txt", "甘肃省", "2026-01-27"),        # date in Chinese numerals
    ("qinghai_2026.txt", "青海省", "2026-01-27"),      # title without region, ―― dash
    ("heilongjiang_2026.txt", "黑龙江省", "2026-01-31"),  # occasion line without dash
    ("guangxi_2026.txt", "广西壮族自治区", "2026-02-02"),
    ("chongqing_2026.txt", "重庆市", "2026-01-28"),
]


@pytest.mark.parametrize("name,region,date", PROVINCES, ids=[p[0] for p in PROVINCES])
def test_provincial_report_metadata(name, region, date):
    m = meta_of(CORPORA / "provinces-2026" / name)
    assert (m.region, m.date, m.period, m.kind) == (region, date, 2025, "政府工作报告")
    assert m.issuer == region + "人民政府"


@pytest.mark.parametrize("text,iso", [
    ("二〇二五年二月二十八日", "2025-02-28"),
    ("2026年1月27日", "2026-01-27"),
    ("二〇二六年一月二十七日在", "2026-01-27"),
    ("2025年 2 月 8 日", "2025-02-08"),
    ("今年以来", None),
], ids=["cn-numerals", "arabic", "cn-in-sentence", "spaced", "no-date"])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("line,number", [
    ("嘉环〔2025〕3号", "嘉环〔2025〕3号"),
    ("国办发[2024]18号", "国办发[2024]18号"),
    ("沪府发【2023】5号", "沪府发【2023】5号"),
    ("京政发（2022）12号", "京政发（2022）12号"),
], ids=["hexagonal", "square", "lenticular", "paren"])
def test_doc_number_bracket_variants(line, number):
    m = read_metadata(f"某某局文件\n{line}\n关于印发《2024年工作总结》的通知\n", RULES)
    assert m.doc_number == number


# issue 14: a bureau signs as issuer because its name ends with 局 (the general suffix), not
# because one bureau's name is listed (生态环境局 was, for the reference report only). Issuers
# of four reports of tests/golden/metadata.csv, each signed above its date.
@pytest.mark.parametrize("issuer", [
    "周口市统计局",              # henan_zhoukou_2023_tjgb (statistical bulletin)
    "上海市财政局",              # shanghai_czj_2025_dwys (unit budget)
    "上海市普陀区财政局",        # shanghai_putuo_czj_2024_bmjs (final accounts)
    "上海市嘉定区生态环境局",    # jiading_2024 (the reference report)
], ids=["zhoukou-tongjiju", "shanghai-caizhengju", "putuo-caizhengju", "jiading-shengtaihuanjingju"])
def test_a_bureau_signs_as_issuer(issuer):
    from govextract.structure.clues import signature_clues

    assert not any(len(s) > 1 and s.endswith("局") for s in RULES.documents["issuer_suffixes"])
    lines = ["2024年工作总结", "一、总体情况", issuer, "2024年4月29日"]
    assert [(c.field, c.value) for c in signature_clues(lines, RULES.documents)] == \
        [("issuer", issuer), ("date", "2024-04-29")]


# The date grammar is read from the rule set passed in (rules/documents.yaml grammar.date), not
# from Python: a user's rules can add a form; a broken pattern names its file and key.
@pytest.mark.parametrize("pattern,text,iso", [
    (None, "2024年4月29日", "2024-04-29"),
    (None, "2024.4.29", None),
    (r"(?P<y>\d{4}) \. (?P<m>\d{1,2}) \. (?P<d>\d{1,2})", "2024.4.29", "2024-04-29"),
], ids=["shipped", "shipped-no-dots", "user-dots"])
def test_date_grammar_comes_from_the_rules(tmp_path, pattern, text, iso):
    if pattern:
        (tmp_path / "documents.yaml").write_text(f"grammar:\n  date: '{pattern}'\n", encoding="utf-8")
    rules = load_rules(tmp_path) if pattern else RULES
    assert parse_date(text, rules.documents) == iso


def test_a_broken_grammar_names_its_file_and_key(tmp_path):
    from govextract.errors import RulesError

    (tmp_path / "documents.yaml").write_text("grammar:\n  date: '(?P<y>\\d{4}'\n", encoding="utf-8")
    with pytest.raises(RulesError, match="documents.yaml:grammar.date"):
        parse_date("2024年", load_rules(tmp_path).documents)


# The place a code table lacks is named by the region endings of documents.yaml, the one list
# indicator linking reads too (issue 14): 州 and the long autonomous endings came from there.
@pytest.mark.parametrize("name, region", [
    ("某某县某某镇财政所", "某某县某某镇"),
    ("某某州某某县民政局", "某某州某某县"),
    ("某某州统计局", "某某州"),            # a prefecture's short form: None before the lists were one
    ("某某维吾尔自治区某某地区统计局", "某某维吾尔自治区某某地区"),
], ids=["county-town", "zhou-county", "zhou", "autonomous-region"])
def test_fallback_region_reads_the_one_list(name, region):
    from govextract.structure.metadata import _fallback_region

    assert _fallback_region(name, RULES.documents) == region

"""HTML review reports without a browser: self-contained, one highlight per quantity,
one navigation entry per outline item, warnings, CSV buttons, one chart per indicator."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from conftest import CORPORA, JIADING_TXT
from govextract.models import DocumentMeta, Exclusion, Item, Quantity
from govextract.report import (compare_context, hand_report, render_compare, render_report, report_context,
                               report_warnings)

D = Decimal


class Page(HTMLParser):
    """The facts of a rendered page the tests look at."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: dict[str, str] = {}
        self._script: str | None = None
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "script":
            self._script = a.get("id", "")
            self.scripts.setdefault(self._script, "")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self.scripts[self._script] += data
        else:
            self.text.append(data)

    def having(self, tag: str, cls: str | None = None, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and (cls is None or cls in a.get("class", "").split())
                and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def table_rows(self, name: str) -> int:
        return len(json.loads(self.scripts[f"gx-table-{name}"])["records"])


def q(text: str, start: int, kind: str = "count", unit: str = "个", value: str = "1", **kw) -> Quantity:
    return Quantity(text=text, start=start, end=start + len(text), value=D(value), unit=unit, kind=kind, **kw)


# --- the reference document ------------------------------------------------------
@pytest.fixture(scope="module")
def jiading_page(jiading):
    return Page(render_report(jiading))


def test_self_contained(jiading_page):
    for tag, a in jiading_page.tags:
        for attr in ("src", "href", "srcset", "action", "data"):
            assert not a.get(attr, "").lower().startswith(("http:", "https:", "//")), (tag, a)
        assert not (tag == "link" and "stylesheet" in a.get("rel", "")), "stylesheets must be inlined"
        assert not (tag == "script" and a.get("src")), "scripts must be inlined"
    assert jiading_page.having("style") and jiading_page.scripts.get("")  # inline CSS and JS


def test_one_highlight_per_quantity(jiading, jiading_page):
    marks = jiading_page.having("mark", "q")
    assert len(marks) == len(jiading.quantities) == jiading_page.table_rows("quantities") > 50
    assert sorted(int(m["data-q"]) for m in marks) == list(range(len(jiading.quantity_list)))


def test_one_nav_entry_per_item(jiading, jiading_page):
    nav = jiading_page.having("a", "nav-item")
    assert len(nav) == len(jiading.items) == jiading_page.table_rows("items") > 20
    anchors = {a["id"] for a in jiading_page.having("a", "anchor")}
    assert {a["href"].lstrip("#") for a in nav} == anchors   # every entry has its target


def test_metadata_block(jiading_page):
    text = "".join(jiading_page.text)
    for value in ("上海市嘉定区生态环境局", "嘉环〔2025〕3号", "2025-02-28", "2024", "上海市嘉定区"):
        assert value in text


def test_tables_sortable_with_csv(jiading_page):
    buttons = jiading_page.having("button", "csv")
    assert [b["data-table"] for b in buttons] == ["documents", "items", "quantities"]
    assert len(jiading_page.having("table", "sortable")) == 3
    for name in ("documents", "items", "quantities"):
        data = json.loads(jiading_page.scripts[f"gx-table-{name}"])
        assert "doc_id" in data["columns"] and data["records"]


def test_cjk_font_stack(jiading_page):
    """One list of CJK fonts: the page's font stack, in the order compare --chart looks for them."""
    from govextract.compare import CJK_FONTS

    css = "".join(jiading_page.text)  # <style> content is text to the parser
    stack = ", ".join(f'"{f}"' for f in CJK_FONTS)
    assert f"--font: {stack}, system-ui" in css and "sans-serif;" in css
    for font in ('"Noto Sans CJK SC"', '"Source Han Sans SC"', '"WenQuanYi Micro Hei"', '"PingFang SC"',
                 '"Microsoft YaHei"', '"SimHei"'):
        assert font in css


# --- warnings: scanned, low-confidence, encoding, excluded --------------------------
def scanned_report():
    text = "一、总体情况\n完成治理项目2O个，投入资金1.5亿元。\n出现乱码\ufffd字。"
    s = text.index("2O个")
    return hand_report(
        text, form="ocr", pages=1,
        quantities=[q("2O个", s, confidence=0.41), q("1.5亿元", text.index("1.5亿元"), "money", "元", "150000000")],
        outline=[Item(level=1, marker="一、", number=1, title="总体情况", start=0, end=len(text))],
        exclusions=[Exclusion("一", 0, 1, "exclusions.yaml:outline")],
        doubts=[(s, s + 2, 0.41)], warnings=["scan.pdf: page 1 read by OCR"],
        meta=DocumentMeta(issuer="某某局", period=2024))


def test_warnings_for_a_scanned_report():
    rep = scanned_report()
    kinds = [w["kind"] for w in report_warnings(rep)]
    assert kinds.count("ocr") == 1 and kinds.count("encoding") == 1 and "excluded" not in kinds
    page = Page(render_report(rep))
    assert page.having("section", id="warnings") and page.having("section", id="excluded")
    assert [m["data-q"] for m in page.having("mark", "low")] == ["0"]
    assert page.having("input", id="only-flagged") and page.having("input", id="only-excluded")   # the filters
    assert page.having("span", "repl") and page.having("span", "x")
    assert page.having("li", "w-ocr") and page.having("li", "w-excluded") and page.having("li", "w-encoding")
    text = "".join(page.text)
    assert "exclusions.yaml:outline" in text and "confidence 0.41" in text
    # the outline counts each problem once: the doubtful number (not also its OCR span) and the bad character
    assert report_context(rep)["nav"][0]["flags"] == 2


def test_no_warnings_says_so():
    rep = hand_report("优良率为88.6%。", quantities=[q("88.6%", 4, "percent", "%", "88.6")])
    assert "Nothing to check" in render_report(rep)


# --- layout edge cases: every quantity is highlighted exactly once ---------------------
def _case(text: str, spans: list[tuple[str, int]], **kw):
    return hand_report(text, quantities=[q(t, s) for t, s in spans], **kw)


EDGE_CASES = [
    # id, source, report
    ("empty", "a blank page", lambda: _case("", [])),
    ("no-quantities", "a preamble", lambda: _case("现予印发。", [])),
    ("adjacent", "12项3个", lambda: _case("12项3个", [("12项", 0), ("3个", 3)])),
    ("overlapping", "extractor overlap", lambda: _case("共计1234个", [("1234个", 2), ("34个", 4)])),
    ("contained", "range inside range", lambda: _case("共3-5个", [("3-5个", 1), ("5个", 3)])),
    ("across-lines", "PDF line break inside a number", lambda: _case("投资1.5\n亿元", [("1.5\n亿元", 2)])),
    ("at-end", "document ends on a number", lambda: _case("完成20个", [("20个", 2)])),
    ("exclusion-overlap", "rule and extractor disagree",
     lambda: _case("2024年10个", [("10个", 5)], exclusions=[Exclusion("2024年10", 0, 7, "exclusions.yaml:dates")])),
    ("item-in-number", "item offset inside a quantity",
     lambda: _case("第5个", [("5个", 1)], outline=[Item(1, "", None, "5个", 2, 3, bold_lead=True, style="bold")])),
    ("html-in-text", "web page residue", lambda: _case("<script>alert(1)</script>3个", [("3个", 25)])),
    ("page-breaks", "PDF", lambda: _case("第一页2个\n第二页3个", [("2个", 3), ("3个", 9)], pages=2,
                                         page_starts=(0, 6))),
]


@pytest.mark.parametrize("make", [pytest.param(m, id=i) for i, _, m in EDGE_CASES])
def test_every_quantity_once(make):
    rep = make()
    html = render_report(rep)
    page = Page(html)
    marks = page.having("mark", "q")
    assert sorted(int(m["data-q"]) for m in marks) == list(range(len(rep.quantity_list)))
    assert len(page.having("a", "nav-item")) == len(rep.outline) == len(page.having("a", "anchor"))
    assert "<script>alert" not in html


def test_text_is_kept_verbatim():
    text = "一、总体情况\n完成20个，其中（一）3项。\n\n二、下一步"
    rep = _case(text, [("20个", 9), ("3项", 19)],
                outline=[Item(1, "一、", 1, "总体情况", 0, 24), Item(1, "二、", 2, "下一步", 24, len(text))])
    page = Page(render_report(rep))
    body = "".join(page.text)
    for line in ("一、总体情况", "完成20个，其中（一）3项。", "二、下一步"):
        assert line in body


# --- comparison -------------------------------------------------------------------
def long_table():
    import pandas as pd

    rows = []
    for year, level, growth, target in ((2003, 11.67e12, 9.1, None), (2004, 13.65e12, 9.5, 8.0),
                                        (2005, 18.23e12, 9.9, 8.0), (2006, 20.94e12, 10.7, 8.0)):
        base = dict(doc=f"state_council_{year + 1}.txt", issuer="国务院", region="全国", period=year,
                    value_max=None, approx="", derived=False)
        rows.append({**base, "indicator": "国内生产总值", "measure": "level", "value": level, "unit": "元",
                     "target": False, "quote": f"国内生产总值达到{level / 1e12:.2f}万亿元"})
        rows.append({**base, "indicator": "国内生产总值", "measure": "growth_pct", "value": growth, "unit": "%",
                     "target": False, "quote": f"比上年增长{growth}%"})
        if target:
            rows.append({**base, "indicator": "国内生产总值", "measure": "target_growth_pct", "value": target,
                         "unit": "%", "target": True, "approx": "左右", "quote": f"增长{target}%左右"})
    rows.append(dict(doc="state_council_2005.txt", issuer="国务院", region="全国", period=2004, indicator="粮食产量",
                     measure="level", value=4.69e11, value_max=None, unit="千克", approx="", target=False,
                     derived=False, quote="粮食产量9389亿斤"))
    rows.append(dict(doc="state_council_2005.txt", issuer="国务院", region="全国", period=2004, indicator=None,
                     measure=None, value=None, value_max=None, unit="", approx="", target=False, derived=False,
                     quote=""))
    return pd.DataFrame(rows)


def test_compare_one_chart_per_indicator():
    df = long_table()
    page = Page(render_compare(df))
    assert len(page.having("svg")) == df["indicator"].dropna().nunique() == 2
    ctx = compare_context(df)
    assert ctx["axis"] == "period" and ctx["columns"] == ["2003", "2004", "2005", "2006"]
    gdp = ctx["charts"][0]
    assert gdp["indicator"] == "国内生产总值"
    assert [p["measure"] for p in gdp["panels"]] == ["growth_pct", "level"]
    growth = gdp["panels"][0]
    assert [s["target"] for s in growth["series"]] == [False, True]
    assert [pt["key"] for pt in growth["series"][0]["points"]] == ["2003", "2004", "2005", "2006"]


def test_compare_values_link_to_quotes():
    page = Page(render_compare(long_table()))
    quotes = {li["id"] for li in page.having("li") if li.get("id", "").startswith("quote-")}
    links = [a["href"] for a in page.having("a") if a.get("href", "").startswith("#quote-")]
    assert links and {h[1:] for h in links} <= quotes
    assert len(quotes) == 4 * 2 + 3 + 1   # every value, none for the row without an indicator
    for tag, a in page.tags:
        assert not a.get("href", "").startswith(("http:", "https:")), (tag, a)


def test_compare_by_region():
    df = long_table().assign(period=2024, region=lambda d: d["doc"].str[-8:-4])
    ctx = compare_context(df)
    assert ctx["axis"] == "region"
    assert all(p["bars"] for c in ctx["charts"] for p in c["panels"])


def test_compare_needs_the_long_table():
    import pandas as pd

    from govextract.report import ReportError

    with pytest.raises(ReportError, match="lacks column"):
        compare_context(pd.DataFrame({"doc": ["a"]}))


# --- the command ------------------------------------------------------------------
def run(*args, cwd=None):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "govextract", "report", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=env, timeout=300)


def test_cli_report(tmp_path):
    out = tmp_path / "r.html"
    r = run(JIADING_TXT, "-o", out)
    assert r.returncode == 0, r.stderr
    assert f"wrote {out}" in r.stderr
    assert "(143 quantities, 43 outline items, 0 warnings, 78 excluded)" in r.stderr
    page = Page(out.read_text(encoding="utf-8"))
    assert len(page.having("mark", "q")) == page.table_rows("quantities")


def test_cli_compare(tmp_path):
    out = tmp_path / "c.html"
    paths = sorted((CORPORA / "state-council").glob("state_council_200[3-5].txt"))
    r = run("--compare", *paths, "-o", out)
    assert r.returncode == 0, r.stderr
    page = Page(out.read_text(encoding="utf-8"))
    assert page.having("svg") and page.having("table", "wide")


@pytest.mark.parametrize("args, message", [
    pytest.param(("a.txt", "b.txt"), "use --compare", id="two-paths-without-compare"),
    pytest.param(("--compare", "a.txt"), "at least two", id="compare-one-path"),
    pytest.param(("a.txt", "--by", "period"), "--compare only", id="by-without-compare"),
])
def test_cli_usage_errors(args, message):
    r = run(*args)
    assert r.returncode == 2 and message in r.stderr


def test_cli_missing_file_is_one_line(tmp_path):
    r = run(tmp_path / "missing.txt", "-o", tmp_path / "x.html")
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0 and "no such file" in r.stderr
    assert not (tmp_path / "x.html").exists()


# --- a user's rule set reaches both pages (issue 14) --------------------------------
def _head_align(rules, line="某某局通知"):
    """How the first line of a 公文 head is set on the document page."""
    rep = hand_report(f"{line}\n一、总体情况\n完成1个。", meta=DocumentMeta(issuer="某某局"),
                      outline=[Item(level=1, marker="一、", number=1, title="总体情况", start=len(line) + 1,
                                    end=len(line) + 7)])
    return report_context(rep, rules)["blocks"][0]["align"]


def _label(rules, unit="千克", value=4.69e11):
    import pandas as pd

    row = dict(doc="a.txt", issuer="国务院", region="全国", period=2004, indicator="粮食产量", measure="level",
               value=value, value_max=None, unit=unit, approx="", target=False, derived=False, quote="")
    return compare_context(pd.DataFrame([row]), rules=rules)["wide"][0]["cells"][0]["main"]["label"]


def _title(rules):
    return compare_context(long_table().assign(issuer=lambda d: d["doc"].str[-8:-4]), rules=rules)["title"]


def _axis_labels(rules):
    import pandas as pd

    rows = [dict(doc=f"{y}.txt", issuer="", region="全国", period=y, indicator="X", measure="level", value=v,
                 value_max=None, unit="个", approx="", target=False, derived=False, quote="")
            for y, v in ((2023, 1500.0), (2024, 3000.0))]
    return [t["label"] for t in compare_context(pd.DataFrame(rows), rules=rules)["charts"][0]["panels"][0]["yticks"]]


def _sentences(rules):
    return [s.text for s in hand_report("甲。乙|丙", rules=rules).sentence_list]


USER_RULES = [
    pytest.param({"documents.yaml": "issuer_mark: 通知\n"}, _head_align, "", "head", id="issuer-mark"),
    pytest.param({"documents.yaml": "grammar:\n  date: '(?P<y>\\d{4})\\.(?P<m>\\d{2})\\.(?P<d>\\d{2})'\n"},
                 lambda rules: _head_align(rules, "2024.04.29"), "", "right", id="date-line"),
    pytest.param({"indicators.yaml": "display:\n  scales:\n    千克: [{at: 10000000, per: 10000000, unit: 万吨, "
                                     "digits: 6}]\n"}, _label, "4690亿千克", "46900万吨", id="value-label"),
    pytest.param({"indicators.yaml": "display:\n  more: ' 等'\n", "documents.yaml": "issuer_joiner: ；\n"},
                 _title, "2004、2005、2006 … 2003–2006", "2004；2005；2006 等 2003–2006", id="page-title"),
    pytest.param({"indicators.yaml": "display:\n  short: [{at: 1000, per: 1000, unit: 千}]\n"}, _axis_labels,
                 ["0", "1000", "2000", "3000"], ["0", "1千", "2千", "3千"], id="axis-labels"),
    pytest.param({"documents.yaml": "grammar:\n  sentence: '[^\\n|]*?(?:[。|]|$)'\n"}, _sentences,
                 ["甲。", "乙|丙"], ["甲。", "乙|", "丙"], id="hand-report-sentences"),
]


@pytest.mark.parametrize("files, probe, shipped, with_user", USER_RULES)
def test_a_user_rule_set_changes_the_pages(tmp_path, files, probe, shipped, with_user):
    from govextract.rules import load_rules

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert probe(None) == shipped
    assert probe(load_rules(tmp_path)) == with_user


@pytest.mark.parametrize("command", [
    pytest.param(("report", "--compare"), id="review-page"),
    pytest.param(("compare", "--format", "table"), id="terminal-table"),
])
def test_cli_compare_takes_the_user_rules(tmp_path, command):
    """``--rules DIR`` reaches compare's format_value: values written with the user's display rules."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "indicators.yaml").write_text("display:\n  unit_names: {'%': ' 个百分比'}\n", encoding="utf-8")
    paths = sorted((CORPORA / "state-council").glob("state_council_200[3-5].txt"))
    outputs = []
    for extra in ((), ("--rules", rules)):
        out = tmp_path / f"out{len(outputs)}"
        r = subprocess.run([sys.executable, "-m", "govextract", *command, *map(str, paths), "-o", str(out),
                            *map(str, extra)], capture_output=True, text=True, encoding="utf-8", timeout=300,
                           env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        assert r.returncode == 0, r.stderr
        outputs.append(out.read_text(encoding="utf-8"))
    assert " 个百分比" not in outputs[0] and "%" in outputs[0]
    assert " 个百分比" in outputs[1]

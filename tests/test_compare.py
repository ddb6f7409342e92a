"""compare(): cross-year and cross-region tables, derived values, checks, and the CLI.

Golden files (tests/golden/*.csv) hold values checked by hand against the text;
their ``evidence`` column is the words each value was read from.
"""
from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest

from govextract.compare import CompareError, compare, previous_value, wide

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
GOLDEN = ROOT / "tests" / "golden"
STATE_COUNCIL = sorted((CORPORA / "state-council").glob("*.txt"))
PROVINCES = sorted((CORPORA / "provinces-2026").glob("*.txt"))
JIADING = CORPORA / "jiading" / "jiading_2024.txt"


def golden(name: str) -> list[dict]:
    with open(GOLDEN / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def state_council(pipeline):
    return compare([pipeline.parse(p) for p in STATE_COUNCIL],
                   indicators=["地区生产总值", "居民消费价格涨幅"], rules=pipeline.rules)


@pytest.fixture(scope="module")
def provinces(pipeline):
    return compare([pipeline.parse(p) for p in PROVINCES], indicators=["GDP"], rules=pipeline.rules)


@pytest.fixture(scope="module")
def jiading_long(jiading, pipeline):
    return compare([jiading], rules=pipeline.rules)


def _match(df, row: dict) -> list[dict]:
    hits = df[(df["doc"].map(lambda d: Path(d).name) == row["doc"]) & (df["indicator"] == row["indicator"])
              & (df["measure"] == row["measure"]) & (df["period"] == int(row["period"])) & (~df["derived"])]
    out = []
    for r in hits.to_dict("records"):
        vmax = r["value_max"]
        want_max = float(row["value_max"]) if row["value_max"] else None
        same_max = (want_max is None and (vmax is None or vmax != vmax)) or \
            (want_max is not None and vmax is not None and math.isclose(vmax, want_max))
        if math.isclose(r["value"], float(row["value"]), rel_tol=1e-9) and same_max and r["unit"] == row["unit"]:
            out.append(r)
    return out


@pytest.mark.parametrize("row", [pytest.param(r, id=f"{r['doc'][14:18]}-{r['indicator']}-{r['measure']}-{r['period']}")
                                 for r in golden("state_council_gdp.csv")])
def test_state_council_golden(state_council, row):
    """Source: corpora/state-council/state_council_YYYY.txt, the words in ``evidence``."""
    hits = _match(state_council, row)
    assert hits, f"{row['doc']}: {row['measure']} {row['value']} for {row['period']} not found ({row['evidence']})"
    assert any(h["five_year"] == (row["five_year"] == "True") for h in hits)
    assert any(row["evidence"][-8:] in h["quote"] for h in hits)


@pytest.mark.parametrize("row", [pytest.param(r, id=f"{r['doc'][:-9]}-{r['measure']}-{r['period']}")
                                 for r in golden("provinces_2026_gdp.csv")])
def test_provinces_golden(provinces, row):
    """Source: corpora/provinces-2026/<province>_2026.txt, the words in ``evidence``."""
    hits = _match(provinces, row)
    assert hits, f"{row['doc']}: {row['measure']} {row['value']} for {row['period']} not found ({row['evidence']})"
    assert any(h["approx"] == row["approx"] for h in hits)


def test_every_province_has_growth_and_target():
    rows = golden("provinces_2026_gdp.csv")
    docs = {p.name for p in PROVINCES}
    assert {r["doc"] for r in rows if r["measure"] == "growth_pct"} == docs
    assert {r["doc"] for r in rows if r["measure"] == "target_growth_pct"} == docs


def test_state_council_wide_by_period(state_council):
    w = wide(state_council, by="period")
    gdp = w.loc[("地区生产总值", "growth_pct", "%")]
    assert gdp[2003] == 9.1 and gdp[2012] == 7.8 and gdp[2017] == 6.9   # annual preferred over 年均
    cpi = w.loc[("居民消费价格涨幅", "target_level", "%")]
    assert cpi[2005] == 4 and cpi[2008] == 4.8 and cpi[2013] == 3.5 and cpi[2018] == 3


def test_provinces_wide_by_region(provinces):
    w = wide(provinces, by="region")
    assert w.columns.name == "region"
    assert w.loc[(2025, "地区生产总值", "growth_pct", "%")]["西藏自治区"] == 7
    assert w.loc[(2026, "地区生产总值", "target_growth_pct", "%")]["山西省"] == 4.5


# --- the other indicators of issue 5, checked by hand ------------------------------------------
@pytest.fixture(scope="module")
def state_council_all(pipeline):
    return compare([pipeline.parse(p) for p in STATE_COUNCIL], rules=pipeline.rules)


@pytest.fixture(scope="module")
def provinces_all(pipeline):
    return compare([pipeline.parse(p) for p in PROVINCES], rules=pipeline.rules)


def _indicator_rows(name: str) -> list:
    out = []
    for r in golden(name):
        rid = f"{r['doc'].split('.')[0]}-{r['indicator']}-{r['measure']}-{r['period']}-{r['value']}"
        marks = [pytest.mark.xfail(strict=True, reason=r["xfail"])] if r["xfail"] else []
        out.append(pytest.param(r, id=rid, marks=marks))
    return out


def _check_indicator_row(df, row: dict) -> None:
    hits = [h for h in _match(df, row) if row["evidence"] in h["quote"] or h["quote"] in row["evidence"]]
    assert hits, f"{row['doc']}: {row['indicator']} {row['measure']} {row['value']} for {row['period']} " \
                 f"not found ({row['evidence']})"
    assert any(h["five_year"] == (row["five_year"] == "True") for h in hits), "five_year differs"
    assert any(h["approx"] == row["approx"] for h in hits), "approx differs"


@pytest.mark.parametrize("row", _indicator_rows("state_council_indicators.csv"))
def test_state_council_indicators_golden(state_council_all, row):
    """Source: corpora/state-council/state_council_YYYY.txt, the sentence in ``evidence``."""
    _check_indicator_row(state_council_all, row)


@pytest.mark.parametrize("row", _indicator_rows("provinces_2026_indicators.csv"))
def test_provinces_indicators_golden(provinces_all, row):
    """Source: corpora/provinces-2026/<province>_2026.txt, the sentence in ``evidence``."""
    _check_indicator_row(provinces_all, row)


NOT_LINKED = [
    # id, doc, indicator, measure, value: values that must not be given (checked by hand)
    ("cross-border-ecommerce-not-total-trade", "heilongjiang_2026.txt", "进出口总额", "growth_pct", 61.6),
    ("belt-and-road-trade-not-total-trade", "xinjiang_2026.txt", "进出口总额", "growth_pct", 14.7),
    ("project-investment-not-region", "xizang_2026.txt", "固定资产投资", "target_level", 22000000000),
    ("plan-section-not-a-result", "liaoning_2026.txt", "规模以上工业增加值", "growth_pct", 3.5),
    ("next-year-jobs-not-a-result", "hebei_2026.txt", "城镇新增就业", "level", 860000),
]


@pytest.mark.parametrize("doc,indicator,measure,value", [pytest.param(*r[1:], id=r[0]) for r in NOT_LINKED])
def test_provinces_not_linked(provinces_all, doc, indicator, measure, value):
    """Source: corpora/provinces-2026 (sub-totals, parts and plans that are not the region's result)."""
    df = provinces_all
    hits = df[(df["doc"].map(lambda d: Path(d).name) == doc) & (df["indicator"] == indicator)
              & (df["measure"] == measure) & (df["value"] == value)]
    assert hits.empty, hits[["period", "quote"]].values.tolist()


def test_state_council_cumulative_jobs_not_annual(state_council_all):
    """五年全国新增城镇就业5100万人 (2008 report) is a five-year total, not the 2007 level."""
    df = state_council_all
    rows = df[(df["indicator"] == "城镇新增就业") & (df["value"] == 51000000)]
    assert len(rows) and rows["five_year"].all()
    annual = df[df["doc"].str.endswith("state_council_2008.txt") & (df["indicator"] == "城镇新增就业")
                & (df["measure"] == "level") & ~df["five_year"]]
    assert 51000000 not in annual["value"].tolist()


# --- the reference document ---------------------------------------------------------------------
JIADING_EXPECTED = [
    # id, indicator, measure, period, value, unit, derived
    ("good-air-rate", "空气质量优良率", "level", 2024, 88.6, "%", False),
    ("good-air-rate-change", "空气质量优良率", "growth_pp", 2024, 2.8, "百分点", False),
    ("good-air-rate-2023", "空气质量优良率", "level", 2023, 85.8, "%", True),
    ("pm25", "PM2.5平均浓度", "level", 2024, 29.4, "微克/立方米", False),
    ("pm25-change", "PM2.5平均浓度", "growth_pct", 2024, -5.2, "%", False),
    ("pm25-2023", "PM2.5平均浓度", "level", 2023, 31.0, "微克/立方米", True),
    ("fines", "罚款金额", "level", 2024, 10967622, "元", False),
    ("inspections", "执法检查", "level", 2024, 2841, "户次", False),
    ("petitions", "信访受理", "level", 2024, 1318, "件", False),
]


@pytest.mark.parametrize("indicator,measure,period,value,unit,derived",
                         [pytest.param(*r[1:], id=r[0]) for r in JIADING_EXPECTED])
def test_jiading(jiading_long, indicator, measure, period, value, unit, derived):
    """Source: corpora/jiading/jiading_2024.txt (issue 5 acceptance)."""
    df = jiading_long
    hit = df[(df.indicator == indicator) & (df.measure == measure) & (df.period == period) & (df.derived == derived)]
    assert len(hit) >= 1
    r = hit.iloc[0]
    assert math.isclose(r["value"], value, rel_tol=1e-9) and r["unit"] == unit
    assert r["quote"] and r["region"] == "上海市嘉定区"


def test_long_columns(jiading_long):
    assert list(jiading_long.columns[:13]) == ["doc", "issuer", "region", "period", "indicator", "measure", "value",
                                               "value_max", "unit", "approx", "target", "derived", "quote"]


@pytest.mark.parametrize("level,growth,measure,expected", [
    pytest.param("29.4", "-5.2", "growth_pct", "31.0", id="pm25-improved"),
    pytest.param("88.6", "2.8", "growth_pp", "85.8", id="rate-points"),
    pytest.param("100", "-100", "growth_pct", None, id="minus-100-percent"),
])
def test_previous_value(level, growth, measure, expected):
    from decimal import Decimal

    got = previous_value(Decimal(level), Decimal(growth), measure)
    assert (str(got) if got is not None else None) == expected


# --- consistency across reports --------------------------------------------------------------
def test_consistent_series(pipeline):
    a = pipeline.parse_text("2023年，PM2.5平均浓度为31微克/立方米。", path="a.txt")
    b = pipeline.parse_text("2024年，PM2.5平均浓度为29.4微克/立方米，同比改善5.2%。", path="b.txt")
    df = compare([a, b], rules=pipeline.rules)
    growth = df[(df.measure == "growth_pct")].iloc[0]
    assert growth["check"] == "ok"
    derived = df[df.derived].iloc[0]
    assert derived["check"] == "ok" and derived["period"] == 2023


def test_mismatch_flagged(pipeline):
    a = pipeline.parse_text("2023年，PM2.5平均浓度为40微克/立方米。", path="a.txt")
    b = pipeline.parse_text("2024年，PM2.5平均浓度为29.4微克/立方米，同比改善5.2%。", path="b.txt")
    df = compare([a, b], rules=pipeline.rules)
    growth = df[(df.measure == "growth_pct")].iloc[0]
    assert growth["check"] == "mismatch" and "imply" in growth["note"]
    assert df[df.derived].iloc[0]["check"] == "break"


def test_scope_break(pipeline):
    a = pipeline.parse_text("2023年，区本级一般公共预算收入完成50亿元。", path="a.txt")
    b = pipeline.parse_text("2024年，一般公共预算收入完成80亿元，同比增长5%。", path="b.txt")
    df = compare([a, b], rules=pipeline.rules)
    lv = df[(df.period == 2024) & (df.measure == "level")].iloc[0]
    assert lv["check"] == "break" and "区本级" in lv["note"]


def test_estimate_noted(pipeline):
    a = pipeline.parse_text("预计2024年全区地区生产总值完成200亿元。", path="a.txt")
    df = compare([a], rules=pipeline.rules)
    assert df.iloc[0]["check"] == "estimate" and "预计" in df.iloc[0]["note"]


def test_unknown_indicator(jiading):
    with pytest.raises(CompareError, match="unknown indicator"):
        compare([jiading], indicators=["人口"])


def test_paths_parsed_once_each(monkeypatch):
    """compare() builds one Pipeline and parses each path once."""
    from govextract import pipeline as pl

    calls = []
    real = pl.Pipeline.parse
    inits = []
    real_init = pl.Pipeline.__init__

    def parse(self, path):
        calls.append(path)
        return real(self, path)

    def init(self, *a, **k):
        inits.append(1)
        real_init(self, *a, **k)

    monkeypatch.setattr(pl.Pipeline, "parse", parse)
    monkeypatch.setattr(pl.Pipeline, "__init__", init)
    compare(STATE_COUNCIL[:3])
    assert calls == STATE_COUNCIL[:3] and len(inits) == 1


# --- CLI ------------------------------------------------------------------------------------------
def run(*args):
    from click.testing import CliRunner

    from govextract.cli import main

    return CliRunner().invoke(main, ["compare", *map(str, args)], catch_exceptions=False)


def test_cli_jsonl():
    res = run(JIADING, "--format", "jsonl", "--indicator", "PM2.5浓度")
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert {(r["period"], r["measure"], r["value"], r["derived"]) for r in recs} >= {
        (2024, "level", 29.4, False), (2024, "growth_pct", -5.2, False), (2023, "level", 31.0, True)}
    assert set(recs[0]) >= {"doc", "issuer", "region", "period", "indicator", "measure", "value", "value_max",
                            "unit", "approx", "target", "derived", "quote"}


def test_cli_table_by_region():
    res = run(*PROVINCES[:3], "--indicator", "地区生产总值", "--by", "region")
    assert res.exit_code == 0, res.output
    assert "安徽省" in res.stdout and "growth_pct" in res.stdout and "[1]" in res.stdout


def test_cli_csv(tmp_path):
    out = tmp_path / "gdp.csv"
    res = run(*STATE_COUNCIL[:2], "--indicator", "GDP", "-o", out)
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8-sig")
    assert text.startswith("doc,issuer,region,period,indicator,measure,value") and "11670000000000" in text


def test_cli_xlsx_and_chart(tmp_path):
    import openpyxl

    out, png = tmp_path / "cmp.xlsx", tmp_path / "cmp.png"
    res = run(*STATE_COUNCIL[:4], "--indicator", "国内生产总值", "-o", out, "--chart", png)
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:4] == ["long", "wide", "sources", "notes"]   # + legend (added)
    header = [c.value for c in wb["long"][1]]
    assert header[:13] == ["doc", "issuer", "region", "period", "indicator", "measure", "value", "value_max", "unit",
                           "approx", "target", "derived", "quote"]
    assert wb["sources"].max_row == 5
    assert png.stat().st_size > 10_000 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_unknown_indicator_one_line():
    from click.testing import CliRunner

    from govextract.cli import main

    res = CliRunner().invoke(main, ["compare", str(JIADING), "--indicator", "人口"])
    assert res.exit_code == 1
    assert res.output.strip().count("\n") == 0 and "unknown indicator" in res.output


def test_cli_xlsx_needs_output():
    from click.testing import CliRunner

    from govextract.cli import main

    res = CliRunner().invoke(main, ["compare", str(JIADING), "--format", "xlsx"])
    assert res.exit_code == 2 and "needs -o" in res.output


def test_cli_help_ends_with_example():
    from click.testing import CliRunner

    from govextract.cli import main

    res = CliRunner().invoke(main, ["compare", "--help"])
    body = res.output.split("Options:")[0].rstrip()
    assert body.splitlines()[-1].strip().startswith("govextract compare")


def test_chart_without_cjk_font(monkeypatch, tmp_path, jiading_long):
    from govextract import compare as cmp

    monkeypatch.setattr(cmp.charts, "find_cjk_font", lambda: None)
    with pytest.raises(cmp.ChartError, match="no font with Chinese glyphs"):
        cmp.chart(jiading_long, tmp_path / "x.png")


# compare shows values with the display vocabulary of the rule set passed in (indicators.yaml
# display, issue 14): the shipped scales, and a user's scale for another unit.
@pytest.mark.parametrize("value,unit,measure,approx,user,shown", [
    (13650000000000, "元", "level", "", None, "13.65万亿元"),
    (1923000000, "元", "level", "", None, "19.23亿元"),
    (2.8, "百分点", "growth_pp", "", None, "+2.8个百分点"),
    (5.0, "%", "growth_pct", "左右", None, "+5%左右"),
    (5.0, "%", "growth_pct", "约", None, "+5%"),
    (125000, "吨", "level", "", None, "125000 吨"),
    (125000, "吨", "level", "", "display:\n  scales:\n    吨: [{at: 10000, per: 10000, unit: 万吨, digits: 6}]\n",
     "12.5万吨"),
], ids=["trillion-yuan", "hundred-million-yuan", "pp", "approx-after", "approx-before", "tons", "user-scale"])
def test_format_value_reads_the_display_rules(tmp_path, value, unit, measure, approx, user, shown):
    from govextract.compare import format_value
    from govextract.rules import load_rules

    if user:
        (tmp_path / "indicators.yaml").write_text(user, encoding="utf-8")
    rules = load_rules(tmp_path) if user else load_rules()
    assert format_value(value, unit, measure, approx=approx, rules=rules) == shown

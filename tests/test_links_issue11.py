"""Issue 11, "Why" items 1, 2, 4 and 7 — wrong year, wrong place, a wrong number, links that
break — and the typed facts of issue 14 (item 2), as tables of examples.

Each row: an id, a source (the issue's quote, or a report of ``corpora/`` and the quote), the
text or the report, and what the linked figures must be. A row written from the issue's quote
is parsed with the metadata the issue names (the reviewed year, the region and its code).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from govextract.compare import compare
from govextract.extract.indicators import link_indicators
from govextract.extract.numbers import parse_number
from govextract.models import DocumentMeta, Quantity

ROOT = Path(__file__).resolve().parents[1]


def linked(pipeline, text: str, period: int | None = None, region: str | None = None,
           code: str | None = None) -> list[Quantity]:
    rep = pipeline.parse_text(text)
    return link_indicators(rep.quantity_list, rep.document, pipeline.rules,
                           DocumentMeta(period=period, region=region, region_code=code))


def fields(q: Quantity, names) -> dict:
    return {k: (float(getattr(q, k)) if isinstance(getattr(q, k), Decimal) else getattr(q, k)) for k in names}


def check(qs: list[Quantity], expect: list[tuple[str, dict]]) -> None:
    for text, want in expect:
        hits = [q for q in qs if q.text == text]
        assert hits, f"{text}: no such quantity in {[q.text for q in qs]}"
        assert fields(hits[0], want) == want, text


# --- Why 1, 2, 4, 7: the issue's own quotes ------------------------------------------------
# id, source, text, (period, region, code), [(quantity text, the fields it must have)]
ISSUE = [
    # 1. wrong year
    ("year-absolute-change-since-2010", "issue 11, Why 1",
     "2015年城镇常住居民人均可支配收入完成30788元，比2010年增加13480元。", (2015, "某市某区", None),
     [("30788元", dict(indicator="城镇常住居民人均可支配收入", measure="level", period=2015, base_period=None)),
      ("13480元", dict(measure="change", period=2015, base_period=2010))]),
    ("year-plan-heading-2013", "issue 11, Why 1 (二、2013年工作安排)",
     "二、2013年工作安排\n全区地区生产总值增长8%，一般公共预算收入完成12亿元，新建学校3所。", (2012, "某区", None),
     [("8%", dict(measure="target_growth_pct", target=True, period=2013)),
      ("12亿元", dict(measure="target_level", target=True, period=2013)),
      ("3所", dict(indicator=None, target=True, period=2013))]),
    ("year-plan-heading-2026", "issue 11, Why 1 (三、2026年工作安排)",
     "三、2026年工作安排\n地区生产总值增长5%左右，新增城镇就业3万人。", (2025, "某省", None),
     [("5%左右", dict(measure="target_growth_pct", period=2026)),
      ("3万人", dict(measure="target_level", period=2026))]),
    ("year-plan-heading-past-is-result", "issue 11, Why 1: a plan part that looks back",
     "三、2026年工作安排\n去年地区生产总值增长5%。", (2025, "某省", None),
     [("5%", dict(measure="growth_pct", target=False, period=2025))]),
    ("year-days-change", "issue 11, What to build 1 (days derive the year before)",
     "2024年，全区空气质量优良天数为300天，比上年增加12天。", (2024, "某区", None),
     [("300天", dict(measure="level", period=2024)), ("12天", dict(measure="change", base_period=2023))]),
    # 2. wrong place
    ("place-two-cities", "issue 11, Why 2 (内江、眉山 of 四川省)",
     "内江、眉山地区生产总值分别增长6.1%、6.5%。", (2024, "四川省", "510000"),
     [("6.1%", dict(measure="growth_pct", place="内江")), ("6.5%", dict(measure="growth_pct", place="眉山"))]),
    ("place-economic-circle", "issue 11, Why 2 (成渝 economic circle)",
     "成渝地区双城经济圈地区生产总值达到8.7万亿元。", (2024, "四川省", "510000"),
     [("8.7万亿元", dict(measure="level", place="成渝地区双城经济圈"))]),
    ("place-a-city-after-the-province", "issue 11, What to build 2",
     "全省地区生产总值达到6.5万亿元，成都地区生产总值2.4万亿元。", (2024, "四川省", "510000"),
     [("6.5万亿元", dict(measure="level", place="")), ("2.4万亿元", dict(measure="level", place="成都"))]),
    ("place-n-counties", "issue 11, What to build 2 (N个县)",
     "全省10个县地区生产总值超过100亿元。", (2024, "某省", None),
     [("超过100亿元", dict(measure="level", place="10个县"))]),
    ("threshold-count-of-counties", "issue 11, Why 2",
     "新增经济总量超200亿元县2个。", (2024, "某省", None),
     [("超200亿元", dict(measure=None, threshold=True))]),
    ("threshold-crossed-is-the-level", "issue 11, Why 2 (跨过3万亿元 was missed)",
     "全省经济总量跨过3万亿元。", (2024, "某省", None),
     [("3万亿元", dict(indicator="地区生产总值", measure="level", threshold=True, period=2024))]),
    # 3. wrong measure (the links part: distinct indicators, a cumulative total)
    ("fiscal-three-measures", "issue 11, Why 3",
     "财政总收入完成29亿元，地方财政总收入完成16亿元，一般公共预算收入完成10亿元。", (2024, "某区", None),
     [("29亿元", dict(indicator="财政总收入")), ("16亿元", dict(indicator="地方财政收入")),
      ("10亿元", dict(indicator="一般公共预算收入"))]),
    ("cumulative-five-years", "issue 11, Why 3 (累计完成3.7万亿元)",
     "五年来，地区生产总值累计完成3.7万亿元。", (2025, "某省", None),
     [("3.7万亿元", dict(measure="cumulative_level", cumulative=True, five_year=True))]),
    ("average-own-measure", "provinces-2026/gansu_2026.txt (hand gold: 6.8 is no 2025 growth)",
     "全体居民人均可支配收入年均增长6.8%，增速连续11个季度居全国前10位。", (2025, "甘肃省", None),
     [("6.8%", dict(indicator="居民人均可支配收入", measure="average_growth_pct", average=True))]),
    ("plan-compared-not-reviewed", "provinces-2026/liaoning_2026.txt (hand gold)",
     "“十四五”时期，地区生产总值年均增长4.5%，高于“十三五”时期1.2个百分点。五年来，民生保障扎实有力。"
     "城镇和农村居民人均可支配收入分别年均增长4.4%、6.5%。", (2025, "辽宁省", None),
     [("4.5%", dict(measure="average_growth_pct", period=2025)),
      ("4.4%", dict(indicator="城镇常住居民人均可支配收入", measure="average_growth_pct", period=2025)),
      ("6.5%", dict(indicator="农村常住居民人均可支配收入", measure="average_growth_pct", period=2025))]),
    ("short-income-names", "provinces-2025-docx 青海 (hand gold)",
     "全省生产总值增长2.7%。城乡居民收入分别增长4.4%、7.1%，收入增速快于经济增长。", (2024, "青海省", None),
     [("4.4%", dict(indicator="城镇常住居民人均可支配收入", measure="growth_pct", period=2024)),
      ("7.1%", dict(indicator="农村常住居民人均可支配收入", measure="growth_pct", period=2024))]),
    ("action-plan-not-a-target", "provinces-2025-docx 广东 (hand gold)",
     "深入实施“民生十大工程”五年行动计划，全面完成省十件民生实事，居民人均可支配收入增长4.4%。",
     (2024, "广东省", None),
     [("4.4%", dict(indicator="居民人均可支配收入", measure="growth_pct", target=False, period=2024))]),
    # 7. links that break
    ("link-remark-skipped-kept-as-scope", "issue 11, Why 7",
     "一般公共预算收入剔除虚增空转因素后完成10.4亿元。", (2024, "某区", None),
     [("10.4亿元", dict(indicator="一般公共预算收入", measure="level", scope="剔除虚增空转因素后"))]),
    ("link-remark-deduction", "issue 11, What to build 7 (扣除…后)",
     "一般公共预算收入扣除留抵退税因素后增长6.2%。", (2024, "某区", None),
     [("6.2%", dict(indicator="一般公共预算收入", measure="growth_pct", scope="扣除留抵退税因素后"))]),
    ("link-fenbie-across-clauses", "issue 11, Why 7",
     "城镇和农村居民人均可支配收入分别达35512元、25689元，分别同比增长7.8%。", (2024, "某区", None),
     [("35512元", dict(indicator="城镇常住居民人均可支配收入", measure="level")),
      ("25689元", dict(indicator="农村常住居民人均可支配收入", measure="level")),
      ("7.8%", dict(indicator="城镇常住居民人均可支配收入", measure="growth_pct",
                    also_indicators=("农村常住居民人均可支配收入",)))]),
    ("link-fenbie-member-by-member", "issue 11, What to build 7",
     "城镇和农村居民人均可支配收入分别达35512元、25689元，分别同比增长7.8%、9.1%。", (2024, "某区", None),
     [("7.8%", dict(indicator="城镇常住居民人均可支配收入", measure="growth_pct")),
      ("9.1%", dict(indicator="农村常住居民人均可支配收入", measure="growth_pct"))]),
    ("link-fenbie-over-separate-clauses", "state_council_2005.txt (issue 11, What to build 7)",
     "城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格因素，分别实际增长7.7%和6.8%。",
     (2004, "中华人民共和国", None),
     [("7.7%", dict(indicator="城镇常住居民人均可支配收入", measure="growth_pct", basis="real")),
      ("6.8%", dict(indicator="农民人均纯收入", measure="growth_pct", basis="real"))]),
    ("link-scope-prefix", "issue 11, Why 7",
     "区本级全社会固定资产投资额完成90.7亿元。", (2024, "某区", None),
     [("90.7亿元", dict(indicator="固定资产投资", measure="level", scope="区本级,全社会"))]),
    # 4. a wrong number
    ("number-fullwidth-comma", "issue 11, Why 4",
     "约占全国1/10，4386万名异地务工人员。", (2024, "广东省", None),
     [("4386万名", dict(value=43860000.0))]),
    ("number-ascii-comma-between-clauses", "issue 11, What to build 6",
     "约占全国1/10,4386万名异地务工人员。", (2024, "广东省", None),
     [("4386万名", dict(value=43860000.0))]),
]


@pytest.mark.parametrize("text,meta,expect", [pytest.param(t, m, e, id=i) for i, _s, t, m, e in ISSUE])
def test_issue_quote(pipeline, text, meta, expect):
    check(linked(pipeline, text, *meta), expect)


@pytest.mark.parametrize("text", [
    pytest.param("约占全国1/10，4386万名异地务工人员。", id="fullwidth"),
    pytest.param("约占全国1/10,4386万名异地务工人员。", id="ascii"),
])
def test_no_number_across_a_clause_comma(pipeline, text):
    """issue 11, Why 4: neither 6万名 nor 10,438."""
    values = {float(q.value) for q in pipeline.parse_text(text).quantity_list}
    assert 60000.0 not in values and 10438.0 not in values and 104386.0 not in values


@pytest.mark.parametrize("text,expected", [
    pytest.param("1,100", 1100, id="ascii-thousands"),
    pytest.param("12,345.6", Decimal("12345.6"), id="ascii-thousands-decimal"),
    pytest.param("1，100", None, id="fullwidth-comma-never-groups"),
    pytest.param("１，１００", None, id="fullwidth-digits-and-comma"),
    pytest.param("10,4386", None, id="ascii-bad-group"),
])
def test_parse_number_commas(text, expected):
    """issue 11, What to build 6: the full-width comma is never a thousands separator."""
    assert parse_number(text) == expected


# --- compare: the year, the place and the measure of what enters a series --------------------
def test_absolute_change_gives_the_base_year_level(pipeline):
    """issue 11, Why 1: 30788 stays in 2015; 2010 gets only the derived base 17308."""
    rep = pipeline.parse_text("2015年城镇常住居民人均可支配收入完成30788元，比2010年增加13480元。", path="a.txt")
    df = compare([rep], rules=pipeline.rules)
    got = sorted((int(r.period), r.measure, int(r.value), bool(r.derived)) for r in df.itertuples())
    assert got == [(2010, "level", 17308, True), (2015, "change", 13480, False), (2015, "level", 30788, False)]


def test_days_change_gives_the_year_before(pipeline):
    """issue 11, What to build 1: absolute changes in days derive the year before."""
    rep = pipeline.parse_text("2024年，全区空气质量优良天数为300天，比上年增加12天。", path="b.txt")
    df = compare([rep], rules=pipeline.rules)
    derived = df[df.derived]
    assert [(int(r.period), int(r.value)) for r in derived.itertuples()] == [(2023, 288)]


def test_named_parts_stay_out_of_the_region_series(pipeline):
    """issue 11, Why 2: a city's or a circle's figure never enters the region's series."""
    rep = pipeline.parse_text("2025年四川省政府工作报告\n2024年，全省地区生产总值达到6.5万亿元。成都地区生产总值2.4万亿元。"
                              "成渝地区双城经济圈地区生产总值达到8.7万亿元。", path="c.txt")
    df = compare([rep], rules=pipeline.rules)
    assert sorted(float(v) for v in df[df.measure == "level"].value) == [6.5e12]


def test_threshold_sets_approx(pipeline):
    """issue 11, Why 2: 跨过3万亿元 is the level, marked as a line crossed (approx 超)."""
    rep = pipeline.parse_text("2024年，全省经济总量跨过3万亿元。", path="d.txt")
    df = compare([rep], rules=pipeline.rules)
    assert [(float(r.value), r.approx) for r in df.itertuples()] == [(3e12, "超")]


@pytest.fixture(scope="module")
def reports(pipeline):
    cache: dict[str, object] = {}

    def get(name: str):
        if name not in cache:
            cache[name] = pipeline.parse(ROOT / "corpora" / name)
        return cache[name]
    return get


def test_plan_section_of_a_real_report_is_the_plan_year(reports):
    """issue 11, Why 1 (885 of 1,050 targets carried the review year): every figure under
    jiangxi_2026.txt's 三、2026年工作安排 is a target for 2026."""
    rep = reports("provinces-2026/jiangxi_2026.txt")
    k = rep.document.text.find("三、2026年工作安排")
    qs = [q for q in rep.quantity_list if q.start > k]
    assert len(qs) > 50 and all(q.target and q.period == 2026 for q in qs)


def test_circle_figure_is_not_chongqing_gdp(reports, pipeline):
    """issue 11, Why 2: chongqing_2026.txt, "川渝一体化发展格局加速形成，地区生产总值五年跨过3个
    万亿级关口、突破10万亿元" is the 成渝 circle's, not 重庆's: no GDP level of 10万亿元."""
    df = compare([reports("provinces-2026/chongqing_2026.txt")], indicators=["地区生产总值"], rules=pipeline.rules)
    assert 1e13 not in {float(v) for v in df[df.measure == "level"].value}


# --- typed facts (issue 14, item 2) on real reports -------------------------------------------
# id, report, quote (part of the sentence), quantity text, fields
FACTS = [
    ("estimate-preliminary", "provinces-2026/fujian_2026.txt", "初步统计，2025年全省地区生产总值60199.45亿元",
     "60199.45亿元", dict(indicator="地区生产总值", measure="level", estimate=True, period=2025)),
    ("basis-real-average", "state-council/state_council_2003.txt", "按可比价格计算，平均每年增长7.7%",
     "7.7%", dict(indicator="地区生产总值", basis="real", average=True)),
    ("basis-real-shiji", "provinces-2026/guangxi_2026.txt", "居民人均可支配收入实际增长5.4%",
     "5.4%", dict(indicator="居民人均可支配收入", basis="real")),
    ("cumulative-five-years", "provinces-2026/chongqing_2026.txt", "进出口总值五年累计超过3.8万亿元",
     "超过3.8万亿元", dict(indicator="进出口总额", cumulative=True, five_year=True)),
    ("start-point", "provinces-2026/hebei_2026.txt", "全省生产总值从2020年的3.68万亿元",
     "3.68万亿元", dict(indicator="地区生产总值", start_point=True, period=2020)),
    ("threshold-crossed", "provinces-2026/anhui_2026.txt", "进出口总额突破万亿元",
     "万亿元", dict(indicator="进出口总额", threshold=True)),
    ("place-metropolitan-circle", "provinces-2026/hubei_2026.txt", "武汉都市圈经济总量达到3.8万亿元",
     "3.8万亿元", dict(indicator="地区生产总值", place="武汉都市圈")),
    ("place-poverty-counties", "provinces-2026/jiangxi_2026.txt", "其中脱贫地区农村居民人均可支配收入年均增长8.8%左右",
     "8.8%左右", dict(place="脱贫地区", average=True)),
    ("own-region-area", "provinces-2025-docx/2025年北京市政府工作报告.docx", "北京地区进出口总额超3.6万亿元",
     "超3.6万亿元", dict(indicator="进出口总额", measure="level", place="", period=2024)),
    ("scope-whole-society", "state-council/state_council_2005.txt", "全年全社会固定资产投资增长25.8%",
     "25.8%", dict(indicator="固定资产投资", scope="全社会")),
    ("scope-same-basis", "provinces-2026/gansu_2026.txt", "一般公共预算收入同口径增长5.5%左右",
     "5.5%左右", dict(indicator="一般公共预算收入", scope="同口径", target=True)),
    ("scope-not-in-own-name", "provinces-2026/anhui_2026.txt", "规上工业增加值增长9.4%",
     "9.4%", dict(indicator="规模以上工业增加值", scope="")),
]


@pytest.mark.parametrize("report,quote,text,want", [pytest.param(r, q, t, w, id=i) for i, r, q, t, w in FACTS])
def test_typed_facts_in_reports(reports, report, quote, text, want):
    rep = reports(report)
    body = rep.document.text
    k = body.find(quote)
    assert k >= 0, f"{report}: quote not found"
    hits = [q for q in rep.quantity_list if q.text == text and k <= q.start < k + len(quote)]
    assert hits, f"{report}: {text} not found in {quote}"
    assert fields(hits[0], want) == want


def test_notes_are_for_people_only():
    """compare branches on the fields, never on the words of a note (issue 14, item 2)."""
    src = (ROOT / "src" / "govextract" / "compare.py").read_text(encoding="utf-8") \
        if (ROOT / "src" / "govextract" / "compare.py").exists() else ""
    for word in ("年均", "按可比价", "突破", "起点", "累计"):
        assert f'"{word}" in' not in src and f"'{word}' in" not in src

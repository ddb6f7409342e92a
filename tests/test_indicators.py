"""Indicator linking: which indicator, which measure, which year — a table of examples.

Each row: an id, the sentence (a real report's wording where a source is named),
and the linked values expected as (indicator, measure, value, period, target).
Reports parsed with ``parse_text`` have no metadata, so periods come from the
years written in the sentence (None when there is none).
"""
from __future__ import annotations

import pytest

from govextract.errors import RulesError
from govextract.extract.indicators import canonical_indicator, lexicon, region_names
from govextract.rules import load_rules


def linked(pipeline, text: str) -> list[tuple]:
    rep = pipeline.parse_text(text)
    out = []
    for q in rep.quantity_list:
        if q.indicator and q.measure and not q.place:   # a named part's figures keep their place
            v = float(q.value)
            out.append((q.indicator, q.measure, int(v) if v.is_integer() else v, q.period, q.target))
    return out


CASES = [
    # id, source, text, expected
    ("level-and-growth", "issue 5",
     "2024年，全年地区生产总值完成192.3亿元，按可比价计算，同比增长6.0%。",
     [("地区生产总值", "level", 19230000000, 2024, False), ("地区生产总值", "growth_pct", 6, 2024, False)]),
    ("fenbie-two-indicators", "issue 5",
     "2024年，城乡常住居民人均可支配收入分别完成37820元、28104元，同比分别增长6.5%、9.4%。",
     [("城镇常住居民人均可支配收入", "level", 37820, 2024, False),
      ("农村常住居民人均可支配收入", "level", 28104, 2024, False),
      ("城镇常住居民人均可支配收入", "growth_pct", 6.5, 2024, False),
      ("农村常住居民人均可支配收入", "growth_pct", 9.4, 2024, False)]),
    ("fenbie-elliptic", "anhui_2026.txt",
     "城镇、农村常住居民人均可支配收入分别增长4.4%、5.9%。",
     [("城镇常住居民人均可支配收入", "growth_pct", 4.4, None, False),
      ("农村常住居民人均可支配收入", "growth_pct", 5.9, None, False)]),
    ("two-names-and", "state_council_2012.txt",
     "城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4%和11.4%。",
     [("城镇常住居民人均可支配收入", "growth_pct", 8.4, None, False),
      ("农民人均纯收入", "growth_pct", 11.4, None, False)]),
    ("target-about", "issue 5",
     "今年主要预期目标是：地区生产总值增长5%左右。",
     [("地区生产总值", "target_growth_pct", 5, None, True)]),
    ("target-range", "shanxi_2026.txt",
     "今年经济社会发展主要目标是：地区生产总值增长4.5%—5%，固定资产投资增长5%。",
     [("地区生产总值", "target_growth_pct", 4.5, None, True), ("固定资产投资", "target_growth_pct", 5, None, True)]),
    ("target-growth-alias", "henan_2026.txt",
     "主要预期目标是：经济增长5%左右、在实际工作中努力争取更好结果。",
     [("地区生产总值", "target_growth_pct", 5, None, True)]),
    ("target-in-gap", "state_council_2003.txt",
     "综合分析国内外各种情况，今年经济增长预期目标为7%左右。",
     [("地区生产总值", "target_growth_pct", 7, None, True)]),
    ("cpi-target-is-level", "state_council_2005.txt",
     "今年经济社会发展的主要预期目标是：国内生产总值增长8%左右；居民消费价格总水平涨幅控制在4%。",
     [("地区生产总值", "target_growth_pct", 8, None, True), ("居民消费价格涨幅", "target_level", 4, None, True)]),
    ("cpi-result-controlled", "state_council_2011.txt",
     "国内生产总值增长10.3%，居民消费价格涨幅控制在3.3%，城镇新增就业1168万人。",
     [("地区生产总值", "growth_pct", 10.3, None, False), ("居民消费价格涨幅", "level", 3.3, None, False),
      ("城镇新增就业", "level", 11680000, None, False)]),
    ("from-to-years", "state_council_2003.txt",
     "国内生产总值从1997年的7.4万亿元增加到2002年的10.2万亿元，按可比价格计算，平均每年增长7.7%。",
     [("地区生产总值", "level", 7400000000000, 1997, False), ("地区生产总值", "level", 10200000000000, 2002, False),
      ("地区生产总值", "average_growth_pct", 7.7, 2002, False)]),
    ("cumulative-not-annual", "state_council_2008.txt",
     "2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%。",
     [("地区生产总值", "level", 24660000000000, 2007, False), ("地区生产总值", "average_growth_pct", 10.6, 2007, False)]),
    ("base-year-sentence", "state_council_2006.txt",
     "2005年与2000年相比，国内生产总值增长57.3%，年均增长9.5%。",
     [("地区生产总值", "average_growth_pct", 9.5, 2005, False)]),
    ("achieved-target-is-result", "state_council_2013.txt",
     "全面实现年初确定的主要目标，国内生产总值增长7.8%，城镇新增就业1266万人。",
     [("地区生产总值", "growth_pct", 7.8, None, False), ("城镇新增就业", "level", 12660000, None, False)]),
    ("share-is-not-gdp", "jiangsu_2026.txt",
     "制造业增加值占地区生产总值比重达33.5%。", []),
    ("marine-gdp-is-not-gdp", "liaoning_2026.txt",
     "沿海经济带协同效应显现，海洋生产总值增长6%左右。", []),
    ("subregion", "hubei_2026.txt",
     "武汉都市圈经济总量达到3.8万亿元。", []),
    ("compared-with-growth", "hunan_2026.txt",
     "其中农村居民收入增长5.8%、快于经济增速1个百分点。",
     [("农村常住居民人均可支配收入", "growth_pct", 5.8, None, False)]),   # the gap to GDP is not linked
    ("class-not-value", "guangxi_2026.txt",
     "经济总量超500亿元的县域增至12个。", []),
    ("milestone-then-level", "hubei_2026.txt",
     "经济规模稳步壮大，地区生产总值迈上6万亿元台阶，达到62661亿元。",
     [("地区生产总值", "level", 6266100000000, None, False)]),
    ("aside-then-growth", "hunan_2026.txt",
     "全省地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%。",
     [("地区生产总值", "level", 5530000000000, None, False), ("地区生产总值", "growth_pct", 4.8, None, False)]),
    ("unknown-subject-breaks", "state_council_2006.txt",
     "全年国内生产总值达到18.23万亿元，比上年增长9.9%；财力突破3万亿元，增加5232亿元。",
     [("地区生产总值", "level", 18230000000000, None, False), ("地区生产总值", "growth_pct", 9.9, None, False)]),
    ("pp-growth", "jiading_2024.txt",
     "2024年，区环境空气质量优良率为88.6%，同比上升2.8个百分点。",
     [("空气质量优良率", "level", 88.6, 2024, False), ("空气质量优良率", "growth_pp", 2.8, 2024, False)]),
    ("improve-is-down-for-pm25", "jiading_2024.txt",
     "PM2.5平均浓度为29.4微克/立方米，同比改善5.2%。",
     [("PM2.5平均浓度", "level", 29.4, None, False), ("PM2.5平均浓度", "growth_pct", 5.2, None, False)]),
]


@pytest.mark.parametrize("text,expected", [pytest.param(t, e, id=i) for i, _src, t, e in CASES])
def test_linking(pipeline, text, expected):
    assert linked(pipeline, text) == expected


def test_change_sign_for_improvement(pipeline):
    rep = pipeline.parse_text("PM2.5平均浓度为29.4微克/立方米，同比改善5.2%。")
    growth = [q for q in rep.quantity_list if q.measure == "growth_pct"]
    assert growth and growth[0].change == "down"


def test_periods_from_metadata(pipeline):
    """With metadata, a result is for the reviewed year, a 今年 target for the next, a
    十五五 年均 target for 2030, and a five-year review value is marked."""
    from govextract.extract.indicators import link_indicators
    from govextract.models import DocumentMeta

    text = ("全省地区生产总值增长5.5%。\n过去五年，地区生产总值年均增长5.7%。\n"
            "“十五五”时期，提出地区生产总值年均增长5%左右。\n今年主要预期目标是：地区生产总值增长5%左右。")
    rep = pipeline.parse_text(text)
    qs = link_indicators(rep.quantity_list, rep.document, pipeline.rules,
                         DocumentMeta(period=2025, kind="政府工作报告"))
    got = [(q.measure, float(q.value), q.period, q.five_year) for q in qs if q.measure]
    assert got == [("growth_pct", 5.5, 2025, False), ("average_growth_pct", 5.7, 2025, True),
                   ("target_average_growth_pct", 5.0, 2030, True), ("target_growth_pct", 5.0, 2026, False)]


def test_future_year_is_a_target(pipeline):
    """state_council_2011.txt (reviews 2010): a year after the reviewed one makes a target."""
    from govextract.extract.indicators import link_indicators
    from govextract.models import DocumentMeta

    rep = pipeline.parse_text("按2010年价格计算，2015年国内生产总值将超过55万亿元。")
    qs = link_indicators(rep.quantity_list, rep.document, pipeline.rules, DocumentMeta(period=2010))
    got = [(q.measure, float(q.value), q.period, q.target, q.five_year) for q in qs if q.measure]
    assert got == [("target_level", 55e12, 2015, True, True)]


@pytest.mark.parametrize("subject,expected", [
    pytest.param("全年地区生产总值", "地区生产总值", id="gdp"),
    pytest.param("国内生产总值", "地区生产总值", id="national-gdp"),
    pytest.param("规上工业增加值", "规模以上工业增加值", id="industry"),
    pytest.param("公共财政预算收入", "一般公共预算收入", id="budget-revenue"),
    pytest.param("地方财政总收入", "地方财政收入", id="fiscal-revenue"),
    pytest.param("农村牧区常住居民人均可支配收入", "农村常住居民人均可支配收入", id="rural-pastoral"),
    pytest.param("农民人均纯收入", "农民人均纯收入", id="net-income-kept-apart"),
    pytest.param("优良天数比例", "空气质量优良率", id="good-days"),
    pytest.param("细颗粒物平均浓度", "PM2.5平均浓度", id="pm25"),
    pytest.param("单位GDP能耗", "单位地区生产总值能耗", id="energy-intensity"),
    pytest.param("海洋生产总值", None, id="never-marine"),
    pytest.param("人均地区生产总值", "人均地区生产总值", id="per-capita-apart"),
])
def test_canonical_indicator(subject, expected):
    assert canonical_indicator(subject, load_rules()) == expected


ISSUE_INDICATORS = ["地区生产总值", "规模以上工业增加值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入",
                    "地方财政收入", "城镇常住居民人均可支配收入", "农村常住居民人均可支配收入", "居民人均可支配收入",
                    "农民人均纯收入", "进出口总额", "城镇新增就业", "居民消费价格涨幅", "单位地区生产总值能耗",
                    "空气质量优良率", "PM2.5平均浓度", "PM10平均浓度", "重污染天数", "国考断面达标率", "市考断面达标率",
                    "优III类水体比例", "受污染耕地安全利用率", "重点建设用地安全利用率", "罚款金额", "执法检查",
                    "信访受理", "排污许可证核发", "环评审批项目"]


@pytest.mark.parametrize("name", ISSUE_INDICATORS)
def test_issue_indicators_present(name):
    spec = load_rules().indicators["indicators"][name]
    assert spec["dimension"] and spec["domain"] in ("economy", "environment")


def test_never_pairs_refuse_shared_alias(tmp_path):
    (tmp_path / "indicators.yaml").write_text(
        "indicators:\n  农村常住居民人均可支配收入:\n    aliases: [农民人均纯收入]\n", encoding="utf-8")
    with pytest.raises(RulesError) as e:
        load_rules(tmp_path)
    assert "never" in str(e.value)


def test_user_extends_indicators_without_code(tmp_path, pipeline):
    from govextract.pipeline import Pipeline

    (tmp_path / "indicators.yaml").write_text(
        "indicators:\n  新能源汽车产量:\n    aliases: [新能源车产量]\n    dimension: count\n"
        "    units: [辆]\n    domain: economy\n", encoding="utf-8")
    rules = load_rules(tmp_path)
    rep = Pipeline(rules).parse_text("新能源车产量达到12000辆，同比增长30%。")
    got = [(q.indicator, q.measure, float(q.value)) for q in rep.quantity_list if q.measure]
    assert got == [("新能源汽车产量", "level", 12000.0), ("新能源汽车产量", "growth_pct", 30.0)]


def test_invalid_indicator_keys_reported(tmp_path):
    (tmp_path / "indicators.yaml").write_text(
        "indicators:\n  X:\n    dimension: money\n    domain: economy\n    better: sideways\n", encoding="utf-8")
    with pytest.raises(RulesError) as e:
        load_rules(tmp_path)
    assert "indicators.X.better" in str(e.value)


def test_region_names():
    assert "嘉定区" in region_names("上海市嘉定区", lexicon(load_rules()))
    assert "广西" in region_names("广西壮族自治区", lexicon(load_rules()))


# One list of region endings (documents.yaml region_suffixes, issue 14) for the metadata's places
# and the short names of indicator linking. The endings indicators.yaml lacked (自治县, 地区, 镇, 乡)
# now give the short name of those places too; 市 before 州 keeps 广州 whole.
@pytest.mark.parametrize("region, short, not_short", [
    ("上海市嘉定区", ["上海", "嘉定"], []),
    ("广东省广州市", ["广东", "广州"], ["广"]),
    ("新疆维吾尔自治区和田地区", ["新疆", "和田"], ["和田地"]),
    ("云南省普洱市景东彝族自治县", ["普洱", "景东彝族"], ["景东彝族自治"]),
    ("湖南省湘乡市", ["湖南", "湘乡"], []),
    ("甘肃省临夏回族自治州东乡族自治县", ["东乡族"], ["东"]),
], ids=["district", "zhou-in-name", "diqu", "autonomous-county", "xiang-in-name", "xiang-in-nation"])
def test_region_short_names_from_the_one_list(region, short, not_short):
    names = region_names(region, lexicon(load_rules()))
    assert set(short) <= set(names) and not set(not_short) & set(names), names


def test_a_user_region_ending_is_tried_before_the_one_it_ends_with(tmp_path):
    (tmp_path / "documents.yaml").write_text("region_suffixes: [自治旗]\n", encoding="utf-8")
    region = "内蒙古自治区呼伦贝尔市鄂伦春自治旗"
    assert "鄂伦春" not in region_names(region, lexicon(load_rules()))
    assert "鄂伦春" in region_names(region, lexicon(load_rules(tmp_path)))

"""Every normalisation fix, as a table of examples (id, source, input, expected)."""
from __future__ import annotations

from functools import partial

import pytest

from govextract import normalise as N
from govextract.commas import clause_commas

CASES = [
    # id, source, fix, input, expected
    ("page-break-year", "jiading_2024.txt (1)", N.rejoin_page_breaks,
     "在2024年度全市生态环境综合履职评估工作中获评优秀，持续担当新使命，在2024\n\n年度区级机关考核中获评先进单位。",
     "在2024年度全市生态环境综合履职评估工作中获评优秀，持续担当新使命，在2024年度区级机关考核中获评先进单位。"),
    ("page-break-word", "jiading_2024.txt (四)", N.rejoin_page_breaks,
     "牵头全区各相关部门开展迎接中央生态环境保护督察专项攻坚行动，累计梳理复核历史点位817个次，整治问\n\n题990个次。",
     "牵头全区各相关部门开展迎接中央生态环境保护督察专项攻坚行动，累计梳理复核历史点位817个次，整治问题990个次。"),
    ("page-break-after-quote", "jiading_2024.txt (二十二)", N.rejoin_page_breaks,
     "（二十二）加强固体废物污染防治。采取“区镇同时检查、区级评估”\n\n的方式，分级分类开展评估工作。",
     "（二十二）加强固体废物污染防治。采取“区镇同时检查、区级评估”的方式，分级分类开展评估工作。"),
    ("page-break-keeps-page-mark", "PDF reader output", N.rejoin_page_breaks,
     "（三）完成重点任务，持续推进整治问\n\f\n题990个次。", "（三）完成重点任务，持续推进整治问\f题990个次。"),
    ("no-join-header-lines", "公文 header", N.rejoin_page_breaks,
     "上海市嘉定区生态环境局文件\n\n嘉环〔2025〕3号", "上海市嘉定区生态环境局文件\n\n嘉环〔2025〕3号"),
    ("no-join-before-outline", "outline marker after a break", N.rejoin_page_breaks,
     "（三）完成重点任务，整治问题\n\n一、下一步工作", "（三）完成重点任务，整治问题\n\n一、下一步工作"),
    ("no-join-after-full-stop", "paragraph end", N.rejoin_page_breaks,
     "完成各基层支部换届选举。\n\n（三）深化党风廉政建设。", "完成各基层支部换届选举。\n\n（三）深化党风廉政建设。"),
    ("bold-markers-kept-for-marks", "jiading_2024.txt (八)", N.rejoin_page_breaks,
     "**推进VOCs综合治理**，开展检查。", "**推进VOCs综合治理**，开展检查。"),
    ("subscript-latex", "jiading_2024.txt", N.fix_subscripts, "PM_{2.5}平均浓度", "PM2.5平均浓度"),
    ("subscript-html", "saved web page", N.fix_subscripts, "PM<sub>10</sub>和CO<sub>2</sub>", "PM10和CO2"),
    ("subscript-unicode", "Word export", N.fix_subscripts, "PM₂.₅浓度", "PM2.5浓度"),
    ("subscript-bare", "anhui_2026.txt", N.fix_subscripts, "PM_2.5平均浓度下降", "PM2.5平均浓度下降"),
    ("subscript-bare-nox", "provincial report", N.fix_subscripts, "SO_2和NO_x排放", "SO2和NOx排放"),
    ("stray-space-digits", "jiading_2024.txt (四)", N.remove_stray_spaces, "整治问题 990 个次", "整治问题990个次"),
    ("stray-space-decimal", "jiading_2024.txt (九)", N.remove_stray_spaces, "完成全区 1976.36 公里入河排污口", "完成全区1976.36公里入河排污口"),
    ("stray-space-title", "jiading_2024.txt title", N.remove_stray_spaces, "《2024年嘉定区生态环境局 工作总结》", "《2024年嘉定区生态环境局工作总结》"),
    ("stray-space-latin", "converter output", N.remove_stray_spaces, "重点行业 VOCs 末端治理", "重点行业VOCs末端治理"),
    ("space-between-latin-kept", "English words", N.remove_stray_spaces, "Hello world", "Hello world"),
    ("space-between-numbers-kept", "two numbers", N.remove_stray_spaces, "1 2", "1 2"),
    ("fullwidth-digits", "state_council_2003.txt", N.fold_fullwidth, "国内生产总值从１９９７年的７．４万亿元", "国内生产总值从1997年的7.4万亿元"),
    ("fullwidth-percent", "state_council_2003.txt", N.fold_fullwidth, "平均每年增长７．７％", "平均每年增长7.7%"),
    # issue 11: the full-width comma is never a thousands separator (约占全国1/10，4386万名 gave 6万名)
    ("fullwidth-comma-never-thousands", "issue 11", N.fold_fullwidth, "１，１００万元", "1，100万元"),
    ("fullwidth-comma-after-fraction", "issue 11", N.fold_fullwidth, "约占全国1/10，4386万名异地务工人员",
     "约占全国1/10，4386万名异地务工人员"),
    ("ascii-comma-between-clauses", "issue 11", partial(clause_commas, separator="，"),
     "约占全国1/10,4386万名异地务工人员", "约占全国1/10，4386万名异地务工人员"),
    ("ascii-comma-bad-group", "issue 11", partial(clause_commas, separator="，"), "12,34个", "12，34个"),
    ("ascii-thousands-kept", "statistical bulletin", partial(clause_commas, separator="，"),
     "收入1,234,567.8元", "收入1,234,567.8元"),
    ("fullwidth-colon-time", "meeting notice", N.fold_fullwidth, "９：３０开会：", "9:30开会："),
    ("fullwidth-comma-kept", "Chinese prose", N.fold_fullwidth, "降碳、减污，扩绿：增长", "降碳、减污，扩绿：增长"),
    ("fullwidth-latin", "state council", N.fold_fullwidth, "ＧＤＰ增长", "GDP增长"),
    ("ideographic-indent", "state_council_2003.txt", N.fold_spaces, "\u3000\u3000本届政府就职", "本届政府就职"),
    ("nbsp-and-tab", "web page", N.fold_spaces, "各位代表：\u00a0\t", "各位代表："),
    ("letterspaced-title", "printed report cover", N.join_letterspaced, "政 府 工 作 报 告", "政府工作报告"),
    ("letterspaced-name", "printed report cover", N.join_letterspaced, "李 克 强", "李克强"),
    ("not-letterspaced-prose", "normal line", N.join_letterspaced, "经济 增长较快", "经济 增长较快"),
    ("crlf", "Windows text", N.fold_newlines, "甲\r\n乙\r丙", "甲\n乙\n丙"),
    ("dash-bar", "qinghai_2026.txt", N.fold_dashes, "――2026年1月27日在青海省", "——2026年1月27日在青海省"),
    # footnote marks: dropped after a word, so never glued to a number nor read as one
    ("footnote-before-number", "issue 10 (a bulletin's 生产总值[2])", N.drop_footnote_marks,
     "全年全市地区生产总值[2]1329.65亿元，增长4.8%。", "全年全市地区生产总值1329.65亿元，增长4.8%。"),
    ("footnote-fullwidth", "hainan_2026.txt", N.drop_footnote_marks,
     "2025年四大主导产业［2］占GDP比重较2020年提高", "2025年四大主导产业占GDP比重较2020年提高"),
    ("footnote-inside-quotes", "2025年海南省政府工作报告.docx", N.drop_footnote_marks,
     "统筹开展“三道防线［21］”建设、水库除险加固", "统筹开展“三道防线”建设、水库除险加固"),
    ("footnote-after-quote", "hainan_2026.txt", N.drop_footnote_marks,
     "狠抓“四个一批”［17］项目攻坚，做实“五张清单”［18］，", "狠抓“四个一批”项目攻坚，做实“五张清单”，"),
    ("footnote-circled", "issue 10 (①)", N.drop_footnote_marks, "地区生产总值①1329.65亿元", "地区生产总值1329.65亿元"),
    ("footnote-superscript", "Word export", N.drop_footnote_marks, "常住人口²866.60万人", "常住人口866.60万人"),
    ("footnote-note-kept", "henan_zhoukou_2023_tjgb.pdf 注释", N.drop_footnote_marks,
     "[2]2023年地区生产总值、各产业增加值为初步核算数据", "[2]2023年地区生产总值、各产业增加值为初步核算数据"),
    ("circled-list-kept", "an enumerated sentence", N.drop_footnote_marks,
     "主要有：①加强建设；②推进治理", "主要有：①加强建设；②推进治理"),
    ("square-metre-kept", "a unit's exponent", N.drop_footnote_marks, "面积10m²，容积5m³", "面积10m²，容积5m³"),
    # a number cut by a line end, in prose
    ("cut-number-decimal", "a scan's line end (issue 10: 11.1% read as .1%)", N.join_cut_numbers,
     "全年生产总值增长4.8%，其中工业增加值增长11.\n1%，服务业增长5%。",
     "全年生产总值增长4.8%，其中工业增加值增长11.1%，服务业增长5%。"),
    ("cut-number-digits", "a scan's line end (issue 10: 101个 read as 01个)", N.join_cut_numbers,
     "全年新开工项目35个，新建学校1\n01个。", "全年新开工项目35个，新建学校101个。"),
    ("table-rows-kept", "henan_zhoukou_2023_tjgb.pdf 表1, flattened", N.join_cut_numbers,
     "其中：城镇392.66 45.31\n乡村473.94 54.69", "其中：城镇392.66 45.31\n乡村473.94 54.69"),
    ("budget-rows-kept", "shanghai_czj_2025_dwys.pdf, flattened", N.join_cut_numbers,
     "208 05 05机关事业单位基本养老保险缴费支出8,000,000 8,000,000\n208 05 06机关事业单位职业年金缴费支出",
     "208 05 05机关事业单位基本养老保险缴费支出8,000,000 8,000,000\n208 05 06机关事业单位职业年金缴费支出"),
]

# Fixes that read the furniture vocabulary (rules/web.yaml: furniture), run through normalise.
FURNITURE = [
    # id, source, input, expected normalised text
    ("caption-year-ocr", "henan_zhoukou_2023_tjgb_p1-5_rasterized.pdf p1 (OCR)",
     "表12023年末周口市常住人口数及其构成", "表1 2023年末周口市常住人口数及其构成"),
    ("caption-year-two-digits", "a bulletin's 表12", "表122023年规模以上工业主要产品产量", "表12 2023年规模以上工业主要产品产量"),
    ("caption-space-kept", "henan_zhoukou_2023_tjgb.pdf p2", "表2 2023年周口市居民消费价格指数", "表2 2023年周口市居民消费价格指数"),
    ("caption-spaced-out", "a converter's 表 2 2023 年", "表 2 2023 年周口市居民消费价格指数", "表2 2023年周口市居民消费价格指数"),
    ("page-number-dashes", "jiading_2024.pdf footer as text", "全年增长5%。\n— 3 —\n下一段。", "全年增长5%。\n\n下一段。"),
    ("page-number-hyphens", "henan_zhoukou_2023_tjgb.pdf footer as text", "全年增长5%。\n- 11 -\n下一段。", "全年增长5%。\n\n下一段。"),
    ("page-number-of", "a converter's footer", "全年增长5%。\n第 3 页 共 14 页\n下一段。", "全年增长5%。\n\n下一段。"),
    ("page-number-split", "a text layer reading — 3 — as 3 and — —", "全年增长5%，其中\n3\n\f— —\n粮食增产。",
     "全年增长5%，其中粮食增产。"),
    ("bare-number-kept", "henan_zhoukou_2023_tjgb.pdf 表2, flattened", "城市\n99.9\n农村\n100", "城市\n99.9\n农村\n100"),
    ("figure-text-layer", "henan_zhoukou_2023_tjgb.pdf p2", "增产4.8%。\n图1 2017-2023年周口市粮食总产量\n单位：万吨\n全年全市油料产量56.43万吨。",
     "增产4.8%。\n\n全年全市油料产量56.43万吨。"),
    ("figure-ocr", "henan_zhoukou_2023_tjgb_p1-5_rasterized.pdf p2 (OCR)",
     "增产4.8%。\n图12017-2023年周口市粮食总产量\n单位：万吨1,000 901.90 912.48\n887.71\n900\n800\n"
     "2017年2018年2019年\n全年全市油料产量56.43万吨。", "增产4.8%。\n\n全年全市油料产量56.43万吨。"),
    ("figure-two-units", "henan_zhoukou_2023_tjgb.pdf p10", "图2 2017-2023年周口市居民人均可支配收入及增速\n单位：元，%\n全年全市居民人均可支配收入。",
     "\n全年全市居民人均可支配收入。"),
    ("figure-sentence-kept", "a sentence that names a figure", "图1显示，全年粮食总产量902.61万吨。", "图1显示，全年粮食总产量902.61万吨。"),
]


@pytest.mark.parametrize("text,expected", [c[2:] for c in FURNITURE], ids=[c[0] for c in FURNITURE])
def test_furniture_fix(text, expected):
    from govextract.rules import load_rules

    assert N.normalise(text, rules=load_rules()).text == expected


@pytest.mark.parametrize("fix,text,expected", [c[2:] for c in CASES], ids=[c[0] for c in CASES])
def test_fix(fix, text, expected):
    assert fix(text) == expected


@pytest.mark.parametrize("fix", N.FIXES, ids=[f.__name__ for f in N.FIXES])
def test_fix_is_idempotent_on_reference(fix):
    from conftest import JIADING_TXT

    text = JIADING_TXT.read_text(encoding="utf-8")
    once = fix(text)
    assert fix(once) == once


def test_explain_names_fixes_in_order():
    assert N.explain("PM_{2.5}为２９．４％，整治问题 990 个次") == ["fold_fullwidth", "fix_subscripts", "remove_stray_spaces"]


def test_bold_markers_become_spans_with_exact_offsets():
    r = N.normalise("完成3项。**推进VOCs综合治理**，开展检查。")
    assert r.text == "完成3项。推进VOCs综合治理，开展检查。"
    (s, e), = r.bold
    assert r.text[s:e] == "推进VOCs综合治理"
    assert "drop_bold_markers" in r.fixes


def test_page_marks_become_page_starts():
    r = N.normalise("第一页正文内容，持续推进整治问\n\f\n题990个次。\f第三页")
    assert r.text == "第一页正文内容，持续推进整治问题990个次。第三页"
    assert r.page_starts == (0, r.text.index("题"), r.text.index("第三页"))


def test_reference_text_matches_gold_paragraphs():
    """Normalised converter text equals the gold's numbered paragraphs (bold markers aside)."""
    from conftest import GOLD, JIADING_TXT

    text = N.normalise(JIADING_TXT.read_text(encoding="utf-8")).text
    paras = [ln.split("] ", 1)[1].replace("**", "") for ln in (GOLD / "jiading_2024.paras.txt").read_text(encoding="utf-8").splitlines() if ln.startswith("[")]
    assert [ln for ln in text.split("\n") if ln.strip()] == paras

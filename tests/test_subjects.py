"""Subjects are whole words: the noun phrase before the number or the counted noun after it, or nothing.

Example rows from four shipped reports (a district work summary, a State Council report
and two provincial reports), each a quantity as the pipeline reads it in its report, and
a check over every quantity of six reports that no subject is cut inside a word or is a
bare verb.
"""
from __future__ import annotations

import pytest

from conftest import CORPORA

JIADING = "jiading/jiading_2024.txt"
STATE = "state-council/state_council_2016.txt"
GANSU = "provinces-2026/gansu_2026.txt"
HAINAN = "provinces-2026/hainan_2026.txt"

# id, report, the quantity's text, a piece of its sentence (to tell repeats apart), the subject
SUBJECTS = [
    # the fragments of issue 13, now whole words
    pytest.param(JIADING, "84件", "查处环境违法行为84件", "查处环境违法行为", id="jd-not-cut-inside-违法行为"),
    pytest.param(JIADING, "13家", "13家污染治理设施家单位", "污染治理设施", id="jd-garbled-source-stops-at-家"),
    pytest.param(JIADING, "4个", "已提前完成4个", "规划指标", id="jd-not-bare-提前"),
    pytest.param(JIADING, "20套", "完成20套VOCs", "VOCs简易治理设施", id="jd-not-bare-完成"),
    pytest.param(JIADING, "13家", "推动13家企业实施", "企业", id="jd-counted-noun-stops-at-verb"),
    pytest.param(JIADING, "216件", "已办结216件", "", id="jd-bare-办结-is-no-subject"),
    pytest.param(JIADING, "1976.36公里", "完成全区1976.36公里", "", id="jd-only-verbs-before-empty"),
    pytest.param(JIADING, "5个", "其余5个问题按计划", "问题", id="jd-noun-stops-at-按"),
    pytest.param(JIADING, "86家", "86家单位开具了", "单位", id="jd-noun-stops-before-verb"),
    pytest.param(JIADING, "478家", "完成478家企事业单位", "企事业单位应急预案备案", id="jd-long-noun-whole-words"),
    pytest.param(JIADING, "88.6%", "优良率为88.6%", "区环境空气质量优良率", id="jd-level-before"),
    pytest.param(JIADING, "1096.7622万", "罚款金额1096.7622万", "罚款金额", id="jd-money"),
    pytest.param(JIADING, "3个", "3个国考断面", "国考断面", id="jd-count-noun"),
    pytest.param(JIADING, "20个", "已完成20个", "重点项目", id="jd-after-已完成"),
    pytest.param(JIADING, "1485个", "1485个排口", "排口", id="jd-domain-term-排口"),
    pytest.param(STATE, "67.7万亿元", "国内生产总值达到67.7万亿元", "国内生产总值", id="sc-gdp"),
    pytest.param(STATE, "1312万人", "城镇新增就业1312万人", "城镇新增就业", id="sc-jobs"),
    pytest.param(STATE, "311项", "下放311项行政审批事项", "行政审批事项", id="sc-counted-noun-with-审批"),
    pytest.param(STATE, "1个百分点", "每增长1个百分点", "现在国内生产总值", id="sc-no-trailing-每"),
    pytest.param(STATE, "5600亿元", "比去年增加5600亿元", "财政赤字", id="sc-comparison-is-no-subject"),
    pytest.param(STATE, "五年", "今后五年，单位", "", id="sc-time-word-alone-is-none"),
    pytest.param(STATE, "2000公里以上", "地下综合管廊2000公里", "城市地下综合管廊", id="sc-leading-verbs-dropped"),
    pytest.param(STATE, "2%", "氨氮排放量要分别下降2%", "氨氮排放量", id="sc-no-trailing-要"),
    pytest.param(STATE, "23.04%", "森林覆盖率达到23.04%", "森林覆盖率", id="sc-forest"),
    pytest.param(GANSU, "8.99万个", "建成5G基站8.99万个", "5G基站", id="gs-no-leading-建成"),
    pytest.param(GANSU, "54个月", "工业投资连续54个月", "工业投资", id="gs-no-trailing-连续"),
    pytest.param(GANSU, "700亿元", "首次突破700亿元", "外贸进出口总值", id="gs-no-trailing-首次"),
    pytest.param(GANSU, "1300万吨", "粮食总产量突破1300万吨", "粮食总产量", id="gs-grain"),
    pytest.param(GANSU, "30%", "高端产品占比从30%", "高端产品占比", id="gs-unknown-word-kept-whole"),
    pytest.param(GANSU, "5家", "5家企业挂牌", "企业", id="gs-noun-without-trailing-verb"),
    pytest.param(GANSU, "93.5%", "优良天数比率93.5%", "城市空气质量优良天数比率", id="gs-air"),
    pytest.param(HAINAN, "27%", "每10万人口高等教育", "高等教育平均在校生", id="hn-word-across-previous-unit"),
    pytest.param(HAINAN, "3个", "3个国家级保种场", "国家级保种场", id="hn-unit-closing-the-noun"),
    pytest.param(HAINAN, "2个", "2个国家级核心育种场", "国家级核心育种场", id="hn-unit-before-a-verb"),
    pytest.param(HAINAN, "30万亩", "标准化胶园30万亩", "标准化胶园", id="hn-unknown-word-not-cut"),
    pytest.param(HAINAN, "0.1%", "CPI微降0.1%", "CPI", id="hn-no-trailing-single-adjective"),
    pytest.param(HAINAN, "7.6万元", "人均生产总值提升至7.6万元", "人均生产总值", id="hn-after-a-year"),
    pytest.param(HAINAN, "约14个百分点", "较2020年提高约14个百分点", "主导产业占GDP比重", id="hn-before-a-comparison-year"),
    pytest.param(HAINAN, "2家", "2家全国重点实验室", "全国重点实验室", id="hn-noun-may-start-with-全国"),
    pytest.param(HAINAN, "9.9%", "规上工业增加值", "规上工业增加值", id="hn-indicator-term-whole"),
]


@pytest.fixture(scope="module")
def reports(pipeline):
    cache: dict[str, object] = {}

    def get(name: str):
        if name not in cache:
            cache[name] = pipeline.parse(CORPORA / name)
        return cache[name]
    return get


@pytest.mark.parametrize("report,text,context,subject", SUBJECTS)
def test_subject_rows(reports, report, text, context, subject):
    rep = reports(report)
    rows = [q for q in rep.quantities.itertuples() if q.text == text and context in q.sentence]
    assert rows, f"no {text} in a sentence with {context}"
    assert rows[0].subject == subject


def test_rows_cover_three_reports_and_thirty_quantities():
    assert len(SUBJECTS) >= 30 and len({p.values[0] for p in SUBJECTS}) >= 3


REPORTS = [JIADING, STATE, GANSU, HAINAN, "provinces-2026/henan_2026.txt", "state-council/state_council_2008.txt"]


@pytest.mark.parametrize("report", REPORTS)
def test_no_subject_is_a_fragment(reports, pipeline, report):
    """Every subject of a report starts and ends where jieba cuts its sentence, and is no
    bare verb or linking word."""
    from govextract.extract.quantities import extractor

    sr = extractor(pipeline.rules).subjects
    tok = pipeline.tokenizer
    rep = reports(report)
    cut, checked = [], 0
    for q in rep.quantities.itertuples():
        if not q.subject:
            continue
        assert q.subject not in sr.verbs | sr.stop, (q.text, q.subject)
        # the occurrence nearest before the number (or the counted noun right after it)
        s = q.sentence
        at = q.start - (rep.text.find(s, max(0, q.start - len(s))) if s else 0)
        after = at + len(q.text)
        i = after if s.startswith(q.subject, after) else s.rfind(q.subject, 0, max(0, at) + 1)
        i = i if i >= 0 else s.find(q.subject)
        bounds = {b for _, a, e in tok.tokenize(s, HMM=False) for b in (a, e)}
        checked += 1
        if i not in bounds or i + len(q.subject) not in bounds:
            cut.append((q.text, q.subject, s[max(0, i - 6):i + len(q.subject) + 6]))
    assert checked > 50 and not cut, cut

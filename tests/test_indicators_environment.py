"""Environment indicators across the wordings of district and city 生态环境局 work summaries,
environment bulletins (环境状况公报) and the provincial work reports — a table of examples.

Each row: an id, a source (the corpus file a sentence was taken from, or "typical … wording" for
the genre's usual phrasings, 2018–2024), the year the summary reviews, the sentence, the linked
values expected and the previous-year values compare derives.

Every sentence is put under a header like the reference document's (上海市某区生态环境局文件 /
某环〔YYYY〕3号 / 关于印发《YYYY年某区生态环境局工作总结》的通知 …), so that ``meta.period`` is the
reviewed year: a result belongs to it, a target to the year it is set for (到2025年 → 2025, a
provincial 力争 target → the next year).

A stated value: (indicator, measure, value, unit, change, period) — the value as written (a
fall has change ``down``); a list member that shares one value (…均达100%) is listed for each
indicator. A derived value: (indicator, value, period). Only environment indicators are compared,
and exactly: a value that must not be linked (近岸海域水质优良率, 较2015年下降30%) is simply absent.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from govextract.compare import compare, wide

HEADER = ("上海市某区生态环境局文件\n\n某环〔{n}〕3号\n\n关于印发《{y}年某区生态环境局工作总结》的通知\n\n"
          "各科室、各街镇：\n\n上海市某区生态环境局\n\n{n}年2月28日\n\n{y}年某区生态环境局工作总结\n\n")


def summary(year: int, text: str) -> str:
    """A one-paragraph work summary reviewing ``year``."""
    return HEADER.format(y=year, n=year + 1) + text


CASES = [
    # id, source, reviewed year, sentence, stated values, derived values
    ('jiading-results-paragraph', 'jiading_2024.txt (results paragraph)', 2024,
     '2024年，区环境空气质量优良率为88.6%，同比上升2.8个百分点；PM2.5平均浓度为29.4微克/立方米，同比改善5.2%；3个国考断面和18个市考断面全部达标，优III类水质断面比例100%；重点建设用地和受污染耕地安全利用率始终保持100%；未发生较大及以上突发环境事件。',
     [('空气质量优良率', 'level', 88.6, '%', '', 2024), ('空气质量优良率', 'growth_pp', 2.8, '百分点', 'up', 2024), ('PM2.5平均浓度', 'level', 29.4, '微克/立方米', '', 2024), ('PM2.5平均浓度', 'growth_pct', 5.2, '%', 'down', 2024), ('优III类水体比例', 'level', 100, '%', '', 2024), ('重点建设用地安全利用率', 'level', 100, '%', '', 2024), ('受污染耕地安全利用率', 'level', 100, '%', '', 2024)],
     [('空气质量优良率', 85.8, 2023), ('PM2.5平均浓度', 31.0, 2023)]),
    ('sections-all-met-in-words', 'jiading_2024.txt (results paragraph)', 2024,
     '3个国考断面和18个市考断面全部达标，优III类水质断面比例100%。',
     [('优III类水体比例', 'level', 100, '%', '', 2024), ('国考断面达标率', 'level', 100, '%', '', 2024),
      ('市考断面达标率', 'level', 100, '%', '', 2024)],
     []),
    ('rate-same-year-pp', 'typical district summary wording', 2023,
     '2023年，全区环境空气质量优良率为85.8%，同比上升1.7个百分点。',
     [('空气质量优良率', 'level', 85.8, '%', '', 2023), ('空气质量优良率', 'growth_pp', 1.7, '百分点', 'up', 2023)],
     [('空气质量优良率', 84.1, 2022)]),
    ('good-days-ratio-higher', 'typical district summary wording', 2023,
     '全区空气质量优良天数比例为88.6%，较上年提高2.8个百分点。',
     [('空气质量优良率', 'level', 88.6, '%', '', 2023), ('空气质量优良率', 'growth_pp', 2.8, '百分点', 'up', 2023)],
     [('空气质量优良率', 85.8, 2022)]),
    ('aqi-gloss-rate-down', 'typical city bulletin wording (环境状况公报)', 2022,
     '环境空气质量指数（AQI）优良率为84.1%，同比下降2.2个百分点。',
     [('空气质量优良率', 'level', 84.1, '%', '', 2022), ('空气质量优良率', 'growth_pp', 2.2, '百分点', 'down', 2022)],
     [('空气质量优良率', 86.3, 2021)]),
    ('aqi-days-and-rate', 'typical city bulletin wording', 2021,
     '全年AQI优良天数为319天，AQI优良率为87.4%。',
     [('空气质量优良天数', 'level', 319, '天', '', 2021), ('空气质量优良率', 'level', 87.4, '%', '', 2021)],
     []),
    ('bare-rate-flat', 'typical district summary wording (2019–2023)', 2021,
     '空气质量优良天数324天，优良率88.5%，同比持平。',
     [('空气质量优良天数', 'level', 324, '天', '', 2021), ('空气质量优良率', 'level', 88.5, '%', '', 2021)],
     [('空气质量优良率', 88.5, 2020)]),
    ('pm25-gloss-annual-mean', 'typical district summary wording', 2023,
     '细颗粒物（PM2.5）年均浓度为31微克/立方米，同比下降11.4%。',
     [('PM2.5平均浓度', 'level', 31, '微克/立方米', '', 2023), ('PM2.5平均浓度', 'growth_pct', 11.4, '%', 'down', 2023)],
     [('PM2.5平均浓度', 35.0, 2022)]),
    ('pm25-annual-value-base-2015', 'typical 2018–2020 summary wording', 2019,
     'PM2.5年均值为35微克/立方米，较2015年下降30%。',
     [('PM2.5平均浓度', 'level', 35, '微克/立方米', '', 2019)],
     []),
    ('pm25-growth-and-base-2015', 'typical 2018–2020 summary wording', 2019,
     '2019年，全区PM2.5年均浓度为39微克/立方米，同比下降9.3%，较2015年下降32.8%。',
     [('PM2.5平均浓度', 'level', 39, '微克/立方米', '', 2019), ('PM2.5平均浓度', 'growth_pct', 9.3, '%', 'down', 2019)],
     [('PM2.5平均浓度', 43.0, 2018)]),
    ('pm25-flat', 'typical 2019–2023 summary wording', 2020,
     '细颗粒物（PM2.5）年均浓度为35微克/立方米，同比持平。',
     [('PM2.5平均浓度', 'level', 35, '微克/立方米', '', 2020)],
     [('PM2.5平均浓度', 35, 2019)]),
    ('pm25-roughly-flat', 'typical 2019–2023 summary wording', 2020,
     'PM2.5年均浓度为35微克/立方米，与上年基本持平。',
     [('PM2.5平均浓度', 'level', 35, '微克/立方米', '', 2020)],
     []),
    ('pm25-rose', 'typical 2019–2023 summary wording', 2019,
     'PM2.5平均浓度为36微克/立方米，同比上升5.9%。',
     [('PM2.5平均浓度', 'level', 36, '微克/立方米', '', 2019), ('PM2.5平均浓度', 'growth_pct', 5.9, '%', 'up', 2019)],
     [('PM2.5平均浓度', 34.0, 2018)]),
    ('pm25-record-low', 'typical city bulletin wording', 2023,
     '细颗粒物（PM2.5）浓度为29微克/立方米，同比下降6.5%，为有监测记录以来最低值。',
     [('PM2.5平均浓度', 'level', 29, '微克/立方米', '', 2023), ('PM2.5平均浓度', 'growth_pct', 6.5, '%', 'down', 2023)],
     [('PM2.5平均浓度', 31.0, 2022)]),
    ('pm25-no-verb-standard', 'typical district summary wording', 2022,
     'PM2.5年均浓度31微克/立方米，达到国家环境空气质量二级标准。',
     [('PM2.5平均浓度', 'level', 31, '微克/立方米', '', 2022)],
     []),
    ('pm10-gloss', 'typical city bulletin wording', 2023,
     '可吸入颗粒物（PM10）年均浓度为45微克/立方米，同比下降6.3%。',
     [('PM10平均浓度', 'level', 45, '微克/立方米', '', 2023), ('PM10平均浓度', 'growth_pct', 6.3, '%', 'down', 2023)],
     [('PM10平均浓度', 48.0, 2022)]),
    ('pm10-rose', 'typical district summary wording', 2023,
     'PM10平均浓度为45微克/立方米，同比上升2.3%。',
     [('PM10平均浓度', 'level', 45, '微克/立方米', '', 2023), ('PM10平均浓度', 'growth_pct', 2.3, '%', 'up', 2023)],
     [('PM10平均浓度', 44.0, 2022)]),
    ('list-levels-fenbie', 'typical district summary wording', 2024,
     '空气质量优良率和PM2.5平均浓度分别为88.6%和29.4微克/立方米。',
     [('空气质量优良率', 'level', 88.6, '%', '', 2024), ('PM2.5平均浓度', 'level', 29.4, '微克/立方米', '', 2024)],
     []),
    ('list-levels-and-changes', 'typical district summary wording', 2024,
     '优良天数比例、PM2.5浓度分别为88.6%、29.4微克/立方米，同比分别上升2.8个百分点、下降5.2%。',
     [('空气质量优良率', 'level', 88.6, '%', '', 2024), ('PM2.5平均浓度', 'level', 29.4, '微克/立方米', '', 2024), ('空气质量优良率', 'growth_pp', 2.8, '百分点', 'up', 2024), ('PM2.5平均浓度', 'growth_pct', 5.2, '%', 'down', 2024)],
     [('空气质量优良率', 85.8, 2023), ('PM2.5平均浓度', 31.0, 2023)]),
    ('heavy-days', 'typical district summary wording', 2023,
     '全年重度及以上污染天数为1天。',
     [('重污染天数', 'level', 1, '天', '', 2023)],
     []),
    ('heavy-days-fewer', 'typical district summary wording', 2019,
     '重污染天数为2天，同比减少4天。',
     [('重污染天数', 'level', 2, '天', '', 2019)],
     [('重污染天数', 6, 2018)]),
    ('good-days-more', 'typical district summary wording', 2019,
     '全区环境空气质量优良天数为305天，优良率为83.6%，比上年增加11天。',
     [('空气质量优良天数', 'level', 305, '天', '', 2019), ('空气质量优良率', 'level', 83.6, '%', '', 2019)],
     [('空气质量优良天数', 294, 2018)]),
    ('national-city-sections-rates', 'typical district summary wording', 2023,
     '国考断面达标率为100%，市考断面达标率为94.4%，同比上升5.6个百分点。',
     [('国考断面达标率', 'level', 100, '%', '', 2023), ('市考断面达标率', 'level', 94.4, '%', '', 2023), ('市考断面达标率', 'growth_pp', 5.6, '百分点', 'up', 2023)],
     [('市考断面达标率', 88.8, 2022)]),
    ('national-sections-count', 'typical district summary wording', 2019,
     '全区纳入考核的6个国考断面水质达标率为100%。',
     [('国考断面达标率', 'level', 100, '%', '', 2019)],
     []),
    ('class-iii-sections', 'typical district summary wording', 2022,
     '地表水优III类断面比例为96.6%，同比上升3.4个百分点。',
     [('优III类水体比例', 'level', 96.6, '%', '', 2022), ('优III类水体比例', 'growth_pp', 3.4, '百分点', 'up', 2022)],
     [('优III类水体比例', 93.2, 2021)]),
    ('class-iii-roman', 'typical district summary wording (2019–2021)', 2020,
     '地表水环境质量明显改善，优Ⅲ类水体比例达到81.2%，同比上升9.4个百分点，劣Ⅴ类水体全面消除。',
     [('优III类水体比例', 'level', 81.2, '%', '', 2020), ('优III类水体比例', 'growth_pp', 9.4, '百分点', 'up', 2020)],
     [('优III类水体比例', 71.8, 2019)]),
    ('at-or-better-than-iii', 'typical bulletin wording', 2022,
     '地表水达到或好于Ⅲ类水体比例为87.5%。',
     [('优III类水体比例', 'level', 87.5, '%', '', 2022)],
     []),
    ('good-quality-gloss', 'typical city bulletin wording', 2023,
     '主要河湖断面水质优良（达到或好于Ⅲ类）比例为95.2%。',
     [('优III类水体比例', 'level', 95.2, '%', '', 2023)],
     []),
    ('national-sections-good-share', 'typical district summary wording', 2023,
     '国考断面水质优良比例为100%，劣V类水体比例为0。',
     [('优III类水体比例', 'level', 100, '%', '', 2023)],
     []),
    ('soil-two-rates', 'typical district summary wording', 2023,
     '受污染耕地安全利用率达到100%，重点建设用地安全利用率100%。',
     [('受污染耕地安全利用率', 'level', 100, '%', '', 2023), ('重点建设用地安全利用率', 'level', 100, '%', '', 2023)],
     []),
    ('soil-list-jun', 'typical district summary wording', 2021,
     '土壤环境质量总体稳定，受污染耕地安全利用率和污染地块安全利用率均达到100%。',
     [('受污染耕地安全利用率', 'level', 100, '%', '', 2021), ('重点建设用地安全利用率', 'level', 100, '%', '', 2021)],
     []),
    ('fines-wan-no-yuan', 'jiading_2024.txt (二十六)', 2024,
     '查处环境违法行为84件，罚款金额1096.7622万，没收违法所得11.7765万元。',
     [('罚款金额', 'level', 10967622, '元', '', 2024)],
     []),
    ('fines-penalty-amount', 'typical district summary wording', 2023,
     '立案查处环境违法案件84件，处罚金额1096.76万元。',
     [('罚款金额', 'level', 10967600, '元', '', 2023)],
     []),
    ('fines-total', 'typical district summary wording', 2022,
     '作出行政处罚决定72件，罚款金额合计856.3万元。',
     [('罚款金额', 'level', 8563000, '元', '', 2022)],
     []),
    ('fines-chu-fakuan', 'typical district summary wording', 2019,
     '全年立案查处环境违法案件156件，处罚款1580.5万元，同比增长12.3%。',
     [('罚款金额', 'level', 15805000, '元', '', 2019), ('罚款金额', 'growth_pct', 12.3, '%', 'up', 2019)],
     [('罚款金额', 14074000.0, 2018)]),
    ('fines-fameikuan', 'typical district summary wording', 2021,
     '下达行政处罚决定书72份，罚没款856.3万元。',
     [('罚款金额', 'level', 8563000, '元', '', 2021)],
     []),
    ('inspections-jiading', 'jiading_2024.txt (二十六)', 2024,
     '全年累计出动执法人员1896批次，4596人次，现场检查企业2841户次。',
     [('执法检查', 'level', 2841, '户次', '', 2024)],
     []),
    ('inspections-jiaci', 'typical district summary wording', 2022,
     '全年开展执法检查2650家次。',
     [('执法检查', 'level', 2650, '家次', '', 2022)],
     []),
    ('inspections-polluters', 'typical district summary wording', 2019,
     '全年共出动执法人员5230人次，检查排污单位2160家次。',
     [('执法检查', 'level', 2160, '家次', '', 2019)],
     []),
    ('petitions-jiading', 'jiading_2024.txt (二十九)', 2024,
     '全年共受理人民来信、来电、来访1318件，其中受理“12345”市民热线投诉举报1117件，办结率100%。',
     [('信访受理', 'level', 1318, '件', '', 2024)],
     []),
    ('petitions-complaints-down', 'typical district summary wording', 2019,
     '全年受理环境信访投诉2356件，同比下降12.8%，办结率100%。',
     [('信访受理', 'level', 2356, '件', '', 2019), ('信访受理', 'growth_pct', 12.8, '%', 'down', 2019)],
     [('信访受理', 2702.0, 2018)]),
    ('petitions-all-kinds', 'typical district summary wording', 2022,
     '受理各类环境信访投诉1318件。',
     [('信访受理', 'level', 1318, '件', '', 2022)],
     []),
    ('petitions-reports', 'typical district summary wording', 2021,
     '全年受理群众信访举报1450件。',
     [('信访受理', 'level', 1450, '件', '', 2021)],
     []),
    ('permits-jiading', 'jiading_2024.txt (十七)', 2024,
     '核发排污许可证219张，推进排污许可提质增效。',
     [('排污许可证核发', 'level', 219, '张', '', 2024)],
     []),
    ('permits-noun-first', 'typical district summary wording', 2022,
     '完成排污许可证核发219家。',
     [('排污许可证核发', 'level', 219, '家', '', 2022)],
     []),
    ('permits-issued', 'typical district summary wording', 2019,
     '全年核发排污许可证312张，登记管理1286家。',
     [('排污许可证核发', 'level', 312, '张', '', 2019)],
     []),
    ('eia-jiading', 'jiading_2024.txt (十七)', 2024,
     '推动一批重点项目落地，审批建设项目198个。',
     [('环评审批项目', 'level', 198, '个', '', 2024)],
     []),
    ('eia-projects', 'typical district summary wording', 2022,
     '审批环评项目198个，总投资120亿元。',
     [('环评审批项目', 'level', 198, '个', '', 2022)],
     []),
    ('eia-documents', 'typical district summary wording', 2019,
     '全年审批建设项目环评文件265件，其中报告书12件、报告表253件。',
     [('环评审批项目', 'level', 265, '件', '', 2019)],
     []),
    ('eia-noun', 'typical district summary wording', 2021,
     '全年完成环评审批198个。',
     [('环评审批项目', 'level', 198, '个', '', 2021)],
     []),
    ('target-2025', 'typical 十四五 target wording', 2023,
     '到2025年，全区环境空气质量优良率达到90%以上，PM2.5平均浓度控制在30微克/立方米以内。',
     [('空气质量优良率', 'target_level', 90, '%', '', 2025), ('PM2.5平均浓度', 'target_level', 30, '微克/立方米', '', 2025)],
     []),
    ('target-14th-plan', 'typical 十四五 plan wording', 2021,
     '“十四五”期间，全区PM2.5年均浓度目标为控制在30微克/立方米以下。',
     [('PM2.5平均浓度', 'target_level', 30, '微克/立方米', '', 2025)],
     []),
    ('cumulative-13th-plan', 'typical 2020 summary wording', 2020,
     '“十三五”期间，PM2.5年均浓度累计下降28%。',
     [('PM2.5平均浓度', 'growth_pct', 28, '%', 'down', 2020)],
     []),
    ('gansu-three-rates', 'gansu_2026.txt', 2025,
     '城市空气质量优良天数比率93.5%，地表水国控断面水质优良比例97.3%，受污染耕地安全利用率96.5%。',
     [('空气质量优良率', 'level', 93.5, '%', '', 2025), ('优III类水体比例', 'level', 97.3, '%', '', 2025), ('受污染耕地安全利用率', 'level', 96.5, '%', '', 2025)],
     []),
    ('guangxi-pm25-subscript', 'guangxi_2026.txt', 2025,
     '空气质量优良天数比率96.1%，PM_2.5平均浓度25.9微克/立方米，地表水考核断面水质优良比例99.1%，近岸海域水质优良比例94.9%，土壤环境质量状况总体稳定。',
     [('空气质量优良率', 'level', 96.1, '%', '', 2025), ('PM2.5平均浓度', 'level', 25.9, '微克/立方米', '', 2025), ('优III类水体比例', 'level', 99.1, '%', '', 2025)],
     []),
    ('hainan-fenbie-sea', 'hainan_2026.txt', 2025,
     '空气质量优良天数比例98.8%，PM2.5浓度11.8微克/立方米，地表水、近岸海域水质优良比例分别达96.9%、99.7%。',
     [('空气质量优良率', 'level', 98.8, '%', '', 2025), ('PM2.5平均浓度', 'level', 11.8, '微克/立方米', '', 2025), ('优III类水体比例', 'level', 96.9, '%', '', 2025)],
     []),
    ('anhui-pm25-down', 'anhui_2026.txt', 2025,
     '全省PM_2.5平均浓度下降12.1%，优良天数比率超过80%，国考断面水质优良比例超过90%，城市和县城建成区黑臭水体基本消除。',
     [('PM2.5平均浓度', 'growth_pct', 12.1, '%', 'down', 2025), ('空气质量优良率', 'level', 80, '%', '', 2025), ('优III类水体比例', 'level', 90, '%', '', 2025)],
     []),
    ('heilongjiang-sections-pp', 'heilongjiang_2026.txt', 2025,
     '国考断面优良水体比例提高2.3个百分点，松花江干流水质保持优等级。',
     [('优III类水体比例', 'growth_pp', 2.3, '百分点', 'up', 2025)],
     []),
    ('henan-pm25-good-days', 'henan_2026.txt', 2025,
     '大力推进污染防治攻坚，全省PM2.5浓度下降13.7%，优良天数增加25天，信阳市实现空气质量二级达标。',
     [('PM2.5平均浓度', 'growth_pct', 13.7, '%', 'down', 2025)],
     []),
    ('hubei-rates', 'hubei_2026.txt', 2025,
     '森林覆盖率提高到42.5%，国控断面水质优良比例达到95.2%，国考城市PM_2.5浓度下降18.3%，受污染耕地安全利用率达到93%以上。',
     [('森林覆盖率', 'level', 42.5, '%', '', 2025), ('优III类水体比例', 'level', 95.2, '%', '', 2025), ('PM2.5平均浓度', 'growth_pct', 18.3, '%', 'down', 2025), ('受污染耕地安全利用率', 'level', 93, '%', '', 2025)],
     []),
    ('hunan-target-pm25', 'hunan_2026.txt', 2025,
     '推进秸秆禁限烧疏堵结合、分区管控，力争PM2.5浓度下降到33微克/立方米左右。',
     [('PM2.5平均浓度', 'target_level', 33, '微克/立方米', '', 2026)],
     []),
    ('hunan-target-water', 'hunan_2026.txt', 2025,
     '提升城镇生活污水处理质效，力争全省优良水体比例达到90%以上。',
     [('优III类水体比例', 'target_level', 90, '%', '', 2026)],
     []),
    ('jiangsu-at-or-better', 'jiangsu_2026.txt', 2025,
     '空气优良天数比率达83.8%，PM2.5浓度31.3微克/立方米，地表水国考断面达到或优于Ⅲ类水体比例达94.8%，造林绿化19万亩。',
     [('空气质量优良率', 'level', 83.8, '%', '', 2025), ('PM2.5平均浓度', 'level', 31.3, '微克/立方米', '', 2025), ('优III类水体比例', 'level', 94.8, '%', '', 2025)],
     []),
    ('jiangsu-sea-not-water', 'jiangsu_2026.txt', 2025,
     '大运河圆满完成南水北调保障任务，近岸海域水质优良率超84%，县以上城市建成区黑臭水体基本消除。',
     [],
     []),
    ('jiangsu-vs-13th-plan-end', 'jiangsu_2026.txt', 2025,
     'PM2.5年均浓度较“十三五”末改善16.5%，连续5年达国家二级标准。',
     [],
     []),
    ('jiangxi-rates', 'jiangxi_2026.txt', 2025,
     '全省PM2.5平均浓度27.4微克/立方米，扣除自然因素影响后空气优良天数比率96.7%、地表水国考断面水质优良比例98.5%，鄱阳湖总磷浓度稳步下降。',
     [('PM2.5平均浓度', 'level', 27.4, '微克/立方米', '', 2025), ('空气质量优良率', 'level', 96.7, '%', '', 2025), ('优III类水体比例', 'level', 98.5, '%', '', 2025)],
     []),
    ('liaoning-changes', 'liaoning_2026.txt', 2025,
     'PM2.5浓度下降19%，优良天数比例提高6.1个百分点，地表水国考断面优良水质比例提高15.6个百分点，重污染天气、城市黑臭水体基本消除。',
     [('PM2.5平均浓度', 'growth_pct', 19, '%', 'down', 2025), ('空气质量优良率', 'growth_pp', 6.1, '百分点', 'up', 2025), ('优III类水体比例', 'growth_pp', 15.6, '百分点', 'up', 2025)],
     []),
    ('ningxia-pm25-subscript', 'ningxia_2026.txt', 2025,
     '加大守护蓝天力度，空气质量优良天数比例超过88%，PM_2.5浓度为25.9微克/立方米、优于全国平均水平。',
     [('空气质量优良率', 'level', 88, '%', '', 2025), ('PM2.5平均浓度', 'level', 25.9, '微克/立方米', '', 2025)],
     []),
    ('ningxia-soil-jun', 'ningxia_2026.txt', 2025,
     '城市生活垃圾和建筑垃圾利用率均达60%以上，危险废物安全处置率、受污染耕地安全利用率均达100%。',
     [('受污染耕地安全利用率', 'level', 100, '%', '', 2025)],
     []),
    ('shanxi-index-pm25-rate', 'shanxi_2026.txt', 2025,
     '环境空气质量综合指数同比下降13.3%，PM2.5浓度降至30微克/立方米，优良天数比例同比提升7.2个百分点。',
     [('PM2.5平均浓度', 'level', 30, '微克/立方米', '', 2025), ('空气质量优良率', 'growth_pp', 7.2, '百分点', 'up', 2025)],
     []),
    ('shanxi-water-raised-to', 'shanxi_2026.txt', 2025,
     '“一泓清水入黄河”生态保护工程如期完工，地表水国考断面优良水体比例提高到98.9%。',
     [('优III类水体比例', 'level', 98.9, '%', '', 2025)],
     []),
    ('xizang-kept-above', 'xizang_2026.txt', 2025,
     '全区环境空气质量优良天数比例保持99%以上，主要江河湖泊和饮用水水源地水质达标率100%。',
     [('空气质量优良率', 'level', 99, '%', '', 2025)],
     []),
    ('yunnan-rate-rank', 'yunnan_2026.txt', 2025,
     '城市空气质量优良天数比率98.9%、居全国第1位。',
     [('空气质量优良率', 'level', 98.9, '%', '', 2025)],
     []),
    ('chongqing-sections-consecutive', 'chongqing_2026.txt', 2025,
     '长江干流重庆段水质实现“9连优”，74个国控断面水质优良比例连续3年保持100%。',
     [('优III类水体比例', 'level', 100, '%', '', 2025)],
     []),
    ('qinghai-rate', 'qinghai_2026.txt', 2025,
     '持续打好污染防治攻坚战，空气质量优良天数比例达97.9%，三大江河出省境断面水质保持在Ⅱ类及以上。',
     [('空气质量优良率', 'level', 97.9, '%', '', 2025)],
     []),
    ('remote-checks-not-inspections', 'jiading_2024.txt (二十七)', 2024,
     '对在我区开展环境监测业务的77家社会监测机构抽取了28家开展现场采样检查、根据“上海市环境监测社会化服务监管系统”推送对38家开展非现场检查。',
     [],
     []),
    ('all-petitions-not-environment', 'jiangxi_2026.txt', 2025,
     '打击治理电信网络诈骗成效连续5个季度居全国前列，信访总量下降9.6%，刑事治安警情总量下降8.76%。',
     [],
     []),
]

XFAIL = {
    'heavy-days-fewer': 'an absolute change in days (同比减少4天) is no growth measure: the year before (6天) is not derived',
    'sections-all-met-in-words': 'a rate stated in words (3个国考断面和18个市考断面全部达标 = 达标率100%) gives no number to link',
    'good-days-more': 'an absolute change in days (比上年增加11天) is no growth measure: 294 days for 2018 is not derived',
}


def _params():
    for rid, src, year, text, stated, derived in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=XFAIL[rid])] if rid in XFAIL else []
        yield pytest.param(year, text, stated, derived, id=rid, marks=marks)


def _num(v: float) -> float | int:
    v = round(float(v), 6)
    return int(v) if v.is_integer() else v


@pytest.fixture(scope="module")
def environment(pipeline) -> frozenset[str]:
    return frozenset(n for n, s in pipeline.rules.indicators["indicators"].items() if s["domain"] == "environment")


@pytest.mark.parametrize("year,text,stated,derived", list(_params()))
def test_environment_wording(pipeline, environment, year, text, stated, derived):
    rep = pipeline.parse_text(summary(year, text))
    assert rep.meta.period == year
    got = []
    for q in rep.quantity_list:
        if q.indicator in environment and q.measure:
            for name in (q.indicator, *q.also_indicators):
                got.append((name, q.measure, _num(q.value), q.unit, q.change, q.period))
    assert sorted(got) == sorted(stated)
    df = compare([rep], rules=pipeline.rules)
    df = df[df["indicator"].isin(environment)]
    got_derived = sorted((r["indicator"], _num(r["value"]), r["period"]) for r in df[df["derived"]].to_dict("records"))
    assert got_derived == sorted((i, _num(v), p) for i, v, p in derived)
    # compare gives the same stated values, a fall as a negative growth, targets marked
    for name, measure, value, unit, change, period in stated:
        rows = df[(df["indicator"] == name) & (df["measure"] == measure) & (df["period"] == period) & ~df["derived"]]
        signed = -value if change == "down" and measure.removeprefix("target_").startswith("growth") else value
        assert any(math.isclose(v, signed) for v in rows["value"]), (name, measure, value, rows.values.tolist())
        assert set(rows["target"]) == {measure.startswith("target_")}
        assert (rows["unit"] == unit).all()


# --- a district over three years, end to end ------------------------------------------------------
# tests/fixtures/district_series/moudistrict_{2022,2023,2024}.txt: synthetic summaries in the
# reference document's form (header, results paragraph, 一、主要工作, 二、<next year>工作安排).
# The numbers agree from year to year except two deliberate breaks: the 2023 summary states
# 市考断面达标率 88.9% (+11.1 points) although the 2022 summary gave 83.3% (a restatement:
# derived 77.8 ≠ 83.3), and the 2024 summary gives PM10 按新版监测点位可比口径 (a scope change).
SERIES = sorted((Path(__file__).parent / "fixtures" / "district_series").glob("moudistrict_*.txt"))

SERIES_EXPECTED = [
    # id, indicator, period, measure, value, derived, check
    ("air-2022", "空气质量优良率", 2022, "level", 84.1, False, ""),
    ("air-2021-derived", "空气质量优良率", 2021, "level", 82.5, True, ""),
    ("air-2023-growth-ok", "空气质量优良率", 2023, "growth_pp", 1.7, False, "ok"),
    ("air-2022-derived-ok", "空气质量优良率", 2022, "level", 84.1, True, "ok"),
    ("air-2024", "空气质量优良率", 2024, "level", 88.6, False, ""),
    ("air-2024-growth-ok", "空气质量优良率", 2024, "growth_pp", 2.8, False, "ok"),
    ("air-2023-derived-ok", "空气质量优良率", 2023, "level", 85.8, True, "ok"),
    ("pm25-2022", "PM2.5平均浓度", 2022, "level", 33, False, ""),
    ("pm25-2021-derived", "PM2.5平均浓度", 2021, "level", 35.0, True, ""),
    ("pm25-2023-growth-ok", "PM2.5平均浓度", 2023, "growth_pct", -6.1, False, "ok"),
    ("pm25-2024-improved-ok", "PM2.5平均浓度", 2024, "growth_pct", -5.2, False, "ok"),
    ("pm25-2023-derived-ok", "PM2.5平均浓度", 2023, "level", 31.0, True, "ok"),
    ("pm10-2022-derived-ok", "PM10平均浓度", 2022, "level", 47.0, True, "ok"),
    ("pm10-2024-scope-break", "PM10平均浓度", 2024, "level", 42, False, "break"),
    ("city-sections-2023-mismatch", "市考断面达标率", 2023, "growth_pp", 11.1, False, "mismatch"),
    ("city-sections-2022-restated", "市考断面达标率", 2022, "level", 77.8, True, "break"),
    ("city-sections-2024-ok", "市考断面达标率", 2024, "growth_pp", 5.5, False, "ok"),
    ("fines-2023-growth-ok", "罚款金额", 2023, "growth_pct", 19.2, False, "ok"),
    ("fines-2022-derived-ok", "罚款金额", 2022, "level", 8561000, True, "ok"),
    ("fines-2024-wan-no-yuan", "罚款金额", 2024, "level", 10967622, False, ""),
    ("petitions-2023-ok", "信访受理", 2023, "growth_pct", -4.8, False, "ok"),
    ("petitions-2024-ok", "信访受理", 2024, "growth_pct", -4.5, False, "ok"),
    ("petitions-2023-derived-ok", "信访受理", 2023, "level", 1380, True, "ok"),
    ("inspections-2023", "执法检查", 2023, "level", 2710, False, ""),
    ("permits-2024", "排污许可证核发", 2024, "level", 219, False, ""),
    ("eia-2022", "环评审批项目", 2022, "level", 176, False, ""),
    ("soil-2024-shared", "受污染耕地安全利用率", 2024, "level", 100, False, ""),
]

#: indicators the three summaries state every year, as a level
SERIES_ANNUAL = ["空气质量优良率", "PM2.5平均浓度", "PM10平均浓度", "市考断面达标率", "受污染耕地安全利用率",
                 "重点建设用地安全利用率", "罚款金额", "执法检查", "信访受理", "排污许可证核发", "环评审批项目"]


@pytest.fixture(scope="module")
def series(pipeline):
    assert [p.name for p in SERIES] == ["moudistrict_2022.txt", "moudistrict_2023.txt", "moudistrict_2024.txt"]
    return compare(SERIES, rules=pipeline.rules)


def test_series_periods_from_headers(pipeline):
    """Source: tests/fixtures/district_series (关于印发《YYYY年…工作总结》的通知 → period YYYY)."""
    assert [pipeline.parse(p).meta.period for p in SERIES] == [2022, 2023, 2024]


@pytest.mark.parametrize("indicator", SERIES_ANNUAL)
def test_series_one_stated_level_per_year(series, indicator):
    """Source: tests/fixtures/district_series — one stated level per year, from that year's summary."""
    df = series[(series.indicator == indicator) & (series.measure == "level") & ~series.derived & ~series.target]
    assert sorted(df["period"]) == [2022, 2023, 2024]
    assert [Path(d).name[-8:-4] for d in df.sort_values("period")["doc"]] == ["2022", "2023", "2024"]


@pytest.mark.parametrize("indicator,period,measure,value,derived,check",
                         [pytest.param(*r[1:], id=r[0]) for r in SERIES_EXPECTED])
def test_series_values_and_checks(series, indicator, period, measure, value, derived, check):
    """Source: tests/fixtures/district_series/moudistrict_YYYY.txt (numbers chosen to agree, except two)."""
    df = series[(series.indicator == indicator) & (series.period == period) & (series.measure == measure)
                & (series.derived == derived) & ~series.target]
    assert len(df) == 1, df[["doc", "value", "check"]].values.tolist()
    r = df.iloc[0]
    assert math.isclose(r["value"], value, rel_tol=1e-9) and r["check"] == check, (r["value"], r["check"], r["note"])


def test_series_notes_say_what_broke(series):
    restated = series[(series.indicator == "市考断面达标率") & series.derived & (series.period == 2022)].iloc[0]
    assert "77.8 vs stated 83.3" in restated["note"] and "moudistrict_2022.txt" in restated["note"]
    growth = series[(series.indicator == "市考断面达标率") & (series.measure == "growth_pp")
                    & (series.period == 2023)].iloc[0]
    assert "83.3 → 88.9 imply +5.6" in growth["note"]
    pm10 = series[(series.indicator == "PM10平均浓度") & (series.period == 2024) & (series.measure == "level")
                  & ~series.derived].iloc[0]
    assert "可比口径" in pm10["scope"] and "scope changed" in pm10["note"]


def test_series_targets_for_the_next_year(series):
    """二、<next year>工作安排 sets targets for that year; 到2025年 for 2025 — never results."""
    t = series[series.target]
    got = sorted((r["indicator"], r["period"], r["value"]) for r in t.to_dict("records"))
    assert got == [("PM2.5平均浓度", 2023, 32), ("PM2.5平均浓度", 2024, 30), ("PM2.5平均浓度", 2025, 28),
                   ("空气质量优良率", 2023, 85), ("空气质量优良率", 2024, 87), ("空气质量优良率", 2025, 90)]
    assert set(t["measure"]) == {"target_level"}


def test_series_wide_by_period(series):
    w = wide(series, by="period")
    air = w.loc[("空气质量优良率", "level", "%")]
    assert [air[y] for y in (2021, 2022, 2023, 2024)] == [82.5, 84.1, 85.8, 88.6]   # stated before derived
    pm = w.loc[("PM2.5平均浓度", "level", "微克/立方米")]
    assert [pm[y] for y in (2021, 2022, 2023, 2024)] == [35, 33, 31, 29.4]

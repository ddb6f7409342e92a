"""Slogans, codes and first-pass rates are excluded by general rules, not by one report's words.

Issue 14: exclusions.yaml used to list 三型, 三结对, 三清单, 三监联动, 三星, F1 and 一次通过率,
words of the reference report only. They are gone; the general rules (a numeral inside a
short quoted slogan, a Latin letter before digits, 一次 before a rate) exclude them, and
each rule is proved here on rows from other reports too.
"""
from __future__ import annotations

import pytest

from govextract.extract.quantities import find_quantities
from govextract.rules import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules()

ROWS = [
    # id, source, sentence, numbers that are quantities (surface text), the rule that excludes the
    # rest (None: a numeral with no unit after it is never a candidate: 三型, “四风”)
    ("quoted-sanxing", "jiading_2024.txt", "持续做好“三型”党支部定级晋位工作。", [], None),
    ("quoted-sanjiedui", "jiading_2024.txt", "深化“三结对”机制，携手打造特色党建品牌。", [], None),
    ("quoted-sanqingdan", "jiading_2024.txt", "完成2024年度全面从严治党“三清单”。", [], None),
    ("quoted-sanjian", "jiading_2024.txt", "通过“三监联动”工作机制，协同联动高效。", [], None),
    ("quoted-sanxing-star", "jiading_2024.txt", "成功建设为“三星”宁静小区。", [], None),
    ("quoted-liangshan", "anhui_2026.txt", "国家生态文明建设示范区和“两山”实践创新基地23个。", ["23个"], None),
    ("quoted-sandiyiqu", "anhui_2026.txt", "锚定“三地一区”实现新突破。", [], "quoted"),
    ("quoted-sifeng", "anhui_2026.txt", "一些部门“四风”问题依然存在。", [], None),
    ("quoted-siji", "jiangxi_2026.txt", "“四级三类”国土空间规划体系基本形成。", [], "quoted"),
    ("code-f1", "jiading_2024.txt", "打造F1中国大奖赛、FE电动方程式等赛事。", [], "letters"),
    ("code-c919", "chongqing_2026.txt", "超细玻璃纤维棉应用于C919大飞机。", [], "letters"),
    ("code-g98", "hainan_2026.txt", "G98环岛高速大三亚段扩容工程开工。", [], "letters"),
    ("code-l3", "chongqing_2026.txt", "获得国家首批L3级自动驾驶车型准入许可。", [], "letters"),
    ("first-pass-rate", "jiading_2024.txt", "审核风险管控和修复报告68份，一次通过率91.18%。", ["68份", "91.18%"], "article"),
    ("first-time-rate", "fujian_2026.txt", "信访事项初信初访一次性化解率达97.3%。", ["97.3%"], None),
]


@pytest.mark.parametrize("text, kept, rule", [r[2:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_general_exclusions(rules, text, kept, rule):
    qs, ex = find_quantities(text, rules)
    assert [q.text for q in qs] == kept
    if rule:
        assert any(e.rule.endswith(rule) for e in ex), [(e.text, e.rule) for e in ex]


def test_no_exclusion_fits_the_reference_report_only(rules):
    names = set(rules.exclusions["names"])
    assert not names & {"三型", "三结对", "三清单", "三监联动", "三星", "F1", "一次通过率"}

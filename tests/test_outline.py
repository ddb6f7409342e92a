"""Outline parsing: every marker style as a table of examples, and the reference document's 43 items."""
from __future__ import annotations

import pytest

from conftest import GOLD, JIADING_TXT, load_jsonl
from govextract.normalise import normalise
from govextract.structure.outline import parse_outline, section_path

STYLES = [
    # id, source, text, expected [(level, marker, number, title)]
    ("cn-dun", "jiading_2024.txt", "一、高站位强化政治责任担当\n正文。",
     [(1, "一、", 1, "高站位强化政治责任担当")]),
    ("cn-paren-full", "jiading_2024.txt", "（二十一）持续推进源头污染防控。开展检查。",
     [(1, "（二十一）", 21, "持续推进源头污染防控")]),
    ("cn-paren-half", "provincial report", "(一)精准施策稳经济。面对形势。",
     [(1, "(一)", 1, "精准施策稳经济")]),
    ("arabic-dot", "bulletin", "1.加强河道水质监管。定期监测。",
     [(1, "1.", 1, "加强河道水质监管")]),
    ("arabic-fullwidth-dot", "bulletin", "2．推进园区整治。组织排查。",
     [(1, "2．", 2, "推进园区整治")]),
    ("arabic-paren", "bulletin", "（3）强化执法。开展检查。",
     [(1, "（3）", 3, "强化执法")]),
    ("circled", "bulletin", "①完善制度。",
     [(1, "①", 1, "完善制度")]),
    ("yi-shi", "state_council_2010.txt", "重点抓好以下工作：一是扩大居民消费，增加收入；二是优化投资结构。",
     [(1, "一是", 1, "扩大居民消费"), (1, "二是", 2, "优化投资结构")]),
    ("not-a-decimal", "hubei_2026.txt", "5.5%左右的预期增长目标与发展目标衔接。", []),
    ("not-a-year", "jiading_2024.txt", "2024年，区环境空气质量优良率为88.6%。", []),
    ("nesting", "公文 convention", "一、总体\n（一）分项。内容。\n1.细项。内容。\n（1）要点。内容。\n二、下一步",
     [(1, "一、", 1, "总体"), (2, "（一）", 1, "分项"), (3, "1.", 1, "细项"), (4, "（1）", 1, "要点"), (1, "二、", 2, "下一步")]),
    ("paren-top-level", "provincial report without 一、", "（一）甲项。内容。\n（二）乙项。内容。",
     [(1, "（一）", 1, "甲项"), (1, "（二）", 2, "乙项")]),
    ("bold-lead", "jiading_2024.txt (八)", "（八）打好蓝天保卫战。完成任务。**推进VOCs综合治理**，开展检查。",
     [(1, "（八）", 8, "打好蓝天保卫战"), (2, "", None, "推进VOCs综合治理")]),
    ("bold-heading-not-doubled", "DOCX with bold headings", "**（一）加强建设。**持续开展学习。",
     [(1, "（一）", 1, "加强建设")]),
]


@pytest.mark.parametrize("text,expected", [c[2:] for c in STYLES], ids=[c[0] for c in STYLES])
def test_marker_style(text, expected):
    n = normalise(text)
    got = [(i.level, i.marker, i.number, i.title) for i in parse_outline(n.text, n.bold)]
    assert got == expected


def test_reference_outline_matches_gold():
    gold = load_jsonl(GOLD / "jiading_2024.outline.jsonl")
    n = normalise(JIADING_TXT.read_text(encoding="utf-8"))
    items = parse_outline(n.text, n.bold)
    assert [(i.level, i.title, i.bold_lead) for i in items] == [
        (g["level"], g["title"], bool(g.get("bold_lead"))) for g in gold]
    assert sum(i.level == 1 for i in items) == 7
    assert sum(i.level == 2 for i in items) == 30
    assert sum(i.bold_lead for i in items) == 6
    assert [i.marker for i in items if not i.bold_lead] == [g["marker"] for g in gold if not g.get("bold_lead")]


def test_section_path_of_a_quantity():
    n = normalise(JIADING_TXT.read_text(encoding="utf-8"))
    items = parse_outline(n.text, n.bold)
    at = n.text.index("34轮次")
    assert section_path(items, at) == "三、高水平推进污染防治攻坚 > （八）打好蓝天保卫战"
    at = n.text.index("20套")
    assert section_path(items, at) == "三、高水平推进污染防治攻坚 > （八）打好蓝天保卫战 > 推进VOCs综合治理"


def test_items_spans_nest():
    n = normalise(JIADING_TXT.read_text(encoding="utf-8"))
    items = parse_outline(n.text, n.bold)
    for it in items:
        assert it.start < it.end
        if it.parent is not None:
            p = items[it.parent]
            assert p.start <= it.start and it.end <= p.end and p.level == it.level - 1

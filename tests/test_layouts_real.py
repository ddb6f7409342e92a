"""Real layouts in the prose path (issue 10, part 4), form by form: page furniture,
footnote marks, caption numbers before a year, numbers cut by a line end, figures.

Rows come from the real files under ``corpora/`` (sources in corpora/real/README.md);
the geometry rows are lines as the PDF and OCR readers build them.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from govextract.ingest.layout import Glyph, Line, assemble

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "corpora" / "real"


def line(text: str, x: float, top: float, size: float = 10.0) -> Line:
    return Line([Glyph(c, x + i * size, x + (i + 1) * size) for i, c in enumerate(text)], top, top + size, size)


def page(*rows: tuple[str, float]) -> list[Line]:
    """Lines 20 units apart, each (text, x0): characters 10 wide, a full line 20 characters (x 10–210)."""
    return [line(t, x, 20.0 * k) for k, (t, x) in enumerate(rows)]


FIRST = ("全年全市生产总值增长4.8%，第一产", 30)      # an indented first line, 18 characters, to x 210
FULL = ("业增加值增长2.0%，第二产业增加值增长6.0", 10)   # a full line: 20 characters, x 10–210
LEAD = "全年全市生产总值增长4.8%，第一产业增加值增长2.0%，第二产业增加值增长6.0"
NEXT = ("下一段。", 30)

GEOMETRY = [
    # id, source, pages of lines, expected text
    ("number-cut-decimal", "a scan whose recogniser read a line's last digits short of the edge (issue 10: .1%)",
     [page(FIRST, FULL, ("%，全市规模以上工业增加值增长11", 10), (".1%，服务业增长5%。", 10), NEXT)],
     LEAD + "%，全市规模以上工业增加值增长11.1%，服务业增长5%。\n下一段。"),
    ("number-cut-digits", "the same, for a count (issue 10: 01个)",
     [page(FIRST, FULL, ("%，全市今年新建各级各类学校共计1", 10), ("01个，完成投资5亿元。", 10), NEXT)],
     LEAD + "%，全市今年新建各级各类学校共计101个，完成投资5亿元。\n下一段。"),
    ("short-line-ends-paragraph", "a paragraph that ends short, in a word and digits, is not a cut number",
     [page(FIRST, FULL, ("%，全年增长11", 10), ("2024年工作安排。", 10))],
     LEAD + "%，全年增长11\n2024年工作安排。"),
    ("page-number-split", "a text layer that keeps — 3 —'s digits and dashes as two objects on two baselines",
     [[line("正文。", 10, 300), line("3", 100, 760), line("— —", 90, 762)] for _ in range(3)],
     "正文。\x0c正文。\x0c正文。"),
]


@pytest.mark.parametrize("pages,expected", [g[2:] for g in GEOMETRY], ids=[g[0] for g in GEOMETRY])
def test_geometry(pages, expected):
    assert assemble(pages, page_height=800.0).text == expected


FORMS = [
    # id, file, present in the text, absent from the text
    ("pdf-figure-caption", "real/henan_zhoukou_2023_tjgb.pdf", "全年全市油料产量56.43万吨", "2017-2023年周口市粮食总产量"),
    ("pdf-figure-unit", "real/henan_zhoukou_2023_tjgb.pdf", "全年全市油料产量56.43万吨", "单位：万吨"),
    ("pdf-caption-year", "real/henan_zhoukou_2023_tjgb.pdf", "其他用品及服务类价格上涨2.7%", "22023"),
    ("pdf-footer", "real/henan_zhoukou_2023_tjgb.pdf", "直接经济损失23.33亿元", "- 11 -"),
    ("docx-footnote", "provinces-2025-docx/2025年海南省政府工作报告.docx", "统筹开展“三道防线”建设", "三道防线［21］"),
    ("text-footnote", "provinces-2026/hainan_2026.txt", "2025年四大主导产业占GDP比重", "产业［2］"),
]


@pytest.mark.parametrize("name,present,absent", [f[1:] for f in FORMS], ids=[f[0] for f in FORMS])
def test_forms(pipeline, name, present, absent):
    rep = pipeline.parse(ROOT / "corpora" / name)
    assert present in rep.text
    assert absent not in rep.text
    assert not any("22023" in t or "12023" in t for t in rep.quantities["text"])


def test_table_captions_keep_the_year_apart(pipeline):
    """The captions of the 周口 bulletin's tables (now read as tables) keep 表N and the year apart."""
    rep = pipeline.parse(ROOT / "corpora" / "real" / "henan_zhoukou_2023_tjgb.pdf")
    captions = [t.caption for t in rep.document.tables]
    assert "表2 2023年周口市居民消费价格指数" in captions
    assert all(not c.startswith(("表12", "表22", "表32")) for c in captions)

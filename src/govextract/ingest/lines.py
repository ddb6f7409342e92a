"""Glyphs → lines: the page geometry shared by the PDF, OCR and DOCX readers.

A :class:`Line` is a row of :class:`Glyph` objects (position, boldness, red ink, OCR
doubt); :func:`page_lines` groups the characters of a
:class:`~govextract.ingest.glyphs.PageGlyphs` (either PDF engine) into lines.
:mod:`govextract.ingest.layout` rejoins lines into paragraphs.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from .glyphs import PageGlyphs

__all__ = ["Glyph", "Layout", "Line", "Para", "is_red", "page_lines"]


@dataclass
class Glyph:
    """One character (or a space) on a page."""

    text: str
    x0: float
    x1: float
    bold: bool = False
    doubt: float | None = None      # OCR confidence of the doubtful span this glyph is in
    doubt_id: int = 0               # glyphs of one doubtful span share an id (0: not doubtful)
    red: bool = False


@dataclass
class Line:
    """One line of text on a page; coordinates grow rightwards and downwards."""

    glyphs: list[Glyph]
    top: float
    bottom: float
    size: float                     # character height (font size, or pixel height for OCR)

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0 if self.glyphs else 0.0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1 if self.glyphs else 0.0


@dataclass
class Para:
    """A paragraph: its lines and the page each line is on (0-based)."""

    lines: list[Line] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)

    @property
    def size(self) -> float:
        return statistics.median(line.size for line in self.lines)

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Layout:
    """Assembled text with markup, the doubt confidences, and the paragraphs."""

    text: str
    doubts: tuple[float, ...]
    paras: tuple[Para, ...]
    body_size: float


# --- glyphs → lines -------------------------------------------------------------------
def is_red(fill: tuple[float, float, float] | None) -> bool:
    """A red fill (the 公文 发文机关标志), from a PageGlyphs ``fill``.

    >>> is_red((0.816, 0.0, 0.0)), is_red((1.0, 0.0, 0.0)), is_red((0.0, 0.0, 0.0)), is_red(None)
    (True, True, False, False)
    """
    if not fill:
        return False
    r, g, b = fill
    return r > 0.6 and g < 0.35 and b < 0.35


def page_lines(page: PageGlyphs) -> list[Line]:
    """Group a page's characters (whichever engine read them) into lines by
    vertical overlap, left to right; a gap wider than 0.6 × size becomes a space.
    Rotated characters are left out.

    >>> c = lambda t, x, top: {"text": t, "x0": x, "x1": x + 10, "top": top, "bottom": top + 10, "size": 10.0,
    ...                        "bold": t == "乙", "fill": (0.0, 0.0, 0.0), "upright": True}
    >>> pg = lambda *cs: PageGlyphs(1, 100.0, 100.0, cs, ())
    >>> [(ln.text, ln.top) for ln in page_lines(pg(c("丙", 40, 0.4), c("乙", 10, 0), c("甲", 0, 0), c("丁", 0, 20)))]
    [('甲乙 丙', 0.0), ('丁', 20.0)]
    >>> [g.bold for g in page_lines(pg(c("甲", 0, 0), c("乙", 10, 0)))[0].glyphs]
    [False, True]
    """
    cs = [c for c in page.chars if c.get("upright", True) and c["text"].strip()]
    cs.sort(key=lambda c: (c["top"], c["x0"]))
    groups: list[list[dict]] = []
    spans: list[list[float]] = []
    for c in cs:
        top, bottom = c["top"], c["bottom"]
        mid = (top + bottom) / 2
        for k in range(len(groups) - 1, max(len(groups) - 4, -1), -1):
            span = spans[k]
            if span[0] - 0.5 <= mid <= span[1] + 0.5:
                groups[k].append(c)
                if top < span[0]:
                    span[0] = top
                if bottom > span[1]:
                    span[1] = bottom
                break
        else:
            groups.append([c])
            spans.append([top, bottom])
    reds: dict = {}
    lines: list[Line] = []
    for grp, (top, bottom) in zip(groups, spans):
        grp.sort(key=lambda c: c["x0"])
        glyphs: list[Glyph] = []
        sizes: list[float] = []
        prev_x1 = None
        for c in grp:
            size = float(c.get("size") or (c["bottom"] - c["top"]) or 1.0)
            x0 = float(c["x0"])
            if prev_x1 is not None and x0 - prev_x1 > 0.6 * size:
                glyphs.append(Glyph(" ", prev_x1, x0))
            fill = c.get("fill")
            red = reds.get(fill)
            if red is None:
                red = reds[fill] = is_red(fill)
            prev_x1 = float(c["x1"])
            glyphs.append(Glyph(c["text"], x0, prev_x1, bold=bool(c.get("bold")), red=red))
            sizes.append(size)
        sizes.sort()
        lines.append(Line(glyphs, float(top), float(bottom), sizes[len(sizes) // 2]))
    lines.sort(key=lambda ln: ln.top)
    return lines

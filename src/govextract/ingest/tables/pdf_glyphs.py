"""What the PDF table finders share: a glyph (:data:`Char`, a dict in pdfplumber's schema),
the :class:`PageTable` they find, lines of glyphs and their text, and which lines are a
table's caption. The finders are :mod:`.pdf_ruled` and :mod:`.pdf_threeline`, run by
:func:`govextract.ingest.tables.pdf.find_tables`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ...structure.tables import Vocab

__all__ = ["Char", "PageTable", "char_lines", "is_caption", "is_title", "line_box", "line_text", "segments",
           "size_of", "text_of"]

Char = dict[str, Any]


@dataclass
class PageTable:
    """One table found on one page."""

    x0: float
    top: float
    x1: float
    bottom: float
    grid: list[list[str]]
    origin: str
    header_rows: int | None = None
    indent: list[int] = field(default_factory=list)
    caption: str = ""
    notes: list[str] = field(default_factory=list)
    continued: bool = False                    # the caption says 续表
    cols: list[float] = field(default_factory=list)   # column boundaries, left to right
    band: tuple[float, float] = (0.0, 0.0)     # the vertical span taken from the page (caption to notes)
    page: int = 0                              # 0-based
    pages: list[int] = field(default_factory=list)       # 0-based pages, once joined
    row_pages: list[int] = field(default_factory=list)   # per row, its 0-based page


def char_lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters grouped into lines by vertical overlap, each left to right, top to bottom."""
    cs = sorted((c for c in chars if c.get("upright", True) and c["text"].strip()),
                key=lambda c: (c["top"], c["x0"]))
    lines: list[list[Char]] = []
    tops: list[float] = []
    bottoms: list[float] = []
    for c in cs:
        top, bottom = c["top"], c["bottom"]
        mid = (top + bottom) / 2
        n = len(lines)
        for k in range(n - 1, max(n - 4, -1), -1):
            if tops[k] - 0.5 <= mid <= bottoms[k] + 0.5:
                lines[k].append(c)
                if top < tops[k]:
                    tops[k] = top
                if bottom > bottoms[k]:
                    bottoms[k] = bottom
                break
        else:
            lines.append([c])
            tops.append(top)
            bottoms.append(bottom)
    for ln in lines:
        if len(ln) > 1:
            ln.sort(key=_x0)
    return [lines[k] for k in sorted(range(len(lines)), key=tops.__getitem__)]


def _x0(c: Char) -> float:
    return c["x0"]


def size_of(c: Char) -> float:
    return float(c.get("size") or (c["bottom"] - c["top"]) or 10.0)


def text_of(chars: Sequence[Char]) -> str:
    """Characters as text: lines joined, a space where a gap is wider than half a character
    (letter-spacing is removed later, by :func:`govextract.structure.tables.clean`)."""
    out: list[str] = []
    for ln in char_lines(chars):
        if out:
            out.append("\n")
        prev = None
        for c in ln:
            if prev is not None and c["x0"] - prev["x1"] > 0.5 * size_of(c):
                out.append(" ")
            if prev is not None and c["text"] == prev["text"] and abs(c["x0"] - prev["x0"]) < 0.3 * size_of(c):
                continue                                  # printed twice to fake bold
            out.append(c["text"])
            prev = c
    return "".join(out)


def line_box(ln: Sequence[Char]) -> tuple[float, float, float, float]:
    return (min(c["x0"] for c in ln), min(c["top"] for c in ln), max(c["x1"] for c in ln),
            max(c["bottom"] for c in ln))


def line_text(ln: Sequence[Char]) -> str:
    return text_of(ln).replace("\n", "")


def is_caption(text: str, v: Vocab) -> bool:
    t = text.replace(" ", "")
    return bool(v.numbered.match(text.strip())) and len(t) <= v.caption_max or t.startswith(v.continued)


def is_title(text: str, v: Vocab) -> bool:
    t = text.replace(" ", "")
    return 2 < len(t) <= v.caption_max and t.endswith(v.title_endings) and not any(m in t for m in v.sentence_marks)


def segments(ln: list[Char]) -> list[list[Char]]:
    """A line cut where the gap between glyphs is wider than two characters."""
    out: list[list[Char]] = []
    for c in ln:
        if out and c["x0"] - out[-1][-1]["x1"] <= 2.0 * size_of(c):
            out[-1].append(c)
        else:
            out.append([c])
    return out

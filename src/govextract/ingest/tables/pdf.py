"""Tables on text-layer PDF pages, from glyphs and drawn edges.

Input is a page's characters and edges as dicts in pdfplumber's schema (``text, x0,
x1, top, bottom, size`` and ``x0, x1, top, bottom, orientation``), as both glyph
producers give them. Three kinds of table are found:

* **ruled** (``pdf-ruled``): a lattice of drawn lines; cells come from the line
  intersections, and a merged cell's text fills every position it covers;
* **three-line** (``pdf-lines``, 三线表): long horizontal rules only — top, under the
  header, bottom — and perhaps a few vertical ones; columns come from the vertical
  rules, or else from the white gutters between the glyphs of the body rows;
* **unruled** (``pdf-aligned``): no rules at all; a numbered caption (表3 …) followed
  by lines whose glyphs stand in aligned columns.

Around each table, the caption line (表3 …, or a title ending in 表), a 单位：万元 line
and a 注： line under it are taken with the table. :func:`govextract.ingest.tables.pdf_pages.merge_continued` joins a
table cut by a page break (a 续表 caption, or the same columns at the top of the next
page) into one, dropping a repeated header.

The finders are :mod:`.pdf_ruled` and :mod:`.pdf_threeline`, over the glyph lines of
:mod:`.pdf_glyphs`; this module runs them on a page and takes captions and notes.
"""
from __future__ import annotations
from __future__ import annotations

import statistics
from typing import Sequence

from ...structure.tables import Vocab
from .pdf_glyphs import (Char, PageTable, char_lines, is_caption, is_title, line_box, line_text, size_of,
                         text_of)
from .pdf_ruled import ruled_tables
from .pdf_threeline import aligned_table, rule_groups, three_line

__all__ = ["Char", "PageTable", "char_lines", "find_tables", "in_band", "text_of"]


def _edge(e: dict) -> dict:
    out = {k: float(e[k]) for k in ("x0", "x1", "top", "bottom")}
    out["orientation"] = e["orientation"]
    out["width"] = out["x1"] - out["x0"]
    out["height"] = out["bottom"] - out["top"]
    return out


# --- the page -------------------------------------------------------------------------
def find_tables(chars: Sequence[Char], edges: Sequence[dict], v: Vocab, *, width: float,
                height: float, page: int = 0) -> list[PageTable]:
    """Every table on one page, top to bottom, with its caption and notes."""
    cs = [c for c in chars if c.get("upright", True) and c["text"].strip()]
    if not cs:
        return []
    size = statistics.median(size_of(c) for c in cs)
    es = [_edge(e) for e in edges if e.get("orientation") in ("h", "v")]
    lines = char_lines(cs)
    tables = ruled_tables(cs, es, size, lines)
    taken = [(t.top, t.bottom) for t in tables]
    free = lambda top, bottom: all(bottom < a - 3 or top > b + 3 for a, b in taken)  # noqa: E731
    hs = [e for e in es if e["orientation"] == "h" and e["width"] >= 0.3 * width and free(e["top"], e["bottom"])]
    vs = [e for e in es if e["orientation"] == "v"]
    for group in rule_groups(hs, lines, v, size):
        t = three_line(group, lines, vs, size)
        if t is not None:
            tables.append(t)
            taken.append((t.top, t.bottom))
    for i, ln in enumerate(lines):
        box = line_box(ln)
        if is_caption(line_text(ln), v) and free(box[1], box[3]):
            nxt = next((j for j in range(i + 1, len(lines)) if not free(*line_box(lines[j])[1::2])), None)
            if nxt is not None and line_box(lines[nxt])[1] - box[3] < 4 * size:
                continue                                      # the caption of a table found above
            found = aligned_table(lines, i, v, size, width)
            if found:
                tables.append(found[0])
                taken.append((found[0].top, found[0].bottom))
    tables.sort(key=lambda t: t.top)
    for t in tables:
        _caption_and_notes(t, lines, v, size, [x for x in tables if x is not t])
        t.page = page
    return tables


def _caption_and_notes(t: PageTable, lines: list[list[Char]], v: Vocab, size: float,
                       others: list[PageTable]) -> None:
    """Take the caption and unit lines just above a table, and a 注 line just under it."""
    above = [ln for ln in lines if line_box(ln)[3] <= t.top + 1]
    band_top, band_bottom = t.top, t.bottom
    edge = t.top
    took_caption = False
    for ln in reversed(above[-3:]):
        box = line_box(ln)
        if edge - box[3] > 2.5 * size or any(o.top <= box[1] <= o.bottom for o in others):
            break
        text = line_text(ln)
        flat = text.replace(" ", "")
        if v.unit_notes.match(flat) and not took_caption:
            t.notes.insert(0, text.strip())
        elif not took_caption and (is_caption(text, v) or is_title(text, v)):
            t.caption = text.strip()
            t.continued = flat.startswith(v.continued)
            took_caption = True
            if v.outline_start.match(flat):
                break                       # a numbered heading names the table but stays in the text
        else:
            break
        band_top, edge = box[1], box[1]
    below = [ln for ln in lines if line_box(ln)[1] >= t.bottom - 1]
    if below:
        box = line_box(below[0])
        text = line_text(below[0])
        if box[1] - t.bottom < 2.5 * size and text.replace(" ", "").startswith(v.note_words):
            t.notes.append(text.strip())
            band_bottom = box[3]
    t.band = (band_top, band_bottom)


def in_band(c: Char, tables: Sequence[PageTable]) -> bool:
    """Whether a character belongs to a table (its grid, caption or notes)."""
    mid = (c["top"] + c["bottom"]) / 2
    return any(t.band[0] - 0.5 <= mid <= t.band[1] + 0.5 for t in tables)

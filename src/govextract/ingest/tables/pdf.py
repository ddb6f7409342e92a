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
"""
from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass, field
from typing import Any, Sequence

from ...structure.tables import Vocab
from ..layout import OUTLINE_START

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


# --- glyph lines ----------------------------------------------------------------------
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


def _size(c: Char) -> float:
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
            if prev is not None and c["x0"] - prev["x1"] > 0.5 * _size(c):
                out.append(" ")
            if prev is not None and c["text"] == prev["text"] and abs(c["x0"] - prev["x0"]) < 0.3 * _size(c):
                continue                                  # printed twice to fake bold
            out.append(c["text"])
            prev = c
    return "".join(out)


def _line_box(ln: Sequence[Char]) -> tuple[float, float, float, float]:
    return (min(c["x0"] for c in ln), min(c["top"] for c in ln), max(c["x1"] for c in ln),
            max(c["bottom"] for c in ln))


def _line_text(ln: Sequence[Char]) -> str:
    return text_of(ln).replace("\n", "")


# --- edges ----------------------------------------------------------------------------
def _edge(e: dict) -> dict:
    out = {k: float(e[k]) for k in ("x0", "x1", "top", "bottom")}
    out["orientation"] = e["orientation"]
    out["width"] = out["x1"] - out["x0"]
    out["height"] = out["bottom"] - out["top"]
    return out


def _ruled(chars: Sequence[Char], edges: list[dict], size: float, lines: list[list[Char]]) -> list[PageTable]:
    """Lattice tables: cells from the intersections of drawn lines."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, merge_edges

    from .lattice import intersections_to_cells

    if len(edges) < 6:
        return []
    merged = merge_edges(edges, 3, 3, 3, 3)
    cells = intersections_to_cells(edges_to_intersections(merged, 3, 3))
    if not cells:
        return []
    # the characters by the middle of their height, for the cells' bands (kept in page order)
    by_mid = sorted(range(len(chars)), key=lambda k: (chars[k]["top"] + chars[k]["bottom"]) / 2)
    mids = [(chars[k]["top"] + chars[k]["bottom"]) / 2 for k in by_mid]

    def within(x0: float, top: float, x1: float, bottom: float) -> list[Char]:
        band = by_mid[bisect.bisect_left(mids, top):bisect.bisect_right(mids, bottom)]
        return [chars[k] for k in sorted(band) if x0 <= (chars[k]["x0"] + chars[k]["x1"]) / 2 <= x1]

    out = []
    for group in cells_to_tables(cells):
        xs = _snap(sorted({round(v, 1) for c in group for v in (c[0], c[2])}), 2.0)
        ys = _snap(sorted({round(v, 1) for c in group for v in (c[1], c[3])}), 2.0)
        if len(xs) < 3 or len(ys) < 3:
            continue
        grid = [[""] * (len(xs) - 1) for _ in range(len(ys) - 1)]
        firsts: list[float | None] = [None] * (len(ys) - 1)
        for (x0, top, x1, bottom) in group:
            inside = within(x0, top, x1, bottom)
            text = text_of(inside)
            c0, c1 = _index(xs, x0), _index(xs, x1)
            r0, r1 = _index(ys, top), _index(ys, bottom)
            for r in range(r0, max(r1, r0 + 1)):
                for c in range(c0, max(c1, c0 + 1)):
                    grid[r][c] = text
            if c0 == 0 and inside:
                for r in range(r0, max(r1, r0 + 1)):
                    firsts[r] = min(ch["x0"] for ch in inside) - x0
        filled_cols = sum(1 for c in range(len(xs) - 1) if any(grid[r][c] for r in range(len(grid))))
        if filled_cols < 2:
            continue                                         # a frame around prose, not a table
        inside = within(xs[0], ys[0], xs[-1], ys[-1])
        if len(char_lines(inside)) > 3 * (len(ys) - 1):
            continue                                         # rows not ruled: a three-line table's inner rules
        base = min((f for f in firsts if f is not None), default=0.0)
        indent = [int(round((f - base) / size)) if f is not None else 0 for f in firsts]
        out.append(PageTable(xs[0], ys[0], xs[-1], ys[-1], grid, "pdf-ruled", None, indent, cols=xs))
    return out


def _snap(vals: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in vals:
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    """The index of the bound nearest ``v`` (the lower one on a tie); ``bounds`` ascending."""
    i = bisect.bisect_left(bounds, v)
    if i == 0:
        return 0
    if i == len(bounds) or abs(bounds[i - 1] - v) <= abs(bounds[i] - v):
        return i - 1
    return i


# --- three-line and unruled tables --------------------------------------------------
def _rule_groups(hs: list[dict], lines: list[list[Char]], v: Vocab, size: float) -> list[list[dict]]:
    """Long horizontal rules grouped into tables: same horizontal extent, and no caption
    line between them."""
    hs = sorted(hs, key=lambda e: e["top"])
    groups: list[list[dict]] = []
    for e in hs:
        if groups:
            last = groups[-1][-1]
            if e["top"] - last["top"] < 1.5:
                continue                                      # a double rule
            same = abs(e["x0"] - last["x0"]) < 2 * size and abs(e["x1"] - last["x1"]) < 2 * size
            between = [ln for ln in lines if last["top"] < _line_box(ln)[1] and _line_box(ln)[3] < e["top"]]
            caption = any(_is_caption(_line_text(ln), v) for ln in between)
            if same and not caption:
                groups[-1].append(e)
                continue
        groups.append([e])
    return [g for g in groups if len(g) >= 2]


def _is_caption(text: str, v: Vocab) -> bool:
    t = text.replace(" ", "")
    return bool(v.numbered.match(text.strip())) and len(t) <= v.caption_max or t.startswith(v.continued)


def _is_title(text: str, v: Vocab) -> bool:
    t = text.replace(" ", "")
    return 2 < len(t) <= v.caption_max and t.endswith(v.title_endings) and not any(m in t for m in v.sentence_marks)


def _gutters(lines: list[list[Char]], x0: float, x1: float, size: float) -> list[float]:
    """Column boundaries: x positions in white gutters that no body line crosses."""
    step = 1.0
    n = int((x1 - x0) / step) + 2
    cover = [0] * n
    for ln in lines:
        for c in ln:
            a, b = int((c["x0"] - x0) / step), int((c["x1"] - x0) / step)
            for k in range(max(a, 0), min(b + 1, n)):
                cover[k] += 1
    bounds = [x0]
    k = 0
    while k < n:
        if cover[k] == 0:
            j = k
            while j < n and cover[j] == 0:
                j += 1
            if (j - k) * step >= 1.2 * size and k > 0 and j < n:
                bounds.append(x0 + (k + j) / 2 * step)
            k = j
        else:
            k += 1
    bounds.append(x1)
    return bounds


def _cells(ln: list[Char], cols: list[float]) -> list[list[Char]]:
    out: list[list[Char]] = [[] for _ in range(len(cols) - 1)]
    for c in ln:
        mid = (c["x0"] + c["x1"]) / 2
        k = max(0, min(len(cols) - 2, next((i for i in range(len(cols) - 1) if mid < cols[i + 1]), len(cols) - 2)))
        out[k].append(c)
    return out


def _header_rows(lines: list[list[Char]], cols: list[float]) -> list[list[str]]:
    """Header lines → header rows: a text spanning several columns is a level of its own
    (repeated over the columns it spans); lines that only wrap a heading are joined."""
    rows: list[list[str]] = []
    joining = False
    for ln in lines:
        segs = _segments(ln)
        spanning = []
        for seg in segs:
            a, b = _line_box(seg)[0], _line_box(seg)[2]
            covered = [i for i in range(len(cols) - 1)
                       if min(b, cols[i + 1]) - max(a, cols[i]) > 0.25 * (b - a)]
            spanning.append(covered)
        if any(len(cv) > 1 for cv in spanning):
            row = [""] * (len(cols) - 1)
            for seg, cv in zip(segs, spanning):
                for i in cv:
                    row[i] = (row[i] + _line_text(seg)).strip()
            rows.append(row)
            joining = False
            continue
        cells = [_line_text(c) if c else "" for c in _cells(ln, cols)]
        if joining and rows:
            rows[-1] = [(a + b) for a, b in zip(rows[-1], cells)]
        else:
            rows.append(cells)
            joining = True
    return rows


def _segments(ln: list[Char]) -> list[list[Char]]:
    """A line cut where the gap between glyphs is wider than two characters."""
    out: list[list[Char]] = []
    for c in ln:
        if out and c["x0"] - out[-1][-1]["x1"] <= 2.0 * _size(c):
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _grid_from_lines(header: list[list[Char]], body: list[list[Char]], cols: list[float],
                     size: float) -> tuple[list[list[str]], list[int]]:
    hrows = _header_rows(header, cols) if header else []
    rows = [[_line_text(c) if c else "" for c in _cells(ln, cols)] for ln in body]
    firsts = [min((c["x0"] for c in ln if (c["x0"] + c["x1"]) / 2 < cols[1]), default=None) for ln in body]
    base = min((f for f in firsts if f is not None), default=0.0)
    indent = [0] * len(hrows) + [int(round((f - base) / size)) if f is not None else 0 for f in firsts]
    return hrows + rows, indent


def _three_line(group: list[dict], lines: list[list[Char]], vs: list[dict], size: float) -> PageTable | None:
    top, bottom = group[0]["top"], group[-1]["bottom"]
    x0, x1 = min(e["x0"] for e in group), max(e["x1"] for e in group)
    inside = [ln for ln in lines if top < (_line_box(ln)[1] + _line_box(ln)[3]) / 2 < bottom
              and x0 - size < _line_box(ln)[0] and _line_box(ln)[2] < x1 + size]
    if len(inside) < 2:
        return None
    split = group[1]["top"] if len(group) >= 3 else None
    header = [ln for ln in inside if split is not None and (_line_box(ln)[1] + _line_box(ln)[3]) / 2 < split]
    body = [ln for ln in inside if ln not in header]
    if not body:
        return None
    cross = sorted({round(e["x0"], 1) for e in vs if x0 + size < e["x0"] < x1 - size
                    and min(e["bottom"], bottom) - max(e["top"], top) > 0.6 * (bottom - top)})
    cols = [x0, *_snap(cross, 2.0), x1] if cross else _gutters(body, x0, x1, size)
    if len(cols) < 3:
        return None
    grid, indent = _grid_from_lines(header, body, cols, size)
    return PageTable(x0, top, x1, bottom, grid, "pdf-lines", len(_header_rows(header, cols)) if header else None,
                     indent, cols=cols)


def _aligned(lines: list[list[Char]], start: int, v: Vocab, size: float, width: float) -> tuple[PageTable, int] | None:
    """An unruled table under the caption line ``lines[start]``: the lines after it that
    fall into aligned columns. Returns the table and the index of its last line."""
    body: list[list[Char]] = []
    k = start + 1
    while k < len(lines):
        ln = lines[k]
        text = _line_text(ln)
        if _is_caption(text, v) or v.unit_notes.match(text.replace(" ", "")):
            if body:
                break
            k += 1
            continue
        if len(_segments(ln)) < 2:
            break
        if body and _line_box(ln)[1] - _line_box(body[-1])[3] > 2.5 * size:
            break
        body.append(ln)
        k += 1
    if len(body) < 2:
        return None
    x0 = min(_line_box(ln)[0] for ln in body)
    x1 = max(_line_box(ln)[2] for ln in body)
    cols = _gutters(body, x0, x1, size)
    if len(cols) < 3:
        return None
    grid, indent = _grid_from_lines([], body, cols, size)
    top, bottom = _line_box(body[0])[1], _line_box(body[-1])[3]
    return PageTable(x0, top, x1, bottom, grid, "pdf-aligned", None, indent, cols=cols), k - 1


# --- the page -------------------------------------------------------------------------
def find_tables(chars: Sequence[Char], edges: Sequence[dict], v: Vocab, *, width: float,
                height: float, page: int = 0) -> list[PageTable]:
    """Every table on one page, top to bottom, with its caption and notes."""
    cs = [c for c in chars if c.get("upright", True) and c["text"].strip()]
    if not cs:
        return []
    size = statistics.median(_size(c) for c in cs)
    es = [_edge(e) for e in edges if e.get("orientation") in ("h", "v")]
    lines = char_lines(cs)
    tables = _ruled(cs, es, size, lines)
    taken = [(t.top, t.bottom) for t in tables]
    free = lambda top, bottom: all(bottom < a - 3 or top > b + 3 for a, b in taken)  # noqa: E731
    hs = [e for e in es if e["orientation"] == "h" and e["width"] >= 0.3 * width and free(e["top"], e["bottom"])]
    vs = [e for e in es if e["orientation"] == "v"]
    for group in _rule_groups(hs, lines, v, size):
        t = _three_line(group, lines, vs, size)
        if t is not None:
            tables.append(t)
            taken.append((t.top, t.bottom))
    for i, ln in enumerate(lines):
        box = _line_box(ln)
        if _is_caption(_line_text(ln), v) and free(box[1], box[3]):
            nxt = next((j for j in range(i + 1, len(lines)) if not free(*_line_box(lines[j])[1::2])), None)
            if nxt is not None and _line_box(lines[nxt])[1] - box[3] < 4 * size:
                continue                                      # the caption of a table found above
            found = _aligned(lines, i, v, size, width)
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
    above = [ln for ln in lines if _line_box(ln)[3] <= t.top + 1]
    band_top, band_bottom = t.top, t.bottom
    edge = t.top
    took_caption = False
    for ln in reversed(above[-3:]):
        box = _line_box(ln)
        if edge - box[3] > 2.5 * size or any(o.top <= box[1] <= o.bottom for o in others):
            break
        text = _line_text(ln)
        flat = text.replace(" ", "")
        if v.unit_notes.match(flat) and not took_caption:
            t.notes.insert(0, text.strip())
        elif not took_caption and (_is_caption(text, v) or _is_title(text, v)):
            t.caption = text.strip()
            t.continued = flat.startswith(v.continued)
            took_caption = True
            if OUTLINE_START.match(flat):
                break                       # a numbered heading names the table but stays in the text
        else:
            break
        band_top, edge = box[1], box[1]
    below = [ln for ln in lines if _line_box(ln)[1] >= t.bottom - 1]
    if below:
        box = _line_box(below[0])
        text = _line_text(below[0])
        if box[1] - t.bottom < 2.5 * size and text.replace(" ", "").startswith(v.note_words):
            t.notes.append(text.strip())
            band_bottom = box[3]
    t.band = (band_top, band_bottom)


def in_band(c: Char, tables: Sequence[PageTable]) -> bool:
    """Whether a character belongs to a table (its grid, caption or notes)."""
    mid = (c["top"] + c["bottom"]) / 2
    return any(t.band[0] - 0.5 <= mid <= t.band[1] + 0.5 for t in tables)

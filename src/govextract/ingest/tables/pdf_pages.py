"""PDF tables across a document: the reader's hooks (:func:`page_tables` per page, with the
TABLE mark line that stands in each table's place; :func:`join_pages` once all pages are
read) and tables continued over page breaks (:func:`merge_continued`).
"""
from __future__ import annotations

import re
import statistics
from typing import Any, Sequence

from ...structure.tables import Vocab
from .pdf import Char, PageTable, find_tables, in_band
from .pdf_glyphs import size_of

# --- tables over page breaks -----------------------------------------------------------
def merge_continued(pages: list[list[PageTable]], last_text: Sequence[float],
                    first_text: Sequence[float], v: Vocab) -> list[PageTable]:
    """All tables in order, a table continued at the top of a page joined to the one that
    ended the page before. ``last_text[p]`` / ``first_text[p]`` are the bottom of the last and
    the top of the first prose line of page ``p`` (-inf / inf when it has none). A continued
    table has the same number of columns and no caption but a 续表 one; its repeat of the
    header rows is dropped.
    """
    out: list[PageTable] = []
    for p, tables in enumerate(pages):
        for k, t in enumerate(tables):
            prev = out[-1] if out else None
            cont = (prev is not None and k == 0 and prev.pages and prev.pages[-1] == p - 1
                    and bool(pages[p - 1]) and last_text[p - 1] <= pages[p - 1][-1].band[1] + 1
                    and first_text[p] >= t.band[0] - 1
                    and (len(prev.grid[0]) == len(t.grid[0]) or not t.caption)
                    and (t.continued or not t.caption))
            if cont and prev is not None:
                _pad(prev, len(t.grid[0]))
                _pad(t, len(prev.grid[0]))
                h = prev.header_rows or 0
                skip = h if h and t.grid[:h] == prev.grid[:h] else 0
                if t.header_rows and not skip:
                    skip = t.header_rows if t.continued else 0
                _mend_split_labels(prev.grid, t.grid, skip, v)
                prev.grid.extend(t.grid[skip:])
                prev.indent.extend(t.indent[skip:])
                prev.row_pages.extend([p] * (len(t.grid) - skip))
                prev.pages.append(p)
                prev.notes.extend(n for n in t.notes if n not in prev.notes)
                continue
            t.pages = [p]
            t.row_pages = [p] * len(t.grid)
            out.append(t)
    return out


def _pad(t: PageTable, n: int) -> None:
    """Widen a grid to ``n`` columns, the last cell of each row spanning the new ones."""
    for row in t.grid:
        if len(row) < n:
            row.extend([row[-1] if row else ""] * (n - len(row)))


# --- the reader's hooks ---------------------------------------------------------------
def page_tables(chars: Sequence[Char], edges: Sequence[dict], rules: Any, *, width: float, height: float,
                page: int = 0, text: str | None = None) -> tuple[list[tuple[PageTable, Any]], list[Char]]:
    """The tables of a page, each with the mark line that stands in its place, and the
    characters left for the prose. A page with no drawn edge and no caption is left as it is
    (cheaply: prose pages cost nothing here)."""
    from ...markup import TABLE
    from ...structure.tables import vocab
    from ..layout import Glyph, Line

    if rules is None:
        from ...rules import load_rules

        rules = load_rules()
    v = vocab(rules)
    ruled = len(edges) >= 6 or sum(1 for e in edges if e.get("orientation") == "h"
                                   and float(e["x1"]) - float(e["x0"]) >= 0.3 * width) >= 2
    if not ruled and not _maybe_caption(text if text is not None else "".join(c["text"] for c in chars), v):
        return [], list(chars)                  # a prose page: nothing to look at
    tables = find_tables(chars, edges, v, width=width, height=height, page=page)
    if not tables:
        return [], list(chars)
    size = statistics.median(size_of(c) for c in chars if c["text"].strip())
    marks = [(t, Line([Glyph(TABLE, t.x0, t.x0 + size)], t.band[0], t.band[0] + size, size)) for t in tables]
    return marks, [c for c in chars if not in_band(c, tables)]


def _maybe_caption(text: str, v: Vocab) -> bool:
    """Whether a page's text holds something a numbered caption could start with."""
    flat = re.sub(r"\s+", "", text)
    return bool(v.numbered_anywhere.search(flat)) or \
        any(w in flat for w in v.continued)


def glyph_tables(glyphs: Any, rules: Any = None) -> tuple[list[tuple[PageTable, Any]], list[Char]]:
    """:func:`page_tables` of a :class:`govextract.ingest.glyphs.PageGlyphs` (either engine's)."""
    return page_tables(list(glyphs.chars), list(glyphs.edges), rules, width=glyphs.width, height=glyphs.height,
                       page=glyphs.page - 1, text=glyphs.text)


def join_pages(lines_by_page: list[list[Any]], marks_by_page: list[list[tuple[PageTable, Any]]],
               page_height: float, rules: Any = None) -> tuple[list[list[Any]], tuple[Any, ...]]:
    """Join tables continued over page breaks; drop the marks of the continuations; return
    the lines and the :class:`~govextract.models.RawTable` of each remaining mark, in order."""
    from ...markup import TABLE
    from ...models import RawTable
    from ...structure.tables import vocab
    from ..layout import is_page_number

    if rules is None:
        from ...rules import load_rules

        rules = load_rules()
    v = vocab(rules)

    margin_top, margin_bottom = 0.08 * page_height, 0.92 * page_height
    last_text, first_text = [], []
    for lines in lines_by_page:
        prose = [ln for ln in lines if ln.text != TABLE and not is_page_number(ln.text, rules)
                 and margin_top < ln.top and ln.bottom < margin_bottom]
        last_text.append(max((ln.bottom for ln in prose), default=float("-inf")))
        first_text.append(min((ln.top for ln in prose), default=float("inf")))
    joined = merge_continued([[t for t, _ in marks] for marks in marks_by_page], last_text, first_text, v)
    keep = {id(t) for t in joined}
    gone = {id(mark) for marks in marks_by_page for t, mark in marks if id(t) not in keep}
    lines_by_page = [[ln for ln in lines if id(ln) not in gone] for lines in lines_by_page]
    raws = tuple(RawTable(grid=tuple(tuple(r) for r in t.grid), page=t.pages[0] + 1, caption=t.caption,
                          notes=tuple(t.notes), indent=tuple(t.indent), origin=t.origin,
                          pages=tuple(p + 1 for p in t.pages), header_rows=t.header_rows,
                          row_pages=tuple(p + 1 for p in t.row_pages)) for t in joined)
    return lines_by_page, raws


def _mend_split_labels(before: list[list[str]], after: list[list[str]], skip: int, v: Vocab) -> None:
    """Label cells that a page break cut: a vertically merged label whose text stayed on the
    page before leaves the continuation's cells empty (they take the text), and a label
    cut mid-text (（四）无 | 法提供) is joined on both sides. Only the label columns, left of
    the first figure, are touched."""
    from ...structure.tables import cell_number

    if not before or len(after) <= skip:
        return
    rows = after[skip:]
    first_data = min((next((k for k, x in enumerate(r) if cell_number(x, v) is not None), len(r)) for r in rows),
                     default=0)
    last = before[-1]
    for k in range(min(first_data, len(last))):
        a = last[k]
        if not a or cell_number(a, v) is not None:
            continue
        b = rows[0][k]
        if not b:
            for r in rows:
                if r[k]:
                    break
                r[k] = a                  # the merged cell goes on over the break
            continue
        numbered = any(p.match(a) for p in v.ordinals)
        if b != a and numbered and not any(p.match(b) for p in v.ordinals) and not b.startswith(v.child_markers):
            whole = a + b
            for r in reversed(before):
                if r[k] != a:
                    break
                r[k] = whole
            for r in rows:
                if r[k] != b:
                    break
                r[k] = whole

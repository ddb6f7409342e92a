"""Ruled tables on a PDF page (``pdf-ruled``): a lattice of drawn lines; cells come from the
line intersections, and a merged cell's text fills every position it covers.
"""
from __future__ import annotations

import bisect
from typing import Sequence

from .pdf_glyphs import Char, PageTable, char_lines, text_of

__all__ = ["ruled_tables", "snap"]


def ruled_tables(chars: Sequence[Char], edges: list[dict], size: float, lines: list[list[Char]]) -> list[PageTable]:
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
        xs = snap(sorted({round(v, 1) for c in group for v in (c[0], c[2])}), 2.0)
        ys = snap(sorted({round(v, 1) for c in group for v in (c[1], c[3])}), 2.0)
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


def snap(vals: list[float], tol: float) -> list[float]:
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

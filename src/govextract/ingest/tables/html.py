"""HTML tables → grids, with rowspan and colspan: a spanning cell's text stands in every
position it covers.

>>> from selectolax.lexbor import LexborHTMLParser
>>> t = LexborHTMLParser('<table><tr><td rowspan=2>粮食</td><td colspan=2>2023年</td></tr>'
...                      '<tr><td>产量</td><td>增长</td></tr></table>').css_first("table")
>>> read_table(t).grid
(('粮食', '2023年', '2023年'), ('粮食', '产量', '增长'))
"""
from __future__ import annotations

import re
from typing import Any

from ...models import RawTable


def _span(node: Any, attr: str) -> int:
    try:
        return max(1, min(int((node.attributes or {}).get(attr) or 1), 200))
    except ValueError:
        return 1


def read_table(table: Any, caption: str = "", notes: tuple[str, ...] = ()) -> RawTable | None:
    """One ``<table>`` node as a grid, or None when it is a layout frame (one column, no text)."""
    taken: dict[tuple[int, int], str] = {}
    indent: list[int] = []
    nrows = 0
    rows = table.css("tr")                  # a table holding tables is a layout frame, never read here
    for r, tr in enumerate(rows):
        c = 0
        first = True
        for cell in tr.iter():
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            raw = cell.text(separator="\n")
            text = re.sub(r"[ \t\r\n\u00a0]+", " ", raw).strip()
            if first:
                stripped = raw.lstrip("\n\r\t")
                indent.append(len(stripped) - len(stripped.lstrip()))
                first = False
            for dr in range(_span(cell, "rowspan")):
                for dc in range(_span(cell, "colspan")):
                    taken[(r + dr, c + dc)] = text
            c += _span(cell, "colspan")
        if first:
            indent.append(0)
        nrows = max(nrows, r + 1)
    if not taken:
        return None
    ncols = max(c for _, c in taken) + 1
    nrows = max(nrows, max(r for r, _ in taken) + 1)
    grid = tuple(tuple(taken.get((r, c), "") for c in range(ncols)) for r in range(nrows))
    if ncols < 2 or not any(x for row in grid for x in row[1:]):
        return None
    t_caption = table.css_first("caption")
    if t_caption is not None and t_caption.text().strip():
        caption = re.sub(r"\s+", " ", t_caption.text()).strip()
    return RawTable(grid=grid, caption=caption, notes=notes, indent=tuple(indent[:nrows]) + (0,) * (nrows - len(indent)),
                    origin="html")

"""Word tables → grids: python-docx repeats a merged cell (gridSpan, vMerge) in every grid
position it covers, which is the :class:`~govextract.models.RawTable` contract.

Indentation is read from each first-column paragraph (left and first-line indent, in
characters of the cell's font size, or leading spaces).
"""
from __future__ import annotations

from typing import Any

from ...models import RawTable


def _cell_text(cell: Any) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip("\n")


def _indent(cell: Any) -> int:
    """Indent of a cell's first paragraph, in characters (about 10.5 pt each)."""
    if not cell.paragraphs:
        return 0
    p = cell.paragraphs[0]
    pf = p.paragraph_format
    pts = sum(v.pt for v in (pf.left_indent, pf.first_line_indent) if v is not None)
    text = p.text
    spaces = len(text) - len(text.lstrip())
    return max(0, int(round(pts / 10.5))) + spaces


def read_table(table: Any, caption: str = "", notes: tuple[str, ...] = ()) -> RawTable | None:
    """One python-docx table as a grid, or None when it holds no text (a layout frame)."""
    grid: list[tuple[str, ...]] = []
    indent: list[int] = []
    for row in table.rows:
        cells = row.cells
        grid.append(tuple(_cell_text(c) for c in cells))
        indent.append(_indent(cells[0]) if cells else 0)
    if not grid:
        return None
    n = max(len(r) for r in grid)
    grid = [r + (r[-1] if r else "",) * (n - len(r)) for r in grid]
    if n < 2 or not any(c.strip() for r in grid for c in r[1:]):
        return None
    base = min(indent) if indent else 0
    return RawTable(grid=tuple(grid), caption=caption, notes=notes, indent=tuple(i - base for i in indent),
                    origin="docx")

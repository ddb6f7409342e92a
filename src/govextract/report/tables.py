"""Tables in the review page: each table of a report as a grid, its figures highlighted
and explained like the quantities of the prose.

A table stands in the normalised text as one mark (:data:`govextract.markup.TABLE`);
:func:`table_blocks` gives, for each mark's offset, the grid the review page draws in
its place. A figure cell carries the index of the quantity read from it (``source =
"table"``), so it is a ``<mark class="q">`` like any quantity: coloured by kind, its
reading (value, unit, measure, row and column) shown on hover or click.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..tables import Report


def _quantity_keys(report: "Report") -> dict[tuple, list[int]]:
    """Table quantities by (mark offset, row path, column path, text), in order."""
    out: dict[tuple, list[int]] = {}
    for i, q in enumerate(report.quantity_list):
        if q.source == "table":
            out.setdefault((q.start, q.row, q.column, q.text), []).append(i)
    return out


def _spans(row: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A header row with its merged cells drawn once: neighbours with the same text
    become one cell spanning them (``span``)."""
    out: list[dict[str, Any]] = []
    for cell in row:
        if out and cell["text"] and cell["text"] == out[-1]["text"] and "q" not in cell and "q" not in out[-1]:
            out[-1]["span"] += 1
        else:
            out.append({**cell, "span": 1})
    return out


def table_blocks(report: "Report", low: set[int] = frozenset()) -> dict[int, dict[str, Any]]:
    """Each table of ``report`` with a place in the text, keyed by its mark's offset: its
    caption, notes and rows of cells (``text``, ``role``; a figure also ``q``, ``cls`` and
    ``low``, the quantity's index, kind class and low confidence). ``low`` is the set of
    quantity indices read with doubt."""
    from .render import kind_class

    keys = _quantity_keys(report)
    out: dict[int, dict[str, Any]] = {}
    for t in report.table_list:
        if t.start is None:
            continue
        rows: list[list[dict[str, Any]]] = [[{"text": "", "role": ""} for _ in range(t.n_cols)]
                                            for _ in range(t.n_rows)]
        for c in t.cells:
            if not (0 <= c.row < t.n_rows and 0 <= c.col < t.n_cols):
                continue
            cell: dict[str, Any] = {"text": c.text, "role": c.role}
            hits = keys.get((t.start, " > ".join(c.row_path), " > ".join(c.column_path), c.text))
            if hits:
                i = hits.pop(0)
                cell.update(q=i, cls=kind_class(report.quantity_list[i]), low=i in low)
            rows[c.row][c.col] = cell
        header = min(t.header_rows, len(rows))
        out[t.start] = {"index": t.index, "caption": t.caption, "notes": list(t.notes), "page": t.page,
                        "origin": t.origin, "head": [_spans(r) for r in rows[:header]],
                        "body": [[{**c, "span": 1} for c in r] for r in rows[header:]],
                        "quantities": sum(1 for r in rows for c in r if "q" in c)}
    return out

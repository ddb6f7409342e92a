"""Cells of a ruled table from its merged edges, as pdfplumber finds them, faster.

:func:`intersections_to_cells` gives exactly what ``pdfplumber.table.intersections_to_cells``
gives (the same cells, in the same order) for the intersections of
``pdfplumber.table.edges_to_intersections``: for each crossing point, the smallest cell whose
four corners are crossings joined by drawn edges. pdfplumber tests every later point for
every point and compares edge sets built anew for each pair; here the points below and to
the right come from per-column and per-row lists, and each crossing's edges are sets of
small integers built once.
"""
from __future__ import annotations

from typing import Any

Point = tuple[float, float]
Box = tuple[float, float, float, float]


def intersections_to_cells(intersections: dict[Point, dict[str, list[dict[str, Any]]]]) -> list[Box]:
    """Every cell, in the order of its top-left crossing (sorted by x, then y)."""
    ids: dict[Box, int] = {}

    def edge_ids(edges: list[dict[str, Any]]) -> frozenset[int]:
        return frozenset(ids.setdefault((e["x0"], e["top"], e["x1"], e["bottom"]), len(ids)) for e in edges)

    vset = {p: edge_ids(d["v"]) for p, d in intersections.items()}
    hset = {p: edge_ids(d["h"]) for p, d in intersections.items()}
    points = sorted(intersections)
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    for p in points:                         # sorted by x then y: each column top to bottom,
        columns.setdefault(p[0], []).append(p)   # each row left to right
        rows.setdefault(p[1], []).append(p)
    col_at = {p: k for col in columns.values() for k, p in enumerate(col)}
    row_at = {p: k for row in rows.values() for k, p in enumerate(row)}
    cells: list[Box] = []
    for pt in points[:-1]:
        v, h = vset[pt], hset[pt]
        below = [q for q in columns[pt[0]][col_at[pt] + 1:] if not v.isdisjoint(vset[q])]
        if not below:
            continue
        right = [q for q in rows[pt[1]][row_at[pt] + 1:] if not h.isdisjoint(hset[q])]
        found = None
        for b in below:
            for r in right:
                corner = (r[0], b[1])
                if corner in vset and not vset[corner].isdisjoint(vset[r]) \
                        and not hset[corner].isdisjoint(hset[b]):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells

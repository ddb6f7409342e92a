"""Tables read for meaning: a :class:`~govextract.models.RawTable` grid → a :class:`~govextract.models.Table`.

Every form's grid (PDF, DOCX, HTML, aligned text) gets the same reading:

* the caption (表3 2023年主要农产品产量), its number, and the year in it as the period;
* the header rows (two-level headers give a column path), and sub-headers and
  section rows inside the body (a row spanning the width names the rows under it);
* label columns, unit columns and code columns, told from the figures;
* row labels with their hierarchy: ``#``, ``其中：``, ``内：`` and indentation make a
  row the child of the one above (一般公共预算支出 > 教育);
* the unit of each figure, wherever it is said: a unit column, the column header
  (产量（万吨）), the row label, a 单位：万元 note, the caption;
* the measure from the column header (绝对数 → level, 比上年增长（%） → growth_pct,
  比重 → share, 2023年 → the level for 2023);
* blank, —, … and - cells are empty, not zero.

All vocabulary comes from ``rules/tables.yaml``.

>>> from govextract.rules import load_rules
>>> raw = RawTable(grid=(("指标", "产量（万吨）", "比上年增长（%）"),
...                      ("粮食", "902.61", "-3.2"), ("其中：夏粮", "508.58", "—")),
...                caption="表3  2023年主要农产品产量")
>>> t = read_table(raw, load_rules())
>>> t.number, t.title, t.period, t.header_rows
('表3', '2023年主要农产品产量', 2023, 1)
>>> [(c.row_path, c.column_path[-1], str(c.value), c.unit, c.measure) for c in t.cells if c.role == "data"]
... # doctest: +NORMALIZE_WHITESPACE
[(('粮食',), '产量（万吨）', '9026100', '吨', 'level'), (('粮食',), '比上年增长（%）', '-3.2', '%', 'growth_pct'),
 (('粮食', '夏粮'), '产量（万吨）', '5085800', '吨', 'level'), (('粮食', '夏粮'), '比上年增长（%）', 'None', '%', 'growth_pct')]
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..models import Cell, RawTable, Table
from ..rules import RuleSet
from .table_rows import Node, by_code, collapse, ordinal, place, row_code, row_path
from .table_words import (Vocab, bracket_unit, caption_year, cell_number, clean, count_unit, leading_indent,
                          read_unit, split_caption, table_caption, table_unit, vocab)

__all__ = ["Vocab", "cell_number", "clean", "document_tables", "leading_indent", "read_table", "read_unit",
           "table_caption", "vocab"]


def _is_year_heading(text: str, v: Vocab) -> bool:
    return bool(v.year.match(text)) or bool(re.fullmatch(r"(?:19|20)\d{2}", text))


def _row_numbers(row: tuple[str, ...], v: Vocab) -> int:
    return sum(1 for c in row if cell_number(c, v) is not None and not _is_year_heading(c, v))


def header_count(grid: list[tuple[str, ...]], v: Vocab) -> int:
    """Leading rows with no figures (years and headings only)."""
    h = 0
    for row in grid:
        if _row_numbers(row, v):
            break
        first = next((c for c in row if c), "")
        if h and ordinal(first, v) == 0:
            break                                       # a numbered body row with no figures yet
        h += 1
    if h >= len(grid):
        return 1 if len(grid) > 1 else 0
    return min(h, 4)


def _measure(headers: tuple[str, ...], v: Vocab) -> str | None:
    for h in reversed(headers):             # the innermost heading that says one
        flat = h.replace(" ", "")
        for w, m in v.measure_words:
            if w in flat:
                return m
    return None


def _year(headers: tuple[str, ...], v: Vocab) -> int | None:
    for h in reversed(headers):
        m = v.year.match(h) or re.fullmatch(r"((?:19|20)\d{2})", h)
        if m:
            return int(m.group(1))
    return None


def read_table(raw: RawTable, rules: RuleSet, *, index: int = 0, period: int | None = None,
               start: int | None = None) -> Table:
    """Give a grid its meaning (see the module docstring). ``period`` is the report's,
    used when neither the caption nor a column names a year."""
    v = vocab(rules)
    raw_grid = [tuple(c or "" for c in row) for row in raw.grid]
    grid = [tuple(clean(c) for c in row) for row in raw_grid]
    ncols = max((len(r) for r in grid), default=0)
    grid = [r + ("",) * (ncols - len(r)) for r in grid]
    number, title = split_caption(raw.caption, v)
    t_period = caption_year(title) or period
    t_unit = table_unit(raw, v)
    h = raw.header_rows if raw.header_rows is not None else header_count(grid, v)
    h = max(0, min(h, len(grid)))
    # columns: headings, then roles from the body
    def col_paths(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        return [collapse([r[c] for r in rows]) for c in range(ncols)]

    # a heading row of one text over the whole width names a section, not a column level
    paths = col_paths([r for r in grid[:h] if not (len(set(r)) == 1 and ncols > 1)] or grid[:h])
    roles: list[str] = []
    body = grid[h:]
    for c in range(ncols):
        heads = paths[c]
        nums = sum(1 for r in body if cell_number(r[c], v) is not None)
        texts = sum(1 for r in body if r[c] and cell_number(r[c], v) is None and r[c] not in v.empty)
        if any(x in v.codes for x in heads):
            roles.append("code")
        elif any(x in v.unit_columns for x in heads):
            roles.append("unit")
        elif texts > nums or (any(x in v.label_headings for x in heads) and texts >= nums):
            roles.append("label")
        else:
            roles.append("data")
    label_cols = [c for c, r in enumerate(roles) if r == "label"]
    unit_col = next((c for c, r in enumerate(roles) if r == "unit"), None)
    cells: list[Cell] = []
    row_page = lambda i: raw.row_pages[i] if i < len(raw.row_pages) else raw.page  # noqa: E731
    for i in range(h):
        for c in range(ncols):
            cells.append(Cell(i, c, grid[i][c], "header", (), paths[c], page=row_page(i)))
    prev: dict[int, Node | None] = {c: None for c in label_cols}
    coded: dict[int, list[Node]] = {c: [] for c in label_cols}
    root: Node | None = None
    for i in range(h, len(grid)):
        row = grid[i]
        filled = [x for x in row if x]
        nums = _row_numbers(row, v)
        # a row spanning the width names a section; a row of headings starts new columns
        if not nums and filled and len(set(filled)) == 1 and (len(filled) == ncols or len(filled) > 1):
            root = None                          # a section row is not part of the row paths
            prev = {c: None for c in label_cols}
            for c in range(ncols):
                cells.append(Cell(i, c, row[c], "section", (), (), page=row_page(i)))
            continue
        if not nums and len(set(filled)) >= 2 and any(x in v.label_headings for x in filled):
            paths = col_paths([row])
            for c in range(ncols):
                cells.append(Cell(i, c, row[c], "header", root.path() if root else (), paths[c], page=row_page(i)))
            prev = {c: None for c in label_cols}
            continue
        nodes: dict[int, Node] = {}
        for c in label_cols:
            if not row[c]:
                continue
            if c - 1 in label_cols and row[c] == row[c - 1]:
                prev[c] = None                   # a label merged across columns belongs to the first
                continue
            indent = raw.indent[i] if c == label_cols[0] and i < len(raw.indent) and raw.indent else \
                leading_indent(raw_grid[i][c])
            code = row_code(row, c, roles)
            if code:
                nodes[c] = by_code(row[c], code, coded[c], root, v)
                coded[c].append(nodes[c])
            else:
                nodes[c] = place(row[c], indent, prev[c], root, v)
            prev[c] = nodes[c]
        for c in range(ncols):
            role = roles[c]
            text = row[c]
            if role != "data":
                rp = nodes[c].path() if c in nodes else ()
                cells.append(Cell(i, c, text, role, rp, paths[c], page=row_page(i)))
                continue
            if c and roles[c - 1] == "data" and text and text == row[c - 1] and paths[c] == paths[c - 1]:
                cells.append(Cell(i, c, text, "span", (), paths[c], page=row_page(i)))
                continue                                  # a merged cell, read once at its first column
            rp = row_path(c, roles, nodes, label_cols, root)
            cells.append(_data_cell(i, c, text, rp, paths[c], row, unit_col, t_unit, t_period, v, rules,
                                    row_page(i)))
    return Table(index=index, caption=f"{number} {title}".strip(), number=number, title=title, period=t_period,
                 unit=t_unit, header_rows=h, cells=tuple(cells), page=raw.page, pages=raw.pages,
                 origin=raw.origin, start=start, notes=raw.notes, n_rows=len(grid), n_cols=ncols)


def document_tables(doc: Any, rules: RuleSet) -> tuple[Table, ...]:
    """The tables of a :class:`~govextract.structure.document.Document`, each placed at its
    mark in the text and dated by the report's period when its caption gives no year."""
    from ..markup import TABLE

    if not doc.tables:
        return ()
    marks = [m.start() for m in re.finditer(TABLE, doc.text)]
    return tuple(read_table(raw, rules, index=i, period=doc.meta.period, start=marks[i] if i < len(marks) else None)
                 for i, raw in enumerate(doc.tables))


def _data_cell(i: int, c: int, text: str, row_path: tuple[str, ...], col_path: tuple[str, ...],
               row: tuple[str, ...], unit_col: int | None, t_unit: str, t_period: int | None, v: Vocab,
               rules: RuleSet, page: int | None) -> Cell:
    label = row_path[-1] if row_path else ""
    measure = _measure(col_path, v) or _measure((label,), v)
    year = _year(col_path, v) or _year((label,), v)
    num = cell_number(text, v)
    if measure is None:
        measure = "level"
    surface = next((u for hd in reversed(col_path) if (u := bracket_unit(hd, v, rules))), "")
    if not surface and unit_col is not None and row[unit_col] and measure in ("level", "index"):
        surface = row[unit_col]
    if not surface and col_path and measure == "level":
        surface = count_unit(col_path[-1], v, rules)
    if not surface and label:
        surface = bracket_unit(label, v, rules) or ""
    if not surface and num is not None and num[1]:
        surface = "%"
    if not surface:
        surface = v.default_units.get(measure, "") or (t_unit if measure == "level" else "")
    reading = read_unit(surface, rules) if surface else None
    if measure == "index":
        reading = None
    unit, kind, dim = (reading.unit, reading.kind, reading.dimension) if reading else \
        ((surface if measure != "index" else ""), "other" if surface else "", "")
    value = None
    if num is not None:
        value = num[0]
        if reading is not None and reading.kind not in ("percent", "pp"):
            value = num[0] * reading.factor
        value = _tidy(value)
    return Cell(i, c, text, "data", row_path, col_path, value, unit or "", kind or "", dim or "", measure,
                year or t_period, page)


def _tidy(d: Decimal) -> Decimal:
    """A Decimal without exponent noise: 9026100, not 9.0261E+6."""
    q = d.normalize()
    if q == q.to_integral_value():
        return q.quantize(Decimal(1))
    return q

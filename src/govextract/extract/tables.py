"""Table cells as quantities: every figure of a table becomes a row of ``quantities``
(``source = "table"``), with the row label as subject and its indicator linked through
the same lexicon as prose (``rules/indicators.yaml``).

>>> from govextract.rules import load_rules
>>> from govextract.models import RawTable
>>> from govextract.structure.tables import read_table
>>> rules = load_rules()
>>> t = read_table(RawTable(grid=(("指标", "绝对数（亿元）", "比上年增长（%）"), ("一般公共预算收入", "202.27", "-12.3"))),
...                rules, period=2023, start=0)
>>> [(q.indicator, q.measure, str(q.value), q.unit, q.change, q.period, q.source) for q in table_quantities([t], rules)]
[('一般公共预算收入', 'level', '20227000000', '元', '', 2023, 'table'), ('一般公共预算收入', 'growth_pct', '12.3', '%', 'down', 2023, 'table')]
"""
from __future__ import annotations

from typing import Iterable

from ..models import Quantity, Table
from ..rules import RuleSet
from .indicators import _unit_fits, canonical_indicator, lexicon



def table_quantities(tables: Iterable[Table], rules: RuleSet) -> list[Quantity]:
    """One quantity per figure cell of ``tables``; offsets are the table mark's."""
    lex = lexicon(rules)
    out: list[Quantity] = []
    for t in tables:
        start = t.start if t.start is not None else 0
        for c in t.cells:
            if c.role != "data" or c.value is None:
                continue
            label = c.row_path[-1] if c.row_path else ""
            growth = c.measure in ("growth_pct", "growth_pp")
            kind = c.kind or "other"
            q = Quantity(text=c.text, start=start, end=start + 1, value=abs(c.value) if growth else c.value,
                         unit=c.unit, kind=kind, dimension=c.dimension, change=c.change, subject=label,
                         measure=c.measure, period=c.period, source="table", table=t.caption or t.title,
                         row=" > ".join(c.row_path), column=" > ".join(c.column_path))
            name = canonical_indicator(label, lex) if label and c.measure != "index" else None
            if name is not None and c.measure == "level" and c.unit != "%" and not _unit_fits(q, lex.specs[name]):
                name = None
            if name is not None:
                q = Quantity(**{**q.__dict__, "indicator": name})
            out.append(q)
    return out

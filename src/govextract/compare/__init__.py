"""Cross-year and cross-region comparison of indicators.

:func:`compare` parses reports (each file once, with one :class:`~govextract.pipeline.Pipeline`)
and returns a *long* table, one row per value::

    doc, issuer, region, period, indicator, measure, value, value_max, unit, approx,
    target, derived, quote   (+ five_year, note, check, scope, section, page, text)

Money is in 元, percentages in %, growth in percentage points in 百分点; a fall
is a negative growth (PM2.5 同比改善5.2% → −5.2). ``quote`` is the sentence.

Beyond the stated values, compare

* **derives** the previous year's level from a level and its growth in one sentence
  (88.6% after +2.8 points → 85.8% for the year before), marked ``derived``;
* **checks** each series across reports: does a stated growth match the levels of two
  reports (``check`` = ``ok`` / ``mismatch``)? does a derived value match what the
  previous report stated? Where the scope or status of a figure changed (区本级 vs
  全社会, 预计, 剔除虚增空转) the series is marked ``break`` and ``note`` says what changed.

:func:`wide` pivots the long table: indicators × periods, or indicators × regions.

>>> from govextract.pipeline import Pipeline
>>> rep = Pipeline().parse_text("2024年，区环境空气质量优良率为88.6%，同比上升2.8个百分点。")
>>> df = compare([rep])
>>> df[["period", "indicator", "measure", "value", "derived"]].values.tolist()
[[2024, '空气质量优良率', 'level', 88.6, False], [2024, '空气质量优良率', 'growth_pp', 2.8, False], [2023, '空气质量优良率', 'level', 85.8, True]]
>>> compare([rep], indicators=["人口"])
Traceback (most recent call last):
...
govextract.compare.CompareError: unknown indicator '人口' (`govextract indicators --search WORD` lists the known names and aliases; add new ones to rules/indicators.yaml)
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from ..rules import RuleSet, load_rules
from ..tables import Report
from ..workbook import write_workbook
from .charts import CJK_FONTS, chart, find_cjk_font, place_colours
from .check import check
from .derive import derive, previous_value
from .rows import (CONTRACT_COLUMNS, LONG_COLUMNS, ChartError, CompareError,
                   one_name_per_place, parse_all, report_rows, resolve_indicators)
from .wide import format_value, pivot_axis, sources, wide

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..ingest import ReadOptions

__all__ = ["CJK_FONTS", "CONTRACT_COLUMNS", "LONG_COLUMNS", "ChartError", "CompareError", "chart", "check", "place_colours", "compare",
           "derive", "find_cjk_font", "format_value", "one_name_per_place", "pivot_axis", "parse_all", "previous_value",
           "report_rows", "resolve_indicators", "sources", "wide", "write_workbook"]


def compare(paths_or_reports: Iterable[str | Path | Report], *, indicators: Sequence[str] | None = None,
            rules: RuleSet | str | Path | None = None, options: "ReadOptions | None" = None) -> "pd.DataFrame":
    """The long comparison table over reports (paths of any supported form, or Reports).

    ``indicators`` limits it to these indicators (canonical names or aliases).
    ``rules`` is a RuleSet or a directory of user rules merged over the shipped ones.
    """
    import pandas as pd

    if rules is None:
        rules = load_rules()
    elif not isinstance(rules, RuleSet):
        rules = load_rules(rules)
    wanted = resolve_indicators(indicators, rules)
    reports = parse_all(paths_or_reports, rules=rules, options=options)
    rows = one_name_per_place([r for rep in reports for r in report_rows(rep, rules)])
    if wanted is not None:
        rows = [r for r in rows if r["indicator"] in wanted]
    rows += derive(rows, rules)
    check(rows, rules)
    df = pd.DataFrame(rows, columns=LONG_COLUMNS)
    if wanted is not None:
        order = {n: i for i, n in enumerate(wanted)}
        df = df.assign(_o=df["indicator"].map(order)).sort_values(["_o"], kind="stable").drop(columns="_o")
    return df.reset_index(drop=True)

"""The wide table (indicators × periods or regions), values for people, and the sources list."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from ..display import display_rules
from ..rules import RuleSet
from .check import _pick
from .rows import CompareError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def _blank(v: Any) -> bool:
    try:
        return v is None or v != v or v == ""
    except TypeError:   # pandas' NA has no truth value
        return True


def pivot_axis(records: Iterable[Mapping[str, Any]], by: str | None) -> str:
    """What a wide table's columns run over: ``by`` if given, else ``region`` for one year
    across regions (more regions than periods among the results, or among the targets when
    there are no results), ``period`` for a series of years. The terminal table, the xlsx and
    the review page all pivot so.

    >>> pivot_axis([{"region": "甲", "period": 2024, "target": False},
    ...             {"region": "乙", "period": 2024, "target": False}], None)
    'region'
    """
    if by in ("period", "region"):
        return by
    if by is not None:
        raise CompareError(f"cannot pivot by {by!r}", fix="use by='period', 'region' or None")
    rows = list(records)
    results = [r for r in rows if not r.get("target")] or rows
    regions = {r.get("region") for r in results if not _blank(r.get("region"))}
    periods = {r.get("period") for r in results if not _blank(r.get("period"))}
    return "region" if len(regions) > 1 and len(regions) >= len(periods) else "period"


def wide(long_df: "pd.DataFrame", by: str | None = None, *, values: str = "value") -> "pd.DataFrame":
    """Pivot the long table: one row per indicator and measure (and region, when by
    period over several regions; and period, when by region over several periods),
    one column per period or region. A cell holds the preferred value: stated before
    derived, annual before five-year, exact before approximate.

    ``values="source"`` gives the file name each cell came from instead.

    >>> import pandas as pd
    >>> df = pd.DataFrame([dict(doc="a", region="R", period=2024, indicator="X", measure="level", value=2.0,
    ...                         value_max=None, unit="元", approx="", target=False, derived=False, five_year=False)])
    >>> wide(df).to_dict("index")
    {('X', 'level', '元'): {2024: 2.0}}
    """
    import pandas as pd

    if long_df.empty:
        return pd.DataFrame()
    axis = pivot_axis(long_df.to_dict("records"), by)
    other = "region" if axis == "period" else "period"
    keys = ["indicator", "measure", "unit"]
    multi = long_df[other].nunique(dropna=True) > 1
    if multi:
        keys = [other] + keys
    cells: dict[tuple, dict[Any, Any]] = defaultdict(dict)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in long_df.to_dict("records"):
        row_key = tuple(r[k] for k in keys)
        groups[(row_key, r[axis])].append(r)
    for (row_key, col), rs in groups.items():
        best = _pick(rs)
        if values == "source":
            cells[row_key][col] = Path(str(best["doc"])).name + (" (derived)" if best["derived"] else "")
        else:
            cells[row_key][col] = best[values]
    df = pd.DataFrame.from_dict(cells, orient="index")
    df = df.reindex(sorted(df.columns, key=lambda c: (c is None, str(c))), axis=1)
    df.index = pd.MultiIndex.from_tuples(df.index, names=keys) if len(keys) > 1 else df.index
    order = {n: i for i, n in enumerate(dict.fromkeys(long_df["indicator"]))}
    morder = {m: i for i, m in enumerate(("level", "growth_pct", "growth_pp", "share", "cumulative_level",
                                          "average_growth_pct", "target_level", "target_growth_pct",
                                          "target_growth_pp", "target_average_growth_pct"))}
    pos = keys.index("indicator")
    df = df.loc[sorted(df.index, key=lambda k: (order.get(k[pos], 99), morder.get(k[pos + 1], 9),
                                                [str(x) for x in k]))]
    df.columns.name = axis
    return df


# --- display ----------------------------------------------------------------------------------
def format_value(value: float | int | None, unit: str, measure: str = "level",
                 value_max: float | None = None, approx: str = "", *, rules: RuleSet | None = None) -> str:
    """A value for people: big money in 亿元/万亿元, growth with a sign (the ``display`` part of
    ``rules/indicators.yaml``; without ``rules``, the shipped rules).

    >>> format_value(13650000000000, "元"), format_value(-5.2, "%", "growth_pct"), format_value(4.5, "%", "target_growth_pct", 5)
    ('13.65万亿元', '−5.2%', '+4.5–5%')
    """
    if value is None or value != value:
        return ""
    show = display_rules(rules)
    scales = (show.get("scales") or {}).get(unit, ())
    names = show.get("unit_names") or {}

    def one(v: float) -> tuple[str, str]:
        for sc in scales:
            if abs(v) >= sc["at"]:
                return f"{v / sc['per']:.{int(sc['digits'])}g}", sc["unit"]
        if unit in names:
            return f"{v:g}", names[unit]
        return f"{v:g}", ("" if unit == "%" else " ") + unit

    s, u = one(float(value))
    if "growth" in measure and value > 0:
        s = "+" + s
    s = s.replace("-", "−")
    if value_max is not None and value_max == value_max:
        s = f"{s}–{one(float(value_max))[0]}"
    return f"{s}{u}{approx if approx in shown_after(rules) else ''}"


def shown_after(rules: RuleSet | None = None) -> tuple[str, ...]:
    """The qualifiers shown after a value (5%左右); any other is shown before it."""
    return tuple(display_rules(rules).get("approx_after", ()))


def sources(reports_or_long: "pd.DataFrame") -> "pd.DataFrame":
    """One row per document of a long table: doc, issuer, region, period range, number of values."""
    import pandas as pd

    df = reports_or_long
    if df.empty:
        return pd.DataFrame(columns=["source", "doc", "issuer", "region", "periods", "values"])
    out = []
    for i, (doc, g) in enumerate(df.groupby("doc", sort=False), 1):
        ps = sorted(p for p in g["period"].dropna().unique())
        out.append({"source": i, "doc": doc, "issuer": g["issuer"].iloc[0], "region": g["region"].iloc[0],
                    "periods": f"{int(ps[0])}–{int(ps[-1])}" if ps else "", "values": int((~g["derived"]).sum())})
    return pd.DataFrame(out)

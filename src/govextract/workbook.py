"""The comparison workbook an analyst opens (issue 11, What to build 8): ``compare.write_workbook``.

Sheets (long, wide, sources, notes, legend):

- **wide**: one cell per (place or period, indicator, measure, unit) — the value
  :func:`govextract.compare.wide` picks (stated before derived, annual before five-year, exact
  before approximate). Money is shown in the indicator's ``display_unit`` of
  ``rules/indicators.yaml`` (地区生产总值 in 亿元; incomes stay in 元), divided exactly, and each
  cell keeps its number with a display format of exactly its own decimals, so nothing is
  rounded away. A marker follows the number in the display only: ``*`` derived, ``†`` five-year
  review or plan, ``!`` a check note (mismatch, series break, conflict); targets are the
  ``target_*`` measures. Rows with no value are left out; empty cells stay empty.
- **legend**: what the markers and units mean.
- **long**: every value in base units (元, %), exact, as compare gives it.
- **sources** and **notes**: where each cell came from, and every check and note.

Every text cell is a string, never a formula (:mod:`govextract.spreadsheet`).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .rules import RuleSet

#: marker → (long-table column that sets it, meaning)
MARKERS = {"*": ("derived", "derived from a level and its stated growth (not stated in any report)"),
           "†": ("five_year", "a five-year review or plan value"),
           "!": ("check", "see the notes sheet: a mismatch with the stated growth, a series break or a conflict")}


def display_scale(indicator: str, unit: str, rules: "RuleSet") -> tuple[str, Decimal]:
    """The unit a person reads an indicator's values in, and the factor from the base unit.

    >>> from govextract.rules import load_rules
    >>> display_scale("地区生产总值", "元", load_rules())
    ('亿元', Decimal('100000000'))
    >>> display_scale("居民人均可支配收入", "元", load_rules())
    ('元', Decimal('1'))
    >>> display_scale("地区生产总值", "%", load_rules())
    ('%', Decimal('1'))
    """
    spec = (rules.indicators.get("indicators") or {}).get(indicator) or {}
    shown = str(spec.get("display_unit") or "")
    big = rules.numerals.get("big") or {}
    if shown and shown != unit and shown.endswith(unit) and shown[:-len(unit)] in big:
        return shown, Decimal(str(big[shown[:-len(unit)]]))
    return unit, Decimal(1)


def _set(v: Any) -> bool:
    """A flag cell that is on: True, or a non-empty note (NaN and None are off)."""
    if v is None or (isinstance(v, float) and v != v):
        return False
    return bool(v.strip()) if isinstance(v, str) else bool(v)


def _number_format(value: Decimal, marker: str) -> str:
    """A display format with exactly the value's own decimals, then the marker as text."""
    exp = value.normalize().as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    base = "0" + ("." + "0" * places if places else "")
    return base + (f'"{marker}"' if marker else "")


def wide_sheet(long_df: "pd.DataFrame", by: str | None, rules: "RuleSet") -> tuple["pd.DataFrame", dict]:
    """The wide table in display units, with no empty rows, and each cell's marker."""
    import pandas as pd

    from .compare import wide

    w = wide(long_df, by)
    if w.empty:
        return pd.DataFrame(columns=["indicator", "measure", "unit"]), {}
    flags = {m: wide(long_df, by, values=col) for m, (col, _) in MARKERS.items()}
    w = w.dropna(how="all")
    rows, marks = [], {}
    cols = [c for c in w.columns]
    for i, (key, vals) in enumerate(w.iterrows()):
        key = key if isinstance(key, tuple) else (key,)
        names = dict(zip(w.index.names, key))
        shown, factor = display_scale(names["indicator"], names["unit"], rules)
        row: dict[str, Any] = {**{k: v for k, v in names.items() if k != "unit"}, "unit": shown}
        for c in cols:
            v = vals[c]
            if v is None or v != v:
                row[str(c)] = None
                continue
            d = Decimal(str(v)) / factor
            row[str(c)] = float(d)
            mark = "".join(m for m, f in flags.items()
                           if c in f.columns and _set(f.loc[key if len(key) > 1 else key[0], c]))
            marks[(i, str(c))] = _number_format(d, mark)
        rows.append(row)
    out = pd.DataFrame(rows)
    for k in ("period",):
        if k in out.columns:
            out[k] = out[k].astype("Int64")
    return out, marks


def write_workbook(long_df: "pd.DataFrame", output: str | Path, by: str | None = None,
                   rules: "RuleSet | None" = None) -> Path:
    """Write the comparison workbook (wide, legend, long, sources, notes) atomically."""
    import pandas as pd

    from .compare import sources
    from .rules import load_rules
    from .spreadsheet import excel_writer, to_sheet
    from .tables import atomic_path

    rules = rules or load_rules()
    w, marks = wide_sheet(long_df, by, rules)
    legend = pd.DataFrame([{"marker": m, "meaning": text} for m, (_, text) in MARKERS.items()] + [
        {"marker": "target_*", "meaning": "a target the report sets (measure target_level, target_growth_pct ...)"},
        {"marker": "unit", "meaning": "wide shows money in the unit named in its unit column (the indicator's "
                                      "display_unit in rules/indicators.yaml); the long sheet keeps every value "
                                      "in base units, exactly"}])
    note_cols = ["doc", "region", "period", "indicator", "measure", "value", "unit", "check", "note", "quote"]
    notes = long_df[(long_df["note"] != "") | (long_df["check"] != "")][note_cols] if not long_df.empty \
        else pd.DataFrame(columns=note_cols)
    long_out = long_df.copy()
    for k in ("period", "base_period"):
        if k in long_out.columns:
            long_out[k] = pd.array(long_out[k], dtype="Int64")
    target = Path(output)
    with atomic_path(target) as tmp:
        with excel_writer(tmp) as xw:
            to_sheet(long_out, xw, "long")
            to_sheet(w, xw, "wide")
            ws = xw.sheets["wide"]
            col_at = {str(c): j + 1 for j, c in enumerate(w.columns)}
            for (i, c), fmt in marks.items():
                ws.cell(row=i + 2, column=col_at[c]).number_format = fmt
            to_sheet(sources(long_df) if not long_df.empty else pd.DataFrame(), xw, "sources")
            to_sheet(notes, xw, "notes")
            to_sheet(legend, xw, "legend")
    return target

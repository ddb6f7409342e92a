"""The comparison review page: the wide table, a chart per indicator and the quotes
every value links to, from :func:`govextract.compare.compare`'s long table."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..display import display_rules
from .render import ReportError, _render, fmt_number, fmt_short
from .svg import CHART, PALETTE, _panel

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..rules import RuleSet
    from ..tables import Report


# --- comparison -------------------------------------------------------------------
#: the columns of compare()'s long table this page needs; extras (note, check, five_year, text …) are used if present
COMPARE_COLUMNS = ["doc", "issuer", "region", "period", "indicator", "measure", "value", "value_max", "unit",
                   "approx", "target", "derived", "quote"]
#: measures in display order
MEASURE_ORDER = ("level", "growth_pct", "growth_pp", "share", "cumulative_level", "average_growth_pct",
                 "target_level", "target_growth_pct", "target_growth_pp", "target_average_growth_pct")


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v == ""


def _axis(rows: Sequence[dict[str, Any]], by: str | None) -> str:
    """What the wide table's columns run over (:func:`govextract.compare.pivot_axis`)."""
    from ..compare import CompareError, pivot_axis

    try:
        return pivot_axis(rows, by)
    except CompareError as e:
        raise ReportError(e.reason, fix=e.fix) from e


def _col_key(row: dict[str, Any], axis: str) -> str:
    v = row.get(axis)
    if _blank(v):
        return Path(str(row.get("doc") or "?")).stem
    return fmt_number(v) if axis == "period" else str(v)


def _value_label(r: dict[str, Any], rules: "RuleSet | None" = None) -> str:
    """A value for people, as compare formats it (big money in 亿元/万亿元, growth signed),
    with the ``display`` rules of ``rules``."""
    try:
        from ..compare import format_value
    except ImportError:  # pragma: no cover - an older compare module
        format_value = None
    if format_value is not None:
        try:
            label = format_value(r["value"], r.get("unit") or "", r.get("measure") or "level",
                                 r.get("value_max"), r.get("approx") or "", rules=rules)
            if "e+" not in label:
                return label
        except Exception:  # pragma: no cover - never lose the page to a label
            pass
    s = fmt_short(r["value"], rules) + (f"–{fmt_short(r['value_max'], rules)}" if r.get("value_max") is not None
                                       else "")
    return f"{s}{r.get('unit') or ''}"


def _pick_order(r: dict[str, Any]) -> tuple:
    """Preferred value of a cell first: stated, annual, exact, then document order."""
    return (r["derived"], bool(r.get("five_year")), r.get("value_max") is not None, bool(r.get("approx")), r["qid"])


def compare_context(long: "pd.DataFrame", *, by: str | None = None, title: str | None = None,
                    rules: "RuleSet | None" = None) -> dict[str, Any]:
    """Everything the comparison template shows, from :func:`govextract.compare.compare`'s long table;
    values are written with the ``display`` rules of ``rules`` (the shipped rules unless given)."""
    from ..rules import shipped_rules

    rules = rules or shipped_rules()
    missing = [c for c in ("doc", "indicator", "measure", "value", "unit") if c not in long.columns]
    if missing:
        raise ReportError(f"the comparison table lacks column(s) {', '.join(missing)}",
                          fix="pass the long table of govextract.compare.compare()")
    extra = [c for c in ("five_year", "check", "note") if c in long.columns]
    rows = [{k: (None if _blank(v) else v) for k, v in r.items()} for r in long.reset_index(drop=True).to_dict("records")]
    for qid, r in enumerate(rows):
        for c in (*COMPARE_COLUMNS, "five_year", "check", "note", "page", "text"):
            r.setdefault(c, None)
        r["qid"] = qid
        r["measure"] = str(r.get("measure") or "")
        r["target"] = bool(r.get("target")) or r["measure"].startswith("target_")
        r["derived"] = bool(r.get("derived"))
        r["label"] = _value_label(r, rules) if r.get("value") is not None else ""
        r["name"] = Path(str(r.get("doc") or "")).name
        quote, hit = str(r.get("quote") or ""), str(r.get("text") or "")
        k = quote.find(hit) if hit else -1
        r["quote_parts"] = (quote[:k], hit, quote[k + len(hit):]) if k >= 0 else (quote, "", "")
    rows_v = [r for r in rows if not _blank(r.get("indicator")) and r.get("value") is not None]
    axis = _axis(rows_v or rows, by)
    other = "region" if axis == "period" else "period"
    multi = len({r.get(other) for r in rows_v if not _blank(r.get(other))}) > 1
    for r in rows:
        r["col"] = _col_key(r, axis)
        r["other"] = (fmt_number(r.get(other)) if other == "period" else str(r.get(other) or "")) if multi else ""
    cols = list(dict.fromkeys(r["col"] for r in rows_v))
    numeric_x = axis == "period" and all(c.lstrip("-").isdigit() for c in cols)
    cols.sort(key=(lambda c: int(c)) if numeric_x else str)

    # one wide row per (other, indicator, measure, unit)
    groups: dict[tuple, dict[str, list[dict[str, Any]]]] = {}
    for r in rows_v:
        key = (r["other"], str(r["indicator"]), r["measure"], str(r.get("unit") or ""))
        groups.setdefault(key, {}).setdefault(r["col"], []).append(r)
    weight: dict[str, int] = {}
    for (_, ind, _, _), g in groups.items():
        weight[ind] = weight.get(ind, 0) + len(g)
    indicators = sorted(weight, key=lambda s: (-weight[s], s))
    order = {ind: n for n, ind in enumerate(indicators)}
    morder = {m: n for n, m in enumerate(MEASURE_ORDER)}
    wide_rows = []
    for key in sorted(groups, key=lambda k: (order[k[1]], k[0], morder.get(k[2], 99), k[2], k[3])):
        cells = []
        for c in cols:
            hits = sorted(groups[key].get(c, []), key=_pick_order)
            cells.append({"main": hits[0] if hits else None, "more": hits[1:]})
        wide_rows.append({"other": key[0], "indicator": key[1], "measure": key[2], "unit": key[3],
                          "target": key[2].startswith("target_"), "cells": cells, "id": f"row-{len(wide_rows)}"})

    # one chart per indicator; a panel per kind of measure and unit; a series per actual/target (and region)
    charts = []
    # one colour per place for the whole page: a place keeps its colour across charts (issue 11)
    from ..compare import place_colours

    places = place_colours((str(w["other"]) for w in wide_rows), len(PALETTE))
    for ind in indicators:
        panels_in: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in (w for w in wide_rows if w["indicator"] == ind):
            pts = [(c, float(cell["main"]["value"]), cell["main"]["qid"], cell["main"]["label"],
                    bool(cell["main"].get("five_year")))
                   for c, cell in zip(cols, row["cells"]) if cell["main"]]
            if not pts:
                continue
            base = row["measure"].removeprefix("target_")
            panels_in.setdefault((base, row["unit"]), []).append(
                {"target": row["target"], "other": row["other"], "points": pts})
        xs = [c for c in cols if any(p[0] == c for ss in panels_in.values() for s in ss for p in s["points"])]
        panels, y0 = [], 0.0
        for (measure, unit), series in sorted(panels_in.items(), key=lambda kv: _panel_order(kv[0])):
            series.sort(key=lambda s: (s["other"], s["target"]))
            others = list(dict.fromkeys(s["other"] for s in series))
            for s in series:
                s["color"] = PALETTE[places[str(s["other"])]] if len(others) > 1 else \
                    (PALETTE[1] if s["target"] else PALETTE[0])
            p = _panel(series, xs, numeric_x, y0, rules)
            p.update(measure=measure, unit=unit)
            panels.append(p)
            y0 += p["height"]
        if panels:
            charts.append({"indicator": ind, "id": f"chart-{len(charts)}", "panels": panels,
                           "height": y0, "x_from": xs[0], "x_to": xs[-1]})
    quotes = sorted(rows_v, key=lambda r: (cols.index(r["col"]), r["qid"]))
    docs = list(dict.fromkeys(r["doc"] for r in rows if r.get("doc")))
    periods = sorted({int(r["period"]) for r in rows_v if isinstance(r.get("period"), (int, float))})
    issuers = list(dict.fromkeys(r["issuer"] for r in rows if r.get("issuer")))
    if not title:
        who = rules.documents.get("issuer_joiner", "").join(issuers[:3]) + \
            (display_rules(rules).get("more", "") if len(issuers) > 3 else "")
        title = " ".join(x for x in (who, periods and f"{periods[0]}–{periods[-1]}" or "") if x) or "Comparison"
    return {"title": title, "axis": axis, "other": other if multi else None, "columns": cols,
            "wide": wide_rows, "charts": charts, "chart": CHART, "quotes": quotes, "n_docs": len(docs),
            "indicators": [c["indicator"] for c in charts], "issuers": issuers[:6], "n_issuers": len(issuers),
            "span": f"{periods[0]}–{periods[-1]}" if periods else "", "extra": extra,
            "csv_columns": list(long.columns),
            "records": [{c: r.get(c) for c in long.columns} for r in rows]}


def _panel_order(key: tuple[str, str]) -> tuple[int, str, str]:
    measure, unit = key
    return ({"growth_pct": 0, "growth_pp": 1, "level": 2, "share": 3}.get(measure, 9), measure, unit)


def render_compare(long: "pd.DataFrame", *, by: str | None = None, title: str | None = None,
                   rules: "RuleSet | None" = None) -> str:
    """One self-contained HTML page: the wide comparison table, an SVG chart per
    indicator, and the quotes every value links to (values written by the ``display`` rules of
    ``rules``, the shipped rules unless given)."""
    return _render("compare.html.j2", compare_context(long, by=by, title=title, rules=rules), rules)


def compare_reports(reports: Iterable["Report"] | Iterable[str | Path], *, indicators: Sequence[str] | None = None,
                    rules: Any = None) -> "pd.DataFrame":
    """The long comparison table of :func:`govextract.compare.compare`."""
    try:
        from ..compare import compare
    except ModuleNotFoundError as e:  # pragma: no cover - until the compare module lands
        if e.name != "govextract.compare":
            raise
        raise ReportError("comparison is not available in this installation (no govextract.compare)",
                          fix="update govextract") from e
    return compare(list(reports), indicators=list(indicators) if indicators else None, rules=rules)

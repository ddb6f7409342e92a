"""Consistency checks across reports: stated growth against levels, derived against stated
values, scope or status changes marked as a series ``break``."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from ..rules import RuleSet
from .rows import _add, pp_label


def _pick(rows: list[dict]) -> dict | None:
    """The preferred stated value among several for one cell: annual, exact, first."""
    if not rows:
        return None
    return sorted(rows, key=lambda r: (r["derived"], r["five_year"], r["value_max"] is not None,
                                       bool(r["approx"])))[0]


def check(rows: list[dict[str, Any]], rules: RuleSet) -> None:
    """Fill ``check`` and ``note`` of the rows in place (see the module docstring)."""
    data = rules.indicators
    specs = data.get("indicators", {})
    cfg = data.get("checks", {})
    tol = float(cfg.get("tolerance_pp", 1.0))
    real_tol = float(cfg.get("real_tolerance_pp", 8.0))
    scopes = dict(data.get("scopes", {}))
    show = data.get("display") or {}
    pp = pp_label(rules)
    for r in rows:
        if r.get("estimate") and not r["target"]:
            r["check"] = r["check"] or "estimate"
            r["note"] = _add(r["note"], show.get("estimate_note", "estimate: may be revised"))
    series: dict[tuple, dict[tuple, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if r["target"]:
            continue
        series[(r["region"], r["indicator"])][(r["period"], r["measure"])].append(r)
    for cells in series.values():
        for rs in cells.values():
            _mark_conflicts(rs)
    for (region, ind), cells in series.items():
        spec = specs.get(ind, {})
        real = spec.get("growth_basis") == "real"
        periods = sorted({p for p, m in cells if p is not None})
        for p in periods:
            lv = _pick([r for r in cells.get((p, "level"), []) if not r["derived"]])
            prev = _pick([r for r in cells.get((p - 1, "level"), []) if not r["derived"]
                          and (lv is None or r["unit"] == lv["unit"])])
            derived = [r for r in cells.get((p - 1, "level"), []) if r["derived"]]
            # a derived value against what the previous report stated
            for d in derived:
                if prev is None or prev["doc"] == d["doc"] or prev["unit"] != d["unit"] or prev["approx"]:
                    continue                           # 突破3万亿元: a line, not a value to check against
                diff = abs(d["value"] / prev["value"] - 1) * 100 if prev["value"] else 0
                limit = real_tol if real and d.get("basis") == "real" else max(tol, 0.6)
                if prev["check"] == "conflict":
                    continue
                if diff > limit:
                    _mark_break(d, prev, lv, scopes, f"derived {d['value']:g} vs stated {prev['value']:g} "
                                f"in {Path(prev['doc']).name}")
                else:
                    d["check"] = "ok"
            if lv is None or prev is None or lv["doc"] == prev["doc"]:
                continue
            if _scope_kinds(lv, scopes) != _scope_kinds(prev, scopes):
                _mark_break(lv, prev, lv, scopes, "")
                continue
            for measure in ("growth_pct", "growth_pp"):
                g = _pick([r for r in cells.get((p, measure), []) if not r.get("average")
                           and r["value_max"] is None])
                if g is None or not prev["value"] or g["check"] == "conflict":
                    continue
                if measure == "growth_pct":
                    implied = (lv["value"] / prev["value"] - 1) * 100
                    unit = "%"
                else:
                    if lv["unit"] != "%":
                        continue
                    implied = lv["value"] - prev["value"]
                    unit = pp
                # real growth (growth_basis real, or said so: basis real) against nominal levels
                real_g = (real or g.get("basis") == "real") and measure == "growth_pct"
                limit = real_tol if real_g else tol
                if abs(implied - g["value"]) <= limit:
                    g["check"] = "ok"
                else:
                    g["check"] = "mismatch"
                    g["note"] = _add(g["note"], f"stated {g['value']:+g}{unit}, levels {prev['value']:g} → "
                                     f"{lv['value']:g} imply {implied:+.1f}{unit}")
                if real_g:
                    g["note"] = _add(g["note"], "real growth against nominal levels")


def _mark_conflicts(rows: list[dict[str, Any]]) -> None:
    """Stated, exact values of one place, indicator, measure, period and scope that disagree
    are each a ``conflict``, with the other's quote in ``note``: never one silently chosen.

    >>> a = dict(value=5.5, derived=False, approx="", value_max=None, scope="", check="", note="", quote="增长5.5%",
    ...          doc="x/a.txt")
    >>> rows = [a, dict(a, value=5.8, quote="增长5.8%"), dict(a, quote="又增长5.5%")]
    >>> _mark_conflicts(rows)
    >>> [(r["check"], r["note"]) for r in rows][:2]
    [('conflict', 'conflicts with 5.8 in a.txt: «增长5.8%»'), ('conflict', 'conflicts with 5.5 in a.txt: «增长5.5%»')]
    """
    stated = [r for r in rows if not r["derived"] and not r["approx"] and r["value_max"] is None]
    by_scope: dict[str, list[dict]] = defaultdict(list)
    for r in stated:
        by_scope[r.get("scope") or ""].append(r)
    for group in by_scope.values():
        values = {round(float(r["value"]), 9) for r in group}
        if len(values) < 2:
            continue
        for r in group:
            other = next(o for o in group if round(float(o["value"]), 9) != round(float(r["value"]), 9))
            r["check"] = "conflict"
            r["note"] = _add(r["note"], f"conflicts with {other['value']:g} in {Path(str(other['doc'])).name}: "
                                        f"«{str(other['quote'])[:60]}»")


def _scope_kinds(r: dict, scopes: dict[str, str]) -> frozenset[str]:
    """The scope words of a row's scope (区本级, 全社会, 剔除虚增空转 inside a remark …)."""
    parts = [p for p in r["scope"].split(",") if p]
    words = sorted((w for w, k in scopes.items() if k in ("scope", "restated") and any(w in p for p in parts)),
                   key=len, reverse=True)
    return frozenset(w for i, w in enumerate(words) if not any(w in o for o in words[:i]))


def _mark_break(r: dict, prev: dict, lv: dict | None, scopes: dict[str, str], why: str) -> None:
    a, b = _scope_kinds(prev, scopes), _scope_kinds(lv or r, scopes)
    r["check"] = "break"
    parts = [why] if why else []
    if a != b:
        parts.append(f"scope changed: {'/'.join(sorted(a)) or '(unstated)'} → {'/'.join(sorted(b)) or '(unstated)'}")
    elif why:
        parts.append("series break or restatement")
    r["note"] = _add(r["note"], "; ".join(parts))

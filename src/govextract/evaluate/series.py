"""Score compare's long table against hand-checked series gold (issue 11).

A gold file (``tests/golden/hand_*.csv``) has one row per figure a report states for its own
region: ``doc, region, period, indicator, measure, value, value_max, unit, approx, evidence, note``.
It was annotated by reading the reports, before compare was run on them.

Two figures are scored:

- **recall**: a gold row is *found* when the long table has a stated (not derived) row of the
  same document, indicator, measure and period with the same value (and upper bound).
- **wrong rows**: a stated row of the same *place* (the region's 行政区划代码, else its name),
  indicator, measure and period as a gold row, with no ``scope`` (a row with a scope such as
  同口径 or 区本级 is another series: compare breaks the series there), from any document,
  whose value differs from every gold value of that key. A wrong value in a series costs an analyst more than a missing
  one, so the acceptance is zero. A bounded row (超3万亿元, qualifiers.yaml ``bounds``) is
  not wrong when the gold value lies on its side. Derived rows (marked ``*``) that differ by more than
  rounding are listed apart as ``derived_off``.

Usage: ``python -m govextract.evaluate.series tests/golden/hand_*.csv [--show]`` from the
checkout's root (or ``scripts/score_series.py``).
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..rules import RuleSet

#: relative tolerance of a derived value (it is rounded to the places of its source)
DERIVED_TOLERANCE = 0.01
#: how far an ``about`` figure (约, 左右) may lie from the stated one
ABOUT_TOLERANCE = 0.05


@dataclass(frozen=True)
class SeriesScore:
    """What :func:`score` found: counts and the rows behind them."""

    gold: int
    found: int
    missing: tuple[dict[str, Any], ...] = field(default=())
    wrong: tuple[dict[str, Any], ...] = field(default=())
    derived_off: tuple[dict[str, Any], ...] = field(default=())

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "found": self.found, "recall": round(self.recall, 4),
                "wrong": len(self.wrong), "derived_off": len(self.derived_off)}


def read_gold(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """Gold rows of every file, with ``value``/``value_max`` as floats and ``period`` as int."""
    rows = []
    for p in paths:
        with open(p, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                r = dict(r)
                r["gold_file"] = Path(p).name
                r["period"] = int(r["period"])
                r["value"] = float(r["value"])
                r["value_max"] = float(r["value_max"]) if r.get("value_max") else None
                rows.append(r)
    return rows


def _close(a: Any, b: float | None, tol: float = 1e-6) -> bool:
    from ..tables import missing

    if b is None or missing(a):
        return b is None and missing(a)
    return math.isclose(float(a), b, rel_tol=tol, abs_tol=1e-9)


def _place(region: Any, rules: "RuleSet | None") -> str:
    """The key of a place: its 行政区划代码 when the name resolves, else the name."""
    from ..tables import missing

    name = "" if missing(region) else str(region)
    if not name:
        return ""
    from ..structure.regions import resolve

    hit = resolve(name, rules)
    return hit.code if hit is not None else name


def _bound_holds(r: dict[str, Any], gold: float, bounds: dict[str, str]) -> bool:
    """A row with a bound qualifier that the gold value satisfies (超3万亿元 and 32765亿元)."""
    side = bounds.get(str(r.get("approx") or ""))
    v = float(r["value"])
    if side == "lower":
        return abs(gold) >= abs(v)
    if side == "upper":
        return abs(gold) <= abs(v)
    if side == "about":
        return math.isclose(v, gold, rel_tol=ABOUT_TOLERANCE)
    return False


def _bounds(rules: "RuleSet | None") -> dict[str, str]:
    if rules is None:
        from ..rules import load_rules

        rules = load_rules()
    return {word: side for side, words in rules.qualifiers.get("bounds", {}).items() for word in words}


def score(gold: Sequence[dict[str, Any]], long_df: "pd.DataFrame", rules: "RuleSet | None" = None) -> SeriesScore:
    """Score a long table (:func:`govextract.compare.compare`) against gold rows (:func:`read_gold`).

    >>> import pandas as pd
    >>> g = [{"doc": "a.txt", "region": "安徽省", "period": 2025, "indicator": "地区生产总值",
    ...       "measure": "growth_pct", "value": 5.5, "value_max": None}]
    >>> df = pd.DataFrame([{"doc": "x/a.txt", "region": "安徽省", "period": 2025, "indicator": "地区生产总值",
    ...                     "measure": "growth_pct", "value": 5.5, "value_max": None, "derived": False}])
    >>> score(g, df).as_dict()
    {'gold': 1, 'found': 1, 'recall': 1.0, 'wrong': 0, 'derived_off': 0}
    >>> score(g, df.assign(value=5.3)).as_dict()
    {'gold': 1, 'found': 0, 'recall': 0.0, 'wrong': 1, 'derived_off': 0}

    A bound that the stated figure keeps is not wrong; one it breaks is:

    >>> score(g, df.assign(value=5.0, approx="超")).as_dict()["wrong"]
    0
    >>> score(g, df.assign(value=6.0, approx="超")).as_dict()["wrong"]
    1
    """
    from ..tables import missing

    rows = long_df.to_dict("records")
    for r in rows:
        r["_doc"] = Path(str(r["doc"])).name
        r["_place"] = _place(r.get("region"), rules)
        r["_period"] = None if missing(r.get("period")) else int(r["period"])
    by_doc: dict[tuple, list[dict]] = defaultdict(list)
    by_place: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        by_doc[(r["_doc"], r["indicator"], r["measure"], r["_period"])].append(r)
        if not r.get("scope"):
            by_place[(r["_place"], r["indicator"], r["measure"], r["_period"])].append(r)
    missing, found = [], 0
    gold_values: dict[tuple, list[dict]] = defaultdict(list)
    for g in gold:
        hits = [r for r in by_doc[(g["doc"], g["indicator"], g["measure"], g["period"])]
                if not r.get("derived") and _close(r["value"], g["value"]) and _close(r.get("value_max"), g["value_max"])]
        if hits:
            found += 1
        else:
            near = by_doc[(g["doc"], g["indicator"], g["measure"], g["period"])]
            missing.append({**g, "got": [r["value"] for r in near]})
        gold_values[(_place(g["region"], rules), g["indicator"], g["measure"], g["period"])].append(g)
    wrong, derived_off = [], []
    bounds = _bounds(rules)
    for key, gs in gold_values.items():
        for r in by_place.get(key, []):
            if any(_close(r["value"], g["value"]) or _close(r["value"], g["value_max"]) for g in gs):
                continue
            if any(_bound_holds(r, g["value"], bounds) for g in gs):
                continue
            item = {"place": key[0], "indicator": key[1], "measure": key[2], "period": key[3],
                    "value": r["value"], "gold": [g["value"] for g in gs], "doc": r["_doc"],
                    "quote": r.get("quote", ""), "derived": bool(r.get("derived"))}
            if r.get("derived"):
                if not any(_close(r["value"], g["value"], DERIVED_TOLERANCE) for g in gs):
                    derived_off.append(item)
            else:
                wrong.append(item)
    return SeriesScore(gold=len(gold), found=found, missing=tuple(missing), wrong=tuple(wrong),
                       derived_off=tuple(derived_off))


def corpus_paths(gold: Sequence[dict[str, Any]], root: Path) -> list[Path]:
    """The corpus files the gold rows name (``corpora/*/DOC``), each once, in gold order."""
    out: dict[str, Path] = {}
    for g in gold:
        if g["doc"] in out:
            continue
        hits = sorted((root / "corpora").glob(f"*/{g['doc']}"))
        if not hits:
            raise SystemExit(f"{g['gold_file']}: document {g['doc']} not found under {root / 'corpora'}")
        out[g["doc"]] = hits[0]
    return list(out.values())


def main(argv: Sequence[str] | None = None) -> int:
    from ..compare import compare
    from ..rules import load_rules
    from .gold import checkout_root

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", help="hand gold csv files (tests/golden/hand_*.csv)")
    ap.add_argument("--show", action="store_true", help="list the missing and wrong rows")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = ap.parse_args(argv)
    root = checkout_root()
    rules = load_rules()
    total: dict[str, Any] = {}
    for path in args.gold:
        gold = read_gold([path])
        long_df = compare(corpus_paths(gold, root), indicators=sorted({g["indicator"] for g in gold}), rules=rules)
        s = score(gold, long_df, rules)
        total[Path(path).name] = s.as_dict()
        if not args.json:
            d = s.as_dict()
            print(f"{Path(path).name}: gold {d['gold']}  found {d['found']}  recall {d['recall']:.3f}  "
                  f"wrong {d['wrong']}  derived off {d['derived_off']}")
        if args.show:
            for m in s.missing:
                print(f"  MISSING {m['doc']} {m['indicator']} {m['measure']} {m['period']} {m['value']} "
                      f"(got {m['got']}) «{m['evidence']}»")
            for w in (*s.wrong, *s.derived_off):
                tag = "DERIVED" if w["derived"] else "WRONG"
                print(f"  {tag} {w['doc']} {w['indicator']} {w['measure']} {w['period']} {w['value']} "
                      f"(gold {w['gold']}) «{str(w['quote'])[:80]}»")
    if args.json:
        json.dump(total, sys.stdout, ensure_ascii=False, indent=1)
        print()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

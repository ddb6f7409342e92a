"""Score the table reader on the gold table cells of a source checkout.

Each ``tests/fixtures/gold/NAME.cells.jsonl`` lists every figure cell of some tables of
``corpora/*/<doc>`` (conventions in ``tests/fixtures/gold/GUIDE.md``, "Tables"). A gold cell
is found when a predicted figure cell (a ``data`` cell of the ``cells`` table, with a value)
has the same row path, column path, value (a level in its base unit, a growth with its
sign), unit and measure; matching is one to one. ``values`` counts the gold cells whose
value alone is among the document's predicted cells.

>>> g = [{"row_path": ["粮食"], "column_path": ["产量（万吨）"], "value": 9026100, "unit": "吨", "measure": "level"}]
>>> p = [{"row_path": ["粮食"], "column_path": ["产量（万吨）"], "value": 9026100.0, "unit": "吨", "measure": "level"}]
>>> r = score_cells(g, p); (r["found"], r["recall"]), score_cells(g, [])["recall"]
((1, 1.0), 0.0)
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import score as scorer


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def predicted_cells(path: Path) -> list[dict]:
    """The figure cells of one document's tables, as gold records."""
    import govextract

    rep = govextract.parse(path)
    return [{"table": t.caption, "page": c.page, "row_path": list(c.row_path), "column_path": list(c.column_path),
             "text": c.text, "value": float(c.value), "unit": c.unit, "measure": c.measure, "period": c.period}
            for t in rep.table_list for c in t.cells if c.role == "data" and c.value is not None]


def score_cells(gold: list[dict], pred: list[dict]) -> dict:
    """Greedy one-to-one matching of gold cells to predicted cells (see the module docstring)."""
    def key(r: dict) -> tuple:
        return (tuple(r["row_path"]), tuple(r["column_path"]), r["unit"], r["measure"])

    free = list(range(len(pred)))
    missed: list[tuple[dict, dict | None]] = []
    found = 0
    for g in gold:
        k = next((i for i in free if key(pred[i]) == key(g) and _same_value(pred[i]["value"], g["value"])), None)
        if k is not None:
            free.remove(k)
            found += 1
            continue
        near = next((pred[i] for i in free if _same_value(pred[i]["value"], g["value"])), None)
        missed.append((g, near))
    values = found + sum(1 for _, near in missed if near is not None)
    return {"gold": len(gold), "pred": len(pred), "found": found, "values": values, "missed": missed,
            "recall": found / len(gold) if gold else 0.0}


def evaluate_cells(show: int = 0, root: Path | None = None) -> dict[str, dict]:
    """Score the cells of every ``*.cells.jsonl`` gold file of the checkout at ``root``."""
    from .gold import checkout_root

    root = root or checkout_root()
    results: dict[str, dict] = {}
    for gold_path in sorted((root / "tests" / "fixtures" / "gold").glob("*.cells.jsonl")):
        gold = scorer.load_jsonl(gold_path)
        if not gold:
            continue
        doc = next(iter(sorted((root / "corpora").glob(f"*/{gold[0]['doc']}"))), None)
        if doc is None:
            print(f"{gold_path.name}: no corpus file {gold[0]['doc']}, skipped", file=sys.stderr)
            continue
        res = score_cells(gold, predicted_cells(doc))
        name = gold_path.name.removesuffix(".cells.jsonl")
        results[name] = res
        print(f"{name} cells: gold={res['gold']} pred={res['pred']}  recall={res['recall']:.3f}  "
              f"(values found {res['values']}/{res['gold']})")
        for g, near in res["missed"][:show]:
            got = (f"got {'/'.join(near['row_path'])} | {'/'.join(near['column_path'])} {near['value']} "
                   f"{near['unit']} {near['measure']}") if near else "no cell with this value"
            print(f"  missed {'/'.join(g['row_path'])} | {'/'.join(g['column_path'])} {g['value']} {g['unit']} "
                  f"{g['measure']}  ({got})")
    if results:
        g = sum(r["gold"] for r in results.values())
        f = sum(r["found"] for r in results.values())
        v = sum(r["values"] for r in results.values())
        print(f"MICRO cells ({len(results)} documents): gold={g} found={f} recall={f / g:.3f} (values {v / g:.3f})")
        results["MICRO cells"] = {"gold": g, "found": f, "values": v, "recall": f / g}
    return results

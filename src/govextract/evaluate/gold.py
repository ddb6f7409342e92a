"""Score the quantity extractor on every gold document of a source checkout.

Each ``tests/fixtures/gold/NAME.quantities.jsonl`` is paired with its corpus file
``corpora/*/NAME.txt`` or, for a gold passage cut from a longer report,
``tests/fixtures/passages/NAME.txt`` (the paragraphs one per line), and with
``NAME.paras.txt`` to order the gold. The text is extracted, and the score.py logic
(:mod:`govextract.evaluate.score`) prints detection and full (value + unit) precision, recall and
F1 per document, then micro-averaged over all documents (counts pooled).

Table cells (``NAME.cells.jsonl``) are scored for cell recall by :mod:`.cells`.

Usage: ``python scripts/evaluate.py [--show N] [--json] [--write-pred DIR] [--direct] [--cells | --no-cells]``
(or ``python -m govextract.evaluate.gold`` from the checkout's root).
"""
from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

from . import score as scorer


def checkout_root() -> Path:
    """The source checkout the gold lives in: the current folder or one above it."""
    here = Path.cwd().resolve()
    for d in (here, *here.parents):
        if (d / "tests" / "fixtures" / "gold").is_dir() and (d / "corpora").is_dir():
            return d
    raise SystemExit("no gold here: run from a govextract source checkout (tests/fixtures/gold, corpora)")


def corpus_file(name: str, root: Path) -> Path | None:
    """The text a gold file was annotated on: a whole corpus report, else a passage."""
    for p in sorted((root / "corpora").glob(f"*/{name}.txt")):
        return p
    passage = root / "tests" / "fixtures" / "passages" / f"{name}.txt"
    return passage if passage.is_file() else None


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def micro(results: list[dict]) -> dict:
    """Counts pooled over documents: a detection hit is a gold row not missed, a full
    hit a detection hit whose value and unit are not wrong."""
    g = sum(r["gold"] for r in results)
    n = sum(r["pred"] for r in results)
    det = sum(r["gold"] - len(r["missed"]) for r in results)
    full = det - sum(len(r["wrong"]) for r in results)
    return {"gold": g, "pred": n, "detect": prf(det, n, g), "full": prf(full, n, g)}


def read_corpus(path: Path) -> str:
    """A corpus text file, read as ``govextract extract`` reads it (encoding detected)."""
    from govextract.ingest import read

    return read(path).text


def predict(path: Path, direct: bool = False) -> list[dict]:
    """Quantity rows for one document: through ``govextract.parse`` when the pipeline
    exists (and ``direct`` is false), else straight through normalise + find_quantities.
    A pipeline that fails (a later stage half-edited) is reported and bypassed."""
    if not direct:
        try:
            from govextract import parse

            df = parse(path).quantities
            return [{k: (float(v) if isinstance(v, Decimal) else v) for k, v in r.items()}
                    for r in df.to_dict("records")]
        except ImportError:
            pass
        except Exception as e:  # noqa: BLE001 - the extractor is scored, not the pipeline
            print(f"{path.name}: pipeline failed ({type(e).__name__}: {e}); "
                  "scoring find_quantities directly", file=sys.stderr)
    from govextract.extract.quantities import find_quantities
    from govextract.normalise import normalise
    from govextract.rules import load_rules

    rules = load_rules()
    text = normalise(read_corpus(path), rules=rules).text
    qs, _ = find_quantities(text, rules)
    return [{"text": q.text, "value": float(q.value), "value_max": None if q.value_max is None
             else float(q.value_max), "unit": q.unit, "start": q.start, "kind": q.kind,
             "approx": q.approx, "change": q.change, "subject": q.subject} for q in qs]


def evaluate(show: int = 0, write_pred: Path | None = None, direct: bool = False,
             root: Path | None = None) -> dict[str, dict]:
    """Score every ``tests/fixtures/gold/*.quantities.jsonl`` of the checkout at ``root``."""
    score = scorer
    root = root or checkout_root()
    gold_dir = root / "tests" / "fixtures" / "gold"
    results: dict[str, dict] = {}
    for gold_path in sorted(gold_dir.glob("*.quantities.jsonl")):
        name = gold_path.name.removesuffix(".quantities.jsonl")
        src = corpus_file(name, root)
        if src is None:
            print(f"{name}: no corpus file, skipped", file=sys.stderr)
            continue
        paras = gold_dir / f"{name}.paras.txt"
        gold = score.gold_in_order(score.load_jsonl(gold_path), str(paras) if paras.is_file() else None)
        pred = predict(src, direct)
        if write_pred:
            write_pred.mkdir(parents=True, exist_ok=True)
            with open(write_pred / f"{name}.pred.jsonl", "w", encoding="utf-8") as f:
                for r in pred:
                    f.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        res = score.score(gold, pred)
        results[name] = res
        d, fu = res["detect"], res["full"]
        print(f"{name}: gold={res['gold']} pred={res['pred']}  "
              f"detection P={d[0]:.3f} R={d[1]:.3f} F1={d[2]:.3f}  "
              f"full P={fu[0]:.3f} R={fu[1]:.3f} F1={fu[2]:.3f}")
        if show:
            for r in res["missed"][:show]:
                print(f"  missed   {r['text']!r} {r['value']} {r['unit']} para={r.get('para')}")
            for r in res["spurious"][:show]:
                print(f"  spurious {r.get('text')!r} {r.get('value')} {r.get('unit')} @{r.get('start')}")
            for g, p in res["wrong"][:show]:
                print(f"  wrong    {g['text']!r}: gold {g['value']} {g['unit']} | got {p.get('value')} {p.get('unit')}")
    groups = {"MICRO all": list(results.values()),
              "MICRO passages": [results[k] for k in results
                                 if (root / "tests" / "fixtures" / "passages" / f"{k}.txt") == corpus_file(k, root)]}
    for label, rows in groups.items():
        if len(rows) > 1:
            m = micro(rows)
            d, fu = m["detect"], m["full"]
            print(f"{label} ({len(rows)} documents): gold={m['gold']} pred={m['pred']}  "
                  f"detection P={d[0]:.3f} R={d[1]:.3f} F1={d[2]:.3f}  "
                  f"full P={fu[0]:.3f} R={fu[1]:.3f} F1={fu[2]:.3f}")
            results[label] = m
    return results


def main(root: Path | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", type=int, default=20, help="misses of each sort to list per document")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--write-pred", type=Path, help="write each document's predictions here")
    ap.add_argument("--direct", action="store_true",
                    help="score normalise + find_quantities, bypassing the pipeline")
    ap.add_argument("--cells", action="store_true", help="score only the table cells")
    ap.add_argument("--no-cells", action="store_true", help="score only the prose quantities")
    a = ap.parse_args()
    out: dict[str, dict] = {}
    if not a.cells:
        res = evaluate(0 if a.json else a.show, a.write_pred, a.direct, root)
        out.update({k: {m: v[m] for m in ("gold", "pred", "detect", "full")} for k, v in res.items()})
    if not a.no_cells:
        from .cells import evaluate_cells

        cells = evaluate_cells(0 if a.json else a.show, root)
        out.update({f"{k} (cells)": {m: v[m] for m in ("gold", "found", "values", "recall")}
                    for k, v in cells.items()})
    if a.json:
        print(json.dumps(out))


if __name__ == "__main__":
    main()

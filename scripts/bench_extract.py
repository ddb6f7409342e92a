#!/usr/bin/env python3
"""Speed of whole-text extraction against jieba segmentation alone, over the shipped corpus.

``bench_extract()`` measures, in the same run and over the same texts (every
``corpora/*/*.txt``), the characters per second of

- ``extract``: the whole text pipeline, ``govextract.parse_text`` (normalise,
  segment, outline, metadata, quantities, indicators), and of the quantity
  extractor alone (``find_quantities`` on normalised text);
- ``jieba``: jieba segmentation alone (``Tokenizer.cut``) of the normalised text,
  with the same domain dictionary the pipeline uses.

The issue's budget is: extract takes at most twice as long as jieba alone. The
function prints a Markdown table and returns the figures.
"""
from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _best(fn, repeat: int) -> float:
    """The best of ``repeat`` timings of ``fn()``: the least disturbed by other processes."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def bench_extract(repeat: int = 3, files: list[Path] | None = None) -> dict[str, float]:
    from govextract.extract.quantities import find_quantities
    from govextract.normalise import normalise
    from govextract.rules import load_rules

    files = files or sorted(p for p in (ROOT / "corpora").glob("*/*.txt"))
    from govextract.ingest import read

    raw = [read(p).text for p in files]  # the same reader as extract: encodings, web clutter
    norm = [normalise(t).text for t in raw]
    chars = sum(len(t) for t in norm)
    rules = load_rules()

    try:
        from govextract.pipeline import Pipeline
        from govextract.structure.segment import make_tokenizer

        pipe = Pipeline(rules)
        tok = make_tokenizer(rules)

        def whole():
            for t in raw:
                pipe.parse_text(t)
    except ImportError:  # before the pipeline exists: normalise + quantities only
        import jieba

        pipe = None
        tok = jieba.Tokenizer()

        def whole():
            for t in raw:
                find_quantities(normalise(t).text, rules, tokenizer=tok)

    def segment():
        for t in norm:
            list(tok.cut(t))

    def quantities():
        for t in norm:
            find_quantities(t, rules, tokenizer=tok)

    # warm up: dictionaries, spaCy, compiled rules
    list(tok.cut(norm[0][:1000]))
    whole_first = [raw[0][:2000]]
    if pipe is not None:
        pipe.parse_text(whole_first[0])
    find_quantities(norm[0][:2000], rules)

    t_jieba = _best(segment, repeat)
    t_whole = _best(whole, repeat)
    t_quant = _best(quantities, repeat)
    res = {"chars": chars, "files": len(files),
           "jieba_cps": chars / t_jieba, "extract_cps": chars / t_whole, "quantities_cps": chars / t_quant,
           "ratio": t_whole / t_jieba, "quantities_ratio": t_quant / t_jieba}
    print(f"{len(files)} files, {chars:,} characters (normalised), best of {repeat}\n")
    print("| stage | characters/second | time vs jieba |")
    print("|---|---:|---:|")
    print(f"| jieba segmentation alone | {res['jieba_cps']:,.0f} | 1.00x |")
    print(f"| whole-text extract (normalise, segment, outline, quantities) | {res['extract_cps']:,.0f} "
          f"| {res['ratio']:.2f}x |")
    print(f"| quantities alone (find_quantities) | {res['quantities_cps']:,.0f} | {res['quantities_ratio']:.2f}x |")
    print(f"\nbudget: extract <= 2.00x jieba: {'met' if res['ratio'] <= 2 else 'NOT met'}")
    return res


if __name__ == "__main__":
    bench_extract()

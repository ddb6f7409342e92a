#!/usr/bin/env python3
"""Benchmarks for the README: speed and memory, measured, never asserted in tests.

    python scripts/bench.py                 # everything
    python scripts/bench.py extract batch   # some parts

Parts:
  extract  characters/second of whole-text `extract` vs jieba segmentation alone (scripts/bench_extract.py)
  ocr      pages/second and peak memory of OCR of the scanned reference PDF on 2 workers (scripts/bench_ocr.py)
  batch    batch throughput with 1 and 2 workers, scaling at 1x/4x/16x, index and search (scripts/bench_batch.py)
  pdf      text-layer PDF pages/s: the reader on pdfium vs pdfium's floor and pdfplumber; batch before/after (scripts/bench_pdf.py)

Each part prints a Markdown table; copy the figures into README.md.
"""
from __future__ import annotations

import argparse
import importlib
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = {"extract": ("bench_extract", "bench_extract"),
         "ocr": ("bench_ocr", "bench_ocr"),
         "batch": ("bench_batch", "bench_batch"),
         "pdf": ("bench_pdf", "bench_pdf")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("parts", nargs="*", metavar="PART", help=f"some of: {', '.join(PARTS)} (default: all)")
    args = ap.parse_args()
    unknown = [p for p in args.parts if p not in PARTS]
    if unknown:
        ap.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    sys.path.insert(0, str(HERE))
    import os

    print(f"# govextract benchmarks\n\nmachine: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}\n")
    for name in args.parts or PARTS:
        mod, fn = PARTS[name]
        print(f"## {name}\n", flush=True)
        getattr(importlib.import_module(mod), fn)()
        print(flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Benchmark OCR of the scanned reference PDF: pages per second and peak memory.

    python scripts/bench_ocr.py [--workers 2] [--path corpora/jiading/jiading_2024_scanned.pdf]

Peak memory is the maximum resident set size of this process and of its OCR
worker processes (stdlib ``resource``; on Linux ``ru_maxrss`` is in KiB).
``bench_ocr()`` returns the figures as a dict for scripts/bench.py.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ROOT / "corpora" / "jiading" / "jiading_2024_scanned.pdf"


def _rss_mib(who: int) -> float:
    kib = resource.getrusage(who).ru_maxrss
    return kib / 1024 / (1024 if sys.platform == "darwin" else 1)   # macOS reports bytes


def bench_ocr(path: str | Path = SCANNED, workers: int = 2, quiet: bool = False) -> dict:
    """OCR ``path`` with ``workers`` processes; return and print the figures."""
    from govextract.ingest import ReadOptions, read

    t0 = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    self0 = resource.getrusage(resource.RUSAGE_SELF)
    src = read(path, ReadOptions(workers=workers, ocr="always"))
    seconds = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    self1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime
           + self1.ru_utime - self0.ru_utime + self1.ru_stime - self0.ru_stime)
    pages = src.pages or 0
    out = {
        "path": str(path),
        "workers": workers,
        "pages": pages,
        "seconds": round(seconds, 2),
        "pages_per_second": round(pages / seconds, 3) if seconds else None,
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mib_main": round(_rss_mib(resource.RUSAGE_SELF), 1),
        "peak_rss_mib_worker": round(_rss_mib(resource.RUSAGE_CHILDREN), 1),
        "doubtful_spans": len(src.doubts),
        "chars": len(src.text),
    }
    if not quiet:
        print(f"OCR {out['pages']} pages with {workers} workers: {out['seconds']} s "
              f"({out['pages_per_second']} pages/s, {out['cpu_seconds']} CPU s); "
              f"peak RSS {out['peak_rss_mib_main']} MiB main, {out['peak_rss_mib_worker']} MiB per worker; "
              f"{out['doubtful_spans']} doubtful numbers")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", default=str(SCANNED))
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    bench_ocr(args.path, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())

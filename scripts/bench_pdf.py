#!/usr/bin/env python3
"""PDF text-layer speed: govextract's reader against pdfium's floor and pdfplumber.

    python scripts/bench_pdf.py              # all figures, as a Markdown table
    python scripts/bench.py pdf              # the same, from the bench runner

The files: every text-layer PDF in corpora/real/ plus the reference PDF
(corpora/jiading/jiading_2024.pdf). Figures, measured side by side in one run, in
pages per second per core (CPU time of this one process, best of a few rounds):

  * floor: pypdfium2's text page, every character with its box
    (FPDFText_GetUnicode + FPDFText_GetCharBox), nothing else;
  * old path: pdfplumber's ``page.chars`` (pdfminer's layout parse), nothing else;
  * govextract's reader (``ingest.read``: glyphs with font, size, bold, fill and
    ruling edges, tables, lines, paragraphs, running heads) on ``--pdf-engine pdfium``
    and on ``--pdf-engine pdfplumber``;
  * ``extract`` end to end (read, normalise, outline, metadata, quantities) on pdfium.

Then ``govextract batch --workers 2`` (wall clock, a real subprocess) over the same
files with each engine, and over all of corpora/real/ plus the reference PDF
(image-only and rasterised files included: those go to OCR whichever the engine).

Last, the same batch over all of corpora/real/ plus the reference PDF on the code of
:data:`BASELINE` (the code when issue 12 was filed, exported with ``git archive``) and on
this checkout, in alternate rounds so that both see the same load: the issue's "4×
faster than today".
"""
from __future__ import annotations

import ctypes
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
REFERENCE = ROOT / "corpora" / "jiading" / "jiading_2024.pdf"
REAL = ROOT / "corpora" / "real"
#: The code when issue 12 ("batch ... at least 4x faster than today") was filed: v0.1 as of 2026-11-28.
BASELINE = "9e3cff4"


def text_layer_pdfs() -> list[Path]:
    """corpora/real/*.pdf with a text layer (at least 20 characters a page), and the reference PDF."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    out = []
    for p in sorted(REAL.glob("*.pdf")):
        doc = pdfium.PdfDocument(str(p))
        chars = 0
        for page in doc:
            tp = R.FPDFText_LoadPage(page.raw)
            chars += R.FPDFText_CountChars(tp)
            R.FPDFText_ClosePage(tp)
        if chars >= 20 * len(doc):
            out.append(p)
        doc.close()
    return out + [REFERENCE]


def floor(files: list[Path]) -> int:
    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    n = 0
    l, r, b, t = (ctypes.c_double() for _ in range(4))
    for f in files:
        doc = pdfium.PdfDocument(str(f))
        for page in doc:
            tp = R.FPDFText_LoadPage(page.raw)
            for i in range(R.FPDFText_CountChars(tp)):
                R.FPDFText_GetUnicode(tp, i)
                R.FPDFText_GetCharBox(tp, i, l, r, b, t)
            R.FPDFText_ClosePage(tp)
            n += 1
        doc.close()
    return n


def plumber_chars(files: list[Path]) -> int:
    import pdfplumber

    n = 0
    for f in files:
        with pdfplumber.open(str(f)) as pdf:
            for page in pdf.pages:
                page.chars
                page.flush_cache()
                n += 1
    return n


def reader(engine: str):
    from govextract.ingest import ReadOptions, read
    from govextract.rules import load_rules

    opts = ReadOptions(pdf_engine=engine, ocr="never")
    rules = load_rules()                        # loaded once, as a Pipeline does

    def run(files: list[Path]) -> int:
        return sum(read(f, opts, rules=rules).pages for f in files)
    return run


def extract_pdfium(files: list[Path]) -> int:
    from govextract.ingest import ReadOptions
    from govextract.pipeline import Pipeline

    pipe = Pipeline(options=ReadOptions(ocr="never"))
    pipe.parse(files[-1])                       # load jieba and the rules outside the timing
    t0 = time.process_time()
    n = sum(pipe.parse(f).pages for f in files)
    return n, time.process_time() - t0


def rate(fn, files: list[Path], rounds: int) -> tuple[int, float]:
    """Pages and the best pages/s (CPU time) over ``rounds`` runs."""
    best = 0.0
    pages = 0
    for _ in range(rounds):
        t0 = time.process_time()
        pages = fn(files)
        best = max(best, pages / (time.process_time() - t0))
    return pages, best


def batch_seconds(files: list[Path], engine: str | None, rounds: int = 2, *, src: Path = ROOT / "src") -> float:
    """Best wall time of `govextract batch --workers 2` over ``files``, on the code in ``src``
    (this checkout's by default); ``engine`` None runs without ``--pdf-engine``."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_batch import measure

    cmd = [sys.executable, "-c", "from govextract.cli import main; main()", "batch", *map(str, files),
           "--workers", "2", *(["--pdf-engine", engine] if engine else [])]
    env = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(src)     # the subprocess runs that code, not an installed copy
    best = float("inf")
    try:
        for _ in range(rounds):
            with tempfile.TemporaryDirectory(prefix="govextract-bench-pdf-") as tmp:
                best = min(best, measure([*cmd, "-o", str(Path(tmp) / "out")])["seconds"])
    finally:
        os.environ.pop("PYTHONPATH") if env is None else os.environ.update(PYTHONPATH=env)
    return best


def against_baseline(files: list[Path], rounds: int = 3) -> tuple[float, float] | None:
    """Best batch wall times on :data:`BASELINE`'s code and on this checkout, in alternate
    rounds; None when this is no git checkout holding that revision."""
    import subprocess

    with tempfile.TemporaryDirectory(prefix="govextract-baseline-") as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", BASELINE, "src", "rules"],
                                 capture_output=True)
        if archive.returncode:
            return None
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        then, now = float("inf"), float("inf")
        for _ in range(rounds):
            then = min(then, batch_seconds(files, None, 1, src=Path(tmp) / "src"))
            now = min(now, batch_seconds(files, None, 1))
    return then, now


def bench_pdf() -> dict:
    files = text_layer_pdfs()
    rows: list[tuple[str, str]] = [("load average (1 min) at start",
                                    f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")]
    reader("pdfium")(files[:1])                 # warm imports
    pages, fl = rate(floor, files, 3)
    _, old = rate(plumber_chars, files, 1)
    _, new = rate(reader("pdfium"), files, 3)
    _, new_plumber = rate(reader("pdfplumber"), files, 1)
    n, cpu = extract_pdfium(files)
    figures = {"files": len(files), "pages": pages, "floor": fl, "pdfplumber_chars": old,
               "read_pdfium": new, "read_pdfplumber": new_plumber, "extract_pdfium": n / cpu}
    where = f"{len(files)} files, {pages} pages"
    rows += [
        (f"floor: pdfium text page, every char with its box ({where})", f"{fl:.0f} pages/s"),
        ("old path: pdfplumber `page.chars`", f"{old:.1f} pages/s"),
        ("govextract reader, `--pdf-engine pdfium` (default)",
         f"**{new:.0f} pages/s**: {fl / new:.2f}× the floor's time, {new / old:.1f}× pdfplumber `page.chars`"),
        ("govextract reader, `--pdf-engine pdfplumber`", f"{new_plumber:.1f} pages/s"),
        ("`extract` end to end on pdfium (read, outline, metadata, quantities)", f"{n / cpu:.0f} pages/s"),
    ]
    everything = sorted(REAL.iterdir())
    everything = [p for p in everything if p.suffix.lower() in (".pdf", ".docx")] + [REFERENCE]
    for label, inputs, rounds in ((f"text-layer PDFs ({where})", files, 2),
                                  (f"all of corpora/real/ + the reference PDF ({len(everything)} files, "
                                   "OCR included)", everything, 1)):
        before = batch_seconds(inputs, "pdfplumber", rounds)
        after = batch_seconds(inputs, "pdfium", rounds)
        figures[f"batch {label}"] = (before, after)
        rows.append((f"`batch --workers 2`, {label}: pdfplumber → pdfium",
                     f"{before:.2f} s → {after:.2f} s wall: **{before / after:.1f}×** faster"))
    base = against_baseline(everything)
    if base:
        then, now = base
        figures["batch vs baseline"] = base
        rows.append((f"`batch --workers 2`, all of corpora/real/ + the reference PDF: the code of {BASELINE} "
                     "(when issue 12 was filed) → this checkout", f"{then:.2f} s → {now:.2f} s wall: "
                     f"**{then / now:.1f}×** faster (goal 4×)"))
    print("| what | figure |\n|---|---|")
    for k, v in rows:
        print(f"| {k} | {v} |")
    return figures


if __name__ == "__main__":
    bench_pdf()

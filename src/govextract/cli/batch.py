"""``govextract batch``: many reports, in parallel, resumably, into Parquet tables."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import (PDF_ENGINE_KEY, limits_from_context, max_bytes_option, pdf_engine_option, rules_option,
                      size_limit_options)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder for documents/items/quantities/sentences/cells.parquet and errors.csv.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Files parsed at the same time: worker processes, one file each (local engine), or "
                   "LocalCluster workers (dask engine). A scanned PDF is OCRed in its one worker.")
@click.option("--resume", is_flag=True,
              help="Skip files already done in OUTDIR with the same content, rules and version.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: a dask.distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --engine dask: an existing scheduler (tcp://HOST:8786) instead of a LocalCluster.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=600.0, show_default=True,
              help="Seconds allowed per file; a file past it is recorded in errors.csv and its worker replaced.")
@click.option("--max-pages", type=click.IntRange(min=1), default=500, show_default=True,
              help="Refuse PDFs with more pages than this.")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="OCR scanned PDFs and images: auto picks OCR when a PDF has no usable text layer.")
@click.option("--encoding", default=None,
              help="Encoding of text and HTML inputs (default: detect UTF-8/UTF-16/GB18030).")
@click.option("--max-memory", default="2G", show_default=True, metavar="SIZE", callback=lambda c, p, v: parse_size(v),
              help="Memory bound of each local worker (address space; bytes, or with K/M/G; 0: none). A file "
                   "that needs more is recorded in errors.csv as MemoryLimit and the others go on.")
@rules_option
@max_bytes_option
@size_limit_options
@pdf_engine_option
def batch(inputs, outdir, workers, resume, engine, scheduler, timeout, max_pages, ocr, encoding, max_memory,
          rules_dir):
    """Parse many reports into OUTDIR, in parallel; survive crashes with --resume.

    INPUTS are files, folders (walked recursively: .txt .pdf .docx .html .htm
    .png .jpg .jpeg .tif .tiff, and other files that look like reports) and list
    files: @FILE, or a FILE ending in .lst/.list, with one path per line
    (# comments; relative paths are relative to the list file).

    OUTDIR gets documents.parquet, items.parquet, quantities.parquet,
    sentences.parquet, cells.parquet (every table cell), errors.csv (doc, stage, error, message) and batch.json.
    Every row has doc (the input path) and doc_id (a content hash). A file that
    fails goes into errors.csv and the batch goes on.

    With --resume, files already done (same content, rules and govextract
    version) are skipped, so an interrupted run, even by kill -9, finishes with
    the same tables; changed rules redo the work. Failed files are not retried
    on --resume; run without it to retry everything.

    A progress bar (files, rate, errors, ETA) shows on a terminal.

    Exit status: 0 every file parsed; 1 some files failed (see errors.csv) or
    the batch could not run; 2 usage error; 3 invalid rules.

    \b
    Examples:
      govextract batch "$(govextract data path)" -o out/ --workers 2
      govextract batch "$(govextract data path)" -o out/ --workers 2 --resume
      govextract batch @reports.lst -o out/ --resume        # reports.lst: one path a line
      govextract batch reports/ -o out/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from ..batch import run
    from ..ingest import ReadOptions
    from ..rules import load_rules

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    rules = load_rules(rules_dir)
    ctx = click.get_current_context()
    options = ReadOptions(encoding=encoding, ocr=ocr, workers=1, max_pages=max_pages, timeout=timeout,
                          pdf_engine=ctx.meta.get(PDF_ENGINE_KEY, "pdfium"), **limits_from_context())
    with _progress() as update:
        result = run(inputs, outdir, rules=rules, options=options, workers=workers, resume=resume,
                     engine=engine, scheduler=scheduler, timeout=timeout, progress=update,
                     max_memory=max_memory or None)
    click.echo(summary(result, outdir), err=True)
    if result.failed:
        click.echo(f"govextract batch: failures listed in {result.tables['errors']}", err=True)
        sys.exit(1)


def parse_size(value: str) -> int:
    """Bytes from ``2G``, ``512M``, ``1048576`` (K, M, G are powers of 1024).

    >>> parse_size("2G"), parse_size("512m"), parse_size("0")
    (2147483648, 536870912, 0)
    """
    v = str(value).strip().upper().removesuffix("IB").removesuffix("B")
    scale = {"K": 2 ** 10, "M": 2 ** 20, "G": 2 ** 30}.get(v[-1:], 1)
    try:
        return int(float(v[:-1] if scale > 1 else v) * scale)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a size (try 2G, 512M or a number of bytes)") from None


def summary(result, outdir) -> str:
    """The one-line summary of a batch: what was done now and, after --resume, what was
    taken from the earlier run.

    >>> from govextract.batch import BatchResult
    >>> def r(total, parsed, failed, resumed=0, resumed_failed=0, skipped=()):
    ...     return BatchResult("out", total, parsed, failed, resumed, skipped, 2.04, resumed_failed=resumed_failed)
    >>> summary(r(4, 3, 1), "out")
    'govextract batch: 4 files: 3 parsed, 1 failed (2.0 s) → out'
    >>> summary(r(1, 1, 0), "out")
    'govextract batch: 1 file: parsed (2.0 s) → out'
    >>> summary(r(4, 1, 3, resumed=4, resumed_failed=3), "out")
    'govextract batch: 4 files: nothing to do now; all 4 from the earlier run (1 parsed, 3 failed) (2.0 s) → out'
    >>> summary(r(5, 4, 1, resumed=3, resumed_failed=0, skipped=("a.csv",)), "out")
    'govextract batch: 5 files: now 1 parsed, 1 failed; 3 from the earlier run (3 parsed) (2.0 s); 1 file not a report, skipped → out'
    """
    from ..display import count

    def tally(parsed: int, failed: int) -> str:
        return ", ".join([f"{parsed} parsed"] * bool(parsed) + [f"{failed} failed"] * bool(failed)) or "none"

    now_failed = result.failed - result.resumed_failed
    now_parsed = result.total - result.resumed - now_failed
    before = tally(result.resumed - result.resumed_failed, result.resumed_failed)
    if not result.resumed:
        done = "parsed" if result.total == 1 and not result.failed else tally(now_parsed, now_failed)
    elif result.resumed == result.total:
        done = f"nothing to do now; all {result.resumed} from the earlier run ({before})"
    else:
        done = f"now {tally(now_parsed, now_failed)}; {result.resumed} from the earlier run ({before})"
    line = f"govextract batch: {count(result.total, 'file')}: {done} ({result.seconds:.1f} s)"
    if result.skipped:
        n = len(result.skipped)
        line += "; 1 file not a report, skipped" if n == 1 else f"; {n} files not reports, skipped"
    return f"{line} → {outdir}"


class _progress:
    """A rich progress bar on stderr when it is a terminal; a no-op otherwise."""

    def __enter__(self):
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:.1f} files/s" if speed else "- files/s", style="cyan")

        self.bar = Progress(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), Rate(),
                            TextColumn("[red]{task.fields[errors]} errors"), TimeElapsedColumn(),
                            TextColumn("ETA"), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=False)
        self.bar.start()
        self.task = None

        def update(state) -> None:
            if self.task is None:
                self.task = self.bar.add_task("batch", total=state.total, errors=state.failed,
                                              completed=state.resumed)
            self.bar.update(self.task, completed=state.done, errors=state.failed)

        return update

    def __exit__(self, *exc) -> None:
        if getattr(self, "bar", None) is not None:
            self.bar.stop()

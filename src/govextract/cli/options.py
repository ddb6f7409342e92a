"""Options shared by several commands, declared once."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import click

from ..tables import FORMATS, TABLES


def rules_option(f: Callable) -> Callable:
    return click.option("--rules", "rules_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
                        help="A directory of rule files merged over the shipped rules/ "
                             "(add units, exclusions, indicators without code).")(f)


MAX_BYTES_KEY = "govextract.max_bytes"
DEFAULT_MAX_BYTES = 200 * 1024 * 1024


def max_bytes_option(f: Callable) -> Callable:
    """--max-bytes, kept in the click context so that commands need no extra parameter."""
    def remember(ctx: click.Context, _param: click.Parameter, value: int) -> int:
        ctx.meta[MAX_BYTES_KEY] = value
        return value
    return click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                        expose_value=False, callback=remember,
                        help="Refuse input files bigger than this many bytes.")(f)


MAX_PIXELS_KEY = "govextract.max_pixels"
MAX_LINE_KEY = "govextract.max_line_chars"


def size_limit_options(f: Callable) -> Callable:
    """--max-pixels and --max-line-chars, kept in the click context like --max-bytes."""
    from ..ingest import ReadOptions

    def keep(key: str) -> Callable:
        def remember(ctx: click.Context, _param: click.Parameter, value: int) -> int:
            ctx.meta[key] = value
            return value
        return remember
    f = click.option("--max-pixels", type=click.IntRange(min=1), default=ReadOptions.max_pixels, show_default=True,
                     expose_value=False, callback=keep(MAX_PIXELS_KEY),
                     help="Refuse images with more pixels than this (Pillow's decompression-bomb guard stays on).")(f)
    return click.option("--max-line-chars", type=click.IntRange(min=1), default=ReadOptions.max_line_chars,
                        show_default=True, expose_value=False, callback=keep(MAX_LINE_KEY),
                        help="Refuse text or HTML with a longer line (no line breaks: not a report's text).")(f)


def limits_from_context() -> dict[str, int]:
    """The --max-bytes, --max-pixels and --max-line-chars of the running command, as ReadOptions fields."""
    from ..ingest import ReadOptions

    ctx = click.get_current_context(silent=True)
    meta = ctx.meta if ctx else {}
    return {"max_bytes": meta.get(MAX_BYTES_KEY, DEFAULT_MAX_BYTES),
            "max_pixels": meta.get(MAX_PIXELS_KEY, ReadOptions.max_pixels),
            "max_line_chars": meta.get(MAX_LINE_KEY, ReadOptions.max_line_chars)}


PDF_ENGINE_KEY = "govextract.pdf_engine"


def pdf_engine_option(f: Callable) -> Callable:
    """--pdf-engine, kept in the click context like --max-bytes."""
    def remember(ctx: click.Context, _param: click.Parameter, value: str) -> str:
        ctx.meta[PDF_ENGINE_KEY] = value
        return value
    return click.option("--pdf-engine", type=click.Choice(["pdfium", "pdfplumber"]), default="pdfium",
                        show_default=True, expose_value=False, callback=remember,
                        help="Read PDF text layers with pdfium (fast), or pdfplumber (pdfminer; "
                             "pdfium falls back to it for files it cannot open).")(f)


#: what --workers parallelises in a command that reads reports one after another
OCR_WORKERS = ("Processes that OCR the pages of a scanned PDF or image in parallel; other inputs are read "
               "in one process, one file after another (for many files: govextract batch --workers).")


def read_options(f: Callable | None = None, *, workers_help: str = OCR_WORKERS) -> Callable:
    """--encoding, --ocr, --workers, --max-pages, --max-bytes, --timeout, --pdf-engine;
    ``workers_help`` says what --workers parallelises in the command."""
    def add(f: Callable) -> Callable:
        f = pdf_engine_option(f)
        f = size_limit_options(f)
        f = max_bytes_option(f)
        f = click.option("--timeout", type=float, default=600.0, show_default=True,
                         help="Seconds allowed per input before it is given up.")(f)
        f = click.option("--max-pages", type=int, default=500, show_default=True,
                         help="Refuse PDFs with more pages than this.")(f)
        f = click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                         help=workers_help)(f)
        f = click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto",
                         show_default=True,
                         help="OCR scanned PDFs and images: auto picks OCR when a PDF has no usable text layer.")(f)
        return click.option("--encoding", default=None,
                            help="Encoding of text and HTML inputs (default: detect UTF-8/UTF-16/GB18030).")(f)
    return add(f) if f is not None else add


def make_read_options(encoding: str | None, ocr: str, workers: int, max_pages: int, timeout: float):
    from ..ingest import ReadOptions

    ctx = click.get_current_context(silent=True)
    meta = ctx.meta if ctx else {}
    return ReadOptions(encoding=encoding, ocr=ocr, workers=workers, max_pages=max_pages, timeout=timeout,
                       pdf_engine=meta.get(PDF_ENGINE_KEY, "pdfium"), **limits_from_context())


def table_option(default: str = "quantities") -> Callable:
    return click.option("--table", "table", type=click.Choice(TABLES), default=default, show_default=True,
                        help="Which table to output.")


def format_option(choices=FORMATS, default: str = "table") -> Callable:
    return click.option("--format", "fmt", type=click.Choice(choices), default=None,
                        help=f"Output format [default: {default}, or from the -o file's extension].")


CSV_RAW_KEY = "govextract.csv_raw"


def csv_raw_option(f: Callable) -> Callable:
    """--csv-raw, kept in the click context (like --max-bytes): csv without formula neutralising."""
    def remember(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        ctx.meta[CSV_RAW_KEY] = value
        return value
    return click.option("--csv-raw", is_flag=True, default=False, expose_value=False, callback=remember,
                        help="Write csv fields exactly as read. By default a text field that begins with "
                             "= + - @ or a tab is prefixed with ' so that a spreadsheet shows it as text "
                             "(CSV injection, OWASP); numbers are never changed.")(f)


def csv_raw() -> bool:
    """Whether the running command was given --csv-raw."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get(CSV_RAW_KEY, False))


def output_option(f: Callable) -> Callable:
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Write to this file (atomically) instead of stdout.")(f)


def infer_format(fmt: str | None, output: Path | None, default: str = "table") -> str:
    """--format if given, else the -o file's extension, else ``default``."""
    if fmt:
        return fmt
    if output is not None:
        ext = output.suffix.lower().lstrip(".")
        if ext in ("jsonl", "csv", "parquet", "xlsx"):
            return ext
        if ext == "json":
            return "jsonl"
    return default


def data_dir() -> Path:
    """The reports shipped with govextract: ``jiading/`` (the reference report as
    jiading_2024.txt and .pdf) and ``state-council/`` (state_council_2003.txt …
    2018.txt). Inside the installed package (``govextract/data``), or ``corpora/``
    of a source checkout, which has the same layout."""
    from importlib import resources

    packaged = resources.files("govextract") / "data"
    if (packaged / "jiading" / "jiading_2024.txt").is_file():
        return Path(str(packaged))
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent / "corpora"
        if (cand / "jiading" / "jiading_2024.txt").is_file():
            return cand
    raise click.ClickException("no shipped reports found: reinstall govextract, or pass a PATH")


def default_input() -> Path:
    """The embedded default: the shipped reference report (PDF-converter text)."""
    return data_dir() / "jiading" / "jiading_2024.txt"

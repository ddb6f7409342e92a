"""Ingestion: read any supported form of a report into one raw string.

The result is a :class:`Source`. Its ``text`` carries layout facts as in-band
markup (see :mod:`govextract.markup`): ``\\f`` before each new page, ``**`` around
bold runs, and private-use marks around text that OCR read with doubt. The
normaliser then turns every form into the same clean text.

The form is sniffed from the content (magic bytes), not from the extension:

=========  ==============================================  ======================
form       recognised by                                   module
=========  ==============================================  ======================
pdf, ocr   ``%PDF-`` in the first kilobyte                 :mod:`.pdf`, :mod:`.ocr`
docx       a zip holding ``word/document.xml``             :mod:`.docx`
image      PNG, JPEG, TIFF, BMP, GIF, WebP signatures      :mod:`.ocr`
html       markup at the start of the decoded text         :mod:`.web`
text       anything else that decodes as text              :mod:`.text`, :mod:`.web`
=========  ==============================================  ======================

>>> sniff(b"%PDF-1.7 ...", "a.txt"), sniff(b"\\x89PNG\\r\\n\\x1a\\n....", "a"), sniff("<!DOCTYPE html><p>甲".encode(), "a")
('pdf', 'image', 'html')
>>> sniff("各位代表".encode("gbk"), "a.html")
'text'
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..markup import PAGE
from ..models import RawTable
from .limits import Deadline
from .text import decode

if TYPE_CHECKING:  # pragma: no cover
    from ..rules import RuleSet

__all__ = ["ReadOptions", "Source", "read", "read_bytes", "decode", "sniff"]

#: Values accepted by ReadOptions.ocr and ReadOptions.bold.
OCR_MODES = ("auto", "always", "never")
BOLD_POLICIES = ("leads", "all", "none")
#: Values accepted by ReadOptions.pdf_engine: pdfium (fast) or pdfplumber (pdfminer).
PDF_ENGINES = ("pdfium", "pdfplumber")


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs. Shared by the CLI, the API and batch workers."""

    encoding: str | None = None      # override encoding detection of text/HTML
    ocr: str = "auto"                # always | auto | never
    workers: int = 1                 # OCR pages in parallel (processes)
    max_pages: int = 500             # refuse longer PDFs
    timeout: float = 600.0           # seconds per input
    max_bytes: int = 200 * 1024 * 1024   # refuse bigger files
    bold: str = "leads"              # leads: keep bold that marks bold-lead items; all | none
    ocr_dpi: int = 144               # render scanned pages at this resolution for OCR (2x 72)
    doubt_below: float = 0.93        # OCR digits recognised with less confidence are doubtful
    pdf_engine: str = "pdfium"       # read PDF text layers with pdfium, or pdfplumber (pdfium falls back to it)
    max_pixels: int = 89_478_485     # refuse larger images (Pillow's own default limit)
    max_line_chars: int = 1_000_000  # refuse text with a longer line (no line breaks: not a report's text)

    def __post_init__(self) -> None:
        if self.ocr not in OCR_MODES:
            raise ValueError(f"ocr must be one of {OCR_MODES}, not {self.ocr!r}")
        if self.bold not in BOLD_POLICIES:
            raise ValueError(f"bold must be one of {BOLD_POLICIES}, not {self.bold!r}")
        if self.pdf_engine not in PDF_ENGINES:
            raise ValueError(f"pdf_engine must be one of {PDF_ENGINES}, not {self.pdf_engine!r}")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")


@dataclass(frozen=True)
class Source:
    """One input, read. ``text`` holds markup; see the module docstring."""

    path: str
    form: str                                  # text, html, pdf, ocr, docx, image
    text: str
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    doubts: tuple[float, ...] = ()             # confidence of each doubtful span, in order
    pages: int | None = None
    header: dict = field(default_factory=dict)  # layout hints: issuer, doc_number, title (web: source, published)
    tables: tuple[RawTable, ...] = ()          # tables read as grids; each stands as one TABLE mark in text


# --- sniffing -----------------------------------------------------------------------
_IMAGE_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",          # PNG
    b"\xff\xd8\xff",               # JPEG
    b"II*\x00", b"MM\x00*",        # TIFF, little- and big-endian
    b"BM",                         # BMP
    b"GIF87a", b"GIF89a",          # GIF
)

_HTML_START = re.compile(r"""
    \A [\s\ufeff]*                       # leading space or BOM
    (?: <!--.*?--> \s* )*                # comments before the markup
    < (?: !doctype \s+ html | html | head | body | meta | div | p | article | section | table | h[1-6] | span ) \b
""", re.VERBOSE | re.IGNORECASE | re.DOTALL)


def sniff(head: bytes, path: str = "") -> str:
    """The form of a file from its first bytes: pdf, zip, ole, image, or text
    (which :func:`read` splits into html and text after decoding)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    try:
        start = head[:4096].decode("utf-8", errors="ignore")
    except Exception:  # pragma: no cover
        start = ""
    if _HTML_START.match(start):
        return "html"
    return "text"


def _is_html_text(text: str, path: str) -> bool:
    if _HTML_START.match(text[:4096]):
        return True
    return path.lower().endswith((".htm", ".html", ".shtml", ".xhtml")) and bool(
        re.search(r"<(?:p|div|br|body|html)\b", text[:20000], re.IGNORECASE))


def read(path: str | Path, options: ReadOptions | None = None, *, rules: RuleSet | None = None,
         progress: Callable[[int, int], None] | None = None) -> Source:
    """Read ``path`` in whatever form it is. Raises :class:`InputError` with the file and a fix.

    ``rules`` supplies the web-clutter vocabulary (the shipped rules if None);
    ``progress(done, total)`` is called as pages are read.
    """
    options = options or ReadOptions()
    p = Path(path)
    spath = str(path)
    if not p.exists():
        raise InputError("no such file", path=spath, fix="check the path")
    if p.is_dir():
        raise InputError("is a directory", path=spath, fix="pass files, or use `govextract batch` for folders")
    size = p.stat().st_size
    if size == 0:
        raise InputError("empty file", path=spath, fix="the download or conversion produced nothing; fetch it again")
    if size > options.max_bytes:
        raise InputError(f"file is {size} bytes, over the {options.max_bytes}-byte limit", path=spath,
                         fix="raise --max-bytes if the file is genuine")
    deadline = Deadline(options.timeout, spath)
    with open(p, "rb") as fh:
        head = fh.read(8192)
    form = sniff(head, spath)
    if form == "pdf":
        from .pdf import read_pdf

        return read_pdf(spath, options, deadline, progress, rules=rules)
    if form == "image":
        from .ocr import read_image

        return read_image(spath, options, deadline, progress, rules=rules)
    if form == "zip":
        from .docx import read_docx

        return read_docx(spath, options, rules=rules)
    if form == "ole":
        raise InputError("legacy Word (.doc) or Excel file", path=spath,
                         fix="save it as DOCX or PDF and read that")
    return read_bytes(p.read_bytes(), spath, options, rules=rules)


def read_bytes(data: bytes, path: str = "<bytes>", options: ReadOptions | None = None, *,
               rules: RuleSet | None = None) -> Source:
    """Read text or HTML given as bytes (``path`` only names it in messages)."""
    options = options or ReadOptions()
    if not data:
        raise InputError("empty file", path=path, fix="the download or conversion produced nothing; fetch it again")
    if rules is None:
        from ..rules import load_rules

        rules = load_rules()
    text, enc, warnings = decode(data, path, options.encoding)
    from .web import clean_text, html_to_text

    tables: list = []
    if _is_html_text(text, path):
        body, header = html_to_text(text, rules, options.bold, tables, path=path)
        form = "html"
    else:
        from .tables.text import find_text_tables

        body, tables = find_text_tables(text, rules)
        header = {}
        form = "text"
    longest = max(map(len, body.split("\n")), default=0)
    if longest > options.max_line_chars:
        raise InputError(f"a line of {longest} characters without a break, over the "
                         f"{options.max_line_chars}-character limit", path=path,
                         fix="split the text into paragraphs (one per line), or raise --max-line-chars if genuine")
    body, found = clean_text(body, rules)
    for k, v in found.items():
        header.setdefault(k, v)
    # no page mark before the first page; a converter's closing form feed ends no page
    body = body.lstrip(PAGE + "\n").rstrip()
    if not body.strip():
        raise InputError("no text in file", path=path,
                         fix="the file is blank" if form == "text" else "the page holds no article text")
    from ..markup import TABLE

    tables = tables[:body.count(TABLE)]
    return Source(path=path, form=form, text=body, encoding=enc, warnings=tuple(warnings), header=header,
                  tables=tuple(tables))

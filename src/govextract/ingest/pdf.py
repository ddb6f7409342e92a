"""Text-layer PDFs: characters with font, size, colour and position.

Two engines read the page into :class:`~govextract.ingest.glyphs.PageGlyphs`:
pdfium (``ReadOptions.pdf_engine="pdfium"``, the default: pypdfium2's text page,
about ten times faster) and pdfplumber (pdfminer's layout parse; also the fallback
for files pdfium cannot open). Each page then becomes
:class:`~govextract.ingest.layout.Line` objects the same way; bold fonts (and
characters printed twice to fake bold) mark bold glyphs; red text marks the 公文
发文机关标志. Pages whose text layer is missing or garbage (``(cid:NN)`` runs,
U+FFFD, private-use noise, mostly non-CJK) go to OCR when ``ocr`` allows it.
"""
from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..errors import InputError
from .glyphs import PageGlyphs, glyphs_pdfium, glyphs_pdfplumber
from .layout import Line, assemble, header_hints, page_lines
from .limits import Deadline, guard

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_CID = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class PageText:
    """One page read from the text layer."""

    lines: list[Line]
    usable: bool          # the text layer is real text
    chars: int
    cjk: int
    tables: tuple = ()    # (PageTable, its mark Line) of each table found on the page


def open_checked(path: str, options) -> int:
    """Open with pdfium to fail fast and clearly on encrypted, corrupt and empty
    PDFs; return the page count."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        # pdfium's error code can be stale (it is per thread), so ask pdfminer why
        n = _diagnose(path)
    else:
        try:
            n = len(doc)
        finally:
            doc.close()
    if n == 0:
        raise InputError("PDF has no pages", path=path, fix="download or export the file again")
    if n > options.max_pages:
        raise InputError(f"PDF has {n} pages, over the {options.max_pages}-page limit", path=path,
                         fix="raise --max-pages if the file is genuine")
    return n


def _diagnose(path: str) -> int:
    """Why pdfium refused a file: encrypted, corrupt, or no pages (raises), or the
    page count when pdfminer can read it after all."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages)
    except Exception as e:
        cause = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
        if "password" in type(cause).__name__.lower() or "encrypt" in type(cause).__name__.lower():
            raise InputError("encrypted PDF (password protected)", path=path,
                             fix="remove the password, e.g. `qpdf --decrypt in.pdf out.pdf`, and read that") from None
        raise InputError("corrupt or truncated PDF", path=path, fix="download or export the file again") from None


def read_page(page: PageGlyphs, rules=None) -> PageText:
    """One page's lines, and whether its text layer is real text: at least 5
    characters, at most a tenth of them ``(cid:NN)`` runs, U+FFFD or private use.
    Each table found on a usable page (see :mod:`govextract.ingest.tables.pdf`) stands
    as one TABLE mark line in place of its lines; the lines are laid out once, from the
    characters the tables leave."""
    text = "".join(c["text"] for c in page.chars)
    n = len(text)
    cid = sum(len(m) for m in _CID.findall(text))
    bad = cid + text.count("\ufffd") + sum(1 for ch in text if 0xE000 <= ord(ch) <= 0xF8FF)
    cjk = len(_CJK.findall(_CID.sub("", text)))
    if not (n >= 5 and bad <= 0.1 * n):
        return PageText([], False, n, cjk)
    from .tables.pdf_pages import glyph_tables

    tables, chars = glyph_tables(page, rules)
    if not tables:
        return PageText(page_lines(page), True, n, cjk)
    rest = dataclasses.replace(page, chars=tuple(chars))
    lines = sorted(page_lines(rest) + [mark for _, mark in tables], key=lambda ln: ln.top)
    return PageText(lines, True, n, cjk, tuple(tables))


def _pdfium_pages(path: str, rules=None) -> Iterator[PageGlyphs] | None:
    """Each page's glyphs through pdfium, or None when pdfium cannot open the file."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        return None

    def pages() -> Iterator[PageGlyphs]:
        try:
            for i in range(len(doc)):
                page = doc[i]
                try:
                    yield glyphs_pdfium(page, i + 1, rules=rules)      # with the ruling edges tables need
                finally:
                    page.close()
        finally:
            doc.close()
    return pages()


def _pdfplumber_pages(path: str, rules=None) -> Iterator[PageGlyphs]:
    """Each page's glyphs through pdfplumber (pdfminer)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            yield glyphs_pdfplumber(page, rules)
            page.flush_cache()


def read_text_layer(path: str, options, deadline: Deadline, n: int, warnings: list[str],
                    progress: Callable[[int, int], None] | None = None,
                    rules=None) -> tuple[list[PageText], float]:
    """Every page's text layer through ``options.pdf_engine`` (pdfium falls back to
    pdfplumber for a file it cannot open), and the height of the last page."""
    glyph_pages = _pdfium_pages(path, rules) if options.pdf_engine == "pdfium" else None
    if glyph_pages is None:
        if options.pdf_engine == "pdfium":
            warnings.append(f"{path}: pdfium could not open the file; read with pdfplumber")
        glyph_pages = _pdfplumber_pages(path, rules)
    pages: list[PageText] = []
    height = 842.0
    try:
        with guard(deadline), contextlib.closing(glyph_pages):
            for glyphs in glyph_pages:
                deadline.check()
                height = glyphs.height
                pages.append(read_page(glyphs, rules))
                if progress and pages[-1].usable:
                    progress(sum(p.usable for p in pages), n)
    except InputError:
        raise
    except Exception as e:
        raise InputError(f"corrupt or truncated PDF ({type(e).__name__})", path=path,
                         fix="download or export the file again") from None
    return pages, height


def read_pdf(path: str, options, deadline: Deadline,
             progress: Callable[[int, int], None] | None = None, rules=None):
    """Read a PDF, OCR-ing pages without a usable text layer as ``options.ocr`` allows."""
    from . import Source

    n = open_checked(path, options)
    warnings: list[str] = []
    pages: list[PageText] = []
    height = 842.0
    if options.ocr != "always":
        if rules is None:                      # once per file, not once per page (table captions need them)
            from ..rules import load_rules

            rules = load_rules()
        pages, height = read_text_layer(path, options, deadline, n, warnings, progress, rules)
    else:
        pages = [PageText([], False, 0, 0) for _ in range(n)]
    total = sum(p.chars for p in pages if p.usable)
    cjk = sum(p.cjk for p in pages if p.usable)
    garbage = total > 0 and cjk < 0.2 * total        # mostly non-CJK noise: a broken font encoding
    need_ocr = [i for i, p in enumerate(pages) if not p.usable or garbage]
    lines_by_page = [p.lines if p.usable and not garbage else [] for p in pages]
    ocr_marks: dict[int, list] = {}
    form = "pdf"
    if need_ocr and options.ocr == "never":
        if len(need_ocr) == n:
            raise InputError("PDF has no usable text layer (scanned or broken font encoding)", path=path,
                             fix="run with --ocr auto to read it by OCR")
        warnings.append(f"{path}: {len(need_ocr)} page(s) without a usable text layer left out (--ocr never)")
    elif need_ocr:
        from .ocr import ocr_pdf_pages

        done = n - len(need_ocr)
        result = ocr_pdf_pages(path, need_ocr, options, deadline,
                               (lambda d, t: progress(done + d, n)) if progress else None, rules)
        for i, lines, marks in zip(need_ocr, result.pages, result.tables):
            lines_by_page[i] = lines
            ocr_marks[i] = marks
        height = result.page_height or height
        warnings.extend(result.warnings)
        form = "ocr" if len(need_ocr) == n else "pdf"
        if form == "pdf":
            warnings.append(f"{path}: pages {', '.join(str(i + 1) for i in need_ocr)} read by OCR")
    if not any(lines_by_page):
        raise InputError("no text found in PDF", path=path, fix="the pages are blank or unreadable")
    tables: tuple = ()
    marks_by_page = [ocr_marks.get(i) or (list(p.tables) if p.usable and not garbage else [])
                     for i, p in enumerate(pages)]
    if any(marks_by_page):
        from .tables.pdf_pages import join_pages

        lines_by_page, tables = join_pages(lines_by_page, marks_by_page, height, rules)
    layout = assemble(lines_by_page, height, options.bold, rules=rules)
    header = header_hints(list(layout.paras), layout.body_size, rules)
    return Source(path=path, form=form, text=layout.text, encoding=None, warnings=tuple(warnings),
                  doubts=layout.doubts, pages=n, header=header, tables=tables)

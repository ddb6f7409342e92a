"""Text-layer PDFs with pdfplumber: characters with font, size, colour and position.

Each page becomes :class:`~govextract.ingest.layout.Line` objects; bold fonts (and
characters printed twice to fake bold) mark bold glyphs; red text marks the 公文
发文机关标志. Pages whose text layer is missing or garbage (``(cid:NN)`` runs,
U+FFFD, private-use noise, mostly non-CJK) go to OCR when ``ocr`` allows it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InputError
from .layout import Glyph, Line, assemble, header_hints
from .limits import Deadline, guard

_BOLD_FONT = re.compile(r"""
    (?i: bold | heavy | black | demi | semibold | extrabold | ultrabold )   # style words in the font name
    | (?: ,B$ | -B$ | _B$ )                                               # short suffixes: SimSun,B
    | (?: 黑体 | 粗体 )                                                     # Chinese names of bold faces
""", re.VERBOSE)

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


def _is_red(color) -> bool:
    if not isinstance(color, (tuple, list)):
        return False
    try:
        c = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(c) == 3:
        r, g, b = c
        return r > 0.6 and g < 0.35 and b < 0.35
    if len(c) == 4:                      # CMYK
        cy, m, y, k = c
        return cy < 0.3 and m > 0.6 and y > 0.5 and k < 0.4
    return False


def page_lines(chars: list[dict]) -> list[Line]:
    """Group characters into lines (by vertical overlap), left to right; drop
    duplicates printed to fake bold, marking the kept glyph bold."""
    cs = [c for c in chars if c.get("upright", True) and c["text"].strip()]
    cs.sort(key=lambda c: (c["top"], c["x0"]))
    groups: list[list[dict]] = []
    spans: list[list[float]] = []
    for c in cs:
        mid = (c["top"] + c["bottom"]) / 2
        for k in range(len(groups) - 1, max(len(groups) - 4, -1), -1):
            top, bottom = spans[k]
            if top - 0.5 <= mid <= bottom + 0.5:
                groups[k].append(c)
                spans[k] = [min(top, c["top"]), max(bottom, c["bottom"])]
                break
        else:
            groups.append([c])
            spans.append([c["top"], c["bottom"]])
    lines: list[Line] = []
    for grp, (top, bottom) in zip(groups, spans):
        grp.sort(key=lambda c: c["x0"])
        glyphs: list[Glyph] = []
        sizes: list[float] = []
        prev = None
        for c in grp:
            size = float(c.get("size") or (c["bottom"] - c["top"]) or 1.0)
            bold = bool(_BOLD_FONT.search(c.get("fontname") or ""))
            if prev is not None and c["text"] == prev["text"] and abs(c["x0"] - prev["x0"]) < 0.3 * size \
                    and abs(c["top"] - prev["top"]) < 0.3 * size:
                glyphs[-1].bold = True          # overprinted: fake bold
                continue
            if prev is not None and c["x0"] - prev["x1"] > 0.6 * size:
                glyphs.append(Glyph(" ", prev["x1"], c["x0"]))
            glyphs.append(Glyph(c["text"], float(c["x0"]), float(c["x1"]), bold=bold,
                                red=_is_red(c.get("non_stroking_color"))))
            sizes.append(size)
            prev = c
        sizes.sort()
        lines.append(Line(glyphs, float(top), float(bottom), sizes[len(sizes) // 2]))
    lines.sort(key=lambda ln: ln.top)
    return lines


def read_page(page) -> PageText:
    chars = page.chars
    text = "".join(c["text"] for c in chars if c["text"].strip())
    n = len(text)
    cid = sum(len(m) for m in _CID.findall(text))
    bad = cid + text.count("\ufffd") + sum(1 for ch in text if 0xE000 <= ord(ch) <= 0xF8FF)
    cjk = len(_CJK.findall(_CID.sub("", text)))
    usable = n >= 5 and bad <= 0.1 * n
    return PageText(page_lines(chars) if usable else [], usable, n, cjk)


def with_tables(pt: PageText, page, rules=None, index: int = 0) -> PageText:
    """A read page with each table's lines replaced by one TABLE mark line (see
    :mod:`govextract.ingest.tables.pdf`); pages with no table come back as they are."""
    if not pt.usable:
        return pt
    from .tables.pdf_pages import page_tables

    text = "".join(c["text"] for c in page.chars)
    tables, chars = page_tables(page.chars, page.edges, rules, width=float(page.width),
                                height=float(page.height), page=index, text=text)
    if not tables:
        return pt
    lines = sorted(page_lines(chars) + [mark for _, mark in tables], key=lambda ln: ln.top)
    return PageText(lines, pt.usable, pt.chars, pt.cjk, tuple(tables))


def read_pdf(path: str, options, deadline: Deadline,
             progress: Callable[[int, int], None] | None = None, rules=None):
    """Read a PDF, OCR-ing pages without a usable text layer as ``options.ocr`` allows."""
    from . import Source

    n = open_checked(path, options)
    warnings: list[str] = []
    pages: list[PageText] = []
    height = 842.0
    if options.ocr != "always":
        import pdfplumber

        try:
            with guard(deadline), pdfplumber.open(path) as pdf:
                for i, page in enumerate(pdf.pages):
                    deadline.check()
                    height = float(page.height)
                    pages.append(with_tables(read_page(page), page, rules, i))
                    page.flush_cache()
                    if progress and pages[-1].usable:
                        progress(sum(p.usable for p in pages), n)
        except InputError:
            raise
        except Exception as e:
            raise InputError(f"corrupt or truncated PDF ({type(e).__name__})", path=path,
                             fix="download or export the file again") from None
    else:
        pages = [PageText([], False, 0, 0) for _ in range(n)]
    total = sum(p.chars for p in pages if p.usable)
    cjk = sum(p.cjk for p in pages if p.usable)
    garbage = total > 0 and cjk < 0.2 * total        # mostly non-CJK noise: a broken font encoding
    need_ocr = [i for i, p in enumerate(pages) if not p.usable or garbage]
    lines_by_page = [p.lines if p.usable and not garbage else [] for p in pages]
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
                               (lambda d, t: progress(done + d, n)) if progress else None)
        for i, lines in zip(need_ocr, result.pages):
            lines_by_page[i] = lines
        height = result.page_height or height
        warnings.extend(result.warnings)
        form = "ocr" if len(need_ocr) == n else "pdf"
        if form == "pdf":
            warnings.append(f"{path}: pages {', '.join(str(i + 1) for i in need_ocr)} read by OCR")
    if not any(lines_by_page):
        raise InputError("no text found in PDF", path=path, fix="the pages are blank or unreadable")
    tables: tuple = ()
    if any(p.tables for p in pages) and not garbage:
        from .tables.pdf_pages import join_pages

        lines_by_page, tables = join_pages(lines_by_page, [list(p.tables) if p.usable else [] for p in pages],
                                           height, rules)
    layout = assemble(lines_by_page, height, options.bold)
    header = header_hints(list(layout.paras), layout.body_size)
    return Source(path=path, form=form, text=layout.text, encoding=None, warnings=tuple(warnings),
                  doubts=layout.doubts, pages=n, header=header, tables=tables)

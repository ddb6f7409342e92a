"""In-band markup that ingestion leaves in raw text and normalisation strips.

Every reader (text, PDF, OCR, DOCX, HTML) produces one string. Layout facts that
later stages need travel inside it as markup, so that the text fixes, which are
pure ``str -> str`` functions, carry them along without any offset bookkeeping:

* ``PAGE`` (form feed) starts each page after the first;
* ``BOLD`` (``**``) opens and closes a bold run, as PDF converters write it;
* ``DOUBT_OPEN`` ... ``DOUBT_CLOSE`` (private-use characters) wrap text that OCR
  read with low confidence; the n-th wrapped span has the n-th confidence in
  :attr:`govextract.ingest.Source.doubts`.

:func:`strip_marks` removes the markup last and returns where it stood, as
offsets into the clean text.

>>> m = strip_marks("甲**乙丙**\\f丁\\ue0005\\ue001")
>>> m.text, m.page_starts, m.bold, m.doubt
('甲乙丙丁5', (0, 3), ((1, 3),), ((4, 5),))
"""
from __future__ import annotations

from dataclasses import dataclass

PAGE = "\f"
BOLD = "**"
DOUBT_OPEN = "\ue000"
DOUBT_CLOSE = "\ue001"
#: Where a table stood in the flow: one mark per table, on a line of its own; the n-th
#: mark is the n-th :class:`govextract.models.RawTable` of ``Source.tables``.
TABLE = "\ue002"


@dataclass(frozen=True)
class Marks:
    """Clean text and the offsets the markup stood at."""

    text: str
    page_starts: tuple[int, ...]
    bold: tuple[tuple[int, int], ...]
    doubt: tuple[tuple[int, int], ...]


def strip_marks(text: str) -> Marks:
    """Remove all markup, recording page starts, bold spans and doubtful spans."""
    if PAGE not in text and BOLD not in text and DOUBT_OPEN not in text and DOUBT_CLOSE not in text:
        return Marks(text, (0,), (), ())
    out: list[str] = []
    n = 0
    pages = [0]
    bold: list[tuple[int, int]] = []
    doubt: list[tuple[int, int]] = []
    bold_open: int | None = None
    doubt_open: int | None = None
    i, L = 0, len(text)
    while i < L:
        c = text[i]
        if c == "*" and text.startswith(BOLD, i):
            if bold_open is None:
                bold_open = n
            else:
                if n > bold_open:
                    bold.append((bold_open, n))
                bold_open = None
            i += 2
            continue
        if c == PAGE:
            pages.append(n)
            i += 1
            continue
        if c == DOUBT_OPEN:
            doubt_open = n
            i += 1
            continue
        if c == DOUBT_CLOSE:
            doubt.append((doubt_open if doubt_open is not None else n, n))
            doubt_open = None
            i += 1
            continue
        out.append(c)
        n += 1
        i += 1
    return Marks("".join(out), tuple(pages), tuple(bold), tuple(doubt))


def page_at(page_starts: tuple[int, ...], offset: int) -> int:
    """1-based page of an offset.

    >>> page_at((0, 10, 20), 0), page_at((0, 10, 20), 10), page_at((0, 10, 20), 25)
    (1, 2, 3)
    """
    import bisect

    return bisect.bisect_right(page_starts, offset)

"""Page furniture: page numbers, running headers and footers, drawn rules.

:func:`drop_running` removes them from the lines of every page before paragraphs are
rejoined (:mod:`govextract.ingest.layout`).
"""
from __future__ import annotations

import re

from ..markup import TABLE
from .lines import Line

__all__ = ["RULE_LINE", "drop_running", "is_page_number"]


_PAGE_NUMBER = re.compile(r"""
    ^ \s* (?:
        [-—–一_~－·•]* \s* \d{1,4} \s* [-—–一_~－·•]*   # — 3 —   -3-   3   (OCR reads — as 一)
      | 第 \s* \d{1,4} \s* 页 (?: \s* [,，/]? \s* 共 \s* \d{1,4} \s* 页 )?   # 第3页 第3页共14页
      | \d{1,4} \s* [/／] \s* \d{1,4}                    # 3/14
      | (?i: page ) \s* \d{1,4} (?: \s* (?i: of ) \s* \d{1,4} )?   # Page 3 of 14
    ) \s* $
""", re.VERBOSE)

RULE_LINE = re.compile(r"""
    ^ [\s\u2500-\u257f\u2014\u2015_=\-~·•*]{5,} $    # a drawn rule: ━━━━ ———— ____ (the 公文 red line)
""", re.VERBOSE)


_PAGE_REMNANT = re.compile(r"""
    ^ \s* [-—–_~－·•]{1,3} \s+ [-—–_~－·•]{1,3} \s* $   # "— —": a page number's dashes, its digits read apart
""", re.VERBOSE)


def is_page_number(text: str) -> bool:
    """A page number as printed in a header or footer.

    A text layer may keep the digits and the dashes of ``— 3 —`` as two objects on
    slightly different baselines, read as two lines ``3`` and ``— —``: both are page numbers.

    >>> [is_page_number(s) for s in ("— 3 —", "-3-", "第3页", "第 3 页 共 14 页", "3/14", "-2一", "2024年")]
    [True, True, True, True, True, True, False]
    >>> [is_page_number(s) for s in ("— —", "- -", "——", "一、")]
    [True, True, False, False]
    """
    return bool(text.strip()) and bool(_PAGE_NUMBER.match(text) or _PAGE_REMNANT.match(text))


def _mask_digits(text: str) -> str:
    return re.sub(r"\d+", "#", text.replace(" ", ""))


def drop_running(pages: list[list[Line]], page_height: float, margin: float = 0.1) -> list[list[Line]]:
    """Drop page numbers and running headers/footers: lines in the top or bottom
    ``margin`` of the page that are page numbers, or whose text (digits masked)
    recurs in the same band on at least half of the pages (and on 3 or more)."""
    top_band, bottom_band = page_height * margin, page_height * (1 - margin)
    counts: dict[tuple[str, str], int] = {}
    for lines in pages:
        seen = set()
        for ln in lines:
            band = "top" if ln.bottom <= top_band else "bottom" if ln.top >= bottom_band else ""
            if band:
                seen.add((band, _mask_digits(ln.text)))
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
    need = max(3, (len(pages) + 1) // 2)
    out = []
    for lines in pages:
        kept = []
        for ln in lines:
            if ln.text == TABLE:
                kept.append(ln)                  # a table's mark is never page furniture
                continue
            band = "top" if ln.bottom <= top_band else "bottom" if ln.top >= bottom_band else ""
            if band and (is_page_number(ln.text) or counts.get((band, _mask_digits(ln.text)), 0) >= need):
                continue
            if RULE_LINE.match(ln.text):
                continue
            kept.append(ln)
        out.append(kept)
    return out

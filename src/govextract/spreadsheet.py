"""Spreadsheet-safe outputs: nothing in a report runs in an analyst's Excel or WPS (issue 15).

Reports come from the open web. A sentence that begins ``=HYPERLINK("http://x","y")`` must
reach a workbook as the text it is, never as a formula:

- **xlsx**: every text cell is written as a string (openpyxl would store a text that begins
  with ``=`` as a formula), and characters that XML cannot hold are replaced by U+FFFD
  instead of failing the whole workbook.
- **csv**: a text field that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  is prefixed with an apostrophe, as the OWASP guidance on CSV injection says, so that a
  spreadsheet shows it as text. Numbers stay numbers (``-3.2`` is not touched). Pipelines that
  need the exact text turn this off (``--csv-raw``).
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: what a spreadsheet may take as the start of a formula (OWASP, CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"""
    [+-]? (?: \d+ (?: \.\d* )? | \.\d+ ) (?: [eE] [+-]? \d+ )? %?   # -3.2, +5, 1e5, -0.5%
    \Z""", re.VERBOSE)
#: characters an XML 1.0 document cannot hold (as openpyxl's ILLEGAL_CHARACTERS_RE)
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: Any) -> Any:
    """A csv field a spreadsheet shows as text: an apostrophe before a formula start.

    >>> neutralise('=HYPERLINK("http://x","y")的项目共3个。')
    '\\'=HYPERLINK("http://x","y")的项目共3个。'
    >>> [neutralise(v) for v in ("+SUM(A1)", "@SUM(A1)", "\\tx", "-", "-3.2", "+1", "-5%", -3.2, "增长5%", None)]
    ["'+SUM(A1)", "'@SUM(A1)", "'\\tx", "'-", '-3.2', '+1', '-5%', -3.2, '增长5%', None]
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def neutralise_frame(df: "pd.DataFrame") -> "pd.DataFrame":
    """A copy of ``df`` whose text fields are neutralised (:func:`neutralise`); numbers untouched."""
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    out = df.copy()
    for col in out.columns:
        if not is_numeric_dtype(out[col]) or is_bool_dtype(out[col]):
            out[col] = out[col].map(neutralise, na_action="ignore")
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    return out


def xml_safe(value: Any) -> Any:
    """Text an xlsx cell can hold: control characters XML forbids become U+FFFD.

    >>> xml_safe("a\\x00b\\x1fc")
    'a\\ufffdb\\ufffdc'
    """
    return _ILLEGAL_XML.sub("\ufffd", value) if isinstance(value, str) else value


def defuse_workbook(book: Any) -> int:
    """Make every formula cell of an openpyxl workbook a string cell; return how many.

    govextract writes data only, never formulas, so each formula cell came from a text.
    """
    n = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
                    n += 1
    return n


@contextmanager
def excel_writer(path: str | Path) -> Iterator["pd.ExcelWriter"]:
    """A pandas ExcelWriter (openpyxl) whose workbook is defused before it is saved.

    Write frames through :func:`to_sheet` so that their text is XML-safe.
    """
    import pandas as pd

    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        yield xw
        defuse_workbook(xw.book)


def to_sheet(df: "pd.DataFrame", xw: "pd.ExcelWriter", sheet: str, **kwargs: Any) -> None:
    """``df.to_excel`` with its text made XML-safe (control characters → U+FFFD)."""
    from pandas.api.types import is_numeric_dtype

    safe = df.copy()
    for col in safe.columns:
        if not is_numeric_dtype(safe[col]):
            safe[col] = safe[col].map(xml_safe, na_action="ignore")
    safe.to_excel(xw, sheet_name=sheet[:31], index=kwargs.pop("index", False), **kwargs)


def csv_text(df: "pd.DataFrame", *, raw: bool = False) -> str:
    """The csv of ``df`` as text (for stdout), neutralised unless ``raw``."""
    return (df if raw else neutralise_frame(df)).to_csv(index=False)

"""Commas between digits: a thousands separator or a clause separator (issue 11)."""
from __future__ import annotations

from typing import Any

import regex as re

__all__ = ["clause_commas"]

_DIGIT_COMMA_RUN = re.compile(r"""
    (?<! [0-9] )                  # the start of a run of digits
    [0-9]+ (?: , [0-9]+ )+        # digits with ASCII commas between them
""", re.VERBOSE)
_THOUSANDS = re.compile(r"[0-9]{1,3} (?: , [0-9]{3} )+", re.VERBOSE)


def clause_commas(text: str, separator: str) -> str:
    """An ASCII comma between digits groups thousands only inside a well-formed run
    (1,234,567), not after a fraction's slash; elsewhere it separates clauses and becomes
    ``separator`` (numerals.yaml ``clause_separators``). See :func:`govextract.normalise.fixes_for`.

    >>> clause_commas("约占全国1/10,4386万名，收入1,234,567元，12,34个", "；")
    '约占全国1/10；4386万名，收入1,234,567元，12；34个'
    """
    def fix(m: Any) -> str:
        run = m.group()
        if _THOUSANDS.fullmatch(run) and not (m.start() > 0 and text[m.start() - 1] == "/"):
            return run
        return run.replace(",", separator)
    return _DIGIT_COMMA_RUN.sub(fix, text)

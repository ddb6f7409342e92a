"""What the content of each rule file must be: one validator per file, each adding every
problem it finds (with file and key) to a list, so that loading reports them all at once.

The keys a file may have are :mod:`govextract.rules_schema`; this package checks the values:
:mod:`.quantities` the quantity vocabulary, :mod:`.documents` the rest, :mod:`.patterns` that
every regular expression compiles (documents.yaml ``grammar`` with its ``{name}`` filled), from
the checks of :mod:`.base`.

>>> problems = []
>>> VALIDATORS["changes.yaml"]({"up": "增长", "down": [], "target": []}, "changes.yaml", problems)
>>> problems
['changes.yaml:up: must be a list of strings']
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Callable, Mapping

from .base import check_str_lists
from .documents import check_documents, check_indicators, check_tables, check_web
from .patterns import check_grammar, check_indicator_patterns, check_web_patterns
from .quantities import (check_changes, check_exclusions, check_measure_words, check_numerals, check_qualifiers,
                         check_units_file)

__all__ = ["VALIDATORS"]

Validator = Callable[[dict, str, list[str]], None]


def _all(*checks: Validator) -> Validator:
    """One validator running each of ``checks``: every problem of each, at once."""
    def check(data: dict, fname: str, problems: list[str]) -> None:
        for c in checks:
            c(data, fname, problems)
    return check


def check_terms(data: dict, fname: str, problems: list[str]) -> None:
    check_str_lists("terms")(data, fname, problems)
    check_str_lists("tokens", required=False)(data, fname, problems)


VALIDATORS: Mapping[str, Validator] = MappingProxyType({
    "units.yaml": check_units_file,
    "measure_words.yaml": check_measure_words,
    "qualifiers.yaml": check_qualifiers,
    "changes.yaml": check_changes,
    "exclusions.yaml": check_exclusions,
    "indicators.yaml": _all(check_indicators, check_indicator_patterns),
    "terms.yaml": check_terms,
    "documents.yaml": _all(check_documents, check_grammar),
    "web.yaml": _all(check_web, check_web_patterns),
    "numerals.yaml": check_numerals,
    "tables.yaml": check_tables,
})

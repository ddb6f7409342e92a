"""Page furniture: page numbers, running headers and footers, drawn rules.

:func:`drop_running` removes them from the lines of every page before paragraphs are
rejoined (:mod:`govextract.ingest.layout`). What a page number and a drawn rule look like is
``furniture`` of rules/web.yaml: ``page_numbers`` (shared with :mod:`govextract.normalise`,
which drops them from the flow of text), ``margin_page_numbers`` (read only at a page's top
or bottom) and ``rule_line``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from ..errors import RulesError
from ..furniture import alternatives
from ..markup import TABLE
from ..rules import shipped_rules
from .lines import Line

if TYPE_CHECKING:  # pragma: no cover
    from ..rules import RuleSet

__all__ = ["drop_running", "is_page_number", "is_rule_line"]


@lru_cache(maxsize=16)
def _whole_line(key: str, source: str) -> "regex.Pattern[str]":
    try:
        return regex.compile(rf"\s* (?: {source} ) \s*", regex.VERBOSE)
    except regex.error as e:
        raise RulesError([f"web.yaml:furniture.{key}: not a valid regular expression: {e}"]) from None


def _furniture(rules: RuleSet | None) -> Any:
    return (rules or shipped_rules()).web.get("furniture", {})


def is_page_number(text: str, rules: RuleSet | None = None) -> bool:
    """A page number as printed in a header or footer: one of ``page_numbers`` or
    ``margin_page_numbers`` of ``furniture`` in rules/web.yaml (the shipped rules without ``rules``).

    A text layer may keep the digits and the dashes of ``— 3 —`` as two objects on
    slightly different baselines, read as two lines ``3`` and ``— —``: both are page numbers.

    >>> [is_page_number(s) for s in ("— 3 —", "-3-", "第3页", "第 3 页 共 14 页", "3/14", "-2一", "2024年")]
    [True, True, True, True, True, True, False]
    >>> [is_page_number(s) for s in ("— —", "- -", "——", "一、")]
    [True, True, False, False]
    """
    f = _furniture(rules)
    source = alternatives((*f.get("page_numbers", ()), *f.get("margin_page_numbers", ())))
    return bool(text.strip()) and bool(_whole_line("page_numbers", source).fullmatch(text))


def is_rule_line(text: str, rules: RuleSet | None = None) -> bool:
    """A drawn rule (the 公文 red line): ``furniture.rule_line`` of rules/web.yaml.

    >>> is_rule_line("━━━━━━━━"), is_rule_line("————————"), is_rule_line("一、总体")
    (True, True, False)
    """
    source = _furniture(rules).get("rule_line")
    return bool(source) and bool(_whole_line("rule_line", source).fullmatch(text))


def _mask_digits(text: str) -> str:
    return re.sub(r"\d+", "#", text.replace(" ", ""))


def drop_running(pages: list[list[Line]], page_height: float, margin: float = 0.1,
                 rules: RuleSet | None = None) -> list[list[Line]]:
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
            if band and (is_page_number(ln.text, rules) or counts.get((band, _mask_digits(ln.text)), 0) >= need):
                continue
            if is_rule_line(ln.text, rules):
                continue
            kept.append(ln)
        out.append(kept)
    return out

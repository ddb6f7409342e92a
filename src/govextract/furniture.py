"""Page furniture in converted text, from the ``furniture`` vocabulary of ``web.yaml``: page
numbers on lines of their own, figure captions with the chart debris under them, a
caption's number glued to a year. These fixes take the compiled :class:`Furniture`;
:func:`govextract.normalise.fixes_for` binds them into the registry.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex as re

from .markup import BOLD, PAGE

__all__ = ["Furniture", "alternatives", "drop_figures", "drop_page_furniture", "split_caption_year"]


@dataclass(frozen=True)
class Furniture:
    """The furniture vocabulary of ``web.yaml`` (``furniture``), compiled."""

    page_number: re.Pattern
    figure_caption: re.Pattern
    table_caption: re.Pattern
    unit_label: re.Pattern
    axis_label: re.Pattern

    @classmethod
    def of(cls, web: Any) -> "Furniture":
        f = web.get("furniture", {}) if web else {}
        alt = lambda words: "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) or "(?!)"  # noqa: E731
        pages = alternatives(f.get("page_numbers", ()))
        # a figure caption: 图1  图2-1 2017-2023年粮食总产量 (its title holds no sentence mark);
        # a table caption with a year glued to its number: 表12023年 → 表1 2023年
        return cls(
            page_number=re.compile(rf"[ ]* (?: {pages} ) [ ]*", re.VERBOSE),
            figure_caption=re.compile(rf"""
                (?: {alt(f.get("figure_captions", ()))} ) [ ]* [0-9]{{1,2}}   # the caption word and number
                (?: {_class(f.get("number_separators", ()))} [0-9]{{1,2}} )?    # a sub-number
                (?: [ ]+ | {_class(f.get("label_colons", ()))} | (?=(?:19|20)[0-9]{{2}}) )
                {_class(f.get("sentence_marks", ()), negate=True)}{{1,60}}        # its title, no sentence
            """, re.VERBOSE),
            table_caption=re.compile(rf"""
                ^ ( [{PAGE}*]* [ ]* (?: {alt(f.get("table_captions", ()) + f.get("figure_captions", ()))} )
                    [ ]* [0-9]{{1,2}} )                                 # the caption word and number
                  ( (?:19|20) [0-9]{{2}} (?= {alt(f.get("after_year", ()))} ) )   # a year glued to it
            """, re.VERBOSE | re.MULTILINE),
            unit_label=re.compile(rf"(?: {alt(f.get('unit_labels', ()))} ) [ ]* {_class(f.get('label_colons', ()))}",
                                  re.VERBOSE),
            axis_label=re.compile(rf"""
                (?: [0-9\s\p{{Ps}}\p{{Pe}}{_chars(f.get("tick_marks", ()))}]   # ticks and brackets
                  | {alt(f.get("axis_words", ()))} )+                       # years, quarters
            """, re.VERBOSE),
        )


def alternatives(patterns: Any) -> str:
    """Regular expressions as one alternation (one that never matches when there are none): the
    page numbers of ``furniture``, shared by :func:`drop_page_furniture` and the PDF and OCR
    readers' :func:`govextract.ingest.running.is_page_number`.

    >>> alternatives(["a+", "b"]), alternatives([])
    ('(?:a+)|(?:b)', '(?!)')
    """
    return "|".join(f"(?:{p})" for p in patterns) or "(?!)"


def _chars(chars: Any) -> str:
    return "".join(re.escape(c) for c in chars)


def _class(chars: Any, *, negate: bool = False) -> str:
    """A character class of ``chars`` (any character but them with ``negate``)."""
    body = _chars(chars)
    if not body:
        return "." if negate else "(?!)"
    return f"[{'^' if negate else ''}{body}]"


def _bare_line(line: str) -> str:
    return line.replace(BOLD, "").replace(PAGE, "").strip()


def _chart_debris(line: str, furniture: Furniture) -> bool:
    """A line a chart leaves in the flow: its unit line, axis ticks, data labels, year labels."""
    bare = _bare_line(line)
    return bool(furniture.unit_label.match(bare) or furniture.axis_label.fullmatch(bare))


def drop_page_furniture(text: str, furniture: Furniture) -> str:
    """Whole lines that are page numbers (``— 3 —``, ``第3页``, the ``— —`` left when the
    digits were read apart), and a bare number standing next to a page break, are
    dropped: an empty line (with the page marks) stays in their place, so that
    :func:`govextract.text_fixes.rejoin_page_breaks` mends a paragraph they cut. See
    :func:`govextract.normalise.fixes_for`."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        bare = _bare_line(line)
        if not bare:
            continue
        at_break = PAGE in line or (i + 1 < len(lines) and lines[i + 1].startswith(PAGE)) or \
            (i > 0 and lines[i - 1].endswith(PAGE))
        if furniture.page_number.fullmatch(bare) or (at_break and re.fullmatch(r"[0-9]{1,3}", bare)):
            lines[i] = PAGE * line.count(PAGE)
    return "\n".join(lines)


def drop_figures(text: str, furniture: Furniture) -> str:
    """A figure's caption line (``图1 2017-2023年…``) and what its chart leaves in the
    flow under it (``单位：万吨``, axis ticks, year labels) are not body text: they
    become one empty line (with their page marks). See :func:`govextract.normalise.fixes_for`."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if furniture.figure_caption.fullmatch(_bare_line(lines[i])):
            j = i + 1
            while j < len(lines) and _chart_debris(lines[j], furniture):
                j += 1
            lines[i:j] = [PAGE * sum(ln.count(PAGE) for ln in lines[i:j])]
            i += 1
            continue
        i += 1
    return "\n".join(lines)


def split_caption_year(text: str, furniture: Furniture) -> str:
    """A caption's number and the year after it stay apart: ``表12023年`` (a scan that lost
    the space) is ``表1 2023年``, never 12023. See :func:`govextract.normalise.fixes_for`."""
    return furniture.table_caption.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)

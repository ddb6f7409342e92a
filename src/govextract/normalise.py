"""Normalisation: small, pure, named ``str -> str`` fixes in an ordered registry.

Each fix does one thing and is safe to run on any text. :func:`normalise` runs
them all in order, records which ones changed the text (:func:`explain_changes`
says what each changed, with a count and the first examples), then strips the in-band
markup (pages, bold runs, OCR doubt) that ingestion left, so that every offset
downstream points into one final string.

>>> r = normalise("整治问\\n\\n题 990 个次，PM_{2.5}为２９．４％")
>>> r.text
'整治问\\n\\n题990个次，PM2.5为29.4%'
>>> explain("PM_{2.5}为２９．４％")
['fold_fullwidth', 'fix_subscripts']
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterator

import regex as re

from .commas import clause_commas
from .furniture import Furniture, drop_figures, drop_page_furniture, split_caption_year
from .markup import BOLD, DOUBT_CLOSE, DOUBT_OPEN, PAGE, Marks, strip_marks
from .text_fixes import (Fix, drop_footnote_marks, fix_subscripts, fold_dashes, fold_fullwidth, fold_newlines,
                         fold_spaces, join_cut_numbers, join_letterspaced, rejoin_page_breaks,
                         remove_stray_spaces)

if TYPE_CHECKING:  # pragma: no cover
    from .rules import RuleSet

# the fixes are importable from here, as they always were
__all__ = ["FIXES", "Fix", "FixReport", "Furniture", "Normalised", "drop_figures", "drop_footnote_marks",
           "drop_page_furniture", "explain", "explain_changes", "fix_subscripts", "fixes_for", "fold_dashes",
           "fold_fullwidth", "fold_newlines", "fold_spaces", "join_cut_numbers", "join_letterspaced", "normalise",
           "rejoin_page_breaks", "remove_stray_spaces", "split_caption_year"]


def _named(fn: Callable[..., str], *args: Any, **kwargs: Any) -> Fix:
    """``fn`` with its vocabulary bound (the furniture, or a rule set as ``rules``), under its name."""
    def fix(text: str) -> str:
        return fn(text, *args, **kwargs)
    fix.__name__ = fn.__name__
    fix.__doc__ = fn.__doc__
    return fix


def _reads_rules(fix: Fix) -> bool:
    import inspect

    return "rules" in inspect.signature(fix).parameters


@lru_cache(maxsize=8)
def fixes_for(rules: RuleSet) -> tuple[Fix, ...]:
    """:data:`FIXES` reading the vocabulary of ``rules`` (the fixes of :mod:`govextract.text_fixes`
    that take ``rules``), with the fixes that read the furniture vocabulary (``web.yaml``:
    ``furniture``), run once spaces are folded and before stray spaces go: a caption's year is
    split off, page numbers and figures are dropped.

    >>> from govextract.rules import load_rules
    >>> fx = fixes_for(load_rules())
    >>> normalise("全年增长5%。\\n— 3 —\\n\\f下一页\\n图1 2017-2023年粮食总产量\\n单位：万吨\\n900\\n2017年2018年\\n表12023年主要产品", fx).text
    '全年增长5%。\\n\\n下一页\\n\\n表1 2023年主要产品'
    >>> normalise("全年增长5%，其中\\n2\\n\\f— —\\n粮食增产。", fx).text
    '全年增长5%，其中粮食增产。'
    """
    furniture = Furniture.of(rules.web)
    seps = rules.numerals.get("clause_separators") or ()

    def fold_clause_commas(text: str) -> str:
        return clause_commas(text, seps[0]) if seps else text
    fold_clause_commas.__doc__ = clause_commas.__doc__
    after = {"fold_fullwidth": (fold_clause_commas,),
             "fold_spaces": tuple(_named(f, furniture) for f in (split_caption_year, drop_page_furniture,
                                                                 drop_figures))}
    return tuple(f for fix in FIXES
                 for f in (_named(fix, rules=rules) if _reads_rules(fix) else fix, *after.get(fix.__name__, ())))


#: The fixes, in the order they run, with the shipped vocabulary. Add a fix here to make it part
#: of :func:`normalise`; a fix that takes ``rules`` reads the rule set :func:`fixes_for` binds.
FIXES: tuple[Fix, ...] = (
    fold_newlines,
    fold_fullwidth,
    fold_dashes,
    fix_subscripts,
    fold_spaces,
    join_letterspaced,
    remove_stray_spaces,
    drop_footnote_marks,
    join_cut_numbers,
    rejoin_page_breaks,
)


@dataclass(frozen=True)
class Normalised:
    """The final text and what normalisation did to get there."""

    text: str
    fixes: tuple[str, ...]
    page_starts: tuple[int, ...]
    bold: tuple[tuple[int, int], ...]
    doubt: tuple[tuple[int, int], ...]

    @property
    def pages(self) -> int:
        return len(self.page_starts)


def _steps(text: str, fixes: tuple[Fix, ...] | None, rules: RuleSet | None) -> Iterator[tuple[str, str, str]]:
    """(name, before, after) of each fix that changes the text, in the order they run: ``fixes``
    if given, else those of ``rules`` (:func:`fixes_for`), else :data:`FIXES`."""
    if fixes is None:
        fixes = fixes_for(rules) if rules is not None else FIXES
    for fix in fixes:
        new = fix(text)
        if new != text:
            yield fix.__name__, text, new
            text = new


def normalise(text: str, fixes: tuple[Fix, ...] | None = None, *, rules: RuleSet | None = None) -> Normalised:
    """Run every fix in order, then strip the markup. Offsets into ``.text`` are final.

    The fixes are ``fixes`` if given, else those of ``rules`` (:func:`fixes_for`: page
    furniture and figures are dropped too), else :data:`FIXES`."""
    applied: list[str] = []
    for name, _, text in _steps(text, fixes, rules):
        applied.append(name)
    marks: Marks = strip_marks(text)
    if marks.bold:
        applied.append("drop_bold_markers")
    return Normalised(marks.text, tuple(applied), marks.page_starts, marks.bold, marks.doubt)


def explain(text: str, rules: RuleSet | None = None) -> list[str]:
    """The names of the fixes that change ``text``, in the order they ran."""
    return list(normalise(text, rules=rules).fixes)


@dataclass(frozen=True)
class FixReport:
    """What one fix changed: how many places, and the first few, each as (before, after)
    with a little context on both sides."""

    name: str
    count: int
    examples: tuple[tuple[str, str], ...]

    def describe(self) -> str:
        """One line, as ``govextract normalise --explain`` prints it.

        >>> FixReport("fold_fullwidth", 2, (("为２９．４％", "为29.4%"),)).describe()
        'fold_fullwidth: 2 changes, e.g. "为２９．４％" → "为29.4%"'
        """
        from .display import count

        shown = ", ".join(f'"{_visible(a)}" → "{_visible(b)}"' for a, b in self.examples)
        return f"{self.name}: {count(self.count, 'change')}" + (f", e.g. {shown}" if shown else "")


#: a space other than the ASCII one (full-width, no-break, thin): shown as ␣
_WIDE_SPACE = re.compile(r"[^\S \r\n\t\f\v]")


def _visible(s: str) -> str:
    """Whitespace and in-band marks made visible: ⏎ for a line break, ␍, ⇥, ␣ for a
    space other than the ASCII one, and the markup characters by name.

    >>> _visible("各位代表：\\u3000现在\\r\\n\\f**一、**")
    '各位代表：␣现在␍⏎[page]**一、**'
    """
    return (_WIDE_SPACE.sub("␣", s.replace("\r", "␍").replace("\n", "⏎").replace("\t", "⇥"))
            .replace(PAGE, "[page]").replace(BOLD, "**").replace(DOUBT_OPEN, "[?").replace(DOUBT_CLOSE, "?]"))


def _changes(before: str, after: str, context: int) -> list[tuple[str, str]]:
    """The places where ``after`` differs from ``before``, as (before, after) snippets:
    line blocks first (fast on whole reports), then characters inside each changed block."""
    import difflib

    a_lines, b_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    out: list[tuple[str, str]] = []
    lines = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            continue
        pairs = (list(zip(a_lines[i1:i2], b_lines[j1:j2])) if i2 - i1 == j2 - j1
                 else [("".join(a_lines[i1:i2]), "".join(b_lines[j1:j2]))])
        for a, b in pairs:
            # changes closer than 2 × context characters are one change (PM_{2.5} → PM2.5)
            groups: list[list[int]] = []
            for ctag, c1, c2, d1, d2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                if ctag == "equal":
                    continue
                if groups and c1 - groups[-1][1] <= 2 * context:
                    groups[-1][1], groups[-1][3] = c2, d2
                else:
                    groups.append([c1, c2, d1, d2])
            for c1, c2, d1, d2 in groups:
                lo = min(c1, context)
                out.append((a[c1 - lo:c2 + context], b[d1 - lo:d2 + context]))
    return out


def explain_changes(text: str, fixes: tuple[Fix, ...] | None = None, examples: int = 3,
                    context: int = 4, *, rules: RuleSet | None = None) -> list[FixReport]:
    """What each fix that changed ``text`` did, in the order they ran, with a count and the
    first ``examples`` changes (as ftfy's ``explain`` does); then the markup that was dropped.

    >>> for r in explain_changes("PM_{2.5}为２９．４％，ＧＤＰ"):
    ...     print(r.describe())
    fold_fullwidth: 1 change, e.g. ".5}为２９．４％，ＧＤＰ" → ".5}为29.4%，GDP"
    fix_subscripts: 1 change, e.g. "PM_{2.5}为29." → "PM2.5为29."
    """
    reports: list[FixReport] = []
    for name, before, text in _steps(text, fixes, rules):
        found = _changes(before, text, context)
        reports.append(FixReport(name, len(found), tuple(found[:examples])))
    marks = strip_marks(text)
    if marks.bold:
        shown = tuple((f"**{marks.text[s:e]}**", marks.text[s:e]) for s, e in marks.bold[:examples])
        reports.append(FixReport("drop_bold_markers", len(marks.bold), shown))
    return reports

"""What the review page asks a person to check, and, kept apart, what was set aside.

Warnings are only what a person must check: numbers OCR read with doubt,
characters the encoding lost, ingestion warnings, and conflicts (one indicator
given two different values for the same measure and year in one report). Numbers
that an exclusion rule set aside (years, dates, article numbers …) are not
problems: :func:`report_exclusions` lists them, each with its rule, for a filter
of their own.

>>> from decimal import Decimal
>>> from govextract.models import Quantity
>>> from govextract.report import hand_report
>>> a = Quantity("5.2%", 6, 10, Decimal("5.2"), "%", "percent", indicator="地区生产总值",
...              measure="growth_pct", period=2025)
>>> b = Quantity("5.6%", 17, 21, Decimal("5.6"), "%", "percent", indicator="地区生产总值",
...              measure="growth_pct", period=2025)
>>> rep = hand_report("地区生产总值增长5.2%。全年地区生产总值增长5.6%。", quantities=[a, b])
>>> conflicts(rep)
[[0, 1]]
>>> [(w["kind"], w["message"]) for w in report_warnings(rep)]
[('conflict', '地区生产总值 (growth_pct, 2025) is given as 5.2% here and as 5.6% elsewhere in the report')]
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .tables import Report


def _context(text: str, start: int, end: int, width: int = 14) -> dict[str, str]:
    return {"before": text[max(0, start - width):start].replace("\n", " "), "hit": text[start:end],
            "after": text[end:end + width].replace("\n", " ")}


def conflicts(report: "Report") -> list[list[int]]:
    """Groups of quantities (indices) that give one indicator different values for the
    same measure, year, target and five-year flag."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, q in enumerate(report.quantity_list):
        if q.indicator and q.measure:
            groups[(q.indicator, q.measure, q.period, q.target, q.five_year, q.unit)].append(i)
    out = []
    for members in groups.values():
        values = {(report.quantity_list[i].value, report.quantity_list[i].value_max) for i in members}
        if len(values) > 1:
            out.append(members)
    return out


def flagged_quantities(report: "Report") -> set[int]:
    """The quantities a person must check: doubtful OCR readings and conflicting values."""
    from .report.blocks import _doubtful_quantities
    from .report.render import LOW_CONFIDENCE

    low = {i for i, q in enumerate(report.quantity_list) if q.confidence < LOW_CONFIDENCE}
    return low | _doubtful_quantities(report) | {i for group in conflicts(report) for i in group}


def _where(report: "Report", at: tuple[int, int] | None) -> dict[str, Any]:
    if not at:
        return {"context": None, "section": "", "page": None}
    return {"context": _context(report.text, *at), "section": report.section_of(at[0]),
            "page": report.page_of(at[0])}


def report_warnings(report: "Report") -> list[dict[str, Any]]:
    """Everything a reviewer must check, each with where it is.

    Kinds: ``document`` (warnings of ingestion), ``ocr`` (low-confidence OCR
    numbers and doubtful spans), ``encoding`` (replacement characters) and
    ``conflict`` (one indicator, two values). Excluded numbers are not warnings:
    see :func:`report_exclusions`.
    """
    from .display import written
    from .report.blocks import _doubtful_quantities
    from .report.render import LOW_CONFIDENCE, MAX_LISTED_REPLACEMENTS, REPLACEMENT

    out: list[dict[str, Any]] = []

    def add(kind: str, message: str, at: tuple[int, int] | None = None, *, anchor: str | None = None) -> None:
        out.append({"kind": kind, "message": message, "anchor": anchor, "rule": None, **_where(report, at)})

    for w in report.warnings:
        add("encoding" if "replacement" in w or "decod" in w else "document", w)
    doubt_q = _doubtful_quantities(report)
    quantities = report.quantity_list
    for i, q in enumerate(quantities):
        if q.confidence < LOW_CONFIDENCE or i in doubt_q:
            add("ocr", f"low-confidence OCR number {q.text} (confidence {q.confidence:.2f})", (q.start, q.end),
                anchor=f"q-{i}")
    for s, e, conf in report.doubts:
        if not any(q.start < e and s < q.end for q in quantities):   # else listed with its quantity
            add("ocr", f"OCR read this with doubt (confidence {conf:.2f})", (s, e))
    repl = [k for k, c in enumerate(report.text) if c == REPLACEMENT]
    for k in repl[:MAX_LISTED_REPLACEMENTS]:
        add("encoding", "replacement character: the encoding lost a character here", (k, k + 1))
    if len(repl) > MAX_LISTED_REPLACEMENTS:
        add("encoding", f"and {len(repl) - MAX_LISTED_REPLACEMENTS} more replacement characters")
    for group in conflicts(report):
        first, *rest = (quantities[i] for i in group)
        shown = [written(q.value, q.unit, q.text, q.value_max) for q in (first, *rest)]
        others = " and as ".join(dict.fromkeys(v for v in shown[1:] if v != shown[0]))
        add("conflict", f"{first.indicator} ({first.measure}, {first.period}) is given as {shown[0]} here "
                        f"and as {others} elsewhere in the report", (first.start, first.end), anchor=f"q-{group[0]}")
    return out


def report_exclusions(report: "Report") -> list[dict[str, Any]]:
    """The numbers an exclusion rule set aside, each with its rule and where it is."""
    from .report.blocks import _atoms

    _, unplaced = _atoms(report)
    return [{"kind": "excluded", "message": "excluded by", "rule": x.rule,
             "anchor": None if i in unplaced else f"x-{i}", **_where(report, (x.start, x.end))}
            for i, x in enumerate(report.exclusions)]

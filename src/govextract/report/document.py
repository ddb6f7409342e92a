"""The review page of one document: its context for the template, and reports built by
hand from records (tests, doctests, other front ends)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from .blocks import document_blocks
from .render import HIDDEN_COLUMNS, KINDS, REPLACEMENT, REPORT_TABLES, _render, fmt_number, kind_class, write_html

if TYPE_CHECKING:  # pragma: no cover
    from ..models import DocumentMeta, Exclusion, Item, Quantity
    from ..rules import RuleSet
    from ..tables import Report


# --- warnings: in govextract.review -----------------------------------------------
def report_warnings(report: "Report") -> list[dict[str, Any]]:
    """What a reviewer must check (see :func:`govextract.review.report_warnings`)."""
    from ..review import report_warnings as warnings

    return warnings(report)


# --- tables -----------------------------------------------------------------------
def _cell(v: Any) -> dict[str, Any]:
    """A table cell: shown text and a sort key (numbers sort as numbers)."""
    if v is None or (isinstance(v, float) and v != v):
        return {"text": "", "num": None}
    if isinstance(v, bool):
        return {"text": "✓" if v else "", "num": int(v)}
    if isinstance(v, (int, float)):
        return {"text": fmt_number(v), "num": v}
    return {"text": str(v), "num": None}


def table_context(name: str, records: list[dict[str, Any]], columns: Sequence[str],
                  flagged: set[int] = frozenset()) -> dict[str, Any]:
    """One table for the template: shown columns, rows of cells (linked to the text
    where a row has a place in it), and every record for the CSV download."""
    shown = [c for c in columns if c not in HIDDEN_COLUMNS]
    link = {"quantities": ("text", "q"), "items": ("title", "item")}.get(name)
    rows = []
    for k, r in enumerate(records):
        row = {"cells": [_cell(r.get(c)) for c in shown], "flagged": k in flagged, "link_col": -1, "href": ""}
        if link and link[0] in shown:
            row.update(link_col=shown.index(link[0]), href=f"#{link[1]}-{r.get('index', k)}")
        rows.append(row)
    return {"name": name, "columns": shown, "all_columns": list(columns), "rows": rows, "records": records}


def report_context(report: "Report", rules: "RuleSet | None" = None) -> dict[str, Any]:
    """Everything the document template shows, as plain data (the 公文 head set by ``rules``,
    the shipped rules unless given: pass the rule set the report was read with)."""
    from ..review import flagged_quantities, report_exclusions
    from ..structure.outline import innermost
    from ..tables import COLUMNS

    records = {t: report.records(t) for t in REPORT_TABLES}
    warnings = report_warnings(report)
    # warnings per outline item (and its ancestors), for the navigation
    flags = [0] * len(report.outline)
    low = flagged_quantities(report)
    flagged_offsets = [report.quantity_list[i].start for i in low]
    # doubtful spans not already counted with their quantity; exclusions are a filter of their own
    flagged_offsets += [s for s, e, _ in report.doubts
                        if not any(q.start < e and s < q.end for q in report.quantity_list)]
    flagged_offsets += [k for k, c in enumerate(report.text) if c == REPLACEMENT]
    for off in flagged_offsets:
        i = innermost(report.outline, off)
        while i is not None:
            flags[i] += 1
            i = report.outline[i].parent
    nav = [{"index": i, "level": it.level, "marker": it.marker, "title": it.title, "bold": it.bold_lead,
            "count": row["n_quantities"], "flags": flags[i], "page": row["page"]}
           for i, (it, row) in enumerate(zip(report.outline, records["items"]))]
    kinds = {k: 0 for k in KINDS}
    for q in report.quantity_list:
        kinds[kind_class(q)] += 1
    details = [{"i": r["index"], "text": r["text"], "value": fmt_number(r["value"]),
                "value_max": fmt_number(r["value_max"]), "unit": r["unit"], "kind": r["kind"],
                "cls": kind_class(q), "approx": r["approx"], "change": r["change"], "subject": r["subject"],
                "indicator": r["indicator"] or "", "measure": r["measure"] or "", "target": bool(r["target"]),
                "page": r["page"], "confidence": r["confidence"], "section": r["section"],
                "dimension": r["dimension"], "notes": r["notes"],
                "table": r.get("table") or "", "row": r.get("row") or "", "column": r.get("column") or ""}
               for r, q in zip(records["quantities"], report.quantity_list)]
    meta = report.meta
    name = Path(report.path).name
    return {
        "name": name,
        "stem": Path(report.path).stem or "report",
        "title": meta.report_title or meta.title or name,
        "meta": meta,
        "report": {"path": report.path, "doc_id": report.doc_id, "form": report.form, "pages": report.pages,
                   "encoding": report.encoding, "fixes": list(report.fixes)},
        "blocks": document_blocks(report, rules),
        "nav": nav,
        "kinds": kinds,
        "n_quantities": len(report.quantity_list),
        "n_excluded": len(report.exclusions),
        "excluded": report_exclusions(report),
        "warnings": warnings,
        "warning_counts": {k: sum(1 for w in warnings if w["kind"] == k)
                           for k in ("ocr", "encoding", "conflict", "document")},
        "details": details,
        "tables": [table_context(t, records[t], COLUMNS[t],
                                 flagged=low if t == "quantities" else set()) for t in REPORT_TABLES],
    }


def render_report(report: "Report", rules: "RuleSet | None" = None) -> str:
    """One self-contained HTML page reviewing a parsed report, with ``rules`` (the shipped
    rules unless given; pass the rule set the report was read with)."""
    return _render("report.html.j2", report_context(report, rules), rules)


def write_report(report: "Report", out: str | Path, rules: "RuleSet | None" = None) -> Path:
    """Render and write a document's review report."""
    return write_html(render_report(report, rules), out)


# --- building reports by hand (tests, doctests, other front ends) -----------------
def hand_report(text: str, *, quantities: Sequence["Quantity"] = (), outline: Sequence["Item"] = (),
                exclusions: Sequence["Exclusion"] = (), meta: "DocumentMeta | None" = None,
                doubts: Sequence[tuple[int, int, float]] = (), warnings: Sequence[str] = (),
                path: str = "<text>", pages: int | None = None,
                page_starts: Sequence[int] = (0,), form: str = "text", rules: "RuleSet | None" = None) -> "Report":
    """A :class:`~govextract.tables.Report` from records, without running the pipeline; its
    sentences are split by ``rules`` (the shipped rules unless given)."""
    from ..models import DocumentMeta
    from ..structure.document import Document, split_paragraphs
    from ..structure.segment import split_sentences
    from ..tables import Report

    doc = Document(path=path, form=form, text=text, meta=meta or DocumentMeta(), outline=tuple(outline),
                   sentences=tuple(split_sentences(text, rules)), paragraphs=split_paragraphs(text),
                   page_starts=tuple(page_starts), pages=pages, doubts=tuple(doubts), warnings=tuple(warnings))
    return Report(path=path, doc_id="0" * 16, document=doc, quantity_list=tuple(quantities),
                  exclusions=tuple(exclusions))

"""HTML review reports: one self-contained file per document or per comparison.

A review report is for looking, not for reading JSON: the document text in its
outline structure with every quantity highlighted in place (a colour per kind;
hover or click shows what it was read as), a side navigation from the outline,
the metadata, the three tables (sortable, each downloadable as CSV), and the
warnings — low-confidence OCR numbers, encoding replacements and conflicting
values (:mod:`govextract.review`) — and, as a filter of their own, the numbers an
exclusion rule set aside, each with its rule.

The file needs no server and no network: style, script and charts (SVG) are
inlined. Markup and style live in ``govextract/templates/``; this module only
prepares plain data for the templates.

>>> from govextract.models import DocumentMeta, Quantity
>>> from decimal import Decimal
>>> text = "一、总体情况\\n优良率为88.6%。"
>>> q = Quantity("88.6%", 11, 16, Decimal("88.6"), "%", "percent")
>>> rep = hand_report(text, quantities=[q])
>>> html = render_report(rep)
>>> html.count('class="q k-percent')
1
"""
from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from .errors import GovextractError

if TYPE_CHECKING:  # pragma: no cover
    import jinja2
    import pandas as pd

    from .models import DocumentMeta, Exclusion, Item, Quantity
    from .tables import Report

#: highlight classes, in legend order
KINDS = ("money", "percent", "count", "physical", "change", "other")
#: tables shown in a document report, in order
REPORT_TABLES = ("documents", "items", "quantities")
#: columns hidden on screen (constant per report); CSV downloads keep every column
HIDDEN_COLUMNS = {"doc", "doc_id"}
#: below this confidence a quantity is flagged as a doubtful OCR reading
LOW_CONFIDENCE = 1.0
#: the replacement character a lossy decode leaves
REPLACEMENT = "\ufffd"
#: at most this many encoding replacements are listed one by one
MAX_LISTED_REPLACEMENTS = 200


class ReportError(GovextractError):
    """A review report cannot be made: templates missing, nothing to compare …"""

    stage = "report"


# --- classification -------------------------------------------------------------
def kind_class(q: "Quantity") -> str:
    """The highlight colour class of a quantity: a change (up/down, percentage
    points, growth) wins over the unit's kind.

    >>> from decimal import Decimal
    >>> from govextract.models import Quantity
    >>> kind_class(Quantity("5元", 0, 2, Decimal(5), "元", "money"))
    'money'
    >>> kind_class(Quantity("2.8个百分点", 0, 7, Decimal("2.8"), "百分点", "pp", change="up"))
    'change'
    >>> kind_class(Quantity("3", 0, 1, Decimal(3), "", "other"))
    'other'
    """
    if q.change or q.kind == "pp" or (q.measure or "").startswith("growth"):
        return "change"
    return q.kind if q.kind in KINDS else "other"


def fmt_number(v: Any) -> str:
    """A number as a person would write it: no trailing zeros, no exponent.

    >>> fmt_number(95000), fmt_number(88.6), fmt_number(1e13), fmt_number(None), fmt_number(float("nan"))
    ('95000', '88.6', '10000000000000', '', '')
    """
    if v is None:
        return ""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if f != f:
        return ""
    if f.is_integer() and abs(f) < 1e18:
        return str(int(f))
    return f"{f:.6f}".rstrip("0").rstrip(".")


def fmt_short(v: Any) -> str:
    """A number shortened with 万 / 亿 for charts and compact cells.

    >>> fmt_short(82712200000000), fmt_short(95000), fmt_short(88.6), fmt_short(-1.25e9), fmt_short(None)
    ('82.71万亿', '9.5万', '88.6', '-12.5亿', '')
    """
    if v is None:
        return ""
    f = float(v)
    if f != f:
        return ""
    for size, suffix in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if abs(f) >= size:
            return f"{f / size:.2f}".rstrip("0").rstrip(".") + suffix
    return f"{f:.2f}".rstrip("0").rstrip(".") if not f.is_integer() else str(int(f))


# --- the document as blocks of segments -------------------------------------------
@dataclass
class _Atom:
    """A span rendered as one element: a quantity (``q``) or an excluded number (``x``)."""

    start: int
    end: int
    kind: str
    index: int
    nested: list[int] = field(default_factory=list)   # quantities inside this one


def _atoms(report: "Report") -> tuple[list[_Atom], set[int]]:
    """Quantities and exclusions as non-overlapping atoms; also the exclusions
    that could not be placed (they overlap a quantity)."""
    cands = [(q.start, -q.end, 0, i) for i, q in enumerate(report.quantity_list) if q.source != "table"]
    cands += [(x.start, -x.end, 1, i) for i, x in enumerate(report.exclusions)]
    cands.sort()
    atoms: list[_Atom] = []
    unplaced: set[int] = set()
    cursor = 0
    for start, neg_end, typ, i in cands:
        end = -neg_end
        if start >= cursor:
            atoms.append(_Atom(start, end, "qx"[typ], i))
            cursor = end
        elif typ == 1:
            unplaced.add(i)
        elif end > cursor:
            atoms.append(_Atom(cursor, end, "q", i))   # overlapping quantity: clipped
            cursor = end
        else:  # contained in the previous atom: shown as a small marker after it
            host = next((a for a in reversed(atoms) if a.kind == "q"), None)
            if host is None or host.end < end:
                atoms.append(_Atom(cursor, cursor, "q", i))
            else:
                host.nested.append(i)
    return atoms, unplaced


def _title_spans(report: "Report") -> list[tuple[int, int, str]]:
    out = []
    for it in report.outline:
        label_end = it.start + len(it.label)
        if report.text[it.start:label_end] != it.label:   # title trimmed: find its end
            k = report.text.find(it.title, it.start)
            label_end = k + len(it.title) if k >= 0 else it.start + len(it.marker)
        out.append((it.start, label_end, "bold" if it.bold_lead else f"title l{min(it.level, 4)}"))
    return out


def _paragraphs(text: str, atoms: Sequence[_Atom]) -> list[tuple[int, int]]:
    """Line spans, never splitting an atom."""
    inside = set()
    for a in atoms:
        inside.update(range(a.start + 1, a.end))
    out, start = [], 0
    for k, c in enumerate(text):
        if c == "\n" and k not in inside:
            out.append((start, k))
            start = k + 1
    out.append((start, len(text)))
    return out


def document_blocks(report: "Report") -> list[dict[str, Any]]:
    """The document text as blocks (headings and paragraphs) of segments, ready for
    the template. Segments: ``text`` (with style classes), ``q`` (a quantity),
    ``x`` (an excluded number), ``anchor`` (an outline item starts), ``page``.

    Each quantity of the report appears in exactly one ``q`` segment (or as a
    ``nested`` marker of the quantity that contains it), or, read from a table, in
    the cell of a ``table`` block (:func:`govextract.report_tables.table_blocks`)
    drawn where the table's mark stands.
    """
    from .markup import TABLE
    from .report_tables import table_blocks

    from .review import flagged_quantities

    text = report.text
    flagged_q = flagged_quantities(report)
    tables = table_blocks(report, flagged_q)
    atoms, _ = _atoms(report)
    atom_at = {a.start: a for a in atoms if a.end > a.start}
    empty_atoms: dict[int, list[_Atom]] = {}
    for a in atoms:
        if a.end == a.start:
            empty_atoms.setdefault(a.start, []).append(a)
    ranges: list[tuple[int, int, str]] = _title_spans(report)
    ranges += [(s, e, "doubt") for s, e, _ in report.doubts]
    ranges += [(k, k + 1, "repl") for k, c in enumerate(text) if c == REPLACEMENT]
    # point events: item anchors and page starts, snapped out of atoms
    points: list[tuple[int, int, str, int]] = []   # offset, order, kind, value
    starts = [a.start for a in atoms]

    def snap(off: int) -> int:
        k = bisect.bisect_right(starts, off) - 1
        if k >= 0 and atoms[k].start < off < atoms[k].end:
            return atoms[k].start
        return off

    for i, it in enumerate(report.outline):
        points.append((snap(it.start), 1, "anchor", i))
    if report.pages:
        for n, ps in enumerate(report.page_starts[1:], start=2):
            points.append((snap(ps), 0, "page", n))
    points.sort()

    paras = [(s, e) for s, e in _paragraphs(text, atoms)]
    blocks: list[dict[str, Any]] = []
    pending: list[tuple[int, int, str, int]] = []
    pi = 0
    bounds = sorted({b for s, e, _ in ranges for b in (s, e)} | {b for a in atoms for b in (a.start, a.end)})
    active = _active_classes(ranges, bounds)
    for ps, pe in paras:
        # points before this paragraph's end (or in the gap before it) belong to it
        while pi < len(points) and points[pi][0] <= pe:
            pending.append(points[pi])
            pi += 1
        if not text[ps:pe].strip():
            continue
        mark = text.find(TABLE, ps, pe)
        if mark >= 0 and mark in tables and not text[ps:pe].replace(TABLE, "").strip():
            segs_before = [{"t": kind, "i": val} for _, _, kind, val in pending]
            pending.clear()
            blocks.append({"start": ps, "end": pe, "segments": segs_before, "table": tables[mark],
                           "flagged": any(c.get("low") for r in tables[mark]["body"] for c in r),
                           "excluded": False, "heading": None, "align": ""})
            continue
        segs: list[dict[str, Any]] = []
        flagged = excluded = False
        pos = ps
        while pos < pe or pending and pending[0][0] <= pos:
            while pending and pending[0][0] <= pos:
                _, _, kind, val = pending.pop(0)
                segs.append({"t": kind, "i": val})
            if pos >= pe:
                break
            a = atom_at.get(pos)
            if a is not None:
                if a.kind == "q":
                    q = report.quantity_list[a.index]
                    low = a.index in flagged_q
                    flagged |= low
                    segs.append({"t": "q", "i": a.index, "text": text[a.start:a.end], "cls": kind_class(q),
                                 "low": low, "nested": [{"i": n, "cls": kind_class(report.quantity_list[n])}
                                                        for n in a.nested]})
                else:
                    excluded = True
                    segs.append({"t": "x", "i": a.index, "text": text[a.start:a.end],
                                 "rule": report.exclusions[a.index].rule})
                for z in empty_atoms.pop(a.end, []):
                    segs.append({"t": "q", "i": z.index, "text": "", "cls": "other", "low": False, "nested": []})
                pos = a.end
                continue
            for z in empty_atoms.pop(pos, []):
                segs.append({"t": "q", "i": z.index, "text": "", "cls": "other", "low": False, "nested": []})
            k = bisect.bisect_right(bounds, pos)
            nxt = min(bounds[k] if k < len(bounds) else pe, pe)
            if pending:
                nxt = min(nxt, max(pending[0][0], pos + 1))
            cls = active[bisect.bisect_right(bounds, pos) - 1] if bounds and pos >= bounds[0] else []
            flagged |= any(c in ("doubt", "repl") for c in cls)
            piece = text[pos:nxt]
            if segs and segs[-1]["t"] == "text" and segs[-1]["cls"] == " ".join(cls):
                segs[-1]["text"] += piece
            else:
                segs.append({"t": "text", "text": piece, "cls": " ".join(cls)})
            pos = nxt
        blocks.append({"start": ps, "end": pe, "segments": segs, "flagged": flagged, "excluded": excluded,
                       "table": None,
                       "heading": _heading_level(report, ps, pe), "align": _front_align(report, ps, pe)})
    # anything left (points at the very end)
    if pending and blocks:
        blocks[-1]["segments"].extend({"t": kind, "i": val} for _, _, kind, val in pending)
    for z in (z for zs in empty_atoms.values() for z in zs):   # pragma: no cover - defensive
        blocks[-1]["segments"].append({"t": "q", "i": z.index, "text": "", "cls": "other", "low": False,
                                       "nested": []})
    return blocks


def _active_classes(ranges: Sequence[tuple[int, int, str]], bounds: Sequence[int]) -> list[list[str]]:
    """For each interval [bounds[k], bounds[k+1]), the classes of the ranges covering it (one sweep)."""
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for s, e, c in ranges:
        if e > s:
            opens.setdefault(s, []).append(c)
            closes.setdefault(e, []).append(c)
    live: dict[str, int] = {}
    out = []
    for b in bounds:
        for c in closes.get(b, ()):
            live[c] -= 1
        for c in opens.get(b, ()):
            live[c] = live.get(c, 0) + 1
        out.append(sorted(c for c, n in live.items() if n > 0))
    return out


def _front_align(report: "Report", ps: int, pe: int) -> str:
    """How a line of the 公文 head is set: 版头 (``head``), titles, 发文字号 centred,
    主送机关 flush ``left``, 落款 and 成文日期 ``right``.
    Only lines before the outline starts; "" for body text."""
    if report.outline and ps >= report.outline[0].start:
        return ""
    line = report.text[ps:pe].strip()
    meta = report.meta
    if not line or len(line) > 60:
        return ""
    if meta.issuer and line.startswith(meta.issuer) and line.endswith("文件"):
        return "head"       # 版头, red in print
    if line in (meta.title, meta.report_title):
        return "title"
    if line == meta.doc_number:
        return "center"
    if meta.recipients and line.rstrip("：:") == meta.recipients:
        return "left"
    date = re.fullmatch(r"[0-9〇○零一二三四五六七八九十]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日", line)
    if line == meta.issuer or date:
        return "right"
    return ""


def _heading_level(report: "Report", ps: int, pe: int) -> int | None:
    """The level of the numbered item this line consists of, if it is nothing else."""
    line = report.text[ps:pe]
    lead = len(line) - len(line.lstrip())
    for it in report.outline:
        if it.start == ps + lead and not it.bold_lead:
            rest = report.text[it.start + len(it.label):pe].strip(" \u3000。：:")
            return it.level if not rest else None
        if it.start > pe:
            break
    return None


def _doubtful_quantities(report: "Report") -> set[int]:
    return {i for i, q in enumerate(report.quantity_list)
            if any(s < q.end and q.start < e for s, e, _ in report.doubts)}


# --- warnings: in govextract.review -----------------------------------------------
def report_warnings(report: "Report") -> list[dict[str, Any]]:
    """What a reviewer must check (see :func:`govextract.review.report_warnings`)."""
    from .review import report_warnings as warnings

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


# --- context and rendering --------------------------------------------------------
def _environment() -> "jinja2.Environment":
    import jinja2
    import markupsafe

    try:
        loader = jinja2.PackageLoader("govextract", "templates")
    except ValueError as e:  # pragma: no cover - broken install
        raise ReportError("the report templates are missing from the installed package",
                          fix="reinstall govextract") from e
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)

    def inline(name: str) -> Any:
        """A static file of the templates folder, verbatim (CSS, JS)."""
        src, _, _ = loader.get_source(env, name)
        import re

        return markupsafe.Markup(re.sub(r"</(script|style)", r"<\\/\1", src, flags=re.IGNORECASE))

    env.globals["inline"] = inline
    env.filters["num"] = fmt_number
    env.filters["short"] = fmt_short
    return env


def _render(template: str, context: dict[str, Any]) -> str:
    import jinja2

    try:
        return _environment().get_template(template).render(**context)
    except jinja2.TemplateNotFound as e:
        raise ReportError(f"report template {e.name} is missing", fix="reinstall govextract") from e


def report_context(report: "Report") -> dict[str, Any]:
    """Everything the document template shows, as plain data."""
    from .structure.outline import innermost
    from .tables import COLUMNS

    from .review import flagged_quantities, report_exclusions

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
        "blocks": document_blocks(report),
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


def render_report(report: "Report") -> str:
    """One self-contained HTML page reviewing a parsed report."""
    return _render("report.html.j2", report_context(report))


def write_html(html: str, out: str | Path) -> Path:
    """Write a page atomically (a temp file beside ``out``, renamed into place)."""
    from .tables import atomic_path

    target = Path(out)
    with atomic_path(target) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return target


def write_report(report: "Report", out: str | Path) -> Path:
    """Render and write a document's review report."""
    return write_html(render_report(report), out)


# --- comparison -------------------------------------------------------------------
#: the columns of compare()'s long table this page needs; extras (note, check, five_year, text …) are used if present
COMPARE_COLUMNS = ["doc", "issuer", "region", "period", "indicator", "measure", "value", "value_max", "unit",
                   "approx", "target", "derived", "quote"]
#: measures in display order
MEASURE_ORDER = ("level", "growth_pct", "growth_pp", "share", "cumulative_level", "average_growth_pct",
                 "target_level", "target_growth_pct", "target_growth_pp", "target_average_growth_pct")


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v == ""


def _axis(rows: Sequence[dict[str, Any]], by: str | None) -> str:
    """What the wide table's columns run over: ``period`` for a series of years,
    ``region`` for one year across regions (as :func:`govextract.compare.wide`)."""
    if by in ("period", "region"):
        return by
    if by is not None:
        raise ReportError(f"cannot compare by {by!r}", fix="use period or region")
    results = [r for r in rows if not r["target"]] or list(rows)
    regions = {r["region"] for r in results if not _blank(r.get("region"))}
    periods = {r["period"] for r in results if not _blank(r.get("period"))}
    return "region" if len(regions) > 1 and len(regions) >= len(periods) else "period"


def _col_key(row: dict[str, Any], axis: str) -> str:
    v = row.get(axis)
    if _blank(v):
        return Path(str(row.get("doc") or "?")).stem
    return fmt_number(v) if axis == "period" else str(v)


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering [lo, hi].

    >>> nice_ticks(0, 10.3)
    [0.0, 2.5, 5.0, 7.5, 10.0, 12.5]
    >>> nice_ticks(5, 5)
    [4.0, 5.0, 6.0]
    """
    if hi == lo:
        step = 10 ** math.floor(math.log10(max(abs(hi) * 0.2, 1e-9)))
        return [float(lo - step), float(lo), float(lo + step)]
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.floor(lo / step + 1e-9) * step
    ticks, t = [], first
    while t < hi + step * 0.999:
        ticks.append(round(t, 10))
        t += step
    return ticks


#: chart geometry (SVG user units); a panel grows by ``legend_row`` for each row its legend needs
CHART = {"width": 560, "panel": 210, "left": 62, "right": 14, "top": 38, "bottom": 30,
         "legend_row": 20, "legend_font": 13}
#: series colours when a chart holds several regions (or periods): sixteen, so that a page of
#: provinces rarely gives two places one colour (place_colours repeats only past sixteen)
PALETTE = ("#1f56c7", "#d08700", "#187a3c", "#b4233c", "#6d3bb5", "#0e7490", "#a45c00", "#4b5563",
           "#e11d74", "#65a30d", "#0891b2", "#92400e", "#7c3aed", "#be123c", "#15803d", "#1e3a8a")


def text_width(text: str, size: float) -> float:
    """Width of ``text`` in SVG units at font ``size``, on the safe side: wide (CJK,
    full-width) characters take a full em, others 0.62 em.

    >>> text_width("ab", 10), text_width("安徽省", 10)
    (12.4, 30.0)
    """
    return float(round(sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.62 * size for ch in text), 1))


def legend_layout(names: Sequence[str], left: float, right: float, y: float) -> list[dict[str, Any]]:
    """Legend entries placed left to right in rows under a panel title, wrapping at ``right``,
    so that no entry overlaps the title, another entry or the plot (issue 11: a legend on the
    title line ran over the title). Each entry: ``x``, ``y`` (the row's middle), ``width``, ``name``.

    >>> [(e["x"], e["y"]) for e in legend_layout(["a", "b"], 6, 546, 30)]
    [(6, 30), (51.1, 30)]
    >>> len({e["y"] for e in legend_layout(["四川省 actual"] * 9, 6, 546, 30)})
    3
    """
    g, out, x, row = CHART, [], left, 0
    for name in names:
        width = 23 + text_width(name, g["legend_font"])        # swatch 18 + gap 5, then the text
        if x > left and x + width > right:
            x, row = left, row + 1
        out.append({"x": round(x, 1), "y": y + row * g["legend_row"], "width": width, "name": name})
        x += width + 14
    return out


def _panel(series: list[dict[str, Any]], xs: list[str], numeric_x: bool, y0: float) -> dict[str, Any]:
    """Coordinates of one chart panel. ``series``: dicts with ``points``
    [(x key, value, quote id, label, five-year?)], ``other`` and ``target``. The legend takes
    rows of its own under the title; ``height`` is the panel's height with them."""
    g = CHART
    names = [(f"{s['other']} " if s.get("other") else "") + ("target" if s.get("target") else "actual")
             for s in series]
    legend = legend_layout(names, 6, g["width"] - g["right"], y0 + 38)
    rows = len({e["y"] for e in legend})
    extra = rows * g["legend_row"]
    values = [p[1] for s in series for p in s["points"]]
    lo, hi = min(values), max(values)
    if lo >= 0 and (hi - lo) > 0.25 * hi:
        lo = 0.0    # start at zero unless the values sit in a narrow band far from it
    elif hi <= 0:
        hi = 0.0
    ticks = nice_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]
    x_left, x_right = g["left"], g["width"] - g["right"]
    top, bottom = y0 + g["top"] + extra, y0 + g["panel"] + extra - g["bottom"]
    if numeric_x:
        nums = [float(x) for x in xs]
        xmin, xmax = min(nums), max(nums)
        span = (xmax - xmin) or 1.0
        pad = 14.0
        xpos = {x: x_left + pad + (float(x) - xmin) / span * (x_right - x_left - 2 * pad) for x in xs}
    else:
        band = (x_right - x_left) / max(len(xs), 1)
        xpos = {x: x_left + band * (k + 0.5) for k, x in enumerate(xs)}

    def y(v: float) -> float:
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    out = []
    bars = not numeric_x
    nb = max(1, len(series))
    band = (x_right - x_left) / max(len(xs), 1)
    bw = min(26.0, band * 0.8 / nb)
    for k, s in enumerate(series):
        pts = sorted(s["points"], key=lambda p: xs.index(p[0]))
        coords = [{"x": round(xpos[x] + ((k - (nb - 1) / 2) * bw if bars else 0), 1), "y": round(y(v), 1),
                   "key": x, "value": v, "quote": qid, "label": label, "five_year": fy}
                  for x, v, qid, label, fy in pts]
        path = ""
        if not bars:   # a line through the annual values, broken where a year is missing;
            prev = None    # five-year values (totals, averages) stand apart as squares
            for c in coords:
                if c["five_year"]:
                    prev = None
                    continue
                idx = float(c["key"])
                path += f"{'L' if prev is not None and idx == prev + 1 else 'M'}{c['x']},{c['y']} "
                prev = idx
        out.append({**{k2: v2 for k2, v2 in s.items() if k2 != "points"}, "points": coords, "path": path.strip(),
                    "legend": legend[k]})
    base = y(0.0) if lo <= 0 <= hi else bottom
    step = max(1, math.ceil(len(xs) / 12))
    return {"y0": y0, "height": g["panel"] + extra, "top": top, "bottom": bottom, "left": x_left, "right": x_right,
            "yticks": [{"y": round(y(t), 1), "label": fmt_short(t)} for t in ticks],
            "xticks": _xticks(xs, xpos, step),
            "rotate": bars and len(xs) > 8, "bars": bars, "bar_width": round(bw, 1),
            "base": round(base, 1), "series": out}


def _xticks(xs: list[str], xpos: dict[str, float], step: int) -> list[dict[str, Any]]:
    """Every ``step``-th x label, and the last one unless it would crowd its neighbour."""
    keep = [k for k in range(len(xs)) if k % step == 0]
    last = len(xs) - 1
    if keep and keep[-1] != last:
        if xpos[xs[last]] - xpos[xs[keep[-1]]] < 34:
            keep[-1] = last
        else:
            keep.append(last)
    return [{"x": round(xpos[xs[k]], 1), "label": xs[k]} for k in keep]


def _value_label(r: dict[str, Any]) -> str:
    """A value for people, as compare formats it (big money in 亿元/万亿元, growth signed)."""
    try:
        from .compare import format_value
    except ImportError:  # pragma: no cover - an older compare module
        format_value = None
    if format_value is not None:
        try:
            label = format_value(r["value"], r.get("unit") or "", r.get("measure") or "level",
                                 r.get("value_max"), r.get("approx") or "")
            if "e+" not in label:
                return label
        except Exception:  # pragma: no cover - never lose the page to a label
            pass
    s = fmt_short(r["value"]) + (f"–{fmt_short(r['value_max'])}" if r.get("value_max") is not None else "")
    return f"{s}{r.get('unit') or ''}"


def _pick_order(r: dict[str, Any]) -> tuple:
    """Preferred value of a cell first: stated, annual, exact, then document order."""
    return (r["derived"], bool(r.get("five_year")), r.get("value_max") is not None, bool(r.get("approx")), r["qid"])


def compare_context(long: "pd.DataFrame", *, by: str | None = None, title: str | None = None) -> dict[str, Any]:
    """Everything the comparison template shows, from :func:`govextract.compare.compare`'s long table."""
    missing = [c for c in ("doc", "indicator", "measure", "value", "unit") if c not in long.columns]
    if missing:
        raise ReportError(f"the comparison table lacks column(s) {', '.join(missing)}",
                          fix="pass the long table of govextract.compare.compare()")
    extra = [c for c in ("five_year", "check", "note") if c in long.columns]
    rows = [{k: (None if _blank(v) else v) for k, v in r.items()} for r in long.reset_index(drop=True).to_dict("records")]
    for qid, r in enumerate(rows):
        for c in (*COMPARE_COLUMNS, "five_year", "check", "note", "page", "text"):
            r.setdefault(c, None)
        r["qid"] = qid
        r["measure"] = str(r.get("measure") or "")
        r["target"] = bool(r.get("target")) or r["measure"].startswith("target_")
        r["derived"] = bool(r.get("derived"))
        r["label"] = _value_label(r) if r.get("value") is not None else ""
        r["name"] = Path(str(r.get("doc") or "")).name
        quote, hit = str(r.get("quote") or ""), str(r.get("text") or "")
        k = quote.find(hit) if hit else -1
        r["quote_parts"] = (quote[:k], hit, quote[k + len(hit):]) if k >= 0 else (quote, "", "")
    rows_v = [r for r in rows if not _blank(r.get("indicator")) and r.get("value") is not None]
    axis = _axis(rows_v or rows, by)
    other = "region" if axis == "period" else "period"
    multi = len({r.get(other) for r in rows_v if not _blank(r.get(other))}) > 1
    for r in rows:
        r["col"] = _col_key(r, axis)
        r["other"] = (fmt_number(r.get(other)) if other == "period" else str(r.get(other) or "")) if multi else ""
    cols = list(dict.fromkeys(r["col"] for r in rows_v))
    numeric_x = axis == "period" and all(c.lstrip("-").isdigit() for c in cols)
    cols.sort(key=(lambda c: int(c)) if numeric_x else str)

    # one wide row per (other, indicator, measure, unit)
    groups: dict[tuple, dict[str, list[dict[str, Any]]]] = {}
    for r in rows_v:
        key = (r["other"], str(r["indicator"]), r["measure"], str(r.get("unit") or ""))
        groups.setdefault(key, {}).setdefault(r["col"], []).append(r)
    weight: dict[str, int] = {}
    for (_, ind, _, _), g in groups.items():
        weight[ind] = weight.get(ind, 0) + len(g)
    indicators = sorted(weight, key=lambda s: (-weight[s], s))
    order = {ind: n for n, ind in enumerate(indicators)}
    morder = {m: n for n, m in enumerate(MEASURE_ORDER)}
    wide_rows = []
    for key in sorted(groups, key=lambda k: (order[k[1]], k[0], morder.get(k[2], 99), k[2], k[3])):
        cells = []
        for c in cols:
            hits = sorted(groups[key].get(c, []), key=_pick_order)
            cells.append({"main": hits[0] if hits else None, "more": hits[1:]})
        wide_rows.append({"other": key[0], "indicator": key[1], "measure": key[2], "unit": key[3],
                          "target": key[2].startswith("target_"), "cells": cells, "id": f"row-{len(wide_rows)}"})

    # one chart per indicator; a panel per kind of measure and unit; a series per actual/target (and region)
    charts = []
    # one colour per place for the whole page: a place keeps its colour across charts (issue 11)
    from .compare import place_colours

    places = place_colours((str(w["other"]) for w in wide_rows), len(PALETTE))
    for ind in indicators:
        panels_in: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in (w for w in wide_rows if w["indicator"] == ind):
            pts = [(c, float(cell["main"]["value"]), cell["main"]["qid"], cell["main"]["label"],
                    bool(cell["main"].get("five_year")))
                   for c, cell in zip(cols, row["cells"]) if cell["main"]]
            if not pts:
                continue
            base = row["measure"].removeprefix("target_")
            panels_in.setdefault((base, row["unit"]), []).append(
                {"target": row["target"], "other": row["other"], "points": pts})
        xs = [c for c in cols if any(p[0] == c for ss in panels_in.values() for s in ss for p in s["points"])]
        panels, y0 = [], 0.0
        for (measure, unit), series in sorted(panels_in.items(), key=lambda kv: _panel_order(kv[0])):
            series.sort(key=lambda s: (s["other"], s["target"]))
            others = list(dict.fromkeys(s["other"] for s in series))
            for s in series:
                s["color"] = PALETTE[places[str(s["other"])]] if len(others) > 1 else \
                    (PALETTE[1] if s["target"] else PALETTE[0])
            p = _panel(series, xs, numeric_x, y0)
            p.update(measure=measure, unit=unit)
            panels.append(p)
            y0 += p["height"]
        if panels:
            charts.append({"indicator": ind, "id": f"chart-{len(charts)}", "panels": panels,
                           "height": y0, "x_from": xs[0], "x_to": xs[-1]})
    quotes = sorted(rows_v, key=lambda r: (cols.index(r["col"]), r["qid"]))
    docs = list(dict.fromkeys(r["doc"] for r in rows if r.get("doc")))
    periods = sorted({int(r["period"]) for r in rows_v if isinstance(r.get("period"), (int, float))})
    issuers = list(dict.fromkeys(r["issuer"] for r in rows if r.get("issuer")))
    if not title:
        who = "、".join(issuers[:3]) + (" …" if len(issuers) > 3 else "")
        title = " ".join(x for x in (who, periods and f"{periods[0]}–{periods[-1]}" or "") if x) or "Comparison"
    return {"title": title, "axis": axis, "other": other if multi else None, "columns": cols,
            "wide": wide_rows, "charts": charts, "chart": CHART, "quotes": quotes, "n_docs": len(docs),
            "indicators": [c["indicator"] for c in charts], "issuers": issuers[:6], "n_issuers": len(issuers),
            "span": f"{periods[0]}–{periods[-1]}" if periods else "", "extra": extra,
            "csv_columns": list(long.columns),
            "records": [{c: r.get(c) for c in long.columns} for r in rows]}


def _panel_order(key: tuple[str, str]) -> tuple[int, str, str]:
    measure, unit = key
    return ({"growth_pct": 0, "growth_pp": 1, "level": 2, "share": 3}.get(measure, 9), measure, unit)


def render_compare(long: "pd.DataFrame", *, by: str | None = None, title: str | None = None) -> str:
    """One self-contained HTML page: the wide comparison table, an SVG chart per
    indicator, and the quotes every value links to."""
    return _render("compare.html.j2", compare_context(long, by=by, title=title))


def compare_reports(reports: Iterable["Report"] | Iterable[str | Path], *, indicators: Sequence[str] | None = None,
                    rules: Any = None) -> "pd.DataFrame":
    """The long comparison table of :func:`govextract.compare.compare`."""
    try:
        from .compare import compare
    except ModuleNotFoundError as e:  # pragma: no cover - until the compare module lands
        if e.name != "govextract.compare":
            raise
        raise ReportError("comparison is not available in this installation (no govextract.compare)",
                          fix="update govextract") from e
    return compare(list(reports), indicators=list(indicators) if indicators else None, rules=rules)


# --- building reports by hand (tests, doctests, other front ends) -----------------
def hand_report(text: str, *, quantities: Sequence["Quantity"] = (), outline: Sequence["Item"] = (),
                exclusions: Sequence["Exclusion"] = (), meta: "DocumentMeta | None" = None,
                doubts: Sequence[tuple[int, int, float]] = (), warnings: Sequence[str] = (),
                path: str = "<text>", pages: int | None = None,
                page_starts: Sequence[int] = (0,), form: str = "text") -> "Report":
    """A :class:`~govextract.tables.Report` from records, without running the pipeline."""
    from .models import DocumentMeta
    from .structure.document import Document, split_paragraphs
    from .structure.segment import split_sentences
    from .tables import Report

    doc = Document(path=path, form=form, text=text, meta=meta or DocumentMeta(), outline=tuple(outline),
                   sentences=tuple(split_sentences(text)), paragraphs=split_paragraphs(text),
                   page_starts=tuple(page_starts), pages=pages, doubts=tuple(doubts), warnings=tuple(warnings))
    return Report(path=path, doc_id="0" * 16, document=doc, quantity_list=tuple(quantities),
                  exclusions=tuple(exclusions))

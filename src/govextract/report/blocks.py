"""The document page's text as blocks of segments: paragraphs, headings and tables, with
every quantity and excluded number placed as a highlight that never overlaps another."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

from .render import REPLACEMENT, kind_class

if TYPE_CHECKING:  # pragma: no cover
    from ..rules import RuleSet
    from ..tables import Report


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


def document_blocks(report: "Report", rules: "RuleSet | None" = None) -> list[dict[str, Any]]:
    """The document text as blocks (headings and paragraphs) of segments, ready for
    the template; ``rules`` (the shipped rules unless given) say how the 公文 head is set. Segments: ``text`` (with style classes), ``q`` (a quantity),
    ``x`` (an excluded number), ``anchor`` (an outline item starts), ``page``.

    Each quantity of the report appears in exactly one ``q`` segment (or as a
    ``nested`` marker of the quantity that contains it), or, read from a table, in
    the cell of a ``table`` block (:func:`govextract.report.tables.table_blocks`)
    drawn where the table's mark stands.
    """
    from ..markup import TABLE
    from ..review import flagged_quantities
    from .tables import table_blocks

    text = report.text
    front = _Front.of(rules)
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
                       "heading": _heading_level(report, ps, pe, front.after_title),
                       "align": front.align(report, ps, pe)})
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


@dataclass(frozen=True)
class _Front:
    """How the 公文 head is read (rules/documents.yaml): the word after the issuer in the
    版头 (``issuer_mark``), the date line (``grammar.date``), the colons after 主送机关
    (web.yaml ``furniture.label_colons``), and what may follow a heading's title on its line."""

    issuer_mark: str
    date: Any
    colons: str
    after_title: str

    @classmethod
    def of(cls, rules: "RuleSet | None") -> "_Front":
        from ..rules import shipped_rules
        from ..structure.grammar import grammar

        rules = rules or shipped_rules()
        doc = rules.documents
        colons = "".join((rules.web.get("furniture") or {}).get("label_colons", ()))
        return cls(doc.get("issuer_mark") or "\n", grammar(doc, "date"), colons,
                   "".join(doc.get("line_spaces", ())) + doc.get("full_stop", "") + colons)

    def align(self, report: "Report", ps: int, pe: int) -> str:
        """How a line of the 公文 head is set: 版头 (``head``), titles, 发文字号 centred,
        主送机关 flush ``left``, 落款 and 成文日期 ``right``.
        Only lines before the outline starts; "" for body text."""
        if report.outline and ps >= report.outline[0].start:
            return ""
        line = report.text[ps:pe].strip()
        meta = report.meta
        if not line or len(line) > 60:
            return ""
        if meta.issuer and line.startswith(meta.issuer) and line.endswith(self.issuer_mark):
            return "head"       # 版头, red in print
        if line in (meta.title, meta.report_title):
            return "title"
        if line == meta.doc_number:
            return "center"
        if meta.recipients and line.rstrip(self.colons) == meta.recipients:
            return "left"
        if line == meta.issuer or self.date.fullmatch(line):
            return "right"
        return ""


def _heading_level(report: "Report", ps: int, pe: int, after_title: str) -> int | None:
    """The level of the numbered item this line consists of, if it is nothing else
    (``after_title``: characters that may follow its title: spaces, a full stop, colons)."""
    line = report.text[ps:pe]
    lead = len(line) - len(line.lstrip())
    for it in report.outline:
        if it.start == ps + lead and not it.bold_lead:
            rest = report.text[it.start + len(it.label):pe].strip(after_title)
            return it.level if not rest else None
        if it.start > pe:
            break
    return None


def _doubtful_quantities(report: "Report") -> set[int]:
    return {i for i, q in enumerate(report.quantity_list)
            if any(s < q.end and q.start < e for s, e, _ in report.doubts)}

"""Reports to long rows: one row per stated value (:func:`report_rows`), the indicator
names a user gives (:func:`resolve_indicators`), and the long table's columns."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import GovextractError
from ..extract.indicators import lexicon, signed
from ..rules import RuleSet
from ..tables import Report, number

if TYPE_CHECKING:  # pragma: no cover
    from ..ingest import ReadOptions

#: the long table's columns: the contract first, then the extras
LONG_COLUMNS = ["doc", "issuer", "region", "period", "indicator", "measure", "value", "value_max", "unit",
                "approx", "target", "derived", "quote", "five_year", "note", "check", "scope", "section",
                "page", "text", "region_code"]
CONTRACT_COLUMNS = LONG_COLUMNS[:13]


class CompareError(GovextractError):
    """A comparison cannot be made as asked (unknown indicator, nothing to chart …)."""

    stage = "compare"
    __module__ = "govextract.compare"


class ChartError(CompareError):
    """A chart cannot be drawn (nothing to draw, no CJK font, resvg missing for a PNG)."""

    __module__ = "govextract.compare"



def resolve_indicators(names: Iterable[str] | None, rules: RuleSet) -> list[str] | None:
    """Canonical names for indicator names or aliases given by a user.

    >>> from govextract.rules import load_rules
    >>> resolve_indicators(["GDP", "PM2.5浓度"], load_rules())
    ['地区生产总值', 'PM2.5平均浓度']
    """
    if not names:
        return None
    lex = lexicon(rules)
    out = []
    for n in names:
        canon = lex.names.get(n.strip()) if n.strip() in lex.specs or n.strip() in lex.names else None
        if canon is None:
            from ..indicator_names import suggest

            close = suggest(n, rules)
            hint = f"did you mean {', '.join(close)}? " if close else ""
            raise CompareError(f"unknown indicator {n!r}",
                               fix=hint + "`govextract indicators --search WORD` lists the known names and "
                                          "aliases; add new ones to rules/indicators.yaml")
        out.append(canon)
    return list(dict.fromkeys(out))


def parse_all(paths_or_reports: Iterable[str | Path | Report], *, rules: RuleSet | None = None,
              options: "ReadOptions | None" = None, on_error=None) -> list[Report]:
    """Reports for paths (parsed once each, with one pipeline) and Reports as given.

    ``on_error(path, error)`` is called for a file that cannot be read; without it
    the :class:`~govextract.errors.GovextractError` is raised.
    """
    from ..pipeline import Pipeline

    pipeline = None
    reports = []
    for p in paths_or_reports:
        if isinstance(p, Report):
            reports.append(p)
            continue
        if pipeline is None:
            pipeline = Pipeline(rules, options)
        try:
            reports.append(pipeline.parse(p))
        except GovextractError as e:
            if on_error is None:
                raise
            on_error(p, e)
    return reports


# --- rows -----------------------------------------------------------------------------------
def report_rows(rep: Report, rules: RuleSet) -> list[dict[str, Any]]:
    """One long row per linked quantity of a report."""
    meta = rep.meta
    region = meta.region or meta.issuer
    threshold = (rules.indicators.get("display") or {}).get("threshold_approx", "")
    rows = []
    for q in rep.quantity_list:
        if not q.indicator or not q.measure or q.place:
            continue                                   # a named part's figure (内江, 10个县): not the region's
        sent = rep.sentence_at(q.start)
        quote = sent.text.strip() if sent else ""
        value = signed(q)
        vmax = (-q.value_max if value < 0 and q.value_max is not None else q.value_max)
        if vmax is not None and value > vmax:
            value, vmax = vmax, value
        notes = list(q.notes)
        if q.five_year:
            notes.append("five-year value")
        row = {
            "doc": rep.path, "issuer": meta.issuer, "region": region, "region_code": meta.region_code or "",
            "period": q.period if q.period is not None else meta.period,
            "indicator": q.indicator, "measure": q.measure, "value": number(value), "value_max": number(vmax),
            "unit": q.unit, "approx": q.approx or (threshold if q.threshold else ""), "target": bool(q.target),
            "derived": False, "quote": quote,
            "five_year": bool(q.five_year), "note": "; ".join(dict.fromkeys(notes)), "check": "",
            "scope": q.scope, "section": rep.section_of(q.start), "page": rep.page_of(q.start),
            "text": q.text,
            # typed facts (issue 14): what compare branches on, never the words of ``note``
            "basis": q.basis, "average": q.average, "cumulative": q.cumulative, "estimate": q.estimate,
            "start_point": q.start_point, "base_period": q.base_period,
        }
        rows.append(row)
        # 重点建设用地和受污染耕地安全利用率均保持100%: the same value for each member of the list
        for other in q.also_indicators:
            rows.append({**row, "indicator": other, "note": _add(row["note"], f"one value for a list with {q.indicator}")})
    return rows


def one_name_per_place(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of one 行政区划代码 get one region name (the longest, most complete one), so that
    one place is one series, one legend and one colour (海拉尔区, 呼伦贝尔市海拉尔区).

    >>> [r["region"] for r in one_name_per_place([{"region": "海拉尔区", "region_code": "150702"},
    ...                                           {"region": "呼伦贝尔市海拉尔区", "region_code": "150702"}])]
    ['呼伦贝尔市海拉尔区', '呼伦贝尔市海拉尔区']
    """
    names: dict[str, str] = {}
    for r in rows:
        code, name = r.get("region_code") or "", r.get("region") or ""
        if code and len(name) > len(names.get(code, "")):
            names[code] = name
    return [{**r, "region": names[r["region_code"]]} if r.get("region_code") in names else r for r in rows]


def _add(note: str, more: str) -> str:
    return f"{note}; {more}" if note else more


def pp_label(rules: RuleSet) -> str:
    """How a change in percentage points is written after a number in notes (`` 个百分点``):
    the display name of the unit of dimension ``pp`` (rules/units.yaml, indicators.yaml display).

    >>> from govextract.rules import load_rules
    >>> pp_label(load_rules()).strip() != ""
    True
    """
    names = (rules.indicators.get("display") or {}).get("unit_names") or {}
    pp = next((u["normal"] for u in rules.units.get("units", {}).values() if u.get("dimension") == "pp"), "pp")
    return " " + names.get(pp, pp)

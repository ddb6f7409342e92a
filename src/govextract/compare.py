"""Cross-year and cross-region comparison of indicators.

:func:`compare` parses reports (each file once, with one :class:`~govextract.pipeline.Pipeline`)
and returns a *long* table, one row per value::

    doc, issuer, region, period, indicator, measure, value, value_max, unit, approx,
    target, derived, quote   (+ five_year, note, check, scope, section, page, text)

Money is in 元, percentages in %, growth in percentage points in 百分点; a fall
is a negative growth (PM2.5 同比改善5.2% → −5.2). ``quote`` is the sentence.

Beyond the stated values, compare

* **derives** the previous year's level from a level and its growth in one sentence
  (88.6% after +2.8 points → 85.8% for the year before), marked ``derived``;
* **checks** each series across reports: does a stated growth match the levels of two
  reports (``check`` = ``ok`` / ``mismatch``)? does a derived value match what the
  previous report stated? Where the scope or status of a figure changed (区本级 vs
  全社会, 预计, 剔除虚增空转) the series is marked ``break`` and ``note`` says what changed.

:func:`wide` pivots the long table: indicators × periods, or indicators × regions.

>>> from govextract.pipeline import Pipeline
>>> rep = Pipeline().parse_text("2024年，区环境空气质量优良率为88.6%，同比上升2.8个百分点。")
>>> df = compare([rep])
>>> df[["period", "indicator", "measure", "value", "derived"]].values.tolist()
[[2024, '空气质量优良率', 'level', 88.6, False], [2024, '空气质量优良率', 'growth_pp', 2.8, False], [2023, '空气质量优良率', 'level', 85.8, True]]
>>> compare([rep], indicators=["人口"])
Traceback (most recent call last):
...
govextract.compare.CompareError: unknown indicator '人口' (`govextract indicators --search WORD` lists the known names and aliases; add new ones to rules/indicators.yaml)
"""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from .errors import GovextractError
from .extract.indicators import lexicon, signed
from .rules import RuleSet, load_rules
from .tables import Report, number

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .ingest import ReadOptions

#: the long table's columns: the contract first, then the extras
LONG_COLUMNS = ["doc", "issuer", "region", "period", "indicator", "measure", "value", "value_max", "unit",
                "approx", "target", "derived", "quote", "five_year", "note", "check", "scope", "section",
                "page", "text", "region_code"]
CONTRACT_COLUMNS = LONG_COLUMNS[:13]


class CompareError(GovextractError):
    """A comparison cannot be made as asked (unknown indicator, nothing to chart …)."""

    stage = "compare"


class ChartError(CompareError):
    """A chart cannot be drawn (no CJK font, matplotlib missing)."""


def resolve_indicators(names: Iterable[str] | None, rules: RuleSet) -> list[str] | None:
    """Canonical names for indicator names or aliases given by a user.

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
            from .indicator_names import suggest

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
    from .pipeline import Pipeline

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


def compare(paths_or_reports: Iterable[str | Path | Report], *, indicators: Sequence[str] | None = None,
            rules: RuleSet | str | Path | None = None, options: "ReadOptions | None" = None) -> "pd.DataFrame":
    """The long comparison table over reports (paths of any supported form, or Reports).

    ``indicators`` limits it to these indicators (canonical names or aliases).
    ``rules`` is a RuleSet or a directory of user rules merged over the shipped ones.
    """
    import pandas as pd

    if rules is None:
        rules = load_rules()
    elif not isinstance(rules, RuleSet):
        rules = load_rules(rules)
    wanted = resolve_indicators(indicators, rules)
    reports = parse_all(paths_or_reports, rules=rules, options=options)
    rows = one_name_per_place([r for rep in reports for r in report_rows(rep, rules)])
    if wanted is not None:
        rows = [r for r in rows if r["indicator"] in wanted]
    rows += derive(rows, rules)
    check(rows, rules)
    df = pd.DataFrame(rows, columns=LONG_COLUMNS)
    if wanted is not None:
        order = {n: i for i, n in enumerate(wanted)}
        df = df.assign(_o=df["indicator"].map(order)).sort_values(["_o"], kind="stable").drop(columns="_o")
    return df.reset_index(drop=True)


# --- rows -----------------------------------------------------------------------------------
def report_rows(rep: Report, rules: RuleSet) -> list[dict[str, Any]]:
    """One long row per linked quantity of a report."""
    meta = rep.meta
    region = meta.region or meta.issuer
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
            "unit": q.unit, "approx": q.approx or ("超" if q.threshold else ""), "target": bool(q.target),
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


def _sig_round(x: Decimal, like: Decimal) -> Decimal:
    """Round ``x`` to the place of the last significant digit of ``like`` (29.4 → 31.0; 192.3亿 → 0.1亿)."""
    if like == 0:
        return x
    return x.quantize(Decimal(1).scaleb(like.normalize().as_tuple().exponent), rounding=ROUND_HALF_UP)


def previous_value(level: Decimal, growth: Decimal, measure: str) -> Decimal | None:
    """The year-before level implied by a level and its (signed) growth.

    >>> previous_value(Decimal("29.4"), Decimal("-5.2"), "growth_pct")
    Decimal('31.0')
    >>> previous_value(Decimal("88.6"), Decimal("2.8"), "growth_pp")
    Decimal('85.8')
    >>> number(previous_value(Decimal("19230000000"), Decimal("6.0"), "growth_pct"))
    18140000000
    """
    if measure == "growth_pp":
        return level - growth
    if measure == "growth_pct" and growth > -100:
        return _sig_round(level / (1 + growth / 100), level)
    return None


def derive(rows: Sequence[dict[str, Any]], rules: RuleSet | None = None) -> list[dict[str, Any]]:
    """Year-before levels from a stated level and growth of one indicator in one sentence.

    Not from real growth (按可比价, ``growth_basis: real``): a nominal level divided by a
    real growth is not last year's level.
    """
    data = (rules or load_rules()).indicators
    specs = data.get("indicators", {})
    real = {n: s.get("growth_basis") == "real" for n, s in specs.items()}
    link = data.get("linking", {})
    alt = lambda ws: "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))  # noqa: E731
    # 35微克/立方米，同比持平: the year before had the same level (基本持平 is no figure)
    flat_re = re.compile(r"[，,]? \s* (?: %s ) \s* (?: %s )" % (alt(link.get("comparison", ())) or "(?!)",
                                                             alt(link.get("flat", ())) or "(?!)"), re.VERBOSE)
    out = []
    by_quote: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        if not r["target"] and not r["derived"]:
            by_quote[(r["doc"], r["quote"], r["indicator"], r["period"])].append(r)
    for (doc, quote, ind, period), rs in by_quote.items():
        levels = [r for r in rs if r["measure"] == "level" and not r.get("start_point")]
        growths = [r for r in rs if r["measure"] in ("growth_pp", "growth_pct") and not r.get("average")
                   and r["value_max"] is None]
        changes = [r for r in rs if r["measure"] == "change" and r["value_max"] is None and not r.get("average")]
        if len(levels) != 1 or period is None:
            continue
        lv = levels[0]
        if lv["approx"] or lv["value_max"] is not None:
            continue
        if not growths and changes:
            # 完成30788元，比2010年增加13480元: the base year's level (17308 in 2010); 比上年增加36天:
            # the year before's
            c = changes[0]
            base = c.get("base_period") or period - 1
            sign = "+" if c["value"] >= 0 else "−"
            out.append({**lv, "period": base, "value": number(Decimal(str(lv["value"])) - Decimal(str(c["value"]))),
                        "value_max": None, "approx": "", "derived": True, "check": "", "five_year": False,
                        "note": f"derived from the {period} level {lv['text']} and change {sign}{abs(c['value']):g}"
                                f"{lv['unit']} since {base}"})
            continue
        if not growths:
            k = quote.find(lv["text"])
            if k >= 0 and flat_re.match(quote, k + len(lv["text"])) and not real.get(ind):
                out.append({**lv, "period": period - 1, "value_max": None, "approx": "", "derived": True,
                            "note": f"derived from the {period} level {lv['text']}, stated unchanged (持平)",
                            "check": "", "five_year": False})
            continue
        g = next((r for r in growths if r["measure"] == "growth_pp" and lv["unit"] == "%"), None) or \
            next((r for r in growths if r["measure"] == "growth_pct"), None)
        if g is None or g.get("basis") == "real" or real.get(ind):
            continue                                   # real growth against a nominal level: no
        prev = previous_value(Decimal(str(lv["value"])), Decimal(str(g["value"])), g["measure"])
        if prev is None:
            continue
        sign = "+" if g["value"] >= 0 else "−"
        note = (f"derived from the {period} level {lv['text']} and growth {sign}{abs(g['value'])}"
                f"{'%' if g['measure'] == 'growth_pct' else ' 个百分点'}")
        if g.get("basis") == "real":
            note += "; real growth, so the nominal level is approximate"
        out.append({**lv, "period": period - 1, "value": number(prev), "value_max": None, "approx": "",
                    "derived": True, "note": note, "check": "", "five_year": False})
    return out


# --- consistency checks ---------------------------------------------------------------------
def _pick(rows: list[dict]) -> dict | None:
    """The preferred stated value among several for one cell: annual, exact, first."""
    if not rows:
        return None
    return sorted(rows, key=lambda r: (r["derived"], r["five_year"], r["value_max"] is not None,
                                       bool(r["approx"])))[0]


def check(rows: list[dict[str, Any]], rules: RuleSet) -> None:
    """Fill ``check`` and ``note`` of the rows in place (see the module docstring)."""
    data = rules.indicators
    specs = data.get("indicators", {})
    cfg = data.get("checks", {})
    tol = float(cfg.get("tolerance_pp", 1.0))
    real_tol = float(cfg.get("real_tolerance_pp", 8.0))
    scopes = dict(data.get("scopes", {}))
    for r in rows:
        if r.get("estimate") and not r["target"]:
            r["check"] = r["check"] or "estimate"
            r["note"] = _add(r["note"], "预计/初步 figure: may be revised")
    series: dict[tuple, dict[tuple, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if r["target"]:
            continue
        series[(r["region"], r["indicator"])][(r["period"], r["measure"])].append(r)
    for cells in series.values():
        for rs in cells.values():
            _mark_conflicts(rs)
    for (region, ind), cells in series.items():
        spec = specs.get(ind, {})
        real = spec.get("growth_basis") == "real"
        periods = sorted({p for p, m in cells if p is not None})
        for p in periods:
            lv = _pick([r for r in cells.get((p, "level"), []) if not r["derived"]])
            prev = _pick([r for r in cells.get((p - 1, "level"), []) if not r["derived"]
                          and (lv is None or r["unit"] == lv["unit"])])
            derived = [r for r in cells.get((p - 1, "level"), []) if r["derived"]]
            # a derived value against what the previous report stated
            for d in derived:
                if prev is None or prev["doc"] == d["doc"] or prev["unit"] != d["unit"] or prev["approx"]:
                    continue                           # 突破3万亿元: a line, not a value to check against
                diff = abs(d["value"] / prev["value"] - 1) * 100 if prev["value"] else 0
                limit = real_tol if real and d.get("basis") == "real" else max(tol, 0.6)
                if prev["check"] == "conflict":
                    continue
                if diff > limit:
                    _mark_break(d, prev, lv, scopes, f"derived {d['value']:g} vs stated {prev['value']:g} "
                                f"in {Path(prev['doc']).name}")
                else:
                    d["check"] = "ok"
            if lv is None or prev is None or lv["doc"] == prev["doc"]:
                continue
            if _scope_kinds(lv, scopes) != _scope_kinds(prev, scopes):
                _mark_break(lv, prev, lv, scopes, "")
                continue
            for measure in ("growth_pct", "growth_pp"):
                g = _pick([r for r in cells.get((p, measure), []) if not r.get("average")
                           and r["value_max"] is None])
                if g is None or not prev["value"] or g["check"] == "conflict":
                    continue
                if measure == "growth_pct":
                    implied = (lv["value"] / prev["value"] - 1) * 100
                    unit = "%"
                else:
                    if lv["unit"] != "%":
                        continue
                    implied = lv["value"] - prev["value"]
                    unit = " 个百分点"
                # real growth (growth_basis real, or said so: basis real) against nominal levels
                real_g = (real or g.get("basis") == "real") and measure == "growth_pct"
                limit = real_tol if real_g else tol
                if abs(implied - g["value"]) <= limit:
                    g["check"] = "ok"
                else:
                    g["check"] = "mismatch"
                    g["note"] = _add(g["note"], f"stated {g['value']:+g}{unit}, levels {prev['value']:g} → "
                                     f"{lv['value']:g} imply {implied:+.1f}{unit}")
                if real_g:
                    g["note"] = _add(g["note"], "real growth against nominal levels")


def _mark_conflicts(rows: list[dict[str, Any]]) -> None:
    """Stated, exact values of one place, indicator, measure, period and scope that disagree
    are each a ``conflict``, with the other's quote in ``note``: never one silently chosen.

    >>> a = dict(value=5.5, derived=False, approx="", value_max=None, scope="", check="", note="", quote="增长5.5%",
    ...          doc="x/a.txt")
    >>> rows = [a, dict(a, value=5.8, quote="增长5.8%"), dict(a, quote="又增长5.5%")]
    >>> _mark_conflicts(rows)
    >>> [(r["check"], r["note"]) for r in rows][:2]
    [('conflict', 'conflicts with 5.8 in a.txt: «增长5.8%»'), ('conflict', 'conflicts with 5.5 in a.txt: «增长5.5%»')]
    """
    stated = [r for r in rows if not r["derived"] and not r["approx"] and r["value_max"] is None]
    by_scope: dict[str, list[dict]] = defaultdict(list)
    for r in stated:
        by_scope[r.get("scope") or ""].append(r)
    for group in by_scope.values():
        values = {round(float(r["value"]), 9) for r in group}
        if len(values) < 2:
            continue
        for r in group:
            other = next(o for o in group if round(float(o["value"]), 9) != round(float(r["value"]), 9))
            r["check"] = "conflict"
            r["note"] = _add(r["note"], f"conflicts with {other['value']:g} in {Path(str(other['doc'])).name}: "
                                        f"«{str(other['quote'])[:60]}»")


def _scope_kinds(r: dict, scopes: dict[str, str]) -> frozenset[str]:
    """The scope words of a row's scope (区本级, 全社会, 剔除虚增空转 inside a remark …)."""
    parts = [p for p in r["scope"].split(",") if p]
    words = sorted((w for w, k in scopes.items() if k in ("scope", "restated") and any(w in p for p in parts)),
                   key=len, reverse=True)
    return frozenset(w for i, w in enumerate(words) if not any(w in o for o in words[:i]))


def _mark_break(r: dict, prev: dict, lv: dict | None, scopes: dict[str, str], why: str) -> None:
    a, b = _scope_kinds(prev, scopes), _scope_kinds(lv or r, scopes)
    r["check"] = "break"
    parts = [why] if why else []
    if a != b:
        parts.append(f"scope changed: {'/'.join(sorted(a)) or '(unstated)'} → {'/'.join(sorted(b)) or '(unstated)'}")
    elif why:
        parts.append("series break or restatement")
    r["note"] = _add(r["note"], "; ".join(parts))


def _add(note: str, more: str) -> str:
    return f"{note}; {more}" if note else more


# --- wide -----------------------------------------------------------------------------------
def _axis(long_df: "pd.DataFrame", by: str | None) -> str:
    if by in ("period", "region"):
        return by
    if by is not None:
        raise CompareError(f"cannot pivot by {by!r}", fix="use by='period', 'region' or None")
    results = long_df[~long_df["target"]] if len(long_df) else long_df
    n_regions = results["region"].nunique(dropna=True)
    n_periods = results["period"].nunique(dropna=True)
    return "region" if n_regions > 1 and n_regions >= n_periods else "period"


def wide(long_df: "pd.DataFrame", by: str | None = None, *, values: str = "value") -> "pd.DataFrame":
    """Pivot the long table: one row per indicator and measure (and region, when by
    period over several regions; and period, when by region over several periods),
    one column per period or region. A cell holds the preferred value: stated before
    derived, annual before five-year, exact before approximate.

    ``values="source"`` gives the file name each cell came from instead.

    >>> import pandas as pd
    >>> df = pd.DataFrame([dict(doc="a", region="R", period=2024, indicator="X", measure="level", value=2.0,
    ...                         value_max=None, unit="元", approx="", target=False, derived=False, five_year=False)])
    >>> wide(df).to_dict("index")
    {('X', 'level', '元'): {2024: 2.0}}
    """
    import pandas as pd

    if long_df.empty:
        return pd.DataFrame()
    axis = _axis(long_df, by)
    other = "region" if axis == "period" else "period"
    keys = ["indicator", "measure", "unit"]
    multi = long_df[other].nunique(dropna=True) > 1
    if multi:
        keys = [other] + keys
    cells: dict[tuple, dict[Any, Any]] = defaultdict(dict)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in long_df.to_dict("records"):
        row_key = tuple(r[k] for k in keys)
        groups[(row_key, r[axis])].append(r)
    for (row_key, col), rs in groups.items():
        best = _pick(rs)
        if values == "source":
            cells[row_key][col] = Path(str(best["doc"])).name + (" (derived)" if best["derived"] else "")
        else:
            cells[row_key][col] = best[values]
    df = pd.DataFrame.from_dict(cells, orient="index")
    df = df.reindex(sorted(df.columns, key=lambda c: (c is None, str(c))), axis=1)
    df.index = pd.MultiIndex.from_tuples(df.index, names=keys) if len(keys) > 1 else df.index
    order = {n: i for i, n in enumerate(dict.fromkeys(long_df["indicator"]))}
    morder = {m: i for i, m in enumerate(("level", "growth_pct", "growth_pp", "share", "cumulative_level",
                                          "average_growth_pct", "target_level", "target_growth_pct",
                                          "target_growth_pp", "target_average_growth_pct"))}
    pos = keys.index("indicator")
    df = df.loc[sorted(df.index, key=lambda k: (order.get(k[pos], 99), morder.get(k[pos + 1], 9),
                                                [str(x) for x in k]))]
    df.columns.name = axis
    return df


# --- display ----------------------------------------------------------------------------------
def format_value(value: float | int | None, unit: str, measure: str = "level",
                 value_max: float | None = None, approx: str = "") -> str:
    """A value for people: big money in 亿元/万亿元, growth with a sign.

    >>> format_value(13650000000000, "元"), format_value(-5.2, "%", "growth_pct"), format_value(4.5, "%", "target_growth_pct", 5)
    ('13.65万亿元', '−5.2%', '+4.5–5%')
    """
    if value is None or value != value:
        return ""

    def one(v: float) -> tuple[str, str]:
        if unit == "元" and abs(v) >= 1e12:
            return f"{v / 1e12:.4g}", "万亿元"
        if unit == "元" and abs(v) >= 1e8:
            return f"{v / 1e8:.6g}", "亿元"
        if unit == "元" and abs(v) >= 1e5:
            return f"{v / 1e4:.6g}", "万元"
        if unit == "人" and abs(v) >= 1e4:
            return f"{v / 1e4:.6g}", "万人"
        return f"{v:g}", ("" if unit == "%" else " ") + unit if unit != "百分点" else "个百分点"

    s, u = one(float(value))
    if "growth" in measure and value > 0:
        s = "+" + s
    s = s.replace("-", "−")
    if value_max is not None and value_max == value_max:
        s = f"{s}–{one(float(value_max))[0]}"
    return f"{s}{u}{approx if approx in ('左右', '以上', '以内') else ''}"


def sources(reports_or_long: "pd.DataFrame") -> "pd.DataFrame":
    """One row per document of a long table: doc, issuer, region, period range, number of values."""
    import pandas as pd

    df = reports_or_long
    if df.empty:
        return pd.DataFrame(columns=["source", "doc", "issuer", "region", "periods", "values"])
    out = []
    for i, (doc, g) in enumerate(df.groupby("doc", sort=False), 1):
        ps = sorted(p for p in g["period"].dropna().unique())
        out.append({"source": i, "doc": doc, "issuer": g["issuer"].iloc[0], "region": g["region"].iloc[0],
                    "periods": f"{int(ps[0])}–{int(ps[-1])}" if ps else "", "values": int((~g["derived"]).sum())})
    return pd.DataFrame(out)


# --- charts -------------------------------------------------------------------------------------
#: CJK font families looked for, in order (fontconfig and matplotlib names)
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans SC", "Noto Serif CJK SC",
             "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti",
             "AR PL UMing CN", "Droid Sans Fallback")


def find_cjk_font() -> str | None:
    """The path of a font file with Chinese glyphs, from matplotlib's font list or fontconfig."""
    from matplotlib import font_manager

    by_name = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in by_name:
            return by_name[name]
    import shutil
    import subprocess

    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=zh", "file", "family"], capture_output=True, text=True,
                                 timeout=20).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        files = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
        for name in CJK_FONTS:
            for line in out.splitlines():
                if name in line:
                    return line.split(":")[0].strip()
        if files:
            return files[0]
    return None


def chart(long_df: "pd.DataFrame", out: str | Path, *, by: str | None = None, max_panels: int = 12) -> Path:
    """Draw each indicator (level and growth) across periods (lines, one per region) or
    across regions (bars) into a PNG. Raises :class:`ChartError` without a CJK font."""
    if long_df.empty:
        raise ChartError("nothing to chart: no indicator values found", fix="check the inputs or --indicator")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib import font_manager
    except ImportError as e:  # pragma: no cover
        raise ChartError(f"matplotlib is not installed ({e})", fix="pip install 'govextract[charts]'") from e
    font = find_cjk_font()
    if font is None:
        raise ChartError("no font with Chinese glyphs found for the chart",
                         fix="install one, e.g. apt-get install fonts-noto-cjk, or Noto Sans CJK / WenQuanYi / "
                             "Source Han Sans / SimHei")
    font_manager.fontManager.addfont(font)
    family = font_manager.FontProperties(fname=font).get_name()
    axis = _axis(long_df, by)
    results = long_df[~long_df["target"].astype(bool)]
    panels = []
    for (ind, measure, unit), g in results.groupby(["indicator", "measure", "unit"], sort=False):
        if measure in ("level", "growth_pct", "growth_pp"):
            panels.append((ind, measure, unit, g))
    if not panels:
        raise ChartError("nothing to chart: only targets found", fix="give reports with results")
    panels = panels[:max_panels]
    n = len(panels)
    cols = 1 if n == 1 else 2 if n <= 4 else 3
    rows = (n + cols - 1) // cols
    with plt.rc_context({"font.family": [family], "axes.unicode_minus": False}):
        fig, axes = plt.subplots(rows, cols, figsize=(6 * cols, 3.6 * rows), squeeze=False)
        for ax, (ind, measure, unit, g) in zip(axes.flat, panels):
            label = {"level": "", "growth_pct": " 增长", "growth_pp": " 变化"}[measure]
            scale, shown = (1e8, "亿元") if unit == "元" and g["value"].abs().max() >= 1e8 else (1, unit)
            if axis == "period":
                for region, rg in g.groupby(g["region"].fillna(""), sort=False):
                    pts = {}
                    for r in rg.sort_values(["derived", "five_year"]).to_dict("records"):
                        if r["period"] is not None and r["period"] == r["period"]:
                            pts.setdefault(int(r["period"]), r["value"] / scale)
                    xs = sorted(pts)
                    ax.plot(xs, [pts[x] for x in xs], marker="o", label=region or None)
                ax.set_xlabel("年份")
                ax.xaxis.get_major_locator().set_params(integer=True)
                if g["region"].nunique() > 1:
                    ax.legend(fontsize=7)
            else:
                pts = {}
                for r in g.sort_values(["derived", "five_year"]).to_dict("records"):
                    pts.setdefault(str(r["region"]), r["value"] / scale)
                ax.bar(list(pts), list(pts.values()))
                ax.tick_params(axis="x", labelrotation=60, labelsize=7)
            ax.set_title(f"{ind}{label}（{shown}）", fontsize=10)
            ax.grid(alpha=0.3)
        for ax in list(axes.flat)[n:]:
            ax.axis("off")
        fig.tight_layout()
        target = Path(out)
        from .tables import atomic_path

        with atomic_path(target) as tmp:
            fig.savefig(tmp, format="png", dpi=110)
        plt.close(fig)
    return target


# the comparison workbook lives in its own module; the library owns it (issue 14)
from .workbook import write_workbook  # noqa: E402

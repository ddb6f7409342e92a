"""Values a sentence implies but does not state: the year-before level from a level and
its growth, the base-year level from an absolute change (marked ``derived``)."""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Sequence

from ..rules import RuleSet, load_rules
from ..tables import number
from .rows import pp_label


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
    rules = rules or load_rules()
    data = rules.indicators
    specs = data.get("indicators", {})
    real = {n: s.get("growth_basis") == "real" for n, s in specs.items()}
    link = data.get("linking", {})
    flat_word = (link.get("flat") or ("flat",))[0]
    pp = pp_label(rules)
    alt = lambda ws: "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))  # noqa: E731
    # 35微克/立方米，同比持平: the year before had the same level (基本持平 is no figure)
    flat_re = re.compile(r"(?: %s )? \s* (?: %s ) \s* (?: %s )" % (alt(link.get("commas", ())) or "(?!)",
                                                                  alt(link.get("comparison", ())) or "(?!)",
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
                            "note": f"derived from the {period} level {lv['text']}, stated unchanged ({flat_word})",
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
                f"{'%' if g['measure'] == 'growth_pct' else pp}")
        if g.get("basis") == "real":
            note += "; real growth, so the nominal level is approximate"
        out.append({**lv, "period": period - 1, "value": number(prev), "value_max": None, "approx": "",
                    "derived": True, "note": note, "check": "", "five_year": False})
    return out

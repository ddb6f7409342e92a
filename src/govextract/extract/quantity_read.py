"""Reading one quantity candidate: a number matched by the compiled pattern, with its
unit, approximation marks and sign; ranges (3-5个); and units shared from a list
neighbour or the words around (分别为3.2、4.5万亿元; 罚款金额1096.7622万).
Deciding which candidates are quantities is :mod:`govextract.extract.quantities`.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import regex as re

from .numbers import BIG, parse_number
from .quantity_rules import Extractor, UnitInfo

_CN_BIG = "".join(BIG)
_HAN = re.compile(r"\p{Han}")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Candidate:
    """One number found in the text, before deciding whether it is a quantity."""

    start: int            # offset of the whole expression (approximation marker included)
    core_start: int
    core_end: int
    end: int              # offset after the unit and trailing qualifiers
    value: Decimal | None
    unit: UnitInfo | None
    unit_text: str
    approx: str
    chinese: bool         # the number is written in Chinese numerals only
    multiplier: str       # trailing 万/亿 written with the number ("" if none)
    value_max: Decimal | None = None
    notes: tuple[str, ...] = ()



# --- reading one number ------------------------------------------------------------
def _is_chinese(core: str) -> bool:
    return not any(c.isdigit() for c in core)


def _match_unit(text: str, pos: int, chinese: bool, ex: Extractor, before: str = ""
                ) -> tuple[str, UnitInfo, int] | None:
    """The unit surface at ``pos``: the longest one whose conditions hold."""
    m = ex.unit_re.match(text, pos)
    if not m:
        return None
    surface = m.group("unit")
    # Try the longest surface first, then shorter prefixes that are also units (个 of 个人民币?).
    for k in range(len(surface), 0, -1):
        s = surface[:k]
        info = ex.units.get(s)
        if info is None:
            continue
        end = m.start("unit") + k
        nxt = text[end:end + 4]
        if info.chinese_only and not chinese:
            continue
        if any(nxt.startswith(w) for w in info.not_followed_by):
            continue
        if info.only_after and not any(before.endswith(w) for w in info.only_after):
            continue
        if _ASCII_ALNUM.match(s[-1]) and end < len(text) and _ASCII_ALNUM.match(text[end]):
            continue
        return s, info, end
    return None


def read_number(text: str, m: Any, ex: Extractor) -> Candidate:
    """Read the number matched by ``number_re`` and what follows it."""
    core_raw = m.group("core")
    cs, ce = m.start("core"), m.end("core")
    inside_approx = ""
    core = core_raw
    for mark, norm in ex.approx_inside.items():
        if mark in core:
            inside_approx = norm
            core = core.replace(mark, "")
    # a bare 万/亿 (万吨级, 亿元以上) is one 万/亿
    value = Decimal(BIG[core]) if len(core) == 1 and core in BIG else parse_number(core)
    chinese = _is_chinese(core)
    mult = ""
    stripped = core.rstrip(" ")
    while stripped and stripped[-1] in _CN_BIG:
        mult = stripped[-1] + mult
        stripped = stripped[:-1]
    start = m.start()
    approx = ex.approx_before.get(m.group("approx") or "", "")
    # a minus sign: 增长-3.2%, （-0.5%）; not the hyphen of a range or serial (3-5个)
    if not m.group("approx") and not m.group("pre") and value is not None:
        for sign in ex.negative_signs:
            if text.startswith(sign, start - len(sign)) and start - len(sign) >= 0:
                head = text[max(0, start - len(sign) - 4):start - len(sign)]
                if start - len(sign) == 0 or any(head.endswith(w) for w in ex.negative_after):
                    start -= len(sign)
                    value = -value
                break
    before = text[max(0, start - 4):start]
    pos = ce
    unit: UnitInfo | None = None
    unit_text = ""
    notes: list[str] = []
    if m.group("pre"):
        unit = ex.prefix_units[m.group("pre")]
        unit_text = m.group("pre")
    else:
        # 余 / 多 between the number and its unit: 4000余件, 30多个.
        for mark, norm in ex.approx_inside.items():
            if text.startswith(mark, pos):
                got = _match_unit(text, pos + len(mark), chinese, ex, before)
                if got:
                    inside_approx = norm
                    pos += len(mark)
                break
        got = _match_unit(text, pos, chinese, ex, before)
        if got:
            unit_text, unit, pos = got
        elif ex.da_surface and text.startswith(ex.da_surface, pos) and value is not None \
                and value == value.to_integral_value() \
                and 1 < value <= 100 and not mult:
            nxt = text[pos + len(ex.da_surface):pos + len(ex.da_surface) + 2]
            if nxt and _HAN.match(nxt[0]) and not any(nxt.startswith(w) for w in ex.da_not_followed):
                unit, unit_text, pos = ex.da_unit, ex.da_surface, pos + len(ex.da_surface)
    if unit is not None:
        a = ex.after_re.match(text, pos)
        if a:
            approx = approx or ex.approx_after[a.group()]
            pos = a.end()
    approx = approx or inside_approx
    if value is not None and unit is not None and unit.factor != 1:
        value = value * unit.factor
    return Candidate(start, cs, ce, pos, value, unit, unit_text, approx, chinese, mult,
                      notes=tuple(notes))



def clause_start(text: str, pos: int, ex: Extractor, floor: int) -> int:
    i = pos - 1
    while i >= floor and text[i] not in ex.clause_marks:
        i -= 1
    return i + 1



def _with_multiplier(text: str, c: Candidate, mult: str) -> Decimal | None:
    core = text[c.core_start:c.core_end]
    return parse_number(core + mult)


def combine_range(text: str, lo: Candidate, hi: Candidate, ex: Extractor) -> Candidate | None:
    """A range lo–hi when hi has a unit and lo has none or the same one."""
    if hi.value is None or lo.value is None or hi.unit is None:
        return None
    if lo.unit is not None and lo.unit.normal != hi.unit.normal:
        return None
    lo_value = lo.value
    if lo.unit is None and hi.multiplier and not lo.multiplier:
        lo_value = _with_multiplier(text, lo, hi.multiplier) or lo.value
    if hi.unit.factor != 1 and lo.unit is None:
        lo_value = lo_value * hi.unit.factor
    if not lo_value < hi.value:
        return None
    return Candidate(lo.start, lo.core_start, lo.core_end, hi.end, lo_value, hi.unit, hi.unit_text,
                      lo.approx or hi.approx, lo.chinese and hi.chinese, lo.multiplier or hi.multiplier,
                      value_max=hi.value, notes=("range",))


def share_units(text: str, cands: list[Candidate], ex: Extractor) -> list[Candidate]:
    """Bare numbers take a unit: from the next list member (分别为3.2、4.5万亿元) or,
    for 万/亿 numbers, from the words around them (罚款金额1096.7622万)."""
    out = list(cands)
    for i in range(len(out) - 2, -1, -1):
        c, n = out[i], out[i + 1]
        if c.unit is None and n.unit is not None and text[c.end:n.start] in ex.list_seps \
                and c.value is not None:
            value = c.value
            if n.multiplier and not c.multiplier:
                value = _with_multiplier(text, c, n.multiplier) or value
            out[i] = Candidate(c.start, c.core_start, c.core_end, c.end, value * n.unit.factor, n.unit,
                                "", c.approx, c.chinese, c.multiplier or n.multiplier,
                                notes=("unit shared with the next list member",))
    for i, c in enumerate(out):
        if c.unit is None and c.multiplier and c.value is not None:
            unit = _implicit_unit(text, c, ex)
            if unit is not None:
                out[i] = Candidate(c.start, c.core_start, c.core_end, c.end, c.value, unit, "",
                                    c.approx, c.chinese, c.multiplier,
                                    notes=(f"unit {unit.normal} from context",))
    return out


def _implicit_unit(text: str, c: Candidate, ex: Extractor) -> UnitInfo | None:
    lo = clause_start(text, c.start, ex, max(0, c.start - 24))
    back = text[lo:c.start]
    j = c.end
    while j < len(text) and j - c.end < 10 and text[j] not in ex.clause_marks:
        j += 1
    ahead = text[c.end:j]
    best: tuple[int, str] | None = None
    for unit, pat in ex.implicit:
        for m in pat.finditer(back):
            d = len(back) - m.end()
            if best is None or d < best[0]:
                best = (d, unit)
        m = pat.search(ahead)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), unit)
    if best is None:
        return None
    for info in ex.units.values():
        if info.normal == best[1]:
            return info
    return UnitInfo(best[1], "count", "count")

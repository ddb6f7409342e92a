"""Typed facts of a linked figure: what its sentence says about it, as fields of the
:class:`~govextract.models.Quantity` (issue 11 and 14) — ``basis``, ``average``,
``cumulative``, ``estimate``, ``threshold``, ``start_point``, ``scope``, ``place``.

The vocabulary is ``facts`` and ``scopes`` of ``rules/indicators.yaml``; notes stay text
for people.

>>> from govextract.rules import load_rules
>>> from govextract.extract.indicators import lexicon
>>> lex = lexicon(load_rules())
>>> scope_of("区本级全社会固定资产投资额完成90.7亿元", 0, (3, 13, "固定资产投资"), 15, (), lex)
'区本级,全社会'
>>> scope_of("按新版监测点位可比口径，PM10平均浓度为42", 0, (12, 20, "PM10平均浓度"), 21, (), lex)
'可比口径'
>>> scope_of("规上工业增加值增长9.4%", 0, (0, 7, "规模以上工业增加值"), 9, (), lex)
''
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from .lexicon import Lexicon

if TYPE_CHECKING:  # pragma: no cover
    from ...structure.regions import RegionTable


#: the longest clause before a name read as a remark on it
_REMARK_CLAUSE = 20


def clause_start(text: str, s: int, pos: int, lex: Lexicon) -> int:
    """Where the clause holding ``pos`` starts (after the last clause mark), not before ``s``."""
    marks = set(lex.clause_marks)
    i = pos
    while i > s and text[i - 1] not in marks:
        i -= 1
    return i


def scope_of(text: str, s: int, name: tuple[int, int, str], q_start: int, remarks: Sequence[str],
             lex: Lexicon) -> str:
    """The scope words (区本级, 全社会, 规模以上 …) said of a figure in its clause up to the value,
    and the remarks skipped between name and value, joined by commas. ``name`` is the
    indicator's mention (start, end) and canonical name.

    The indicator's own scope is none: the words of a name whose canonical name holds a scope
    word (规上工业增加值: 规模以上工业增加值) are not looked at."""
    start, end, canonical = name
    c = clause_start(text, s, start, lex)
    if c > s:
        # 按新版监测点位可比口径，PM10平均浓度为42: a short clause without figures before the name
        # says how it is measured
        p = clause_start(text, s, c - 1, lex)
        if c - 1 - p <= _REMARK_CLAUSE and not any(ch.isdigit() for ch in text[p:c]):
            c = p
    head = text[c:start]
    if any(w in canonical for w in lex.scope_words):
        span = head + "\0" + text[end:q_start]
    else:
        span = head + text[start:q_start]
    for r in remarks:
        span = span.replace(r, "\0")
    found: list[str] = []
    for w in lex.scope_words:                          # longest first
        if w in span and not any(w in f for f in found):
            found.append(w)
    found.sort(key=span.find)
    return ",".join(dict.fromkeys((*found, *remarks)))


def basis_of(text: str, s: int, q_start: int, cats: frozenset[str], lex: Lexicon) -> str:
    """real (按可比价格计算) or nominal (按现价计算) when the sentence says so before the value."""
    before = text[s:q_start]
    if "real" in cats or any(w in before for w in lex.basis_real):
        return "real"
    if "nominal" in cats or any(w in before for w in lex.basis_nominal):
        return "nominal"
    return ""


def region_place(text: str, start: int, run: str, lex: Lexicon, table: "RegionTable | None",
                 within: str | None, own: Sequence[str]) -> str:
    """A place of the report's region named right before an indicator (内江、眉山地区生产总值):
    the longest tail of ``run`` that names a region inside ``within`` other than the report's
    own, with the members of a list before it."""
    if table is None or not within:
        return ""
    for k in range(len(run) - 1):
        name = run[k:]
        if name in own:
            return ""
        regs = table.candidates(name, within)
        if regs and all(r.code != within for r in regs):
            i = start - len(run) + k
            # 内江、眉山: the members of a list of places before it
            while i > 1 and text[i - 1] in lex.lists:
                m = re.search(r"[\u4e00-\u9fff]{2,8}$", text[max(0, i - 9):i - 1])
                if not m or not table.candidates(m.group(), within):
                    break
                i = i - 1 - len(m.group())
            return text[i:start]
    return ""

"""Quantities' compiled rules: the unit table, the number, unit, fraction and range
patterns, and the exclusion, change and indicator word lists, built once per
:class:`~govextract.rules.RuleSet` from ``rules/*.yaml``. Reading text is
:mod:`govextract.extract.quantity_read` and :mod:`govextract.extract.quantities`.

>>> from govextract.rules import load_rules
>>> ex = extractor(load_rules())
>>> ex is extractor(load_rules()), ex.units["%"].normal, ex.max_gap > 0
(True, '%', True)
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable, Mapping

import regex as re

from ..rules import RuleSet
from ..structure.grammar import grammar
from .numbers import BIG, DIGITS, SMALL
from .subjects import SubjectRules

__all__ = ["Extractor", "UnitInfo", "extractor"]

_CN_DIGITS = "".join(DIGITS)
_CN_SMALL = "".join(SMALL)
_CN_BIG = "".join(BIG)


@dataclass(frozen=True)
class UnitInfo:
    """What a unit surface means."""

    normal: str
    kind: str
    dimension: str
    factor: Decimal = Decimal(1)
    chinese_only: bool = False
    not_followed_by: tuple[str, ...] = ()
    only_after: tuple[str, ...] = ()     # a measure word only right after one of these (市区两级)



def _chars(chars: Iterable[str]) -> str:
    """The inside of a regex character class holding ``chars``."""
    return "".join(re.escape(c) for c in chars)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    ws = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ws) or "(?!)"


@dataclass(frozen=True)
class Extractor:
    """Compiled patterns and lookup tables built once from a :class:`RuleSet`."""

    number_re: Any
    unit_re: Any
    units: Mapping[str, UnitInfo]
    unit_first: frozenset[str]                  # characters that can begin a unit or an inside marker
    prefix_units: Mapping[str, UnitInfo]
    fraction_re: Any            # DEN分之NUM and the words for a half; None when not configured
    fraction_unit: UnitInfo | None
    fraction_words: Mapping[str, Decimal]
    fraction_not_followed: tuple[str, ...]
    approx_before: Mapping[str, str]
    approx_inside: Mapping[str, str]
    after_re: Any
    approx_after: Mapping[str, str]
    range_re: Any
    list_seps: frozenset[str]
    negative_signs: tuple[str, ...]
    negative_after: tuple[str, ...]
    carry_seps: frozenset[str]
    span_res: tuple[tuple[str, Any], ...]       # (rule, compiled pattern) whose matches exclude
    inside_res: tuple[tuple[str, Any], ...]     # (rule, pattern): numbers inside a match are excluded
    preceded: tuple[tuple[str, Any], ...]
    preceded_cn: tuple[tuple[str, Any], ...]
    preceded_not_re: Any                        # words ending in a preceded_by word that are not one (提前)
    followed: tuple[tuple[str, Any], ...]
    quoted_units: frozenset[str]                # units that still count inside short quotes (“四大板块”)
    article_numerals: frozenset[str]
    article_except: frozenset[str]
    article_except_after: tuple[str, ...]       # words after which 一 counts (提前一年)
    year_min: int
    year_max: int
    year_suffix_re: Any
    da_unit: UnitInfo
    da_surface: str                             # the X大Y measure word as written
    da_not_followed: tuple[str, ...]
    implicit: tuple[tuple[str, Any], ...]       # (unit normal, pattern of context words)
    change_re: Any
    up: frozenset[str]
    down: frozenset[str]
    improve: frozenset[str]
    lower_better_re: Any
    to_level: tuple[str, ...]
    change_not_after: tuple[str, ...]
    max_gap: int
    target_re: Any
    target_scope: str                           # marks that end the text a target word reaches
    improve_scope: str                          # marks that end the text 改善 looks back over
    carry_stops: str                            # marks across which a change keeps no subject
    point_re: Any                               # the decimal points of prose (三点五), to read as "."
    subjects: SubjectRules
    clause_marks: str
    indicator_re: Any
    indicator_of: Mapping[str, str]


def _unit_table(rules: RuleSet) -> tuple[dict[str, UnitInfo], dict[str, UnitInfo]]:
    units: dict[str, UnitInfo] = {}
    prefix: dict[str, UnitInfo] = {}
    for spec in rules.units.get("units", {}).values():
        factors = spec.get("surfaces_factor") or {}
        nf = tuple(spec.get("not_followed_by") or ())
        for s in spec.get("surfaces", ()):
            units[s] = UnitInfo(spec["normal"], spec["kind"], spec["dimension"],
                                Decimal(str(factors.get(s, 1))), bool(spec.get("chinese_only")), nf)
        for s in spec.get("prefix_surfaces", ()) or ():
            prefix[s] = UnitInfo(spec["normal"], spec["kind"], spec["dimension"])
    mw = rules.measure_words
    nfb = mw.get("not_followed_by", {}) or {}
    after = mw.get("only_after", {}) or {}
    aliases = mw.get("aliases", {}) or {}
    for w in mw.get("measure_words", ()):
        units.setdefault(w, UnitInfo(w, "count", "count", not_followed_by=tuple(nfb.get(w, ())),
                                     only_after=tuple(after.get(w, ()))))
    for w in mw.get("chinese_only", ()) or ():
        units.setdefault(w, UnitInfo(w, "count", "count", chinese_only=True,
                                     not_followed_by=tuple(nfb.get(w, ())),
                                     only_after=tuple(after.get(w, ()))))
    for surface, normal in aliases.items():
        units.setdefault(surface, UnitInfo(normal, "count", "count",
                                           not_followed_by=tuple(nfb.get(normal, ()))))
    return units, prefix


@functools.lru_cache(maxsize=8)
def _build(rules: RuleSet) -> Extractor:
    # cached per rules: a RuleSet hashes by its fingerprint
    units, prefix = _unit_table(rules)
    q = rules.qualifiers
    before = dict(q.get("before", {}) or {})
    inside = dict(q.get("inside", {}) or {})
    after = dict(q.get("after", {}) or {})
    unit_starts = sorted({s[0] for s in units if s[0] in _CN_SMALL + _CN_BIG})
    # For each multiplier that also begins a unit (千瓦, 千米, 百分点), the rest of those units.
    guard = {c: _alternation(s[1:] for s in units if s[0] == c and len(s) > 1) for c in unit_starts}
    # A bare 万/亿 written straight before a unit and a scale or threshold word is one
    # 万/亿 of that unit: 万吨级泊位, 亿元以上项目 (not 万亿级, which has no unit; not 上万吨).
    bare_next = q.get("bare_magnitude_before", ()) or ()
    not_after = _chars(q.get("bare_magnitude_not_after", ()) or ())
    bare_alt = (rf"(?<![\d{_CN_DIGITS}{_CN_SMALL}{_CN_BIG}{not_after}]) [{_CN_BIG}] "
                rf"(?= (?:{_alternation(units)}) (?:{_alternation(bare_next)}) )") if bare_next else "(?!)"
    # A multiplier alone before a bigger one starts a number (千亿, 万亿), not before a scale class (万亿级).
    scale = _alternation(q.get("scale_class", ()) or ())
    bare_mult = "|".join(rf"[{_chars(smaller)}] (?=[ ]?{re.escape(big)}(?!{scale}))"
                         for big, smaller in (q.get("bare_multipliers", {}) or {}).items()) or "(?!)"
    tens = "".join(c for c, v in SMALL.items() if v == 10)      # 十 and its 大写 form start a number
    points = _alternation(q.get("decimal_points", ()) or ())
    small_alt = "|".join(
        f"{re.escape(c)}(?!{guard[c]})" if c in guard else re.escape(c) for c in _CN_SMALL)
    # approx: 约 近 超; pre: 百分之; a multiplier that begins a unit is not read (千瓦);
    # digits after a multiplier: 5万4千; a decimal point: 三点五; inside marks: 8000多万, 3万多亿
    number_re = re.compile(rf"""
        (?P<approx> {_alternation(before)} )?            # approximation written before the number
        (?P<pre> {_alternation(prefix)} )?               # a unit written before the number
        (?P<core>
            (?: \d{{1,3}} (?:,\d{{3}})+ (?:\.\d+)?       # Arabic with thousands separators: 1,100
              | \d+ (?:\.\d+)?                           # Arabic, maybe decimal: 29.4
              | [{_CN_DIGITS}{tens}]                     # or a Chinese digit or ten to start
              | {bare_mult}                              # or a bare multiplier before a bigger one
              | {bare_alt} )                             # or a big multiplier alone before unit + scale word
            (?: [{_CN_DIGITS}{tens}]                     # more Chinese digits
              | [ ]? (?:{small_alt})                     # small multipliers, unless they begin a unit
              | [ ]? [{_CN_BIG}]                         # big multipliers
              | (?<=[{_CN_SMALL}{_CN_BIG}]) [ ]? \d+ (?:\.\d+)?   # digits after a multiplier
              | (?:{points}) (?=[{_CN_DIGITS}])          # a decimal point between Chinese digits
              | (?:{_alternation(inside)}) (?=[ ]?[{_CN_BIG}])   # an inside mark before a big multiplier
            )*
        )
    """, re.VERBOSE)
    fr = rules.units.get("fractions") or {}
    fraction_words = {w: Decimal(str(v)) for w, v in (fr.get("words") or {}).items()}
    fraction_unit = UnitInfo(fr.get("normal", ""), fr.get("kind", "other"), fr.get("dimension", "share")) \
        if fr else None
    numeral = f"[\\d{_CN_DIGITS}{_CN_SMALL}]+"
    # 超三分之一, 四分之三以上, 一半, 半数
    fraction_re = re.compile(rf"""
        (?P<approx> {_alternation(before)} )?            # approximation written before the fraction
        (?: (?P<den> {numeral} ) {re.escape(fr.get("marker", ""))}   # the denominator, then the marker
            (?P<num> {numeral} (?:(?:\.|{points})[\d{_CN_DIGITS}]+)? )   # the numerator, decimals too
          | (?P<word> {_alternation(fraction_words) or "(?!)"} ) )   # or a word for a fraction
        (?P<after> {_alternation(after)} )?              # approximation written after it
    """, re.VERBOSE) if fr else None
    unit_re = re.compile(rf"""
        [ ]?                                  # a stray space before the unit
        (?P<unit> {_alternation(units)} )     # the longest unit surface or measure word
    """, re.VERBOSE)
    after_re = re.compile(rf"(?:{_alternation(after)})")
    seps = [s for s in q.get("range_separators", ()) or ()]
    range_re = re.compile(rf"""
        (?P<sep> {_alternation(seps)} )       # a range separator
    """, re.VERBOSE)

    ex = rules.exclusions
    span_res: list[tuple[str, Any]] = []
    if ex.get("names"):
        span_res.append(("names", re.compile(_alternation(ex["names"]))))
    # a 发文字号: documents.yaml grammar.doc_number is the one source of its pattern
    span_res.append(("doc_numbers", grammar(rules.documents, "doc_number")))
    for key, pat in (ex.get("patterns", {}) or {}).items():
        span_res.append((key, re.compile(pat)))
    inside_res: list[tuple[str, Any]] = []
    for key in ("titles", "quoted"):
        spec = ex.get(key) or {}
        for pair in spec.get("pairs", ()):
            o, c = re.escape(pair[0]), re.escape(pair[-1])
            inside_res.append((key, re.compile(
                rf"{o}[^{o}{c}\n]{{0,{int(spec.get('max_len', 100))}}}{c}")))
    preceded = tuple((k, re.compile(rf"(?:{_alternation(v)})$")) for k, v in
                     (ex.get("preceded_by", {}) or {}).items())
    preceded_cn = tuple((k, re.compile(rf"(?:{_alternation(v)})$")) for k, v in
                        (ex.get("preceded_by_chinese", {}) or {}).items())
    followed = tuple((k, re.compile(rf"(?:{_alternation(v)})")) for k, v in
                     (ex.get("followed_by", {}) or {}).items())
    not_pre = tuple(ex.get("preceded_by_not", ()) or ())
    art = ex.get("article", {}) or {}
    yrs = ex.get("years", {}) or {}
    da = rules.measure_words.get("da", {}) or {}
    da_surface = str(da.get("surface", ""))
    clause_marks = str(q.get("clause_marks", ",;:!?()\n"))
    implicit = tuple((spec["unit"], re.compile(_alternation(spec.get("words", ()))))
                     for spec in rules.units.get("implicit", ()) or ())
    ch = rules.changes
    up, down, improve = (frozenset(ch.get(k, ()) or ()) for k in ("up", "down", "improve"))
    inds = rules.indicators.get("indicators", {}) or {}
    indicator_of: dict[str, str] = {}
    for name, spec in inds.items():
        for a in (name, *(spec.get("aliases", ()) or ())):
            indicator_of[a] = name
    return Extractor(
        number_re=number_re,
        unit_re=unit_re,
        units=units,
        unit_first=frozenset({s[0] for s in units} | {m[0] for m in inside} | {x[0] for x in seps}
                             | {x[0] for x in q.get("list_separators", ()) or ()} | {da_surface, " "}),
        prefix_units=prefix,
        fraction_re=fraction_re,
        fraction_unit=fraction_unit,
        fraction_words=fraction_words,
        fraction_not_followed=tuple(fr.get("not_followed_by", ()) or ()),
        approx_before=before,
        approx_inside=inside,
        after_re=after_re,
        approx_after=after,
        range_re=range_re,
        list_seps=frozenset(q.get("list_separators", ()) or ()),
        negative_signs=tuple(q.get("negative_signs", ()) or ()),
        negative_after=tuple(q.get("negative_after", ()) or ()),
        carry_seps=frozenset(q.get("carry_separators", ()) or ()),
        span_res=tuple(span_res),
        inside_res=tuple(inside_res),
        preceded=preceded,
        preceded_cn=preceded_cn,
        preceded_not_re=re.compile(rf"(?:{_alternation(not_pre)})$") if not_pre else None,
        followed=followed,
        quoted_units=frozenset((ex.get("quoted", {}) or {}).get("except_units", ()) or ()),
        article_numerals=frozenset(art.get("numerals", ()) or ()),
        article_except=frozenset(art.get("except_units", ()) or ()),
        article_except_after=tuple(art.get("except_after", ()) or ()),
        year_min=int(yrs.get("min", 1800)),
        year_max=int(yrs.get("max", 2200)),
        year_suffix_re=re.compile(rf"(?:{_alternation(yrs.get('suffixes', ()) or ())})"),
        da_unit=UnitInfo(da.get("unit", da_surface), "count", "count"),
        da_surface=da_surface,
        da_not_followed=tuple(da.get("not_followed_by", ()) or ()),
        implicit=implicit,
        change_re=re.compile(_alternation(up | down | improve)),
        up=up,
        down=down,
        improve=improve,
        lower_better_re=re.compile(_alternation(ch.get("lower_is_better", ()) or ())),
        to_level=tuple(ch.get("to_level", ()) or ()),
        change_not_after=tuple(ch.get("not_after", ()) or ()),
        max_gap=int(ch.get("max_gap", 6)),
        target_re=re.compile(_alternation(ch.get("target", ()) or ())),
        target_scope=str(ch.get("target_scope", "\n")),
        improve_scope=str(ch.get("improve_scope", "\n")),
        carry_stops=str(q.get("carry_stops", ";!?\n")),
        point_re=re.compile(points),
        subjects=SubjectRules.from_rules(rules, units, clause_marks),
        clause_marks=clause_marks,
        indicator_re=re.compile(_alternation(indicator_of)) if indicator_of else None,
        indicator_of=indicator_of,
    )


def extractor(rules: RuleSet) -> Extractor:
    """The compiled extractor for ``rules``, built once per rules fingerprint."""
    return _build(rules)


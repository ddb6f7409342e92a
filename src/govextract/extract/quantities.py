"""Quantities: every number that measures or counts, with value, unit, qualifier,
change, target and subject, driven by the rules in ``rules/*.yaml``.

>>> from govextract.rules import load_rules
>>> rules = load_rules()
>>> qs, ex = find_quantities("区环境空气质量优良率为88.6%，同比上升2.8个百分点；共获得各类监测数据9.5万余个。", rules)
>>> [(q.text, q.value, q.unit, q.change, q.approx) for q in qs]
[('88.6%', Decimal('88.6'), '%', '', ''), ('2.8个百分点', Decimal('2.8'), '百分点', 'up', ''), ('9.5万余个', Decimal('95000'), '个', '', '余')]
>>> qs, ex = find_quantities("2024年，贯彻党的二十大精神，开展“三会一课”，推进全区6大重点区域、12个重点领域整治。", rules)
>>> [(q.text, q.unit) for q in qs]
[('6大', '大'), ('12个', '个')]
>>> sorted({e.rule for e in ex})
['exclusions.yaml:names', 'exclusions.yaml:years']

Ranges give ``value`` and ``value_max``; 分别 lists give one row each:

>>> qs, _ = find_quantities("预期目标是增长4.5%—5%，城乡居民收入分别增长4.4%、5.9%。", rules)
>>> [(q.text, q.value, q.value_max, q.change, q.target) for q in qs]
[('4.5%—5%', Decimal('4.5'), Decimal('5'), 'up', True), ('4.4%', Decimal('4.4'), None, 'up', True), ('5.9%', Decimal('5.9'), None, 'up', True)]

Text without numbers gives nothing:

>>> find_quantities("各位代表：", rules)
([], [])
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable, Mapping

import regex as re

from ..models import Exclusion, Quantity
from ..rules import RuleSet
from .numbers import BIG, DIGITS, SMALL, parse_number
from .subjects import SubjectRules, counted_noun, phrase_before

_CN_DIGITS = "".join(DIGITS)
_CN_SMALL = "".join(SMALL)
_CN_BIG = "".join(BIG)
_HAN = re.compile(r"\p{Han}")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


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


@dataclass(frozen=True)
class _Candidate:
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
    # 万/亿 of that unit: 万吨级泊位, 亿元以上项目 (not 万亿级, which has no unit).
    bare_next = q.get("bare_magnitude_before", ()) or ()
    bare_alt = (rf"(?<![\d{_CN_DIGITS}{_CN_SMALL}{_CN_BIG}上]) [{_CN_BIG}] "
                rf"(?= (?:{_alternation(units)}) (?:{_alternation(bare_next)}) )") if bare_next else "(?!)"
    small_alt = "|".join(
        f"{re.escape(c)}(?!{guard[c]})" if c in guard else re.escape(c) for c in _CN_SMALL)
    number_re = re.compile(rf"""
        (?P<approx> {_alternation(before)} )?            # approximation written before: 约 近 超
        (?P<pre> {_alternation(prefix)} )?               # unit written before: 百分之
        (?P<core>
            (?: \d{{1,3}} (?:,\d{{3}})+ (?:\.\d+)?       # Arabic with thousands separators: 1,100
              | \d+ (?:\.\d+)?                           # Arabic, maybe decimal: 29.4
              | [{_CN_DIGITS}十拾]                       # or a Chinese digit or 十 to start
              | [十百千万] (?=[ ]?亿(?!级)) | [百千] (?=[ ]?万(?!级))   # or a bare magnitude: 千亿, 万亿
                                                         # (not a scale class: 万亿级)
              | {bare_alt} )                             # or 万/亿 alone before unit + 级/以上: 万吨级
            (?: [{_CN_DIGITS}十拾]                       # more Chinese digits
              | [ ]? (?:{small_alt})                     # 百 千, unless they begin a unit (千瓦)
              | [ ]? [{_CN_BIG}]                         # 万 亿
              | (?<=[{_CN_SMALL}{_CN_BIG}]) [ ]? \d+ (?:\.\d+)?   # digits after a multiplier: 5万4千
              | 点 (?=[{_CN_DIGITS}])                    # a Chinese decimal point: 三点五
              | (?:{_alternation(inside)}) (?=[ ]?[{_CN_BIG}])   # 8000多万, 3万多亿
            )*
        )
    """, re.VERBOSE)
    fr = rules.units.get("fractions") or {}
    fraction_words = {w: Decimal(str(v)) for w, v in (fr.get("words") or {}).items()}
    fraction_unit = UnitInfo(fr.get("normal", ""), fr.get("kind", "other"), fr.get("dimension", "share")) \
        if fr else None
    numeral = f"[\\d{_CN_DIGITS}{_CN_SMALL}]+"
    fraction_re = re.compile(rf"""
        (?P<approx> {_alternation(before)} )?            # 超 约 近 before the fraction
        (?: (?P<den> {numeral} ) {re.escape(fr.get("marker", "分之"))}   # the denominator, then 分之
            (?P<num> {numeral} (?:[.点]\\d+)? )             # the numerator: 三分之一, 四分之三
          | (?P<word> {_alternation(fraction_words) or "(?!)"} ) )   # or 一半, 半数
        (?P<after> {_alternation(after)} )?              # 以上 左右 after it
    """, re.VERBOSE) if fr else None
    unit_re = re.compile(rf"""
        [ ]?                                  # a stray space before the unit
        (?P<unit> {_alternation(units)} )     # the longest unit surface or measure word
    """, re.VERBOSE)
    after_re = re.compile(rf"(?:{_alternation(after)})")
    seps = [s for s in q.get("range_separators", ()) or ()]
    range_re = re.compile(rf"""
        (?P<sep> {_alternation(seps)} )       # a range separator: - — ~ 至
    """, re.VERBOSE)

    ex = rules.exclusions
    span_res: list[tuple[str, Any]] = []
    if ex.get("names"):
        span_res.append(("names", re.compile(_alternation(ex["names"]))))
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
                             | {x[0] for x in q.get("list_separators", ()) or ()} | {"大", " "}),
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
        year_suffix_re=re.compile(rf"(?:{_alternation(yrs.get('suffixes', ('年',)))})"),
        da_unit=UnitInfo(da.get("unit", "大"), "count", "count"),
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
        subjects=SubjectRules.from_rules(rules, units, str(q.get("clause_marks", "，。；：！？、（）()“”\n"))),
        clause_marks=str(q.get("clause_marks", "，。；：！？、（）()“”\n")),
        indicator_re=re.compile(_alternation(indicator_of)) if indicator_of else None,
        indicator_of=indicator_of,
    )


def extractor(rules: RuleSet) -> Extractor:
    """The compiled extractor for ``rules``, built once per rules fingerprint."""
    return _build(rules)


# --- spans that exclude ------------------------------------------------------------
class _Spans:
    """Sorted (start, end, rule) spans with an overlap / containment query."""

    def __init__(self, spans: list[tuple[int, int, str]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _, _ in self.spans]
        self.longest = max((e - s for s, e, _ in self.spans), default=0)

    def overlapping(self, start: int, end: int, *, inside: bool = False) -> str | None:
        i = bisect.bisect_left(self.starts, start - self.longest)
        while i < len(self.spans) and self.spans[i][0] < end:
            s, e, rule = self.spans[i]
            if inside:
                if s < start and end < e:   # strictly inside the delimiters
                    return rule
            elif s < end and start < e:
                return rule
            i += 1
        return None


def _exclusion_spans(text: str, ex: Extractor) -> tuple[_Spans, _Spans]:
    over = [(m.start(), m.end(), rule) for rule, pat in ex.span_res for m in pat.finditer(text)]
    inside = [(m.start(), m.end(), rule) for rule, pat in ex.inside_res for m in pat.finditer(text)]
    return _Spans(over), _Spans(inside)


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


def _read(text: str, m: Any, ex: Extractor) -> _Candidate:
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
    value = parse_number("一" + core if len(core) == 1 and core in _CN_BIG else core)
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
        elif text.startswith("大", pos) and value is not None and value == value.to_integral_value() \
                and 1 < value <= 100 and not mult:
            nxt = text[pos + 1:pos + 3]
            if nxt and _HAN.match(nxt[0]) and not any(nxt.startswith(w) for w in ex.da_not_followed):
                unit, unit_text, pos = ex.da_unit, "大", pos + 1
    if unit is not None:
        a = ex.after_re.match(text, pos)
        if a:
            approx = approx or ex.approx_after[a.group()]
            pos = a.end()
    approx = approx or inside_approx
    if value is not None and unit is not None and unit.factor != 1:
        value = value * unit.factor
    return _Candidate(start, cs, ce, pos, value, unit, unit_text, approx, chinese, mult,
                      notes=tuple(notes))


# --- exclusion rules ---------------------------------------------------------------
def _excluded_by(text: str, c: _Candidate, ex: Extractor, over: _Spans, inside: _Spans) -> str | None:
    rule = over.overlapping(c.core_start, c.core_end)
    if rule:
        return rule
    rule = inside.overlapping(c.core_start, c.core_end, inside=True)
    if rule and not (rule == "quoted" and c.unit is not None and c.unit.normal in ex.quoted_units):
        return rule
    before = text[max(0, c.start - 4):c.start]
    if not (ex.preceded_not_re and ex.preceded_not_re.search(before)):
        for rule, pat in ex.preceded + (ex.preceded_cn if c.chinese else ()):
            if pat.search(before):
                return rule
    # Followed-by rules look at what follows the number itself (5月起, 十一次全会).
    after = text[c.core_end:c.core_end + 8]
    for rule, pat in ex.followed:
        if pat.match(after):
            return rule
    if c.value is not None and c.value == c.value.to_integral_value() and _looks_like_year(text, c, ex) \
            and (ex.year_min <= c.value <= ex.year_max or c.chinese):
        return "years"
    if c.unit is not None and text[c.core_start:c.core_end] in ex.article_numerals \
            and c.unit.normal not in ex.article_except \
            and not any(text.endswith(p, 0, c.core_start) for p in ex.prefix_units) \
            and not any(text.endswith(w, 0, c.start) for w in ex.article_except_after):
        return "article"
    if c.unit is None and c.core_end < len(text) and _ASCII_ALNUM.match(text[c.core_end]) \
            and not text[c.core_end].isdigit():
        return "letters"
    return None


def _looks_like_year(text: str, c: _Candidate, ex: Extractor) -> bool:
    core = text[c.core_start:c.core_end]
    if c.multiplier or "." in core or "," in core:
        return False
    if not c.chinese and len(core) != 4:
        return False
    if c.chinese and (len(core) < 3 or not all(ch in _CN_DIGITS for ch in core)):
        return False          # 二〇二四年, 二三五年 are years; 五年, 十五年 are spans
    nxt = text[c.core_end:c.core_end + 6]
    if ex.year_suffix_re.match(nxt):
        return True
    # the first year of a range: 2024-2026年, 2024—2026年
    r = ex.range_re.match(nxt)
    return bool(r) and bool(re.match(r"\d{4}", nxt[r.end():]))


# --- change, target, subject -------------------------------------------------------
def _clause_start(text: str, pos: int, ex: Extractor, floor: int) -> int:
    i = pos - 1
    while i >= floor and text[i] not in ex.clause_marks:
        i -= 1
    return i + 1


def _change(text: str, c: _Candidate, ex: Extractor, floor: int) -> str:
    lo = max(floor, c.start - ex.max_gap - 4)
    window = text[lo:c.start]
    best = None
    for m in ex.change_re.finditer(window):
        best = m
    if best is None:
        return ""
    word = best.group()
    gap = window[best.end():]
    if any(ch in ex.clause_marks for ch in gap) or len(gap) > ex.max_gap:
        return ""
    if any(gap.startswith(t) for t in ex.to_level):
        return ""
    if len(word) == 1:
        if gap or any(window[:best.start()].endswith(w) for w in ex.change_not_after):
            return ""
    if word in ex.up:
        return "up"
    if word in ex.down:
        return "down"
    # 改善: down when said of something that should fall (a concentration)
    s = max(text.rfind("；", 0, c.start), text.rfind("。", 0, c.start), text.rfind("\n", 0, c.start))
    return "down" if ex.lower_better_re.search(text, s + 1, c.start) else "up"


def _target(text: str, c: _Candidate, ex: Extractor) -> bool:
    s = max(text.rfind("。", 0, c.start), text.rfind("\n", 0, c.start))
    return bool(ex.target_re.search(text, s + 1, c.start))


def _subject(text: str, c: _Candidate, ex: Extractor, floor: int, tokenizer: Any) -> tuple[str, bool]:
    """The subject (whole words, or ""), and whether the clause held only linking words."""
    # A count followed by its noun names the counted thing: 3个国考断面 → 国考断面.
    if c.unit is not None and c.unit.kind == "count":
        noun = counted_noun(text, c.end, ex.subjects, tokenizer)
        if noun:
            return noun, False
    return phrase_before(text, c.start, floor, ex.subjects, tokenizer)


# --- the entry point ---------------------------------------------------------------
def _fractions(text: str, ex: Extractor, over: Any, inside: Any) -> list[_Candidate]:
    """DEN分之NUM and 一半: a share, valued as the fraction itself (三分之一 → 1/3)."""
    if ex.fraction_re is None or ex.fraction_unit is None:
        return []
    out = []
    for m in ex.fraction_re.finditer(text):
        if any(text.startswith(w, m.end()) for w in ex.fraction_not_followed):
            continue
        if m.group("den") and text[m.start("den"):m.start("num")] in ex.prefix_units:
            continue  # 百分之五十 is a percent, read with the units
        if m.group("word"):
            value: Decimal | None = ex.fraction_words[m.group("word")]
            core_start, core_end = m.span("word")
        else:
            den, num = parse_number(m.group("den")), parse_number(m.group("num").replace("点", "."))
            value = num / den if den and num is not None and num < den else None
            core_start, core_end = m.start("den"), m.end("num")
        if value is None:
            continue
        approx = ex.approx_before.get(m.group("approx") or "", "") or ex.approx_after.get(m.group("after") or "", "")
        c = _Candidate(m.start(), core_start, core_end, m.end(), value, ex.fraction_unit, "", approx,
                       True, "", notes=("fraction",))
        if _excluded_by(text, c, ex, over, inside) is None:
            out.append(c)
    return out


def find_quantities(text: str, rules: RuleSet, *, tokenizer: Any = None
                    ) -> tuple[list[Quantity], list[Exclusion]]:
    """Every quantity in normalised ``text``, and the numbers deliberately left out.

    ``tokenizer`` (a jieba ``Tokenizer``) is used only on the few characters before a
    number, to cut the subject at a word boundary.

    >>> from govextract.rules import load_rules
    >>> qs, ex = find_quantities("罚款金额1096.7622万，没收违法所得11.7765万元。", load_rules())
    >>> [(q.value, q.unit, q.kind, q.subject) for q in qs]
    [(Decimal('10967622'), '元', 'money', '罚款金额'), (Decimal('117765'), '元', 'money', '没收违法所得')]
    """
    ex = extractor(rules)
    over, inside = _exclusion_spans(text, ex)
    cands: list[_Candidate] = _fractions(text, ex, over, inside)
    taken = [(c.start, c.end) for c in cands]
    excl: list[Exclusion] = []
    m = ex.number_re.search(text)
    while m:
        if taken and any(s <= m.start() < e for s, e in taken):
            m = ex.number_re.search(text, m.end())   # part of a fraction already read
            continue
        # fast path: a lone Chinese digit inside a word (一些, 统一) with nothing unit-like after it
        if m.end() - m.start() == 1 and m.end() < len(text) and text[m.end()] not in ex.unit_first \
                and not text[m.start()].isdigit():
            m = ex.number_re.search(text, m.end())
            continue
        c = _read(text, m, ex)
        nxt_pos = max(c.end, m.end())
        # a range: 3-5个, 4.5%—5%, 2024-2026年
        r = ex.range_re.match(text, nxt_pos)
        if r and c.value is not None:
            m2 = ex.number_re.match(text, r.end())
            if m2 and not m2.group("approx") and not m2.group("pre"):
                c2 = _read(text, m2, ex)
                c = _combine(text, c, c2, ex) or c
                if c.value_max is not None:
                    nxt_pos = c.end
        rule = _excluded_by(text, c, ex, over, inside)
        if rule is None and c.value is None:
            rule = "numbers:unparsed"
        if rule is not None:
            # a lone Chinese numeral inside a word (一些, 统一) is not worth reporting
            if not c.chinese or c.unit is not None or c.core_end - c.core_start > 1:
                excl.append(Exclusion(text[c.start:c.end], c.start, c.end, f"exclusions.yaml:{rule}"
                                      if ":" not in rule else rule))
        else:
            cands.append(c)
        m = ex.number_re.search(text, nxt_pos)
    cands.sort(key=lambda c: c.start)
    cands = _share_units(text, cands, ex)
    out: list[Quantity] = []
    prev_end = 0
    prev_change = ""
    prev_q: Quantity | None = None
    for c in cands:
        if c.unit is None:
            if not c.chinese:
                excl.append(Exclusion(text[c.start:c.end], c.start, c.end, "units.yaml:units"))
            continue
        change = _change(text, c, ex, prev_end)
        gap = text[prev_end:c.start]
        listed = prev_q is not None and gap in ex.carry_seps
        if not change and listed:
            change = prev_change
        subject, linking = _subject(text, c, ex, prev_end, tokenizer)
        if not subject and listed and prev_q is not None:
            subject = prev_q.subject
        elif (linking and change and prev_q is not None
              and not any(ch in gap for ch in "。；;！？!?\n")):
            # 优良率为88.6%，同比上升2.8个百分点: the change is said of the level before it
            subject = prev_q.subject
        indicator = None
        if ex.indicator_re is not None and subject:
            im = ex.indicator_re.search(subject)
            if im:
                indicator = ex.indicator_of[im.group()]
        q = Quantity(
            text=text[c.start:c.end], start=c.start, end=c.end, value=c.value,  # type: ignore[arg-type]
            unit=c.unit.normal, kind=c.unit.kind, value_max=c.value_max, approx=c.approx,
            change=change, subject=subject, indicator=indicator, target=_target(text, c, ex),
            dimension=c.unit.dimension, notes=c.notes)
        out.append(q)
        prev_end, prev_change, prev_q = c.end, change, q
    excl.sort(key=lambda e: e.start)
    return out, excl


def _with_multiplier(text: str, c: _Candidate, mult: str) -> Decimal | None:
    core = text[c.core_start:c.core_end]
    return parse_number(core + mult)


def _combine(text: str, lo: _Candidate, hi: _Candidate, ex: Extractor) -> _Candidate | None:
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
    return _Candidate(lo.start, lo.core_start, lo.core_end, hi.end, lo_value, hi.unit, hi.unit_text,
                      lo.approx or hi.approx, lo.chinese and hi.chinese, lo.multiplier or hi.multiplier,
                      value_max=hi.value, notes=("range",))


def _share_units(text: str, cands: list[_Candidate], ex: Extractor) -> list[_Candidate]:
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
            out[i] = _Candidate(c.start, c.core_start, c.core_end, c.end, value * n.unit.factor, n.unit,
                                "", c.approx, c.chinese, c.multiplier or n.multiplier,
                                notes=("unit shared with the next list member",))
    for i, c in enumerate(out):
        if c.unit is None and c.multiplier and c.value is not None:
            unit = _implicit_unit(text, c, ex)
            if unit is not None:
                out[i] = _Candidate(c.start, c.core_start, c.core_end, c.end, c.value, unit, "",
                                    c.approx, c.chinese, c.multiplier,
                                    notes=(f"unit {unit.normal} from context",))
    return out


def _implicit_unit(text: str, c: _Candidate, ex: Extractor) -> UnitInfo | None:
    lo = _clause_start(text, c.start, ex, max(0, c.start - 24))
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

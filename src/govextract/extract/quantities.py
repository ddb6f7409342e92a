"""Quantities: every number that measures or counts, with value, unit, qualifier,
change, target and subject, driven by the rules in ``rules/*.yaml``, compiled once in
:mod:`~govextract.extract.quantity_rules`; one number and its unit are read in
:mod:`~govextract.extract.quantity_read`.

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
from decimal import Decimal
from typing import Any

import regex as re

from ..models import Exclusion, Quantity
from ..rules import RuleSet
from .numbers import DIGITS, parse_number
from .quantity_read import Candidate, combine_range, read_number, share_units
from .quantity_rules import Extractor, UnitInfo, extractor
from .subjects import counted_noun, phrase_before

__all__ = ["Extractor", "UnitInfo", "extractor", "find_quantities"]

_CN_DIGITS = "".join(DIGITS)
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


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



# --- exclusion rules ---------------------------------------------------------------
def _excluded_by(text: str, c: Candidate, ex: Extractor, over: _Spans, inside: _Spans) -> str | None:
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


def _looks_like_year(text: str, c: Candidate, ex: Extractor) -> bool:
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
def _change(text: str, c: Candidate, ex: Extractor, floor: int) -> str:
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
    s = max(text.rfind(mark, 0, c.start) for mark in ex.improve_scope)
    return "down" if ex.lower_better_re.search(text, s + 1, c.start) else "up"


def _target(text: str, c: Candidate, ex: Extractor) -> bool:
    s = max(text.rfind(mark, 0, c.start) for mark in ex.target_scope)
    return bool(ex.target_re.search(text, s + 1, c.start))


def _subject(text: str, c: Candidate, ex: Extractor, floor: int, tokenizer: Any) -> tuple[str, bool]:
    """The subject (whole words, or ""), and whether the clause held only linking words."""
    # A count followed by its noun names the counted thing: 3个国考断面 → 国考断面.
    if c.unit is not None and c.unit.kind == "count":
        noun = counted_noun(text, c.end, ex.subjects, tokenizer)
        if noun:
            return noun, False
    return phrase_before(text, c.start, floor, ex.subjects, tokenizer)



# --- the entry point ---------------------------------------------------------------
def _fractions(text: str, ex: Extractor, over: Any, inside: Any) -> list[Candidate]:
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
            raw = m.group("num")     # 一点五 as it is; 1点5 with its point as "."
            den, num = parse_number(m.group("den")), parse_number(raw) or parse_number(ex.point_re.sub(".", raw))
            value = num / den if den and num is not None and num < den else None
            core_start, core_end = m.start("den"), m.end("num")
        if value is None:
            continue
        approx = ex.approx_before.get(m.group("approx") or "", "") or ex.approx_after.get(m.group("after") or "", "")
        c = Candidate(m.start(), core_start, core_end, m.end(), value, ex.fraction_unit, "", approx,
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
    cands: list[Candidate] = _fractions(text, ex, over, inside)
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
        c = read_number(text, m, ex)
        nxt_pos = max(c.end, m.end())
        # a range: 3-5个, 4.5%—5%, 2024-2026年
        r = ex.range_re.match(text, nxt_pos)
        if r and c.value is not None:
            m2 = ex.number_re.match(text, r.end())
            if m2 and not m2.group("approx") and not m2.group("pre"):
                c2 = read_number(text, m2, ex)
                c = combine_range(text, c, c2, ex) or c
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
    cands = share_units(text, cands, ex)
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
              and not any(ch in gap for ch in ex.carry_stops)):
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

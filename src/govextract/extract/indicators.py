"""Indicator linking: tie each quantity to a canonical indicator of
``rules/indicators.yaml`` and say what it measures.

A quantity is linked to the indicator *named before it in the same sentence*
when every word between the name (or the previous linked number) and the
number comes from the linking vocabulary (``linking`` in indicators.yaml:
达到, 同比增长, 按可比价计算, 分别 …). An unknown word means a new subject
started, and the chain breaks. The words crossed decide the ``measure``:

=====================  ===============================================
``level``              地区生产总值完成192.3亿元, 优良率为88.6%
``growth_pct``         同比增长6.0%, 同比改善5.2% (a fall: change ``down``)
``growth_pp``          同比上升2.8个百分点
``share``              占比, 比重
``target_*``           the same inside a target (预期目标是：…增长5%左右)
=====================  ===============================================

Lists spread over several indicators: 城乡居民人均可支配收入分别增长6%和7.4%
(城乡 expands to 城镇, 农村), 城镇、农村常住居民人均可支配收入分别…, and
城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4%和11.4%.

Each linked quantity also gets a ``period``: the reviewed year for a result
(``meta.period``), the year it is set for for a target (今年 → meta.period + 1,
到2030年 → 2030, a 十五五 年均 target → 2030), an explicit year written before
the number (从2020年的3.68万亿元增长到2025年的4.93万亿元), and ``five_year``
for five-year reviews and plans (年均, 过去五年).

>>> from govextract.rules import load_rules
>>> canonical_indicator("全年地区生产总值", load_rules())
'地区生产总值'
>>> canonical_indicator("党组中心组学习", load_rules()) is None
True
>>> canonical_indicator("海洋生产总值", load_rules()) is None
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterator, Mapping, Sequence

from ..models import DocumentMeta, Quantity
from ..rules import RuleSet
from .numbers import parse_int

if TYPE_CHECKING:  # pragma: no cover
    from ..structure.document import Document

#: measures of a quantity, as results; targets prefix ``target_``
MEASURES = ("level", "growth_pct", "growth_pp", "share")


#: kinds of quantity that can be the level of an indicator of a dimension
_LEVEL_KINDS = {"money": {"money"}, "percent": {"percent"}, "count": {"count"}, "concentration": {"physical"},
                "energy": {"physical"}, "mass": {"physical"}, "area": {"physical"}, "duration": {"physical", "count"},
                "physical": {"physical"}}

#: a year as written: 2024年, 二〇二四年, optionally followed by 的 (从2020年的3.68万亿元)
_YEAR = re.compile(r"""
    (?P<y> [12]\d{3} | [〇零一二三四五六七八九]{4} )   # four digits, Arabic or Chinese
    年 (?!以来|起|来|度以来|初|底前)                   # a year, not "since the year" / "from"
    (?: 的 )?                                          # 从2020年的…
""", re.VERBOSE)

def _year(s: str) -> int:
    """2024, 二〇二四 → 2024 (the year pattern guarantees four digits)."""
    y = parse_int(s)
    assert y is not None
    return y


@dataclass(frozen=True)
class Lexicon:
    """The vocabulary of indicators.yaml, compiled once per document."""

    names: Mapping[str, str | None]        # surface → canonical indicator (None: a blocking phrase)
    growth_names: frozenset[str]           # surfaces that mean "growth of" (经济增长)
    specs: Mapping[str, Mapping[str, Any]]
    mention_re: re.Pattern
    words: Mapping[str, str]               # gap word → category
    max_word: int
    expansions: Mapping[str, tuple[str, ...]]
    share_after: re.Pattern
    target_headers: tuple[str, ...]
    target_inline: tuple[str, ...]
    target_weak: tuple[str, ...]
    not_target: re.Pattern
    base_re: re.Pattern
    plans: Mapping[str, int]
    five_year: tuple[str, ...]
    lists: frozenset[str]
    compared_to: tuple[str, ...]
    not_followed_by: tuple[str, ...]
    subregion_suffixes: tuple[str, ...]
    region_suffixes: tuple[str, ...]
    plan_sections: tuple[str, ...] = ()
    review_sections: tuple[str, ...] = ()
    past: tuple[str, ...] = ()
    next_words: tuple[str, ...] = ()
    one_year: tuple[str, ...] = ()
    not_headings: tuple[str, ...] = ()
    part_prefixes: tuple[str, ...] = ()
    averages: tuple[str, ...] = ()
    summary_kinds: tuple[str, ...] = ()
    not_subregions: tuple[str, ...] = ()
    summary_plan_sections: tuple[str, ...] = ()
    gloss_re: re.Pattern | None = None     # a parenthetical gloss inside a name: 细颗粒物（PM2.5）

    def surface(self, matched: str) -> str:
        """The name as listed for a matched mention (its glosses dropped when not listed so)."""
        if matched in self.names or self.gloss_re is None:
            return matched
        return self.gloss_re.sub("", matched)


def lexicon(rules: RuleSet) -> Lexicon:
    """Compile the indicator vocabulary of ``rules``."""
    data = rules.indicators
    specs = data.get("indicators", {})
    names: dict[str, str | None] = {}
    growth: set[str] = set()
    for name, spec in specs.items():
        for a in (name, *spec.get("aliases", ()), *spec.get("phrases", ())):
            names[a] = name
        for a in spec.get("growth_aliases", ()):
            names[a] = name
            growth.add(a)
    for spec in specs.values():
        for phrase in spec.get("never", ()):
            names.setdefault(phrase, None)
    surfaces = sorted(names, key=len, reverse=True)
    # glosses: 细颗粒物（PM2.5）年均浓度 is 细颗粒物年均浓度 — an optional parenthetical after a head word
    glosses = {h: g for h, g in (data.get("glosses") or {}).items() if g}
    gloss_re = None
    head_re = None
    if glosses:
        gloss_alt = "|".join(re.escape(g) for g in sorted({g for gs in glosses.values() for g in gs},
                                                          key=len, reverse=True))
        gloss_re = re.compile(r"[（(] (?: %s ) [）)]" % gloss_alt, re.VERBOSE)
        head_re = re.compile("|".join(re.escape(h) for h in sorted(glosses, key=len, reverse=True)))

    def pattern(surface: str) -> str:
        if head_re is None:
            return re.escape(surface)
        out, last = [], 0
        for hm in head_re.finditer(surface):
            opt = "|".join(re.escape(g) for g in sorted(glosses[hm.group()], key=len, reverse=True))
            out.append(re.escape(surface[last:hm.end()]) + "(?:[（(](?:%s)[）)])?" % opt)
            last = hm.end()
        return "".join(out) + re.escape(surface[last:])

    mention_re = re.compile("|".join(pattern(s) for s in surfaces))
    link = data.get("linking", {})
    words: dict[str, str] = {}
    # later categories win for a word listed twice; level words first so that
    # 增加到 (level) and 增加 (up) stay apart by length, not by order
    for cat in ("filler", "punctuation", "target", "level", "threshold", "base_year", "estimate", "real", "nominal",
                "respectively", "all", "average", "comparison", "growth_noun", "share", "improve", "down", "up", "list"):
        for w in link.get(cat, ()):
            words[w] = cat
    shares = [w for w in link.get("share", ()) if w != "占"] + ["之比"]
    share_after = re.compile(r"""
        (?: 的 | 中的 | 中 )?      # 占地区生产总值的比重, 在国内生产总值中的比重
        (?: %s )                   # 比重, 之比, 比例, 占比
    """ % "|".join(re.escape(w) for w in shares), re.VERBOSE)
    tg = data.get("targets", {})
    per = data.get("periods", {})
    alt = lambda ws: "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True)) or "(?!)"  # noqa: E731
    not_target = re.compile(r"""
        (?: %s )                           # a phrase that reports a result: 目标任务全面完成
      | (?: %s ) [^，。；,;]{0,10}? (?: %s )  # 实现年初确定的主要目标, 完成年计划的118.2%%
    """ % (alt(tg.get("not_target", ())), alt(tg.get("achieved", ())),
           alt(tg.get("achieved_objects", ("目标",)))), re.VERBOSE)
    base_re = re.compile(r"""
        (?: (?: %s ) \s* (?P<a> [12]\d{3} ) 年 )          # 比2002年, 与2000年
      | (?: (?P<b> [12]\d{3} ) 年 \s* (?: %s ) )          # 2000年相比
    """ % (alt(link.get("base_year", ())), alt(link.get("base_after", ()))), re.VERBOSE)
    return Lexicon(
        names=names, growth_names=frozenset(growth), specs=specs, mention_re=mention_re, words=words,
        max_word=max((len(w) for w in words), default=1),
        expansions={k: tuple(v) for k, v in data.get("expansions", {}).items()},
        share_after=share_after,
        target_headers=tuple(tg.get("headers", ())), target_inline=tuple(tg.get("inline", ())),
        target_weak=tuple(tg.get("weak", ())),
        not_target=not_target, base_re=base_re,
        plans=dict(per.get("plans", {})), five_year=tuple(per.get("five_year", ())),
        lists=frozenset(link.get("list", ())), compared_to=tuple(link.get("compared_to", ())),
        not_followed_by=tuple(sorted(link.get("not_followed_by", ()), key=len, reverse=True)),
        subregion_suffixes=tuple(link.get("subregion_suffixes", ())),
        region_suffixes=tuple(sorted(data.get("region_suffixes", ()), key=len, reverse=True)),
        plan_sections=tuple(tg.get("plan_sections", ())), review_sections=tuple(tg.get("review_sections", ())),
        past=tuple(tg.get("past", ())), next_words=tuple(per.get("next", ())),
        part_prefixes=tuple(link.get("part_prefixes", ())),
        one_year=tuple(per.get("one_year", ())), not_headings=tuple(tg.get("not_headings", ())), averages=tuple(link.get("average", ())),
        gloss_re=gloss_re,
        summary_kinds=tuple(tg.get("summary_kinds", ())),
        not_subregions=tuple(link.get("not_subregions", ())),
        summary_plan_sections=tuple(tg.get("summary_plan_sections", ())),
    )


def region_names(region: str | None, lex: Lexicon) -> tuple[str, ...]:
    """A region's names as a report may write them before an indicator, longest first.

    >>> from govextract.rules import load_rules
    >>> region_names("上海市嘉定区", lexicon(load_rules()))
    ('上海市嘉定区', '上海嘉定区', '上海市嘉定', '上海嘉定', '上海市', '嘉定区', '上海', '嘉定')
    """
    if not region:
        return ()
    parts: list[list[str]] = []
    rest = region
    while rest:
        for suf in lex.region_suffixes:
            k = rest.find(suf)
            if k > 0:
                head = rest[:k]
                parts.append([head + suf, head])
                rest = rest[k + len(suf):]
                break
        else:
            parts.append([rest])
            rest = ""
    names = {region}
    for i in range(len(parts)):
        combos = [""]
        for p in parts[i:]:
            combos = [c + v for c in combos for v in p]
            names.update(combos)
    return tuple(sorted((n for n in names if len(n) >= 2), key=lambda n: (-len(n), n)))


def canonical_indicator(subject: str, rules: RuleSet | Lexicon) -> str | None:
    """The canonical indicator named in ``subject`` (longest name first), or None.

    A phrase listed under ``never`` (海洋生产总值) names no indicator.
    """
    if not subject:
        return None
    lex = rules if isinstance(rules, Lexicon) else lexicon(rules)
    for m in lex.mention_re.finditer(subject):
        name = lex.names[lex.surface(m.group())]
        if name is not None and not _is_share(subject, m.start(), m.end(), lex):
            return name
    return None


@dataclass(frozen=True)
class Mention:
    """An indicator named in the text; several for a list (城镇、农村…)."""

    start: int
    end: int
    names: tuple[str, ...]        # empty: a blocking phrase (海洋生产总值, 占GDP比重)
    growth: bool = False          # the name means "growth of" (经济增长)


def _is_share(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """占地区生产总值的比重, 与国内生产总值之比: the indicator is the denominator."""
    before = text[max(0, start - 4):start]
    return bool(lex.share_after.match(text, end)) or before.endswith("占") or before.endswith("占全国") \
        or before.endswith("占全省") or before.endswith("占全市")


def _run_before(text: str, start: int, limit: int = 12) -> str:
    """The Chinese characters right before ``start``, back to punctuation."""
    i = start
    while i > 0 and start - i < limit and ("\u4e00" <= text[i - 1] <= "\u9fff" or text[i - 1].isalnum()):
        i -= 1
    return text[i:start]


def _blocked_prefix(text: str, start: int, lex: Lexicon, regions: Sequence[str]) -> bool:
    """快于经济增速 (a comparison base), 武汉都市圈经济总量 (a part of the region)."""
    run = _run_before(text, start)
    if not run:
        return False
    if any(run.endswith(w) for w in lex.compared_to):
        return True
    rest = run
    for name in regions:
        k = rest.find(name)
        if k >= 0:
            rest = rest[:k] + rest[k + len(name):]
    # 跨境电商进出口, 招商引资项目完成固定资产投资: a part of the whole (linking words stripped)
    core = rest
    while core:
        w = next((w for w in sorted(lex.words, key=len, reverse=True) if core.endswith(w)), None)
        if w is None:
            break
        core = core[:-len(w)]
    if core and any(core.endswith(p) for p in lex.part_prefixes):
        return True
    if read_gap(rest, lex) is not None:
        return False
    if any(rest.endswith(w) for w in lex.not_subregions):
        return False                               # 城市空气质量优良天数比率: the region's cities, not a part
    return any(rest.endswith(suf) for suf in lex.subregion_suffixes)


def find_mentions(text: str, lex: Lexicon, regions: Sequence[str] = ()) -> list[Mention]:
    """Indicator names in ``text``, with lists grouped.

    >>> from govextract.rules import load_rules
    >>> lex = lexicon(load_rules())
    >>> [m.names for m in find_mentions("城乡居民人均可支配收入分别增长6%和7.4%", lex)]
    [('城镇常住居民人均可支配收入', '农村常住居民人均可支配收入')]
    >>> [m.names for m in find_mentions("城镇、农村常住居民人均可支配收入分别增长4.4%、5.9%", lex)]
    [('城镇常住居民人均可支配收入', '农村常住居民人均可支配收入')]
    >>> [m.names for m in find_mentions("服务业增加值占地区生产总值比重达54%", lex)]
    [()]
    >>> [m.names for m in find_mentions("武汉都市圈经济总量达到3.8万亿元", lex)]
    [()]
    >>> [m.names for m in find_mentions("嘉定区地区生产总值达到3000亿元", lex, region_names("上海市嘉定区", lex))]
    [('地区生产总值',)]
    """
    raw: list[Mention] = []
    for m in lex.mention_re.finditer(text):
        s, e, surface = m.start(), m.end(), lex.surface(m.group())
        name = lex.names[surface]
        if name is None or _is_share(text, s, e, lex):
            # 地表水、近岸海域水质优良比例分别达96.9%、99.7%: the first member shares the tail of
            # a phrase that is no indicator, which keeps its place in the list
            ell = _elliptic(text, Mention(s, e, ("",)), surface, lex, raw) if name is None else None
            raw.append(ell if ell is not None and ell.names[0] else Mention(s, e, ()))
            continue
        mention = Mention(s, e, (name,), growth=surface in lex.growth_names)
        mention = _expand(text, mention, surface, lex) or _elliptic(text, mention, surface, lex, raw) or mention
        if _blocked_prefix(text, mention.start, lex, regions):
            mention = Mention(s, e, ())
        raw.append(mention)
    # names joined only by list separators form one list: A和B分别增长…
    out: list[Mention] = []
    for m in raw:
        if out and out[-1].names and m.names and text[out[-1].end:m.start] in lex.lists:
            prev = out.pop()
            m = Mention(prev.start, m.end, prev.names + m.names, prev.growth or m.growth)
        out.append(m)
    # 地方财政收入、支出分别突破300亿元和3000亿元: a list whose other member is no indicator
    # keeps its place, so that the numbers pair by position
    for i, m in enumerate(out):
        if not m.names:
            continue
        tail = _OTHER_MEMBER.match(text, m.end)
        nxt = out[i + 1].start if i + 1 < len(out) else len(text)
        if tail and tail.end("other") <= nxt and tail.group("sep") in lex.lists:
            out[i] = Mention(m.start, tail.end("other"), m.names + ("",), m.growth)
    return out


_OTHER_MEMBER = re.compile(r"""
    (?P<sep> [、和与及] )                  # a list separator
    (?P<other> [\u4e00-\u9fff]{1,10}? )  # a short name that is no indicator
    (?= 分别 )                            # … before 分别
""", re.VERBOSE)


def _expand(text: str, m: Mention, surface: str, lex: Lexicon) -> Mention | None:
    """城乡居民人均可支配收入 → (城镇居民…, 农村居民…)."""
    for key, variants in sorted(lex.expansions.items(), key=lambda kv: -len(kv[0])):
        if text[max(0, m.start - len(key)):m.start] == key:
            names = tuple(lex.names.get(v + surface) for v in variants)
            if all(names) and len(set(names)) == len(names):
                return Mention(m.start - len(key), m.end, names)  # type: ignore[arg-type]
    return None


def _elliptic(text: str, m: Mention, surface: str, lex: Lexicon, before: list[Mention]) -> Mention | None:
    """城镇、农村常住居民人均可支配收入: the first member shares the second's tail."""
    if m.start < 2 or text[m.start - 1] not in lex.lists or (before and before[-1].end == m.start - 1):
        return None
    j = m.start - 1
    i = j
    while i > 0 and j - i < 8 and "\u4e00" <= text[i - 1] <= "\u9fff":
        i -= 1
    head = text[i:j]
    for k in range(1, len(surface) - 2):
        tail = surface[k:]
        for t in range(len(head)):  # longest head first
            cand = head[t:] + tail
            other = lex.names.get(cand)
            if other and other != m.names[0]:
                return Mention(i + t, m.end, (other, m.names[0]))
    return None


# --- the words between a name and its numbers -------------------------------------------
@dataclass(frozen=True)
class Gap:
    cats: frozenset[str]
    words: tuple[str, ...]
    year: int | None          # an explicit year written in the gap (2025年的)
    base_year: int | None     # 比2002年: compared with another year
    only_list: bool           # nothing but a list separator (、 和)


def read_gap(gap: str, lex: Lexicon) -> Gap | None:
    """Tokenise the words between a name and a number; None when an unknown word occurs.

    >>> from govextract.rules import load_rules
    >>> lex = lexicon(load_rules())
    >>> g = read_gap("，按可比价计算，同比增长", lex)
    >>> sorted(g.cats)
    ['comparison', 'punctuation', 'real', 'up']
    >>> read_gap("，没收违法所得", lex) is None
    True
    >>> read_gap("比2002年增长", lex).base_year
    2002
    """
    i, n = 0, len(gap)
    cats: set[str] = set()
    words: list[str] = []
    year = base = None
    while i < n:
        if gap[i].isspace():
            i += 1
            continue
        ym = _YEAR.match(gap, i)
        if ym:
            y = _year(ym.group("y"))
            if words and lex.words.get(words[-1]) == "base_year":
                base = y
            else:
                year = y
            words.append(ym.group())
            i = ym.end()
            continue
        for L in range(min(lex.max_word, n - i), 0, -1):
            w = gap[i:i + L]
            if w in lex.words:
                cats.add(lex.words[w])
                words.append(w)
                i += L
                break
        else:
            return None
    if "base_year" in cats and base is None:
        cats.discard("base_year")  # 比 / 较 alone: 比上年 is matched whole; a stray 比 is harmless
    only_list = bool(words) and all(lex.words.get(w) in ("list", "punctuation", "respectively") for w in words) \
        and any(lex.words.get(w) == "list" for w in words)
    return Gap(frozenset(cats), tuple(words), year, base, only_list)


# --- a sentence's context ------------------------------------------------------------------
def _masked(s: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: "\0" * len(m.group()), s)


@dataclass(frozen=True)
class Context:
    """What a sentence says about the numbers in it."""

    target: bool
    target_year: int | None
    five_year: bool
    plan_end: int | None
    year: int | None          # a result year written before the name (2024年，…)
    base_year: int | None     # 2005年与2000年相比: growth since a base year, not annual


def sentence_context(text: str, s: int, q_start: int, para_start: int, lex: Lexicon,
                     meta: DocumentMeta | None) -> Context:
    """The context of a number at ``q_start`` in the sentence starting at ``s``."""
    period = meta.period if meta else None
    sent = _masked(text[s:q_start], lex.not_target)
    para = _masked(text[para_start:q_start], lex.not_target)
    target = any(h in para for h in lex.target_headers) or any(w in sent for w in lex.target_inline)
    bases = {m.start("a") if m.group("a") else m.start("b"): int(m.group("a") or m.group("b"))
             for m in lex.base_re.finditer(sent)}
    years = [_year(m.group("y")) for m in _YEAR.finditer(sent) if m.start() not in bases]
    future = [y for y in years if period is not None and y > period]
    target_year = max(future) if future else None
    if target_year is not None:
        target = True
    five = any(w in para for w in lex.five_year) or any(
        re.search(re.escape(p) + r"[”\"]?(?:时期|期间|以来)", para) for p in lex.plans)
    # 比“十三五”时期增长19.1%: a plan named as the base of a comparison is not the one reviewed
    plans = [(m.start(), end) for p, end in lex.plans.items()
             for m in re.finditer(r"(?<![比较与同“\"])[“\"]?" + re.escape(p), para)]
    plan_end = max(plans)[1] if plans else None
    past = [y for y in years if period is None or y <= period]
    base = max(bases.values()) if bases else None
    return Context(target, target_year, five, plan_end, past[-1] if past else None, base)


# --- the parts of a report: review or plan ------------------------------------------------
_HEADING = re.compile(r"""
    ^ [ \t　]*
    (?: [一二三四五六七八九十]+ [、.．]           # 一、
      | [（(] [一二三四五六七八九十]+ [）)]        # （一）
      | 第 [一二三四五六七八九十]+ 部分 )?         # 第一部分
    [ \t　]*
    (?P<title> [^\n。；;，,：:！？!?]{2,40} )     # a short line without sentence punctuation
    [ \t　]* $
""", re.VERBOSE | re.MULTILINE)


@dataclass(frozen=True)
class Section:
    """A part of the report from a heading on: does it set targets, and for which plan?"""

    start: int
    plan: bool
    plan_end: int | None = None     # a five-year plan's part (“十五五”时期主要目标任务): its end year


def plan_sections(text: str, lex: Lexicon, period: int | None, kind: str | None = None) -> list[Section]:
    """Where the report turns from review to plan and back, from its headings.

    A heading with a review word (回顾, 成就) starts a review; one with a plan word
    (重点工作, 今年, 主要任务) or a year after the reviewed one starts a plan. Other
    headings leave the part as it was. In a work summary (``kind`` 工作总结) the parts review
    the year (一、主要工作, 二、重点工作推进情况): only a heading with a year after the reviewed
    one or a word of the year ahead (工作安排, 下一步) starts a plan.

    >>> from govextract.rules import load_rules
    >>> lex = lexicon(load_rules())
    >>> text = "一、2025年工作回顾\\n增长5%。\\n二、“十五五”时期主要目标任务\\n年均增长5%。\\n三、2026年重点工作\\n增长5%左右。"
    >>> [(s.plan, s.plan_end) for s in plan_sections(text, lex, 2025)]
    [(False, None), (True, 2030), (True, None)]
    >>> text = "一、重点工作推进情况\\n增长5%。\\n二、主要工作\\n增长5%。\\n三、2024年工作安排\\n增长5%。"
    >>> [s.plan for s in plan_sections(text, lex, 2023, "工作总结")]
    [False, True]
    """
    summary = bool(kind) and any(k in kind for k in lex.summary_kinds)
    plan_words = lex.summary_plan_sections if summary else lex.plan_sections
    out: list[Section] = []
    for m in _HEADING.finditer(text):
        title = m.group("title")
        if title.startswith(("—", "-")) or any(w in title for w in lex.not_headings):
            continue                               # the report's title, its date line
        years = [_year(y.group("y")) for y in _YEAR.finditer(title)]
        if any(w in title for w in lex.review_sections) or (
                years and period is not None and all(y <= period for y in years)):
            out.append(Section(m.start(), False))   # 2025年工作回顾, 2025年主要工作
        elif any(w in title for w in plan_words) or (period is not None and any(y > period for y in years)):
            ends = [end for p, end in lex.plans.items() if p in title and period is not None and end > period + 1]
            near = period is not None and (str(period + 1) in title or any(w in title for w in ("今年", "明年")))
            out.append(Section(m.start(), True, max(ends) if ends and not near else None))
    return out


def _speaks_of_past(para: str, lex: Lexicon) -> bool:
    """A past word (去年, 过去一年) in the paragraph so far, after its last word of the year
    ahead (今年) or of a target.

    >>> from govextract.rules import load_rules
    >>> lex = lexicon(load_rules())
    >>> _speaks_of_past("过去一年，我们的各项工作取得了很大成绩。国内生产总值增长", lex)
    True
    >>> _speaks_of_past("去年物价涨幅较高。今年居民消费价格涨幅控制在", lex)
    False
    """
    last_past = max((para.rfind(w) for w in lex.past), default=-1)
    if last_past < 0:
        return False
    ahead = (*lex.next_words, *lex.target_inline, *lex.target_headers)
    return last_past > max((para.rfind(w) for w in ahead), default=-1)


def _five_year_paragraphs(text: str, paragraphs: Sequence[tuple[int, int]], sections: Sequence[Section],
                          lex: Lexicon, period: int | None) -> list[bool]:
    """For each paragraph: does a five-year review carried over from the paragraphs before
    it (这五年，… / “十四五”时期工作回顾) still hold?

    The review holds until a paragraph speaks of one year (过去一年, 2025年, 去年) or a
    heading starts another part of the report.

    >>> from govextract.rules import load_rules
    >>> from govextract.structure.document import split_paragraphs
    >>> lex = lexicon(load_rules())
    >>> text = "这五年，民生福祉得到新改善。\\n城镇新增就业261.6万人。\\n过去一年，城镇新增就业48万人。\\n新增就业。"
    >>> _five_year_paragraphs(text, split_paragraphs(text), [], lex, 2025)
    [False, True, False, False]
    """
    starts = {sec.start for sec in sections}
    one_year = (*lex.one_year, *((f"{period}年",) if period else ()))
    plan_names = [p for p, end in lex.plans.items() if period is not None and end == period]
    out: list[bool] = []
    mode = False
    for ps, pe in paragraphs:
        para = text[ps:pe]
        k = len(para) - len(para.lstrip())
        if ps + k in starts or ps in starts:
            sec = _section_at(sections, ps + k)
            title = para.strip()
            mode = bool(sec and not sec.plan and any(p in title for p in plan_names)
                        and not any(w in title for w in one_year))
            out.append(False)
            continue
        annual = any(w in para for w in one_year)
        out.append(mode and not annual)
        if any(w in para for w in lex.five_year) or any(
                re.search(re.escape(p) + r"[”\"]?(?:时期|期间|以来)", para) for p in plan_names):
            mode = True
        elif annual:
            mode = False
    return out


def _section_at(sections: Sequence[Section], offset: int) -> Section | None:
    cur = None
    for sec in sections:
        if sec.start > offset:
            break
        cur = sec
    return cur


# --- linking --------------------------------------------------------------------------------
def link_indicators(quantities: Sequence[Quantity], doc: "Document", rules: RuleSet,
                    meta: DocumentMeta | None = None) -> list[Quantity]:
    """Set ``indicator``, ``measure``, ``target``, ``period`` and ``five_year`` of each
    quantity tied to a known indicator; the others are returned unchanged.

    ``doc`` is the structured :class:`~govextract.structure.document.Document` the
    quantities were found in: its paragraphs and sentences are used as they are.
    ``meta`` overrides ``doc.meta``; the reviewed year comes from it, and without one,
    periods stay None unless a year is written.
    """
    meta = meta if meta is not None else doc.meta
    text = doc.text
    lex = lexicon(rules)
    qs = sorted(quantities, key=lambda q: q.start)
    out: dict[int, Quantity] = {}
    mentions = find_mentions(text, lex, region_names(meta.region if meta else None, lex))
    sections = plan_sections(text, lex, meta.period if meta else None, meta.kind if meta else None)
    paragraphs = doc.paragraphs
    five_paras = _five_year_paragraphs(text, paragraphs, sections, lex, meta.period if meta else None)
    sentences = [(st.start, st.end) for st in doc.sentences]
    mi = qi = 0
    para_i = 0
    for s, e in sentences:
        while para_i + 1 < len(paragraphs) and paragraphs[para_i][1] <= s:
            para_i += 1
        ms = []
        while mi < len(mentions) and mentions[mi].start < e:
            if mentions[mi].start >= s:
                ms.append(mentions[mi])
            mi += 1
        sq = []
        while qi < len(qs) and qs[qi].start < e:
            if qs[qi].start >= s:
                sq.append(qs[qi])
            qi += 1
        if sq and ms:
            section = _section_at(sections, s)
            for q, new in _link_sentence(text, s, paragraphs[para_i][0], ms, sq, lex, meta, section,
                                         five_paras[para_i]):
                out[id(q)] = new
    result = []
    for q in quantities:
        new = out.get(id(q))
        if new is None and q.indicator is None:
            new = _by_subject(q, lex, meta)
        result.append(new or q)
    return result


def _events(ms: Sequence[Mention], qs: Sequence[Quantity]) -> Iterator[Mention | Quantity]:
    items: list[tuple[int, int, Mention | Quantity]] = [(m.start, 0, m) for m in ms] + \
        [(q.start, 1, q) for q in qs]
    for _, _, x in sorted(items, key=lambda t: (t[0], t[1])):
        yield x


def _link_sentence(text: str, s: int, para_start: int, ms: Sequence[Mention], qs: Sequence[Quantity],
                   lex: Lexicon, meta: DocumentMeta | None,
                   section: Section | None = None, carried_five: bool = False) -> list[tuple[Quantity, Quantity]]:
    cur: Mention | None = None
    cursor = 0
    runs: list[tuple[Mention, list[tuple[Quantity, Gap, str | None]]]] = []
    prev_cat: str | None = None
    for ev in _events(ms, qs):
        if isinstance(ev, Mention):
            cur = ev if ev.names else None
            cursor = ev.end
            prev_cat = None
            continue
        q = ev
        if cur is None or q.start < cursor:
            continue
        gap = read_gap(text[cursor:q.start], lex) or _aside(text[cursor:q.start], lex)
        if gap is None or (prev_cat is not None and gap.words and not gap.only_list and q.text[:1].isdigit()
                           and all(lex.words.get(w) == "punctuation" and w in "，," for w in gap.words)):
            cur = None                                   # 6600万人以上，13亿多人…: a bare comma after a value
            continue
        cursor = q.end
        after = next((w for w in lex.not_followed_by if text.startswith(w, q.end)), None)
        if after is not None:
            if after in ("的", "级"):
                cur = None                               # 超500亿元的县域: a class, a new subject
            else:
                cursor = q.end + len(after)              # 迈上6万亿元台阶，达到62661亿元
            prev_cat = None
            continue
        if gap.only_list and prev_cat is not None and runs and runs[-1][0] is cur:
            cat = prev_cat
            # 从2021年的46503元和16935元: the list shares the words before its first number
            runs[-1][1].append((q, runs[-1][1][-1][1], cat))
        elif prev_cat is not None and runs and runs[-1][0] is cur and len(cur.names) > len(runs[-1][1]) \
                and gap.words and lex.words.get(gap.words[0]) == "list" and gap.cats & {"up", "down", "improve"}:
            # 同比分别上升2.8个百分点、下降5.2%: a list member with its own direction, in the
            # comparison and 分别 of the first
            first = runs[-1][1][0][1]
            gap = replace(gap, cats=gap.cats | (first.cats & {"comparison", "respectively", "real", "nominal"}),
                          only_list=False)
            cat = _measure(q, gap, cur, lex, cur.names[len(runs[-1][1])])
            runs[-1][1].append((q, gap, cat))
        else:
            cat = _measure(q, gap, cur, lex)
            runs.append((cur, [(q, gap, cat)]))
        prev_cat = cat
    linked: list[tuple[Quantity, Quantity]] = []
    shared: dict[int, list[str]] = {}
    for mention, run in runs:
        names = mention.names
        if len(names) == len(run):
            pairs = list(zip(run, names))
        elif len(names) == 1:
            pairs = [(run[0], names[0])]
        elif len(run) == 1 and all(names) and "respectively" not in run[0][1].cats:
            # 重点建设用地和受污染耕地安全利用率（均）保持100%: one value said of each member
            pairs = [(run[0], n) for n in names]
        else:
            continue
        for (q, gap, cat), name in pairs:
            if cat is None or not name:
                continue
            if id(q) in shared:
                if _unit_fits(q, lex.specs[name]) or q.unit == "%":
                    shared[id(q)].append(name)
                continue
            new = _finish(text, s, para_start, q, gap, cat, name, lex, meta, section, carried_five, mention.start)
            if new is not None:
                linked.append((q, new))
                shared[id(q)] = []
    # one value said of a list: the first name links, the others go in ``also_indicators``
    return [(q, replace(new, also_indicators=tuple(shared.get(id(q), ())))) for q, new in linked]


_ASIDE = re.compile(r"[、，,]")


def _aside(gap: str, lex: Lexicon) -> Gap | None:
    """地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%: skip short remarks without
    numbers when the last piece is pure linking vocabulary with a growth or level word."""
    pieces = _ASIDE.split(gap)
    if len(pieces) < 3 or len(pieces) > 4 or any(len(p) > 16 for p in pieces[1:-1]):
        return None
    g = read_gap(pieces[-1], lex)
    if g is None or not g.cats & {"up", "down", "improve", "growth_noun"}:
        return None
    return Gap(g.cats | {"punctuation"}, ("，", *g.words), g.year, g.base_year, False)


def _unit_fits(q: Quantity, spec: Mapping[str, Any]) -> bool:
    units = spec.get("units")
    if units:
        return q.unit in units
    return q.kind in _LEVEL_KINDS.get(spec.get("dimension", ""), {q.kind})


def _measure(q: Quantity, gap: Gap, m: Mention, lex: Lexicon, name: str | None = None) -> str | None:
    """The measure a number has after the words ``gap`` (None: not a value of the indicator),
    for the mention's first name or ``name``."""
    spec = lex.specs[name or m.names[0]]
    cats = gap.cats
    if gap.base_year is not None:
        return None                                    # 比2002年增长65.5%: cumulative, not annual
    moves = cats & {"up", "down", "improve"}
    is_pp = q.kind == "pp" or q.unit == "百分点"
    is_pct = q.unit == "%"
    if "share" in cats:
        return "share" if is_pct else None
    if is_pp:
        return "growth_pp"
    if is_pct:
        if spec.get("rate_of_change"):
            return "level"
        if spec.get("dimension") == "percent":
            return "growth_pct" if moves and "level" not in cats and "comparison" in cats else "level"
        if moves or "growth_noun" in cats or m.growth:
            return "growth_pct"
        return None
    if m.growth or not _unit_fits(q, spec):
        return None
    if moves and not cats & {"level", "threshold"}:
        return None                                    # 增加5232亿元: an absolute change
    return "level"


def _finish(text: str, s: int, para_start: int, q: Quantity, gap: Gap, cat: str, name: str, lex: Lexicon,
            meta: DocumentMeta | None, section: Section | None = None, carried_five: bool = False,
            name_start: int | None = None) -> Quantity | None:
    spec = lex.specs[name]
    if cat == "level" and q.unit != "%" and not _unit_fits(q, spec):
        return None
    ctx = sentence_context(text, s, q.start, para_start, lex, meta)
    period = meta.period if meta else None
    notes = list(q.notes)
    # 年均新增城镇就业30万人: an average written before the name
    avg_before = name_start is not None and any(text[max(s, name_start - 6):name_start].endswith(w)
                                                for w in lex.averages)
    five = ctx.five_year or "average" in gap.cats or carried_five or avg_before
    if avg_before:
        notes.append("年均")
    change = q.change
    if cat in ("growth_pct", "growth_pp"):
        down = "down" in gap.cats or ("improve" in gap.cats and spec.get("better") == "lower")
        up = "up" in gap.cats or ("improve" in gap.cats and spec.get("better") != "lower")
        change = "down" if down and not up else "up" if up and not down else (q.change or "up")
        if "average" in gap.cats:
            notes.append("年均")
    if "real" in gap.cats:
        notes.append("按可比价")
    if "nominal" in gap.cats:
        notes.append("名义")
    if "estimate" in gap.cats or "预计" in text[s:q.start]:
        notes.append("预计")
    if "threshold" in gap.cats and cat == "level" and not q.approx:
        notes.append("突破")                            # 突破3万亿元: a threshold passed (compare: approx 超)
    target = ctx.target or "target" in gap.cats or (
        q.approx == "左右" and any(w in text[s:q.start] for w in lex.target_weak))
    in_plan = section is not None and section.plan and not _speaks_of_past(text[para_start:q.start], lex) \
        and ctx.year is None and gap.year is None and gap.base_year is None and ctx.base_year is None
    target = target or in_plan
    # 城镇新增就业累计106万人, 能耗强度累计下降17.3%: a total over several years, not one year's
    if not target and ("累计" in gap.words or (name_start is not None and "累计" in text[max(s, name_start - 4):name_start])):
        notes.append("累计")
        if not any(w in text[s:q.start] for w in lex.one_year):
            five = True
    if ctx.base_year is not None and cat in ("growth_pct", "growth_pp") and "average" not in gap.cats:
        return None                                    # 2005年与2000年相比，GDP增长57.3%: cumulative
    is_from = bool(gap.words) and lex.words.get(next((w for w in gap.words if lex.words.get(w) != "punctuation"),
                                                     ""), "") == "level" and \
        next((w for w in gap.words if lex.words.get(w) != "punctuation"), "") in ("从", "由")
    if target:
        if ctx.target_year is not None and not ("average" in gap.cats and ctx.plan_end):
            q_period = ctx.target_year
        elif "average" in gap.cats or ctx.five_year and ctx.plan_end and period and ctx.plan_end > period + 1:
            five = True
            q_period = ctx.plan_end if ctx.plan_end and (period is None or ctx.plan_end > period) else \
                (period + 5 if period else None)
        elif in_plan and section is not None and section.plan_end is not None:
            five = True                                # “十五五”时期主要目标任务: the plan's end year
            q_period = section.plan_end
        else:
            q_period = period + 1 if period is not None else None
        if q_period is not None and period is not None and q_period > period + 2:
            five = True                                # a plan's end-year target (到2030年)
        measure = "target_" + cat
    else:
        measure = cat
        if gap.year is not None:
            q_period = gap.year
        elif is_from:
            if not five:
                return None                            # 从X增加到Y without years: X's year unknown
            q_period = period - 5 if period else None
            notes.append("起点")
        elif five and ctx.plan_end and period and ctx.plan_end <= period:
            q_period = ctx.plan_end
        elif ctx.year is not None and (not five or period is None):
            q_period = ctx.year
        else:
            q_period = period
    return replace(q, indicator=name, measure=measure, target=target, period=q_period, five_year=five,
                   change=q.change or change, notes=tuple(dict.fromkeys(notes)))


def _by_subject(q: Quantity, lex: Lexicon, meta: DocumentMeta | None) -> Quantity | None:
    """A level whose extracted subject names an indicator, when no chain reached it."""
    if not q.subject or q.change or q.unit == "%" or q.kind == "pp":
        return None
    name = canonical_indicator(q.subject, lex)
    if name is None or not _unit_fits(q, lex.specs[name]):
        return None
    if q.target:
        return None
    return replace(q, indicator=name, measure="level", period=meta.period if meta else None,
                   notes=tuple(dict.fromkeys((*q.notes, "linked by subject"))))


def signed(q: Quantity) -> Decimal:
    """The value of a growth with its sign: a fall is negative.

    >>> signed(Quantity("5.2%", 0, 4, Decimal("5.2"), "%", "percent", change="down", measure="growth_pct"))
    Decimal('-5.2')
    """
    if q.measure and q.measure.removeprefix("target_") in ("growth_pct", "growth_pp") and q.change == "down":
        return -q.value
    return q.value

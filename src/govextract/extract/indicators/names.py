"""Indicator names in the text: mentions, lists (城镇、农村…), shares (占GDP比重) and
names of a part of the region (武汉都市圈经济总量)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from ...rules import RuleSet
from .gaps import read_gap
from .lexicon import Lexicon, lexicon

#: a Chinese character (CJK unified ideographs)
_HAN = re.compile(r"[\u4e00-\u9fff]")

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
    place: str = ""               # a part of the region named before it (武汉都市圈, 10个县, 眉山)


def _is_share(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """占地区生产总值的比重, 与国内生产总值之比: the indicator is the denominator."""
    before = text[max(0, start - 4):start]
    return bool(lex.share_after.match(text, end)) or before.endswith(lex.share_before)


def _run_before(text: str, start: int, limit: int = 12) -> str:
    """The Chinese characters right before ``start``, back to punctuation."""
    i = start
    while i > 0 and start - i < limit and (_HAN.match(text, i - 1) or text[i - 1].isalnum()):
        i -= 1
    return text[i:start]


def _blocked_prefix(text: str, start: int, lex: Lexicon, regions: Sequence[str]) -> str | None:
    """None when the name is the region's own; "" when it is no value of it (快于经济增速: a
    comparison base; 跨境电商进出口: a part of the whole); else the place it is about (武汉都市圈
    经济总量, 10个县地区生产总值: a part of the region)."""
    run = _run_before(text, start)
    if not run:
        return None
    if any(run.endswith(w) for w in lex.compared_to):
        return ""
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
        return ""
    if read_gap(rest, lex) is not None:
        return None
    if any(rest.endswith(w) for w in lex.not_subregions) or (rest != run and rest in lex.own_region_words):
        return None                                # 城市空气质量优良天数比率: the region's cities, not a part
    if not any(rest.endswith(suf) for suf in lex.subregion_suffixes):
        return None
    # 其中脱贫地区, 全省10个县: the place without the linking words before it
    lead = sorted((w for w in lex.words if len(w) >= 2), key=len, reverse=True)
    while (w := next((w for w in lead if rest.startswith(w) and len(rest) > len(w)), None)) is not None:
        rest = rest[len(w):]
    return rest


def find_mentions(text: str, lex: Lexicon, regions: Sequence[str] = ()) -> list[Mention]:
    """Indicator names in ``text``, with lists grouped.

    >>> from govextract.rules import load_rules
    >>> from govextract.extract.indicators import lexicon, region_names
    >>> lex = lexicon(load_rules())
    >>> [m.names for m in find_mentions("城乡居民人均可支配收入分别增长6%和7.4%", lex)]
    [('城镇常住居民人均可支配收入', '农村常住居民人均可支配收入')]
    >>> [m.names for m in find_mentions("城镇、农村常住居民人均可支配收入分别增长4.4%、5.9%", lex)]
    [('城镇常住居民人均可支配收入', '农村常住居民人均可支配收入')]
    >>> [m.names for m in find_mentions("服务业增加值占地区生产总值比重达54%", lex)]
    [()]
    >>> [(m.names, m.place) for m in find_mentions("武汉都市圈经济总量达到3.8万亿元", lex)]
    [(('地区生产总值',), '武汉都市圈')]
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
        place = _blocked_prefix(text, mention.start, lex, regions)
        if place == "":
            mention = Mention(s, e, ())
        elif place:
            mention = replace(mention, place=place)
        raw.append(mention)
    # names joined only by list separators form one list: A和B分别增长…
    out: list[Mention] = []
    for m in raw:
        if out and out[-1].names and m.names and text[out[-1].end:m.start] in lex.lists:
            prev = out.pop()
            m = Mention(prev.start, m.end, prev.names + m.names, prev.growth or m.growth, prev.place or m.place)
        out.append(m)
    # 地方财政收入、支出分别突破300亿元和3000亿元: a list whose other member is no indicator
    # keeps its place, so that the numbers pair by position
    for i, m in enumerate(out):
        if not m.names:
            continue
        tail = lex.other_member_re.match(text, m.end)
        nxt = out[i + 1].start if i + 1 < len(out) else len(text)
        if tail and tail.end("other") <= nxt and tail.group("sep") in lex.lists:
            out[i] = Mention(m.start, tail.end("other"), m.names + ("",), m.growth, m.place)
    return out


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
    while i > 0 and j - i < 8 and _HAN.match(text, i - 1):
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

"""The indicator vocabulary of ``rules/indicators.yaml``, compiled once per document,
and what it needs to read years and units."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from ...models import Quantity
from ...rules import RuleSet
from ..numbers import parse_int

#: measures of a quantity, as results; targets prefix ``target_``
MEASURES = ("level", "growth_pct", "growth_pp", "share", "average_growth_pct", "cumulative_level")


#: kinds of quantity that can be the level of an indicator of a dimension
_LEVEL_KINDS = {"money": {"money"}, "percent": {"percent"}, "count": {"count"}, "concentration": {"physical"},
                "energy": {"physical"}, "mass": {"physical"}, "area": {"physical"}, "duration": {"physical", "count"},
                "physical": {"physical"}}

def year_pattern(rules: RuleSet) -> re.Pattern:
    """A year as written: 2024年, 二〇二四年, optionally followed by 的 (从2020年的3.68万亿元);
    the words of ``periods.year`` in indicators.yaml, the Chinese digits of numerals.yaml."""
    year = (rules.indicators.get("periods") or {}).get("year") or {}
    zh = "".join(k for k, v in (rules.numerals.get("digits") or {}).items() if isinstance(v, int) and v < 10)
    # 2024年, 二〇二四年, 从2020年的…; not 2020年以来 ("since the year"), 2025年起 ("from")
    return re.compile(r"""
        (?P<y> [12]\d{3} | [%s]{4} )     # four digits, Arabic or Chinese
        %s (?! %s )                        # the year mark, not followed by a word of "since" / "from"
        (?: %s )?                          # "of" the year
    """ % (re.escape(zh), re.escape(year.get("mark", "")), _alt(year.get("not_after", ())),
           _alt(year.get("of", ()))), re.VERBOSE)


def _alt(words: Any) -> str:
    """An alternation of ``words``, longest first; one that never matches when empty."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


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
    own_region_words: tuple[str, ...] = ()
    summary_plan_sections: tuple[str, ...] = ()
    gloss_re: re.Pattern | None = None     # a parenthetical gloss inside a name: 细颗粒物（PM2.5）
    year_re: re.Pattern = re.compile("(?!)")
    year_mark: str = ""
    heading_re: re.Pattern = re.compile("(?!)")
    share_before: tuple[str, ...] = ()
    class_after: tuple[str, ...] = ()
    commas: tuple[str, ...] = ()
    aside_re: re.Pattern = re.compile("(?!)")
    other_member_re: re.Pattern = re.compile("(?!)")
    pp_units: tuple[str, ...] = ()
    from_words: tuple[str, ...] = ()
    cumulative: tuple[str, ...] = ()
    weak_approx: tuple[str, ...] = ()
    not_heading_starts: tuple[str, ...] = ()
    next_heading: tuple[str, ...] = ()
    plan_span_re: Mapping[str, re.Pattern] = field(default_factory=dict)   # 十四五 → “十四五”时期
    plan_named_re: Mapping[str, re.Pattern] = field(default_factory=dict)  # 十四五 → “十四五”, not 比“十四五”
    notes: Mapping[str, str] = field(default_factory=dict)                 # fact → a note for people
    estimate: tuple[str, ...] = ()
    basis_real: tuple[str, ...] = ()
    basis_nominal: tuple[str, ...] = ()
    remark_re: re.Pattern = re.compile("(?!)")      # 剔除…后, （…）: a remark between name and value
    sums: tuple[str, ...] = ()
    start_words: tuple[str, ...] = ()
    list_re: re.Pattern = re.compile("(?!)")       # a list separator (、 和 与)
    class_re: re.Pattern = re.compile("(?!)")      # 超200亿元县2个: a count of units past a line
    scope_words: tuple[str, ...] = ()
    clause_marks: tuple[str, ...] = ()               # 区本级, 全社会, 剔除虚增空转 (scopes: scope, restated)

    def surface(self, matched: str) -> str:
        """The name as listed for a matched mention (its glosses dropped when not listed so)."""
        if matched in self.names or self.gloss_re is None:
            return matched
        return self.gloss_re.sub("", matched)


def _priority(suffixes: Sequence[str]) -> tuple[str, ...]:
    """The region endings in the order of the list, each moved before the first ending it ends
    with (a user's 自治旗, added after 旗, is tried first).

    >>> _priority(["省", "市", "旗", "自治旗"])
    ('省', '市', '自治旗', '旗')
    """
    out: list[str] = []
    for s in suffixes:
        k = next((i for i, t in enumerate(out) if s.endswith(t)), len(out))
        out.insert(k, s)
    return tuple(out)


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
    brackets = [b for b in data.get("gloss_brackets", ()) if len(b) == 2]
    opens = re.escape("".join(b[0] for b in brackets))
    closes = re.escape("".join(b[1] for b in brackets))
    if glosses:
        gloss_alt = "|".join(re.escape(g) for g in sorted({g for gs in glosses.values() for g in gs},
                                                          key=len, reverse=True))
        gloss_re = re.compile(r"[%s] (?: %s ) [%s]" % (opens, gloss_alt, closes), re.VERBOSE)
        head_re = re.compile("|".join(re.escape(h) for h in sorted(glosses, key=len, reverse=True)))

    def pattern(surface: str) -> str:
        if head_re is None:
            return re.escape(surface)
        out, last = [], 0
        for hm in head_re.finditer(surface):
            opt = "|".join(re.escape(g) for g in sorted(glosses[hm.group()], key=len, reverse=True))
            out.append(re.escape(surface[last:hm.end()]) + "(?:[%s](?:%s)[%s])?" % (opens, opt, closes))
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
    # 占地区生产总值的比重, 在国内生产总值中的比重, 与GDP之比
    share_after = re.compile(r"""
        (?: %s )?                  # "of" / "in"
        (?: %s )                   # a word of share
    """ % (_alt(link.get("share_of", ())), _alt(link.get("share_tail", ()))), re.VERBOSE)
    tg = data.get("targets", {})
    per = data.get("periods", {})
    alt = _alt
    # a phrase that reports a result (目标任务全面完成), or an achievement verb and its object in one
    # clause (实现年初确定的主要目标, 完成年计划的118.2%)
    not_target = re.compile(r"""
        (?: %s )                           # a phrase that reports a result
      | (?: %s ) [^%s]{0,10}? (?: %s )    # verb ... object, within a clause
    """ % (alt(tg.get("not_target", ())), alt(tg.get("achieved", ())), re.escape("".join(tg.get("clause_marks", ()))),
           alt(tg.get("achieved_objects", ()))), re.VERBOSE)
    year_mark = re.escape((per.get("year") or {}).get("mark", ""))
    # 比2002年, 与2000年; 2000年相比
    base_re = re.compile(r"""
        (?: (?: %s ) \s* (?P<a> [12]\d{3} ) %s )          # "than" YEAR
      | (?: (?P<b> [12]\d{3} ) %s \s* (?: %s ) )          # YEAR "compared"
    """ % (alt(link.get("base_year", ())), year_mark, year_mark, alt(link.get("base_after", ()))), re.VERBOSE)
    # a plan named as a span (“十四五”时期), and named not as the base of a comparison (比“十三五”)
    closes_q = re.escape("".join(per.get("quotes_close", ())))
    opens_q = "".join(per.get("quotes_open", ()))
    not_before = re.escape("".join(w for w in link.get("base_year", ()) if len(w) == 1) + opens_q)
    plan_span_re = {p: re.compile(re.escape(p) + r"[%s]?(?:%s)" % (closes_q, alt(per.get("plan_spans", ()))))
                    for p in per.get("plans", {})}
    # … nor as the other side of a comparison (年均增长4.5%，高于“十三五”时期1.2个百分点)
    by_width: dict[int, list[str]] = {}
    for w in link.get("compared_to", ()):
        by_width.setdefault(len(w), []).append(re.escape(w))
    not_compared = "".join(r"(?<!%s)" % "|".join(ws) for ws in by_width.values())
    plan_named_re = {p: re.compile(r"(?<![%s])%s[%s]?" % (not_before, not_compared, re.escape(opens_q))
                                   + re.escape(p)) for p in per.get("plans", {})}
    seps = "".join(re.escape(w) for w in link.get("aside_separators", ()))
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
        region_suffixes=_priority(rules.documents.get("region_suffixes", ())),
        plan_sections=tuple(tg.get("plan_sections", ())), review_sections=tuple(tg.get("review_sections", ())),
        past=tuple(tg.get("past", ())), next_words=tuple(per.get("next", ())),
        part_prefixes=tuple(link.get("part_prefixes", ())),
        one_year=tuple(per.get("one_year", ())), not_headings=tuple(tg.get("not_headings", ())), averages=tuple(link.get("average", ())),
        gloss_re=gloss_re,
        summary_kinds=tuple(tg.get("summary_kinds", ())),
        not_subregions=tuple(link.get("not_subregions", ())),
        own_region_words=tuple(link.get("own_region_words", ())),
        summary_plan_sections=tuple(tg.get("summary_plan_sections", ())),
        year_re=year_pattern(rules), year_mark=(per.get("year") or {}).get("mark", ""),
        heading_re=re.compile(tg.get("heading", "(?!)"), re.VERBOSE | re.MULTILINE),
        share_before=tuple(link.get("share_before", ())), class_after=tuple(link.get("class_after", ())),
        commas=tuple(link.get("commas", ())),
        aside_re=re.compile("[%s]" % seps if seps else "(?!)"),
        # 地方财政收入、支出分别…: a short other member, no indicator, before 分别
        other_member_re=re.compile(r"""
            (?P<sep> %s )                        # a list separator
            (?P<other> [\u4e00-\u9fff]{1,10}? )  # a short name that is no indicator
            (?= %s )                             # before "respectively"
        """ % (alt(link.get("list", ())), alt(link.get("other_member_before", ()))), re.VERBOSE),
        pp_units=tuple(link.get("pp_units", ())), from_words=tuple(link.get("from", ())),
        cumulative=tuple(link.get("cumulative", ())), weak_approx=tuple(tg.get("weak_approx", ())),
        not_heading_starts=tuple(tg.get("not_heading_starts", ())), next_heading=tuple(per.get("next_heading", ())),
        plan_span_re=plan_span_re, plan_named_re=plan_named_re, notes=dict(data.get("notes") or {}),
        estimate=tuple(link.get("estimate", ())),
        **_facts(rules),
    )


def _facts(rules: RuleSet) -> dict[str, Any]:
    """The typed-fact vocabulary (``facts`` and ``scopes`` of indicators.yaml), compiled."""
    data = rules.indicators
    facts = data.get("facts") or {}
    remarks = [r for r in facts.get("remarks", ()) if isinstance(r, (list, tuple)) and len(r) == 2]
    # a remark: an opening word, up to 20 characters without a clause mark, its closing word
    remark_re = re.compile("|".join(r"""
        %s [^%s]{1,20}? %s        # opening word ... closing word
    """ % (re.escape(a), re.escape("".join(data.get("targets", {}).get("clause_marks", ()))), re.escape(b))
        for a, b in remarks) or "(?!)", re.VERBOSE)
    return dict(
        clause_marks=tuple(data.get("targets", {}).get("clause_marks", ())),
        list_re=re.compile(_alt((data.get("linking") or {}).get("list", ()))),
        basis_real=tuple(facts.get("basis_real", ())), basis_nominal=tuple(facts.get("basis_nominal", ())),
        remark_re=remark_re, sums=tuple(facts.get("sums", ())), start_words=tuple(facts.get("start_words", ())),
        # 超200亿元县2个: a class noun right after a value, then a count
        class_re=re.compile(r"(?: %s ) (?= [0-9%s] )" % (
            _alt(facts.get("class_nouns", ())),
            re.escape("".join(k for k, v in (rules.numerals.get("digits") or {}).items() if v))), re.VERBOSE),
        scope_words=tuple(sorted((w for w, k in (data.get("scopes") or {}).items() if k in ("scope", "restated")),
                                 key=len, reverse=True)))


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


def unit_fits(q: Quantity, spec: Mapping[str, Any]) -> bool:
    units = spec.get("units")
    if units:
        return q.unit in units
    return q.kind in _LEVEL_KINDS.get(spec.get("dimension", ""), {q.kind})

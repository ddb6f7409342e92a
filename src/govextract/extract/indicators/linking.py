"""Linking: tie each quantity to the indicator named before it and say what it measures."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from ...models import DocumentMeta, Quantity
from ...rules import RuleSet
from .facts import basis_of, region_place, scope_of
from .gaps import Gap, read_link_gap
from .lexicon import Lexicon, lexicon, region_names, unit_fits
from .names import Mention, _run_before, canonical_indicator, find_mentions
from .periods import Section, _five_year_paragraphs, _section_at, _speaks_of_past, plan_sections, sentence_context

if TYPE_CHECKING:  # pragma: no cover
    from ...structure.document import Document


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
    own = region_names(meta.region if meta else None, lex)
    mentions = _with_places(text, find_mentions(text, lex, own), lex, rules, meta, own)
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
        if new is None:
            new = _in_plan(text, q, sections, paragraphs, lex)
        result.append(new or q)
    return result


def _with_places(text: str, mentions: list[Mention], lex: Lexicon, rules: RuleSet, meta: DocumentMeta | None,
                 own: Sequence[str]) -> list[Mention]:
    """Mentions with the place of the region named right before them (内江、眉山地区生产总值)."""
    code = meta.region_code if meta else None
    if not code:
        return mentions
    from ...structure.regions import region_table

    table = region_table(rules)
    out = []
    for m in mentions:
        if m.names and not m.place:
            place = region_place(text, m.start, _run_before(text, m.start), lex, table, code, own)
            m = replace(m, place=place) if place else m
        out.append(m)
    return out


def _in_plan(text: str, q: Quantity, sections: Sequence[Section], paragraphs: Sequence[tuple[int, int]],
             lex: Lexicon) -> Quantity | None:
    """An unlinked figure in a plan part of the report (三、2026年工作安排) is a target for the
    plan's year, unless its paragraph speaks of the past there."""
    sec = _section_at(sections, q.start)
    if sec is None or not sec.plan or q.source == "table":
        return None
    para_start = max((ps for ps, _ in paragraphs if ps <= q.start), default=0)
    if _speaks_of_past(text[para_start:q.start], lex):
        return None
    year = sec.plan_end or sec.year
    return replace(q, target=True, period=year if year is not None else q.period)


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
    thresholds: list[tuple[Quantity, Quantity]] = []
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
        gap = read_link_gap(text[cursor:q.start], lex)
        if gap is None or (prev_cat is not None and gap.words and not gap.only_list and q.text[:1].isdigit()
                           and all(lex.words.get(w) == "punctuation" and w in lex.commas for w in gap.words)):
            cur = None                                   # 6600万人以上，13亿多人…: a bare comma after a value
            continue
        cursor = q.end
        if lex.class_re.match(text, q.end):
            cur = None                                   # 超200亿元县2个: a count of units past a line
            thresholds.append((q, replace(q, threshold=True)))
            continue
        after = next((w for w in lex.not_followed_by if text.startswith(w, q.end)), None)
        if after is not None:
            if after in lex.class_after:
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
    linked: list[tuple[Quantity, Quantity]] = list(thresholds)
    shared: dict[int, list[str]] = {}
    mapped: set[int] = set()            # mentions whose list was mapped member by member
    places: dict[int, str] = {}         # 内江、眉山地区生产总值分别增长6.1%、6.5%: a value per place
    owners: dict[int, Mention] = {}     # a value given to another mention of the sentence
    for i, (mention, run) in enumerate(runs):
        names = mention.names
        members = [p for p in lex.list_re.split(mention.place) if p] if mention.place else []
        earlier = _respective_mentions(runs[:i], mention, run)
        if earlier:
            # 城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，…，分别实际增长7.7%和6.8%:
            # 分别 over the names of the clauses before, one value each
            pairs = []
            for (q, gap, _), m in zip(run, earlier):
                owners[id(q)] = m
                pairs.append(((q, gap, _measure(q, gap, m, lex)), m.names[0]))
        elif len(names) == 1 and len(members) > 1 and len(members) == len(run):
            pairs = [(r, names[0]) for r in run]
            places.update((id(r[0]), p) for r, p in zip(run, members))
        elif len(names) == len(run):
            pairs = list(zip(run, names))
            mapped.add(id(mention))
        elif len(names) == 1:
            pairs = [(run[0], names[0])]
        elif len(run) == 1 and all(names) and ("respectively" not in run[0][1].cats or id(mention) in mapped):
            # 重点建设用地和受污染耕地安全利用率（均）保持100%: one value said of each member;
            # 城镇和农村居民人均可支配收入分别达35512元、25689元，分别同比增长7.8%: across clauses too
            pairs = [(run[0], n) for n in names]
        else:
            continue
        for (q, gap, cat), name in pairs:
            if cat is None or not name:
                continue
            if id(q) in shared:
                if unit_fits(q, lex.specs[name]) or q.unit == "%":
                    shared[id(q)].append(name)
                continue
            owner = owners.get(id(q), mention)
            new = _finish(text, s, para_start, q, gap, cat, name, lex, meta, section, carried_five,
                          replace(owner, place=places.get(id(q), owner.place)))
            if new is not None:
                linked.append((q, new))
                shared[id(q)] = []
    # one value said of a list: the first name links, the others go in ``also_indicators``
    return [(q, replace(new, also_indicators=tuple(shared.get(id(q), ())))) for q, new in linked]


def _respective_mentions(before: Sequence[tuple[Mention, list]], mention: Mention,
                         run: Sequence[tuple[Quantity, Gap, str | None]]) -> list[Mention]:
    """The single-name mentions, one per value, that a 分别 run of several values after
    ``mention`` (itself named with one value before) refers to: the last ones of the sentence
    that had their own values, ending with ``mention``. Empty when the run is not so."""
    if len(mention.names) != 1 or len(run) < 2 or "respectively" not in run[0][1].cats:
        return []
    seen: list[Mention] = []
    for m, _ in before:
        if m not in seen:
            seen.append(m)
    if not seen or seen[-1] is not mention:
        return []
    chosen = seen[-len(run):]
    if len(chosen) != len(run) or any(len(m.names) != 1 or not m.names[0] for m in chosen):
        return []
    return chosen


def _measure(q: Quantity, gap: Gap, m: Mention, lex: Lexicon, name: str | None = None) -> str | None:
    """The measure a number has after the words ``gap`` (None: not a value of the indicator),
    for the mention's first name or ``name``."""
    spec = lex.specs[name or m.names[0]]
    cats = gap.cats
    moves = cats & {"up", "down", "improve"}
    if gap.base_year is not None:
        # 比2010年增加13480元: an absolute change since the base year (compare derives the base);
        # 比2002年增长65.5%: a cumulative growth, not annual — no measure
        return "change" if _is_change(q, cats, moves, m, spec, lex) else None
    is_pp = q.kind == "pp" or q.unit in lex.pp_units
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
    if m.growth or not unit_fits(q, spec):
        return None
    if moves and not cats & {"level", "threshold"}:
        # 比上年增加12天: an absolute change on the year before; 增加5232亿元 alone: unknown base
        return "change" if "comparison" in cats else None
    return "level"


def _is_change(q: Quantity, cats: frozenset[str], moves: frozenset[str], m: Mention, spec: Any,
               lex: Lexicon) -> bool:
    """An absolute change in the level's own unit (增加13480元, 减少3天), not a rate."""
    return bool(moves) and not cats & {"level", "threshold", "share"} and q.unit != "%" \
        and not (q.kind == "pp" or q.unit in lex.pp_units) and not m.growth and unit_fits(q, spec)


def _finish(text: str, s: int, para_start: int, q: Quantity, gap: Gap, cat: str, name: str, lex: Lexicon,
            meta: DocumentMeta | None, section: Section | None = None, carried_five: bool = False,
            mention: Mention | None = None) -> Quantity | None:
    spec = lex.specs[name]
    if cat == "level" and q.unit != "%" and not unit_fits(q, spec):
        return None
    name_start = mention.start if mention is not None else None
    ctx = sentence_context(text, s, q.start, para_start, lex, meta)
    period = meta.period if meta else None
    before = text[s:q.start]
    # 年均新增城镇就业30万人: an average written before the name
    avg_before = name_start is not None and any(text[max(s, name_start - 6):name_start].endswith(w)
                                                for w in lex.averages)
    average = avg_before or (cat in ("growth_pct", "growth_pp") and "average" in gap.cats)
    five = ctx.five_year or "average" in gap.cats or carried_five or avg_before
    change = q.change
    if cat in ("growth_pct", "growth_pp", "change"):
        down = "down" in gap.cats or ("improve" in gap.cats and spec.get("better") == "lower")
        up = "up" in gap.cats or ("improve" in gap.cats and spec.get("better") != "lower")
        change = "down" if down and not up else "up" if up and not down else (q.change or "up")
    estimate = "estimate" in gap.cats or any(w in before for w in lex.estimate)
    threshold = "threshold" in gap.cats and cat == "level" and not q.approx   # 突破3万亿元: a line crossed
    target = ctx.target or "target" in gap.cats or (
        q.approx in lex.weak_approx and any(w in before for w in lex.target_weak))
    in_plan = section is not None and section.plan and not _speaks_of_past(text[para_start:q.start], lex) \
        and ctx.year is None and gap.year is None and gap.base_year is None and ctx.base_year is None
    target = target or in_plan
    # 城镇新增就业累计106万人, 能耗强度累计下降17.3%, 五年来共…: a total over several years
    cumulative = not target and (any(w in gap.words for w in lex.cumulative) or (
        name_start is not None and any(w in text[max(s, name_start - 4):name_start] for w in lex.cumulative))
        or (five and cat == "level" and any(w in gap.words for w in lex.sums)))
    if cumulative and not any(w in before for w in lex.one_year):
        five = True
    if ctx.base_year is not None and cat in ("growth_pct", "growth_pp") and "average" not in gap.cats:
        return None                                    # 2005年与2000年相比，GDP增长57.3%: cumulative
    first = next((w for w in gap.words if lex.words.get(w) != "punctuation"), "")
    is_from = lex.words.get(first) == "level" and first in lex.from_words
    start_point = is_from or (mention is not None and any(w in text[mention.end:q.start] for w in lex.start_words))
    # a yearly average and a total over several years are measures of their own (issue 11): they
    # never enter a yearly series beside one year's growth or level
    kind = "average_growth_pct" if cat == "growth_pct" and average else \
        "cumulative_level" if cat == "level" and cumulative else cat
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
        elif in_plan and section is not None and section.year is not None:
            q_period = section.year                    # 三、2026年工作安排: the plan's year
        else:
            q_period = period + 1 if period is not None else None
        if q_period is not None and period is not None and q_period > period + 2:
            five = True                                # a plan's end-year target (到2030年)
        measure = "target_" + kind
    else:
        measure = kind
        if gap.year is not None:
            q_period = gap.year
        elif is_from:
            if not five:
                return None                            # 从X增加到Y without years: X's year unknown
            q_period = period - 5 if period else None
        elif five and ctx.plan_end and period and ctx.plan_end <= period:
            q_period = ctx.plan_end
        elif ctx.year is not None and (not five or period is None):
            q_period = ctx.year
        else:
            q_period = period
    base_period = gap.base_year if gap.base_year is not None else \
        (q_period - 1 if cat == "change" and q_period is not None else None)
    facts = dict(basis=basis_of(text, s, q.start, gap.cats, lex), average=average, cumulative=cumulative,
                 estimate=estimate, threshold=threshold, start_point=start_point,
                 scope=scope_of(text, s, (mention.start, mention.end, name) if mention is not None else
                                (q.start, q.start, name), q.start, gap.remarks, lex),
                 place=mention.place if mention is not None else "")
    notes = [*q.notes, *(lex.notes.get(k, "") for k, v in facts.items() if v is True),
             *((lex.notes.get(facts["basis"], ""),) if facts["basis"] else ())]
    return replace(q, indicator=name, measure=measure, target=target, period=q_period, five_year=five,
                   change=q.change or change, base_period=base_period, **facts,
                   notes=tuple(dict.fromkeys(n for n in notes if n)))


def _by_subject(q: Quantity, lex: Lexicon, meta: DocumentMeta | None) -> Quantity | None:
    """A level whose extracted subject names an indicator, when no chain reached it."""
    if not q.subject or q.change or q.unit == "%" or q.kind == "pp":
        return None
    name = canonical_indicator(q.subject, lex)
    if name is None or not unit_fits(q, lex.specs[name]):
        return None
    if q.target:
        return None
    return replace(q, indicator=name, measure="level", period=meta.period if meta else None,
                   notes=tuple(dict.fromkeys((*q.notes, "linked by subject"))))


def signed(q: Quantity) -> Decimal:
    """The value of a growth or an absolute change with its sign: a fall is negative.

    >>> signed(Quantity("5.2%", 0, 4, Decimal("5.2"), "%", "percent", change="down", measure="growth_pct"))
    Decimal('-5.2')
    """
    if q.measure and q.measure.removeprefix("target_") in ("growth_pct", "growth_pp", "change") \
            and q.change == "down":
        return -q.value
    return q.value

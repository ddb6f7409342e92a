"""Periods: what a sentence says about the year of its numbers, and the parts of a
report (review or plan, five-year reviews carried over paragraphs)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ...models import DocumentMeta
from .lexicon import Lexicon, _year

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
    years = [_year(m.group("y")) for m in lex.year_re.finditer(sent) if m.start() not in bases]
    future = [y for y in years if period is not None and y > period]
    target_year = max(future) if future else None
    if target_year is not None:
        target = True
    five = any(w in para for w in lex.five_year) or any(r.search(para) for r in lex.plan_span_re.values())
    # 比“十三五”时期增长19.1%: a plan named as the base of a comparison is not the one reviewed
    plans = [(m.start(), end) for p, end in lex.plans.items() for m in lex.plan_named_re[p].finditer(para)]
    plan_end = max(plans)[1] if plans else None
    past = [y for y in years if period is None or y <= period]
    base = max(bases.values()) if bases else None
    return Context(target, target_year, five, plan_end, past[-1] if past else None, base)


# --- the parts of a report: review or plan ------------------------------------------------
@dataclass(frozen=True)
class Section:
    """A part of the report from a heading on: does it set targets, and for which plan?"""

    start: int
    plan: bool
    plan_end: int | None = None     # a five-year plan's part (“十五五”时期主要目标任务): its end year
    year: int | None = None         # a plan part's year (三、2026年工作安排; 今年 → the reviewed year + 1)


def plan_sections(text: str, lex: Lexicon, period: int | None, kind: str | None = None) -> list[Section]:
    """Where the report turns from review to plan and back, from its headings.

    A heading with a review word (回顾, 成就) starts a review; one with a plan word
    (重点工作, 今年, 主要任务) or a year after the reviewed one starts a plan. Other
    headings leave the part as it was. In a work summary (``kind`` 工作总结) the parts review
    the year (一、主要工作, 二、重点工作推进情况): only a heading with a year after the reviewed
    one or a word of the year ahead (工作安排, 下一步) starts a plan.

    >>> from govextract.rules import load_rules
    >>> from govextract.extract.indicators import lexicon, region_names
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
    for m in lex.heading_re.finditer(text):
        title = m.group("title")
        if title.startswith(lex.not_heading_starts) or any(w in title for w in lex.not_headings):
            continue                               # the report's title, its date line
        years = [_year(y.group("y")) for y in lex.year_re.finditer(title)]
        if any(w in title for w in lex.review_sections) or (
                years and period is not None and all(y <= period for y in years)):
            out.append(Section(m.start(), False))   # 2025年工作回顾, 2025年主要工作
        elif any(w in title for w in plan_words) or (period is not None and any(y > period for y in years)):
            ends = [end for p, end in lex.plans.items() if p in title and period is not None and end > period + 1]
            near = period is not None and (str(period + 1) in title or any(w in title for w in lex.next_heading))
            ahead = [y for y in years if period is None or y > period]
            year = min(ahead) if ahead else period + 1 if period is not None else None
            out.append(Section(m.start(), True, max(ends) if ends and not near else None, year))
    return out


def _speaks_of_past(para: str, lex: Lexicon) -> bool:
    """A past word (去年, 过去一年) in the paragraph so far, after its last word of the year
    ahead (今年) or of a target.

    >>> from govextract.rules import load_rules
    >>> from govextract.extract.indicators import lexicon, region_names
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
    >>> from govextract.extract.indicators import lexicon, region_names
    >>> from govextract.structure.document import split_paragraphs
    >>> lex = lexicon(load_rules())
    >>> text = "这五年，民生福祉得到新改善。\\n城镇新增就业261.6万人。\\n过去一年，城镇新增就业48万人。\\n新增就业。"
    >>> _five_year_paragraphs(text, split_paragraphs(text), [], lex, 2025)
    [False, True, False, False]
    """
    starts = {sec.start for sec in sections}
    one_year = (*lex.one_year, *((f"{period}{lex.year_mark}",) if period else ()))
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
        if any(w in para for w in lex.five_year) or any(lex.plan_span_re[p].search(para) for p in plan_names):
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

"""Outline: numbered items at every level, and bold lead phrases.

Marker styles, from the outermost as 公文 uses them: ``一、`` → ``（一）`` →
``1.`` → ``（1）`` → ``①``; inline ``一是…二是…``; bold lead phrases. A style's
level is not fixed: it is one deeper than the nearest open item of an outer
style, so a report whose top level is ``（一）`` gets level 1 for it.

>>> from govextract.normalise import normalise
>>> n = normalise("一、总体情况\\n（一）加强建设。开展学习20次。**推进治理**，完成3项。\\n二、下一步")
>>> items = parse_outline(n.text, n.bold)
>>> [(i.level, i.marker, i.number, i.title) for i in items]
[(1, '一、', 1, '总体情况'), (2, '（一）', 1, '加强建设'), (3, '', None, '推进治理'), (1, '二、', 2, '下一步')]
>>> section_path(items, 26)
'一、总体情况 > （一）加强建设 > 推进治理'
"""
from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Sequence

import regex as re

from ..extract.numbers import parse_int
from ..models import Item
from ..rules import RuleSet, shipped_rules
from .grammar import grammar, words

#: rank of each style: lower ranks are outer
_RANK = {"cn_dun": 1, "cn_paren": 2, "arabic_dot": 3, "arabic_paren": 4, "circled": 5, "cn_shi": 6, "bold": 7}


def _title_after(text: str, pos: int, line_end: int, bold_end: int | None, title_end: "re.Pattern[str]",
                 trim: str) -> str:
    if bold_end is not None and pos < bold_end <= line_end:
        return text[pos:bold_end].strip(trim)
    m = title_end.search(text, pos, line_end)
    end = m.start() if m else line_end
    return text[pos:end].strip(trim)


def parse_outline(text: str, bold: Sequence[tuple[int, int]] = (), page_starts: Sequence[int] = (0,),
                  rules: RuleSet | None = None) -> list[Item]:
    """Every outline item of a normalised text, in document order, with spans and parents.
    The markers are ``grammar.outline_marker`` and ``outline_shi`` of rules/documents.yaml
    (without ``rules``, the shipped rules)."""
    doc = (rules or shipped_rules()).documents
    markers, shi = grammar(doc, "outline_marker"), grammar(doc, "outline_shi")
    title_end, comma = grammar(doc, "title_end"), grammar(doc, "clause_comma")
    trim = words(doc, "title_trim", " ")
    bold_by_start = {s: e for s, e in bold}
    raw: list[tuple[int, str, str, int | None, str, int]] = []  # start, style, marker, number, title, title_end
    pos = 0
    for line in text.split("\n"):
        line_end = pos + len(line)
        lead = 0
        while lead < len(line) and line[lead] == " ":
            lead += 1
        m = markers.match(line)
        if m:
            style = next(k for k in _RANK if m.groupdict().get(k))
            num = next(g for g in (m.group("n1"), m.group("n2"), m.group("n3"), m.group("n4"), m.group("n5")) if g)
            marker = m.group(style)
            start = pos + lead
            tpos = pos + m.end()
            title = _title_after(text, tpos, line_end, bold_by_start.get(start) or bold_by_start.get(tpos),
                                 title_end, trim)
            if title and not _looks_like_number_line(line[m.end():]):
                raw.append((start, style, marker, parse_int(num), title, tpos + len(title)))
        for s in shi.finditer(line):
            start = pos + s.start("marker")
            tpos = pos + s.end("marker")
            sub = title_end.search(text, tpos, line_end)
            c = comma.search(text[tpos:sub.start() if sub else line_end])
            end = tpos + c.start() if c else (sub.start() if sub else line_end)
            title = text[tpos:end].strip(trim)
            if title:
                raw.append((start, "cn_shi", s.group("marker"), parse_int(s.group("n")), title, end))
        pos = line_end + 1
    numbered_heads = [(s, te) for s, _, _, _, _, te in raw]
    for bs, be in bold:
        if any(s <= bs < te + 1 for s, te in numbered_heads):
            continue  # a bold heading that is already a numbered item
        title = text[bs:be].strip(trim)
        if not title or len(title) > 40 or not re.search(r"\p{Han}", title):
            continue
        raw.append((bs, "bold", "", None, title, be))
    raw.sort(key=lambda r: r[0])

    items: list[Item] = []
    stack: list[int] = []  # indexes into items
    for start, style, marker, number, title, _ in raw:
        rank = _RANK[style]
        while stack and _RANK[items[stack[-1]].style] >= rank:
            stack.pop()
        parent = stack[-1] if stack else None
        level = len(stack) + 1
        items.append(Item(level=level, marker=marker, number=number, title=title, start=start, end=len(text),
                          bold_lead=style == "bold", style=style, parent=parent,
                          page=bisect.bisect_right(page_starts, start) if page_starts else None))
        stack.append(len(items) - 1)
    # an item's section ends where the next item at its level or above begins
    out: list[Item] = []
    for i, it in enumerate(items):
        end = len(text)
        for nxt in items[i + 1:]:
            if nxt.level <= it.level:
                end = nxt.start
                break
        if it.parent is not None:
            end = min(end, _end_of(items, it.parent, text))
        out.append(replace(it, end=end))
    return out


def _end_of(items: list[Item], idx: int, text: str) -> int:
    it = items[idx]
    for nxt in items[idx + 1:]:
        if nxt.level <= it.level:
            return nxt.start
    return len(text)


def _looks_like_number_line(rest: str) -> bool:
    """``1.`` followed by nothing but digits or units is a number, not a heading."""
    return not re.search(r"\p{Han}", rest[:10])


def innermost(items: Sequence[Item], offset: int) -> int | None:
    """Index of the deepest item whose span holds ``offset``."""
    best = None
    for i, it in enumerate(items):
        if it.start > offset:
            break
        if offset < it.end and (best is None or it.level >= items[best].level):
            best = i
    return best


def section_path(items: Sequence[Item], offset: int, sep: str = " > ") -> str:
    """The section path of an offset: ``三、… > （八）打好蓝天保卫战``."""
    i = innermost(items, offset)
    chain: list[str] = []
    while i is not None:
        chain.append(items[i].label)
        i = items[i].parent
    return sep.join(reversed(chain))

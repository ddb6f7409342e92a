"""The 公文 header block: the 发文机关标志, the 发文字号 line and the title, read from the
first page's paragraphs (size and red ink). The words and patterns are those of
rules/documents.yaml: ``issuer_mark`` and ``grammar`` ``doc_number_line`` (built on
``doc_number``, the one source of the 发文字号 pattern) and ``issuer_mark_end``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex as re

from ..markup import BOLD
from ..structure.grammar import grammar, words
from .lines import Para

if TYPE_CHECKING:  # pragma: no cover
    from ..rules import RuleSet

__all__ = ["doc_number_line", "header_hints"]


def doc_number_line(rules: RuleSet | None = None) -> "re.Pattern[str]":
    """A whole line that is a 发文字号 (group ``num``): ``grammar.doc_number_line`` of
    rules/documents.yaml with ``grammar.doc_number`` in it (the shipped rules without ``rules``).

    >>> doc_number_line().match("嘉环〔2025〕3号 签发人：张三").group("num")
    '嘉环〔2025〕3号'
    """
    doc = rules.documents if rules is not None else None
    number = grammar(doc, "doc_number").pattern
    return grammar(doc, "doc_number_line", doc_number=number)


def header_hints(paras: list[Para], body_size: float, rules: RuleSet | None = None) -> dict:
    """Hints for the 公文 header block from the first page's paragraphs:
    the big (often red) 发文机关标志, the 发文字号 line, and the big title after it.

    >>> from govextract.ingest.lines import Glyph, Line
    >>> mk = lambda s, size, red=False: Para([Line([Glyph(c, 0, 1, red=red) for c in s], 0, size, size)], [0])
    >>> header_hints([mk("上海市某局文件", 30, True), mk("某环〔2025〕3号", 16), mk("关于印发的通知", 22),
    ...               mk("各单位：", 16)], 16)
    {'issuer': '上海市某局', 'doc_number': '某环〔2025〕3号', 'title': '关于印发的通知'}
    """
    doc = rules.documents if rules is not None else None
    number = doc_number_line(rules)
    mark = words(doc, "issuer_mark")
    mark_end = grammar(doc, "issuer_mark_end", mark=re.escape(mark)) if mark else None
    hints: dict = {}
    first = [p for p in paras if p.pages and p.pages[0] == 0][:8]
    title_from = 0
    texts = [p.text.replace(" ", "").replace(BOLD, "").strip() for p in first]
    for i, p in enumerate(first):
        t = texts[i]
        red = sum(g.red for ln in p.lines for g in ln.glyphs) > 0.5 * len(t) if t else False
        # the 发文机关标志: big, and red, or ending in the issuer mark, or followed by a 发文字号 line
        marked = red or bool(mark and t.endswith(mark)) or any(number.match(x) for x in texts[i + 1:i + 3])
        if "issuer" not in hints and p.size >= 1.2 * body_size and marked and not number.match(t):
            hints["issuer"] = mark_end.sub("", t) if mark_end else t
            title_from = i + 1
            continue
        mdoc = number.match(t)
        if mdoc and "doc_number" not in hints:
            hints["doc_number"] = mdoc.group("num").replace(" ", "")
            title_from = i + 1
            break
    for p in first[title_from:]:
        if p.size >= 1.15 * body_size:
            hints["title"] = p.text.replace(BOLD, "").strip()
            break
        if p.text.strip():
            break
    return hints

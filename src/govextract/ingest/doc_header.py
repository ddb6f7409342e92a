"""The 公文 header block: the 发文机关标志, the 发文字号 line and the title, read from the
first page's paragraphs (size and red ink).
"""
from __future__ import annotations

import re

from ..markup import BOLD
from .lines import Para

__all__ = ["DOC_NUMBER", "header_hints"]


DOC_NUMBER = re.compile(r"""
    ^ \s* ( [\u4e00-\u9fff]{1,12}               # 机关代字: 嘉环, 国办发
            \s* [〔［\[【（(] \s* \d{4} \s* [〕］\]】）)]   # 〔2025〕 year in brackets
            \s* 第? \s* \d{1,5} \s* 号 )        # 3号
    \s* (?: \S{0,12} )? $                       # a 签发人 may share the line
""", re.VERBOSE)


def header_hints(paras: list[Para], body_size: float) -> dict:
    """Hints for the 公文 header block from the first page's paragraphs:
    the big (often red) 发文机关标志, the 发文字号 line, and the big title after it.

    >>> from govextract.ingest.lines import Glyph, Line
    >>> mk = lambda s, size, red=False: Para([Line([Glyph(c, 0, 1, red=red) for c in s], 0, size, size)], [0])
    >>> header_hints([mk("上海市某局文件", 30, True), mk("某环〔2025〕3号", 16), mk("关于印发的通知", 22),
    ...               mk("各单位：", 16)], 16)
    {'issuer': '上海市某局', 'doc_number': '某环〔2025〕3号', 'title': '关于印发的通知'}
    """
    hints: dict = {}
    first = [p for p in paras if p.pages and p.pages[0] == 0][:8]
    title_from = 0
    texts = [p.text.replace(" ", "").replace(BOLD, "").strip() for p in first]
    for i, p in enumerate(first):
        t = texts[i]
        red = sum(g.red for ln in p.lines for g in ln.glyphs) > 0.5 * len(t) if t else False
        # the 发文机关标志: big, and red, or "…文件", or followed by a 发文字号 line
        marked = red or t.endswith("文件") or any(DOC_NUMBER.match(x) for x in texts[i + 1:i + 3])
        if "issuer" not in hints and p.size >= 1.2 * body_size and marked and not DOC_NUMBER.match(t):
            hints["issuer"] = re.sub(r"(?:文件|文件通知)$", "", t)
            title_from = i + 1
            continue
        mdoc = DOC_NUMBER.match(t)
        if mdoc and "doc_number" not in hints:
            hints["doc_number"] = mdoc.group(1).replace(" ", "")
            title_from = i + 1
            break
    for p in first[title_from:]:
        if p.size >= 1.15 * body_size:
            hints["title"] = p.text.replace(BOLD, "").strip()
            break
        if p.text.strip():
            break
    return hints

"""Page geometry → paragraphs: shared by the PDF reader and the OCR reader.

Both readers turn a page into :class:`Line` objects (glyphs with position, size,
boldness and OCR doubt); the PDF reader through :func:`page_lines`, from the
:class:`~govextract.ingest.glyphs.PageGlyphs` of either PDF engine. :func:`assemble` then

* drops running headers, footers and page numbers (``— 3 —``, ``-3-``, ``第3页``);
* rejoins the lines of a paragraph, across line and page breaks, without a space
  (Chinese wraps with no space), using indentation and line length;
* writes the in-band markup of :mod:`govextract.markup`: ``\\f`` before the first
  character of each page after the first, ``**`` around bold runs, and
  ``\\ue000…\\ue001`` around doubtful OCR spans.

>>> g = lambda s, x, top, size=10.0: Line([Glyph(c, x + i * size, x + (i + 1) * size) for i, c in enumerate(s)],
...                                      top, top + size, size)
>>> page1 = [g("一、总体情况", 30, 0), g("今年完成治理项目", 30, 20), g("五项，整治问题九个次", 10, 40),
...          g("— 1 —", 40, 95)]
>>> page2 = [g("完成。", 10, 0), g("下一段。", 30, 20), g("— 2 —", 40, 95)]
>>> assemble([page1, page2], page_height=100.0).text
'一、总体情况\\n今年完成治理项目五项，整治问题九个次\\x0c完成。\\n下一段。'
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..markup import BOLD, DOUBT_CLOSE, DOUBT_OPEN, PAGE, TABLE
from ..structure.grammar import words
from .bold import outline_start, tidy_bold
from .doc_header import doc_number_line, header_hints
from .lines import Glyph, Layout, Line, Para, is_red, page_lines
from .running import drop_running, is_page_number, is_rule_line

if TYPE_CHECKING:  # pragma: no cover
    from ..rules import RuleSet

# the readers import these from here
__all__ = ["Glyph", "Layout", "Line", "Metrics", "Para", "assemble", "doc_number_line", "drop_running",
           "header_hints", "is_page_number", "is_red", "is_rule_line", "measure", "outline_start", "page_lines",
           "paragraphs", "render", "tidy_bold"]


# --- assembling paragraphs ------------------------------------------------------------
@dataclass(frozen=True)
class Metrics:
    """Body text geometry, estimated from all lines."""

    size: float       # body character size
    left: float       # left edge of body lines
    right: float      # right edge of full body lines
    pitch: float      # baseline-to-baseline distance of body lines


def _left_edge(x0s: list[float], size: float) -> float:
    """The leftmost x at which a fair share of body lines start (stray lines and
    OCR noise further left do not count)."""
    step = size / 2
    buckets: dict[int, list[float]] = {}
    for x in x0s:
        buckets.setdefault(round(x / step), []).append(x)
    need = max(2, int(0.05 * len(x0s)))
    for k in sorted(buckets):
        near = buckets[k] + buckets.get(k + 1, [])
        if len(near) >= need:
            return statistics.median(near)
    return min(x0s)


def measure(pages: list[list[Line]]) -> Metrics:
    lines = [ln for page in pages for ln in page if ln.glyphs and ln.text != TABLE]
    if not lines:
        return Metrics(10.0, 0.0, 100.0, 12.0)
    sizes = [ln.size for ln in lines for _ in ln.glyphs]
    size = statistics.median(sizes)
    body = [ln for ln in lines if abs(ln.size - size) <= 0.2 * size] or lines
    left = _left_edge([ln.x0 for ln in body], size)
    x1s = sorted(ln.x1 for ln in body)
    right = x1s[int(0.8 * (len(x1s) - 1))]
    pitches = []
    for page in pages:
        pb = [ln for ln in page if abs(ln.size - size) <= 0.2 * size]
        for a, b in zip(pb, pb[1:]):
            d = b.top - a.top
            if 0.8 * size < d < 3 * size:
                pitches.append(d)
    pitch = statistics.median(pitches) if pitches else 1.5 * size
    return Metrics(size, left, right, pitch)


def _first_token_width(ln: Line, no_line_start: str) -> float:
    """Width of what would have had to fit at the end of the previous line: a run of
    Latin letters and digits (which do not break), or one character with the
    punctuation that may not start a line (``no_line_start`` of rules/documents.yaml)."""
    gs = ln.glyphs
    if not gs:
        return 0.0
    k = 1
    if gs[0].text.isascii() and gs[0].text.isalnum():
        while k < len(gs) and gs[k].text.isascii() and (gs[k].text.isalnum() or gs[k].text in ".,%-/"):
            k += 1
    while k < len(gs) and gs[k].text in no_line_start:
        k += 1
    return gs[k - 1].x1 - gs[0].x0


_NUMBER_END = re.compile(r"""[^\W\d_A-Za-z] [0-9][0-9.,]* $""", re.VERBOSE)   # …增长11.  …新建1 (a word, then digits)
_NUMBER_REST = re.compile(r"""^ [0-9.%‰]""", re.VERBOSE)                      # .1%  01个  1%


def _number_cut(prev: Line, ln: Line, m: Metrics) -> bool:
    """A number cut by the line end: ``prev`` is a full line ending in digits straight
    after a word, and ``ln`` starts at the left edge with the rest of the number or its
    unit. Typesetting never breaks a number, so this is one paragraph whatever the
    line lengths say (a scan's recogniser may leave the last digits short of the edge).
    A row of figures (digits after a space) is not a cut number."""
    return (bool(_NUMBER_END.search(prev.text)) and bool(_NUMBER_REST.match(ln.text))
            and abs(prev.size - ln.size) <= 0.25 * m.size and ln.x0 <= m.left + 0.8 * m.size
            and prev.x1 >= m.left + 0.75 * (m.right - m.left))


def _new_paragraph(prev: Line, ln: Line, new_page: bool, m: Metrics, rules: RuleSet | None) -> bool:
    if prev.text == TABLE or ln.text == TABLE:
        return True                              # a table's mark stands on a line of its own
    if _number_cut(prev, ln, m) and (new_page or ln.top - prev.top <= 1.7 * m.pitch):
        return False
    big = 1.15 * m.size
    if prev.size > big or ln.size > big:
        # titles: centred lines of one size close together are one title
        same = abs(prev.size - ln.size) <= 0.1 * max(prev.size, ln.size)
        close = not new_page and ln.top - prev.top <= 2.0 * max(prev.size, ln.size)
        return not (same and close and not outline_start(rules).match(ln.text))
    if abs(prev.size - ln.size) > 0.25 * m.size:
        return True
    if ln.x0 > m.left + 0.8 * m.size:            # indented, centred or right-aligned
        return True
    no_line_start = words(rules.documents if rules is not None else None, "no_line_start")
    if m.right - prev.x1 > _first_token_width(ln, no_line_start) + 0.5 * m.size:   # room left for the next word
        return True
    if not new_page and ln.top - prev.top > 1.7 * m.pitch:   # a blank line between
        return True
    return False


def paragraphs(pages: list[list[Line]], m: Metrics, rules: RuleSet | None = None) -> list[Para]:
    """Lines → paragraphs (the vocabulary of ``rules``, the shipped rules without it)."""
    paras: list[Para] = []
    prev: Line | None = None
    prev_page = -1
    for pno, lines in enumerate(pages):
        for ln in lines:
            if not ln.glyphs:
                continue
            if prev is None or _new_paragraph(prev, ln, pno != prev_page, m, rules):
                paras.append(Para())
            paras[-1].lines.append(ln)
            paras[-1].pages.append(pno)
            prev, prev_page = ln, pno
    return paras


def render(paras: list[Para], n_pages: int, bold_policy: str = "leads",
           body_size: float | None = None, rules: RuleSet | None = None) -> tuple[str, tuple[float, ...]]:
    """Write paragraphs with markup. Bold on title-sized text is dropped under
    the ``leads`` policy (a title is not a bold lead)."""
    out: list[str] = []
    doubts: list[float] = []
    page_seen = 0                       # pages whose start has been written
    for para in paras:
        chunk: list[str] = []
        bold = False
        doubt_id = 0
        for ln, pno in zip(para.lines, para.pages):
            big = body_size is not None and ln.size > 1.15 * body_size and bold_policy == "leads"
            for k, g in enumerate(ln.glyphs):
                if k == 0 and pno > page_seen:
                    chunk.append(PAGE * (pno - page_seen))
                    page_seen = pno
                gb = g.bold and not big and bold_policy != "none"
                if g.doubt_id != doubt_id:
                    if doubt_id:
                        chunk.append(DOUBT_CLOSE)
                if gb != bold:
                    chunk.append(BOLD)
                    bold = gb
                if g.doubt_id != doubt_id:
                    if g.doubt_id:
                        chunk.append(DOUBT_OPEN)
                        doubts.append(g.doubt if g.doubt is not None else 0.0)
                    doubt_id = g.doubt_id
                chunk.append(g.text)
        if doubt_id:
            chunk.append(DOUBT_CLOSE)
        if bold:
            chunk.append(BOLD)
        out.append(tidy_bold("".join(chunk), bold_policy, rules))
    text = "\n".join(out)
    if n_pages - 1 > page_seen:
        text += PAGE * (n_pages - 1 - page_seen)
    return text, tuple(doubts)


def assemble(pages: list[list[Line]], page_height: float, bold_policy: str = "leads",
             drop_rules: bool = True, *, rules: RuleSet | None = None) -> Layout:
    """Lines of every page → text with markup (see the module docstring), with the page
    furniture of rules/web.yaml and the typesetting words of rules/documents.yaml in ``rules``
    (the shipped rules without it)."""
    if drop_rules:
        pages = drop_running(pages, page_height, rules=rules)
    m = measure(pages)
    paras = paragraphs(pages, m, rules)
    text, doubts = render(paras, len(pages), bold_policy, m.size, rules)
    return Layout(text, doubts, tuple(paras), m.size)

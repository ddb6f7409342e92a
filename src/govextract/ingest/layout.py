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
from dataclasses import dataclass, field

from ..markup import BOLD, DOUBT_CLOSE, DOUBT_OPEN, PAGE, TABLE
from .glyphs import PageGlyphs


@dataclass
class Glyph:
    """One character (or a space) on a page."""

    text: str
    x0: float
    x1: float
    bold: bool = False
    doubt: float | None = None      # OCR confidence of the doubtful span this glyph is in
    doubt_id: int = 0               # glyphs of one doubtful span share an id (0: not doubtful)
    red: bool = False


@dataclass
class Line:
    """One line of text on a page; coordinates grow rightwards and downwards."""

    glyphs: list[Glyph]
    top: float
    bottom: float
    size: float                     # character height (font size, or pixel height for OCR)

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0 if self.glyphs else 0.0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1 if self.glyphs else 0.0


@dataclass
class Para:
    """A paragraph: its lines and the page each line is on (0-based)."""

    lines: list[Line] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)

    @property
    def size(self) -> float:
        return statistics.median(line.size for line in self.lines)

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Layout:
    """Assembled text with markup, the doubt confidences, and the paragraphs."""

    text: str
    doubts: tuple[float, ...]
    paras: tuple[Para, ...]
    body_size: float


# --- glyphs → lines -------------------------------------------------------------------
def is_red(fill: tuple[float, float, float] | None) -> bool:
    """A red fill (the 公文 发文机关标志), from a PageGlyphs ``fill``.

    >>> is_red((0.816, 0.0, 0.0)), is_red((1.0, 0.0, 0.0)), is_red((0.0, 0.0, 0.0)), is_red(None)
    (True, True, False, False)
    """
    if not fill:
        return False
    r, g, b = fill
    return r > 0.6 and g < 0.35 and b < 0.35


def page_lines(page: PageGlyphs) -> list[Line]:
    """Group a page's characters (whichever engine read them) into lines by
    vertical overlap, left to right; a gap wider than 0.6 × size becomes a space.
    Rotated characters are left out.

    >>> c = lambda t, x, top: {"text": t, "x0": x, "x1": x + 10, "top": top, "bottom": top + 10, "size": 10.0,
    ...                        "bold": t == "乙", "fill": (0.0, 0.0, 0.0), "upright": True}
    >>> pg = lambda *cs: PageGlyphs(1, 100.0, 100.0, cs, ())
    >>> [(ln.text, ln.top) for ln in page_lines(pg(c("丙", 40, 0.4), c("乙", 10, 0), c("甲", 0, 0), c("丁", 0, 20)))]
    [('甲乙 丙', 0.0), ('丁', 20.0)]
    >>> [g.bold for g in page_lines(pg(c("甲", 0, 0), c("乙", 10, 0)))[0].glyphs]
    [False, True]
    """
    cs = [c for c in page.chars if c.get("upright", True) and c["text"].strip()]
    cs.sort(key=lambda c: (c["top"], c["x0"]))
    groups: list[list[dict]] = []
    spans: list[list[float]] = []
    for c in cs:
        top, bottom = c["top"], c["bottom"]
        mid = (top + bottom) / 2
        for k in range(len(groups) - 1, max(len(groups) - 4, -1), -1):
            span = spans[k]
            if span[0] - 0.5 <= mid <= span[1] + 0.5:
                groups[k].append(c)
                if top < span[0]:
                    span[0] = top
                if bottom > span[1]:
                    span[1] = bottom
                break
        else:
            groups.append([c])
            spans.append([top, bottom])
    reds: dict = {}
    lines: list[Line] = []
    for grp, (top, bottom) in zip(groups, spans):
        grp.sort(key=lambda c: c["x0"])
        glyphs: list[Glyph] = []
        sizes: list[float] = []
        prev_x1 = None
        for c in grp:
            size = float(c.get("size") or (c["bottom"] - c["top"]) or 1.0)
            x0 = float(c["x0"])
            if prev_x1 is not None and x0 - prev_x1 > 0.6 * size:
                glyphs.append(Glyph(" ", prev_x1, x0))
            fill = c.get("fill")
            red = reds.get(fill)
            if red is None:
                red = reds[fill] = is_red(fill)
            prev_x1 = float(c["x1"])
            glyphs.append(Glyph(c["text"], x0, prev_x1, bold=bool(c.get("bold")), red=red))
            sizes.append(size)
        sizes.sort()
        lines.append(Line(glyphs, float(top), float(bottom), sizes[len(sizes) // 2]))
    lines.sort(key=lambda ln: ln.top)
    return lines


# --- running headers, footers, page numbers ------------------------------------------
_PAGE_NUMBER = re.compile(r"""
    ^ \s* (?:
        [-—–一_~－·•]* \s* \d{1,4} \s* [-—–一_~－·•]*   # — 3 —   -3-   3   (OCR reads — as 一)
      | 第 \s* \d{1,4} \s* 页 (?: \s* [,，/]? \s* 共 \s* \d{1,4} \s* 页 )?   # 第3页 第3页共14页
      | \d{1,4} \s* [/／] \s* \d{1,4}                    # 3/14
      | (?i: page ) \s* \d{1,4} (?: \s* (?i: of ) \s* \d{1,4} )?   # Page 3 of 14
    ) \s* $
""", re.VERBOSE)

RULE_LINE = re.compile(r"""
    ^ [\s\u2500-\u257f\u2014\u2015_=\-~·•*]{5,} $    # a drawn rule: ━━━━ ———— ____ (the 公文 red line)
""", re.VERBOSE)


_PAGE_REMNANT = re.compile(r"""
    ^ \s* [-—–_~－·•]{1,3} \s+ [-—–_~－·•]{1,3} \s* $   # "— —": a page number's dashes, its digits read apart
""", re.VERBOSE)


def is_page_number(text: str) -> bool:
    """A page number as printed in a header or footer.

    A text layer may keep the digits and the dashes of ``— 3 —`` as two objects on
    slightly different baselines, read as two lines ``3`` and ``— —``: both are page numbers.

    >>> [is_page_number(s) for s in ("— 3 —", "-3-", "第3页", "第 3 页 共 14 页", "3/14", "-2一", "2024年")]
    [True, True, True, True, True, True, False]
    >>> [is_page_number(s) for s in ("— —", "- -", "——", "一、")]
    [True, True, False, False]
    """
    return bool(text.strip()) and bool(_PAGE_NUMBER.match(text) or _PAGE_REMNANT.match(text))


def _mask_digits(text: str) -> str:
    return re.sub(r"\d+", "#", text.replace(" ", ""))


def drop_running(pages: list[list[Line]], page_height: float, margin: float = 0.1) -> list[list[Line]]:
    """Drop page numbers and running headers/footers: lines in the top or bottom
    ``margin`` of the page that are page numbers, or whose text (digits masked)
    recurs in the same band on at least half of the pages (and on 3 or more)."""
    top_band, bottom_band = page_height * margin, page_height * (1 - margin)
    counts: dict[tuple[str, str], int] = {}
    for lines in pages:
        seen = set()
        for ln in lines:
            band = "top" if ln.bottom <= top_band else "bottom" if ln.top >= bottom_band else ""
            if band:
                seen.add((band, _mask_digits(ln.text)))
        for key in seen:
            counts[key] = counts.get(key, 0) + 1
    need = max(3, (len(pages) + 1) // 2)
    out = []
    for lines in pages:
        kept = []
        for ln in lines:
            if ln.text == TABLE:
                kept.append(ln)                  # a table's mark is never page furniture
                continue
            band = "top" if ln.bottom <= top_band else "bottom" if ln.top >= bottom_band else ""
            if band and (is_page_number(ln.text) or counts.get((band, _mask_digits(ln.text)), 0) >= need):
                continue
            if RULE_LINE.match(ln.text):
                continue
            kept.append(ln)
        out.append(kept)
    return out


# --- outline markers and bold --------------------------------------------------------
OUTLINE_START = re.compile(r"""
    ^ (?: [一二三四五六七八九十百]+ [、.．]                 # 一、
        | [（(] [一二三四五六七八九十百\d]+ [）)]            # （一） (1)
        | \d{1,3} [.．、] (?!\d)                          # 1. 1．  1、 (not 1.5)
        | [①-⑳]                                          # ①
        | [一二三四五六七八九十]+ 是                         # 一是
        | 第 [一二三四五六七八九十]+ [,，、]                   # 第一，
    )
""", re.VERBOSE)

_PUNCT_EDGE = "，。、；：！？,.;:!? \u3000"   # sentence punctuation ends a bold run; brackets and quotes stay inside


def tidy_bold(para: str, policy: str = "leads") -> str:
    """Tidy the ``**`` runs of one paragraph and apply the bold ``policy``.

    Runs are merged when adjacent and emptied when blank; trailing punctuation
    moves out of a run. ``all`` keeps every run; ``none`` drops them; ``leads``
    keeps runs that are evidence of a bold-lead outline item, and drops runs in the
    heading of a paragraph that begins with a numbered marker (up to its first 。):
    the number already makes it an outline item.

    >>> tidy_bold("**（一）加强建设。**持续开展。**推进VOCs综合治理。**开展检查。")
    '（一）加强建设。持续开展。**推进VOCs综合治理**。开展检查。'
    >>> tidy_bold("（**二）加强**建设。**推进治理**，开展检查。"), tidy_bold("三、高水平推进污**染防治攻**坚")
    ('（二）加强建设。**推进治理**，开展检查。', '三、高水平推进污染防治攻坚')
    >>> tidy_bold("**甲****乙**丙**  **")
    '**甲乙**丙  '
    >>> tidy_bold("**推进治理**，开展检查", "none")
    '推进治理，开展检查'
    """
    if BOLD not in para:
        return para
    parts = para.split(BOLD)
    if len(parts) % 2 == 0:          # unbalanced: close the last run at the end
        parts.append("")
    # parts: plain, bold, plain, bold, ..., plain
    runs: list[tuple[str, bool]] = []
    for i, chunk in enumerate(parts):
        if chunk:
            b = i % 2 == 1
            if runs and runs[-1][1] == b:
                runs[-1] = (runs[-1][0] + chunk, b)
            else:
                runs.append((chunk, b))
    # a paragraph that opens with a numbered marker: its heading runs to the first
    # full stop (or is the whole paragraph); bold there adds nothing to the number
    plain = "".join(r[0] for r in runs)
    lead = len(plain) - len(plain.lstrip(" \u3000" + PAGE))
    heading_end = 0
    if OUTLINE_START.match(plain[lead:]):
        stop = plain.find("。", lead)
        heading_end = stop + 1 if stop >= 0 else len(plain)
    out: list[str] = []
    offset = 0
    for i, (chunk, b) in enumerate(runs):
        offset += len(runs[i - 1][0]) if i else 0
        if not b:
            out.append(chunk)
            continue
        core = chunk.rstrip(_PUNCT_EDGE)
        tail = chunk[len(core):]
        lead = core[: len(core) - len(core.lstrip(" \u3000"))]
        core = core[len(lead):]
        keep = bool(core.strip(PAGE)) and policy != "none"
        if keep and policy == "leads" and heading_end and offset < heading_end:
            keep = False                  # bold inside the heading of a numbered item
        if keep:
            # a page mark at either edge stays outside the run
            pre = core[: len(core) - len(core.lstrip(PAGE))]
            post = core[len(core.rstrip(PAGE)):]
            out.append(lead + pre + BOLD + core.strip(PAGE) + BOLD + post + tail)
        else:
            out.append(lead + core + tail)
    return "".join(out)


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


def _centred(ln: Line, m: Metrics) -> bool:
    mid = (m.left + m.right) / 2
    return abs((ln.x0 + ln.x1) / 2 - mid) < 1.5 * m.size and ln.x0 > m.left + 0.8 * m.size


_NO_LINE_START = "，。、；：！？）》」』”’,.;:!?)%"   # punctuation that may not begin a line


def _first_token_width(ln: Line) -> float:
    """Width of what would have had to fit at the end of the previous line: a run of
    Latin letters and digits (which do not break), or one character with the
    punctuation that may not start a line."""
    gs = ln.glyphs
    if not gs:
        return 0.0
    k = 1
    if gs[0].text.isascii() and gs[0].text.isalnum():
        while k < len(gs) and gs[k].text.isascii() and (gs[k].text.isalnum() or gs[k].text in ".,%-/"):
            k += 1
    while k < len(gs) and gs[k].text in _NO_LINE_START:
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


def _new_paragraph(prev: Line, ln: Line, new_page: bool, m: Metrics) -> bool:
    if prev.text == TABLE or ln.text == TABLE:
        return True                              # a table's mark stands on a line of its own
    if _number_cut(prev, ln, m) and (new_page or ln.top - prev.top <= 1.7 * m.pitch):
        return False
    big = 1.15 * m.size
    if prev.size > big or ln.size > big:
        # titles: centred lines of one size close together are one title
        same = abs(prev.size - ln.size) <= 0.1 * max(prev.size, ln.size)
        close = not new_page and ln.top - prev.top <= 2.0 * max(prev.size, ln.size)
        return not (same and close and not OUTLINE_START.match(ln.text))
    if abs(prev.size - ln.size) > 0.25 * m.size:
        return True
    if ln.x0 > m.left + 0.8 * m.size:            # indented, centred or right-aligned
        return True
    if m.right - prev.x1 > _first_token_width(ln) + 0.5 * m.size:   # room left for the next word
        return True
    if not new_page and ln.top - prev.top > 1.7 * m.pitch:   # a blank line between
        return True
    return False


def paragraphs(pages: list[list[Line]], m: Metrics) -> list[Para]:
    paras: list[Para] = []
    prev: Line | None = None
    prev_page = -1
    for pno, lines in enumerate(pages):
        for ln in lines:
            if not ln.glyphs:
                continue
            if prev is None or _new_paragraph(prev, ln, pno != prev_page, m):
                paras.append(Para())
            paras[-1].lines.append(ln)
            paras[-1].pages.append(pno)
            prev, prev_page = ln, pno
    return paras


def render(paras: list[Para], n_pages: int, bold_policy: str = "leads",
           body_size: float | None = None) -> tuple[str, tuple[float, ...]]:
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
        out.append(tidy_bold("".join(chunk), bold_policy))
    text = "\n".join(out)
    if n_pages - 1 > page_seen:
        text += PAGE * (n_pages - 1 - page_seen)
    return text, tuple(doubts)


def assemble(pages: list[list[Line]], page_height: float, bold_policy: str = "leads",
             drop_rules: bool = True) -> Layout:
    """Lines of every page → text with markup (see the module docstring)."""
    if drop_rules:
        pages = drop_running(pages, page_height)
    m = measure(pages)
    paras = paragraphs(pages, m)
    text, doubts = render(paras, len(pages), bold_policy, m.size)
    return Layout(text, doubts, tuple(paras), m.size)


# --- the 公文 header block ------------------------------------------------------------
DOC_NUMBER = re.compile(r"""
    ^ \s* ( [\u4e00-\u9fff]{1,12}               # 机关代字: 嘉环, 国办发
            \s* [〔［\[【（(] \s* \d{4} \s* [〕］\]】）)]   # 〔2025〕 year in brackets
            \s* 第? \s* \d{1,5} \s* 号 )        # 3号
    \s* (?: \S{0,12} )? $                       # a 签发人 may share the line
""", re.VERBOSE)


def header_hints(paras: list[Para], body_size: float) -> dict:
    """Hints for the 公文 header block from the first page's paragraphs:
    the big (often red) 发文机关标志, the 发文字号 line, and the big title after it.

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

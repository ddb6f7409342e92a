"""OCR reading order and type: recognised boxes into lines of glyphs, in reading order.

The recogniser gives boxes in no useful order, on a page that may be skewed. These
functions deskew the boxes, group them into visual lines ordered top to bottom and
left to right, put back the spaces between Latin words, measure the type size, and
mark bold type by stroke width (:class:`StrokeMeter`, measured in the worker on the
page image). The glyph repairs of :mod:`.ocr_repair` then run on each line.
"""
from __future__ import annotations

import math
import re
import statistics
from typing import TYPE_CHECKING

from .layout import Glyph, Line
from .ocr_repair import fullwidth_punctuation, mark_doubts, permille

if TYPE_CHECKING:  # pragma: no cover
    from .ocr import RawLine, RawPage

#: CJK ideographs (extension A and the unified block): the characters whose advance is the em.
_CJK = re.compile(r"[\u3400-\u9fff]")


class StrokeMeter:
    """Stroke width inside a box of a greyscale page: twice the ink area over the
    ink boundary length (a stroke of width w has area/perimeter ≈ w/2). Bold type
    has wider strokes, whatever the character. Summed-area tables make each box O(1)."""

    def __init__(self, img, threshold: int = 140):
        import numpy as np

        ink = img < threshold
        padded = np.pad(ink, 1)
        inner = (padded[1:-1, 1:-1] & padded[:-2, 1:-1] & padded[2:, 1:-1]
                 & padded[1:-1, :-2] & padded[1:-1, 2:])
        self.h, self.w = ink.shape
        self.ink = np.pad(ink.astype(np.int32).cumsum(0).cumsum(1), ((1, 0), (1, 0)))
        self.inner = np.pad(inner.astype(np.int32).cumsum(0).cumsum(1), ((1, 0), (1, 0)))

    def _sum(self, table, x0: int, y0: int, x1: int, y1: int) -> int:
        return int(table[y1, x1] - table[y0, x1] - table[y1, x0] + table[y0, x0])

    def width(self, quad) -> float | None:
        xs = [p[0] for p in quad]
        ys = [p[1] for p in quad]
        x0, x1 = max(int(min(xs)), 0), min(int(max(xs)) + 1, self.w)
        y0, y1 = max(int(min(ys)), 0), min(int(max(ys)) + 1, self.h)
        if x1 <= x0 or y1 <= y0:
            return None
        area = self._sum(self.ink, x0, y0, x1, y1)
        edge = area - self._sum(self.inner, x0, y0, x1, y1)
        return 2.0 * area / edge if area >= 10 and edge > 0 else None


def skew_angle(lines: list[RawLine]) -> float:
    """The page's skew in radians: the median slope of the long text lines."""
    angles = []
    for ln in lines:
        (x0, y0), (x1, y1) = ln.quad[0], ln.quad[1]
        height = abs(ln.quad[3][1] - ln.quad[0][1]) or 1.0
        if x1 - x0 > 4 * height:
            angles.append(math.atan2(y1 - y0, x1 - x0))
    return statistics.median(angles) if angles else 0.0


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` begins with a CJK ideograph (the unified block or extension A)."""
    return _CJK.match(ch) is not None


def reading_order(page: RawPage, doubt_below: float, doubt_ids: list[int]) -> list[Line]:
    """Deskew, group recognised boxes into visual lines, order them top to bottom
    and left to right, and mark doubtful numbers."""
    if not page.lines:
        return []
    a = skew_angle(page.lines)
    cx, cy = page.width / 2, page.height / 2
    ca, sa = math.cos(-a), math.sin(-a)

    def rot(p: list[float]) -> tuple[float, float]:
        x, y = p[0] - cx, p[1] - cy
        return x * ca - y * sa + cx, x * sa + y * ca + cy

    items = []
    for ln in page.lines:
        pts = [rot(p) for p in ln.quad]
        top, bottom = min(p[1] for p in pts), max(p[1] for p in pts)
        left, right = min(p[0] for p in pts), max(p[0] for p in pts)
        glyphs: list[tuple[str, float, float, float, float | None]] = []   # char, x0, x1, confidence, stroke
        if ln.chars:
            strokes = ln.strokes or [None] * len(ln.chars)
            for (ch, conf, q), sw in zip(ln.chars, strokes):
                xs = [rot(p)[0] for p in q]
                glyphs.append((ch, min(xs), max(xs), conf, sw))
        else:
            step = (right - left) / max(len(ln.text), 1)
            glyphs = [(ch, left + i * step, left + (i + 1) * step, ln.score, None) for i, ch in enumerate(ln.text)]
        if glyphs:
            glyphs = word_spaces(glyphs, bottom - top)
            items.append(((top + bottom) / 2, bottom - top, top, bottom, glyphs))
    items.sort(key=lambda it: it[0])
    widths_all = [g[4] for it in items for g in it[4] if g[4]]
    page_stroke = statistics.median(widths_all) if len(widths_all) >= 50 else None
    groups: list[list] = []
    for it in items:
        if groups and abs(it[0] - statistics.mean(g[0] for g in groups[-1])) < 0.5 * min(it[1], groups[-1][0][1]):
            groups[-1].append(it)
        else:
            groups.append([it])
    out: list[Line] = []
    for grp in groups:
        grp.sort(key=lambda it: it[4][0][1])
        chars: list[tuple[str, float, float, float]] = []
        for it in grp:
            if chars:
                widths = [c[2] - c[1] for c in chars if is_cjk(c[0])] or [it[1] * 0.7]
                if it[4][0][1] - chars[-1][2] > 1.5 * statistics.median(widths):
                    chars.append((" ", chars[-1][2], it[4][0][1], 1.0, None))
            chars.extend(it[4])
        height = statistics.median(it[1] for it in grp)
        size = _em_size(chars) or 0.0
        glyphs = [Glyph(ch, x0, x1) for ch, x0, x1, _, _ in chars]
        mark_bold(glyphs, [c[4] for c in chars], page_stroke)
        fullwidth_punctuation(glyphs)
        permille(glyphs)
        mark_doubts(glyphs, [c[3] for c in chars], doubt_below, doubt_ids)
        out.append(Line(glyphs, min(it[2] for it in grp), max(it[3] for it in grp), size or -height))
    # a line too short to measure takes the size of its neighbours on the page
    known = [ln.size for ln in out if ln.size > 0]
    typical = statistics.median(known) if known else None
    for ln in out:
        if ln.size <= 0:
            ln.size = typical or 0.85 * -ln.size
    return out


def word_spaces(glyphs: list[tuple], height: float, gap: float = 0.6) -> list[tuple]:
    """Put back the spaces that the recogniser leaves out between two Latin letters or
    digits: where the centres of two such neighbours stand more than ``gap`` em further
    apart than half-width characters do (``表1 2023年`` must not read ``表12023年``).
    The em is the median advance between CJK neighbours (or 0.8 of the box height).

    >>> g = lambda ch, x0, x1: (ch, x0, x1, 0.99, None)
    >>> line = [g("表", 186, 195), g("1", 196, 205), g("2", 216.5, 223), g("0", 223, 228.5), g("2", 228.5, 234.5),
    ...         g("3", 234.5, 243), g("年", 244, 254), g("末", 259, 269)]
    >>> "".join(c[0] for c in word_spaces(line, 15))
    '表1 2023年末'
    >>> "".join(c[0] for c in word_spaces([g("增", 0, 10), g("长", 15, 25), g("4", 32, 37), g(".", 37, 40),
    ...                                     g("8", 40, 46), g("%", 46, 54)], 15))
    '增长4.8%'
    """
    def narrow(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()

    if len(glyphs) < 2 or not any(narrow(a[0]) and narrow(b[0]) for a, b in zip(glyphs, glyphs[1:])):
        return glyphs
    em = _em_size(glyphs) or 0.8 * height
    out = [glyphs[0]]
    for a, b in zip(glyphs, glyphs[1:]):
        if narrow(a[0]) and narrow(b[0]):
            extra = ((b[1] + b[2]) - (a[1] + a[2])) / 2 - 0.5 * em
            if extra > gap * em:
                out.append((" ", a[2], b[1], 1.0, None))
        out.append(b)
    return out


def mark_bold(glyphs: list[Glyph], strokes: list[float | None], page_stroke: float | None,
              ratio: float = 1.25) -> None:
    """Mark bold glyphs (in place): CJK characters whose strokes are ``ratio`` times
    wider than the page's typical stroke, by majority over a window of five CJK
    characters; letters and digits between two bold characters are bold too, and
    runs of fewer than three CJK characters are noise.

    >>> gs = [Glyph(c, 0, 1) for c in "持续推进VOCs综合治理，开展检查"]
    >>> w = [2.0, 2.0, 3.0, 3.0, None, None, None, None, 2.1, 3.0, 3.0, 3.0, None, 2.0, 2.0, 2.0, 2.0]
    >>> mark_bold(gs, w, 2.0); "".join(("*" if g.bold else ".") for g in gs)
    '..**********.....'
    """
    if page_stroke is None:
        return
    cjk = [i for i, s in enumerate(strokes) if s is not None]
    flags = [strokes[i] > ratio * page_stroke for i in cjk]
    # a single regular-looking character between two bold ones is bold (noise, thin strokes)
    filled = [f or (0 < k < len(flags) - 1 and flags[k - 1] and flags[k + 1]) for k, f in enumerate(flags)]
    k = 0
    while k < len(cjk):
        if not filled[k]:
            k += 1
            continue
        j = k
        while j + 1 < len(cjk) and filled[j + 1]:
            j += 1
        real = sum(flags[k:j + 1])
        if real >= 3 and real * 3 >= 2 * (j - k + 1):
            for i in range(cjk[k], cjk[j] + 1):
                glyphs[i].bold = True
        k = j + 1


def _em_size(chars: list[tuple[str, float, float, float]]) -> float | None:
    """The character size of a line: the median advance between neighbouring CJK
    characters (a steadier measure than the width of each recognised box)."""
    steps = []
    for a, b in zip(chars, chars[1:]):
        if is_cjk(a[0]) and is_cjk(b[0]):
            steps.append((b[1] + b[2]) / 2 - (a[1] + a[2]) / 2)
    return statistics.median(steps) if steps else None

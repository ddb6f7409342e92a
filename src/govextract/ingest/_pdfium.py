"""pypdfium2 → :class:`~govextract.ingest.glyphs.PageGlyphs` (see that module for
the contract). Internal: call :func:`govextract.ingest.glyphs.glyphs_pdfium`.

Characters: the text page's characters that the page draws (pdfium's generated
spaces and line breaks are left out). Across, the loose box (origin to advance;
pdfium takes the advance from the font program where pdfminer reads the
``Widths`` array, so it can be a few percent wider). Down, pdfminer's rule: the
bottom is the baseline less the font's descent, the top the bottom less the
font size (pdfium reads the descent from the font program when the descriptor
says 0, where pdfminer takes the 0). Five calls per character (loose box,
matrix, font size, font name, fill) and one per page for the text; a font's
name, boldness and descent are worked out once per page.

Edges: path objects (also inside form XObjects) split into subpaths and sorted
as pdfminer sorts them: a two-point subpath is a line, a closed four-sided
axis-aligned one a rectangle, anything else a curve whose consecutive end points
make its edges.
"""
from __future__ import annotations

import collections
import ctypes
import re

from .glyphs import PageGlyphs, _edge, font_name, is_bold_font, merge_overprints


def _matrix(obj):
    import pypdfium2.raw as R

    m = R.FS_MATRIX()
    if not R.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(m, n):
    """m then n (PDF row-vector convention: point · m · n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class _Fonts:
    """Name, boldness and descent of each font a text page uses, read once per
    font name (``FPDFText_GetFontInfo`` names the font of every character)."""

    def __init__(self, tp, rules=None) -> None:
        import pypdfium2.raw as R

        self.R, self.tp, self.rules = R, tp, rules
        self.cache: dict[bytes, tuple[str, bool, float, bool]] = {}
        self.descent = ctypes.c_float()

    def get(self, raw_name: bytes, i: int) -> tuple[str, bool, float, bool]:
        """Name, bold, descent, and whether the font lacks a Unicode map (its
        first character has none): then every character of it is checked."""
        got = self.cache.get(raw_name)
        if got is None:
            R = self.R
            name = font_name(raw_name)
            descent = 0.0                       # per unit of font size; below the baseline: negative
            obj = R.FPDFText_GetTextObject(self.tp, i)
            font = R.FPDFTextObj_GetFont(obj) if obj else None
            if font and R.FPDFFont_GetDescent(font, 1000.0, self.descent):
                descent = self.descent.value / 1000
            check = R.FPDFText_HasUnicodeMapError(self.tp, i) == 1
            got = self.cache[raw_name] = (name, is_bold_font(name, self.rules), descent, check)
        return got


def _page_text(tp, n: int) -> str:
    """The text page's characters, one per index (U+FFFD for those without Unicode)."""
    import pypdfium2.raw as R

    buf = (ctypes.c_ushort * (n + 1))()
    k = R.FPDFText_GetText(tp, 0, n, buf)
    text = bytes(buf)[: 2 * max(0, k - 1)].decode("utf-16-le", "replace")
    if len(text) != n:                          # characters outside the BMP: one at a time
        text = "".join(chr(R.FPDFText_GetUnicode(tp, i) or 0xFFFD) for i in range(n))
    return text.replace("\x00", "\ufffd").replace("\ufffe", "\ufffd")


# characters that need no check for pdfium's "no Unicode map" flag, unless their font
# had no map for its first character (pdfium then gives the character code, which for
# Identity-H fonts is the CID: pdfminer's "(cid:NN)")
_COMMON = re.compile(r"""[
    \u0021-\u007e          # printable ASCII
    \u3000-\u303f          # CJK punctuation
    \u4e00-\u9fff          # CJK unified ideographs
    \uff00-\uffef          # full-width forms
]""", re.VERBOSE)


def _chars(tp, top_y: float, rules=None) -> list[dict]:
    import pypdfium2.raw as R

    n = R.FPDFText_CountChars(tp)
    text = _page_text(tp, n)
    fonts = _Fonts(tp, rules)
    font_cache = fonts.cache
    fills: dict[tuple[int, int, int], tuple[float, float, float]] = {}
    rect, m, buf, flags = R.FS_RECTF(), R.FS_MATRIX(), ctypes.create_string_buffer(256), ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    get_box, get_matrix, get_size, get_font, get_fill, unmapped = (
        R.FPDFText_GetLooseCharBox, R.FPDFText_GetMatrix, R.FPDFText_GetFontSize,
        R.FPDFText_GetFontInfo, R.FPDFText_GetFillColor, R.FPDFText_HasUnicodeMapError)
    common = _COMMON.match
    out: list[dict] = []
    last = None                                 # (font, font size, loose box height and bottom) of the last char
    size = baseline = 0.0
    upright = True
    for i, t in enumerate(text):
        if t.isspace():                         # pdfium's generated spaces and line breaks, and real blanks
            continue
        get_font(tp, i, buf, 256, flags)
        raw = buf.value
        name, bold, descent, check = font_cache.get(raw) or fonts.get(raw, i)
        if (check or not common(t)) and unmapped(tp, i) == 1:
            t = f"(cid:{ord(t)})"
        get_box(tp, i, rect)
        fs = get_size(tp, i)
        key = (raw, fs, rect.top, rect.bottom)
        if key != last:
            # the text object's matrix: its baseline, scale and rotation (the same for
            # the next characters of the same font and size standing on the same line)
            get_matrix(tp, i, m)
            size = fs * (m.c * m.c + m.d * m.d) ** 0.5
            baseline = top_y - m.f
            upright = m.a * m.d > 0 and m.b * m.c <= 0
            last = key
        fill = None
        if get_fill(tp, i, r, g, b, a):
            rgb = (r.value, g.value, b.value)
            fill = fills.get(rgb)
            if fill is None:
                fill = fills[rgb] = (round(rgb[0] / 255, 3), round(rgb[1] / 255, 3), round(rgb[2] / 255, 3))
        bottom = baseline - descent * size
        out.append({"text": t, "x0": rect.left, "x1": rect.right, "top": bottom - size, "bottom": bottom,
                    "size": size, "fontname": name, "upright": upright, "bold": bold, "fill": fill})
    return out


def _path_edges(obj, m, top_y: float, out: list[dict]) -> None:
    import pypdfium2.raw as R

    n = R.FPDFPath_CountSegments(obj)
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = m
    subpaths: list[list[tuple[str, float, float]]] = []
    for k in range(n):
        seg = R.FPDFPath_GetPathSegment(obj, k)
        R.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = x.value, y.value
        pt = (px * a + py * c + e, top_y - (px * b + py * d + f))
        kind = R.FPDFPathSegment_GetType(seg)
        if kind == R.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([("m", *pt)])
        elif kind == R.FPDF_SEGMENT_BEZIERTO:
            subpaths[-1].append(("c", *pt))
        else:
            subpaths[-1].append(("l", *pt))
        if R.FPDFPathSegment_GetClose(seg):
            subpaths[-1].append(("h", *subpaths[-1][0][1:]))
    for sp in subpaths:
        # a Bézier segment is three points (two controls, then the end): keep the ends
        pts: list[tuple[float, float]] = []
        shape = ""
        run = 0
        for op, px, py in sp:
            if op == "c":
                run += 1
                if run % 3:
                    continue
            else:
                run = 0
            shape += op
            pts.append((px, py))
        if len(shape) > 3 and shape.endswith("lh") and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        if shape in ("ml", "mlh"):
            pts = pts[:2]
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
            if pts[0] == pts[4] and square:
                left, right, top, bottom = min(x0, x2), max(x0, x2), min(y0, y2), max(y0, y2)
                for ed in (_edge(left, top, right, top), _edge(left, bottom, right, bottom),
                           _edge(left, top, left, bottom), _edge(right, top, right, bottom)):
                    if ed is not None:
                        out.append(ed)
                continue
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            ed = _edge(x0, y0, x1, y1)
            if ed is not None:
                out.append(ed)


class _Objects:
    """One walk over the page objects: the edges of path objects, and the boxes of
    text objects printed over an identical one just before (fake bold: pdfium's
    text page keeps one copy of such an object, as pdfium drops overprints itself)."""

    def __init__(self, tp, top_y: float, with_edges: bool) -> None:
        import pypdfium2.raw as R

        self.R, self.tp, self.top_y, self.with_edges = R, tp, top_y, with_edges
        self.edges: list[dict] = []
        self.overprints: list[tuple[float, float, float, float]] = []   # x0, top, x1, bottom
        self.box = [ctypes.c_float() for _ in range(4)]
        self.buf = (ctypes.c_ushort * 256)()

    def _text(self, obj) -> bytes:
        k = self.R.FPDFTextObj_GetText(obj, self.tp, self.buf, ctypes.sizeof(self.buf))
        return bytes(self.buf)[: max(0, 2 * (k // 2) - 2)]

    def walk(self, objects, m_parent=None, depth: int = 0) -> None:
        R = self.R
        recent: collections.deque = collections.deque(maxlen=5)   # the last text objects, latest first
        kinds = (R.FPDF_PAGEOBJ_TEXT, R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_FORM)
        get_type, get_bounds = R.FPDFPageObj_GetType, R.FPDFPageObj_GetBounds
        cl, cb, cr, ct = self.box
        for obj in objects:
            kind = get_type(obj)
            if kind == kinds[0]:
                if not get_bounds(obj, cl, cb, cr, ct):
                    continue
                cur = (obj, cl.value, cb.value, cr.value, ct.value)
                _, left, bottom, right, top = cur
                near = 0.3 * (top - bottom if top - bottom > 1.0 else 1.0)
                for prev in recent:
                    # the same box moved by less than 0.3 × its height: printed over the other
                    if abs(prev[1] - left) < near and abs(prev[2] - bottom) < near and \
                            abs(prev[3] - right) < near and abs(prev[4] - top) < near:
                        # pdfium leaves the copy out of the text page (its text is then empty)
                        text = self._text(obj)
                        if text in (b"", self._text(prev[0])):
                            self._overprint(cur, m_parent)
                            break
                recent.appendleft(cur)
            elif kind == kinds[1] and self.with_edges:
                m = _matrix(obj)
                _path_edges(obj, _compose(m, m_parent) if m_parent else m, self.top_y, self.edges)
            elif kind == kinds[2] and depth < 16:
                m = _matrix(obj)
                m = _compose(m, m_parent) if m_parent else m
                kids = (R.FPDFFormObj_GetObject(obj, k) for k in range(R.FPDFFormObj_CountObjects(obj)))
                self.walk(kids, m, depth + 1)

    def _overprint(self, cur: tuple, m) -> None:
        _, left, bottom, right, top = cur
        if m:                                   # inside a form XObject: into page space
            a, b, c, d, e, f = m
            xs = [left * a + y * c + e for y in (bottom, top)] + [right * a + y * c + e for y in (bottom, top)]
            ys = [left * b + y * d + f for y in (bottom, top)] + [right * b + y * d + f for y in (bottom, top)]
            left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
        self.overprints.append((left, self.top_y - top, right, self.top_y - bottom))


def _mark_overprinted(chars: list[dict], boxes: list[tuple[float, float, float, float]]) -> None:
    """Mark bold the characters whose advance covers most of the width of an
    overprinted text object's ink, their heights overlapping."""
    for c in chars:
        for x0, top, x1, bottom in boxes:
            if (min(x1, c["x1"]) - max(x0, c["x0"]) >= 0.5 * (x1 - x0) and c["top"] <= bottom
                    and top <= c["bottom"]):
                c["bold"] = True
                break


def page_glyphs(page, number: int | None = None, with_edges: bool = True, rules=None) -> PageGlyphs:
    import pypdfium2.raw as R

    raw = page.raw
    box = page.get_mediabox()
    top_y = float(box[3])
    tp = R.FPDFText_LoadPage(raw)
    if not tp:
        raise RuntimeError("pdfium could not load the text of the page")
    try:
        chars = _chars(tp, top_y, rules)
        objects = _Objects(tp, top_y, with_edges)
        objects.walk(R.FPDFPage_GetObject(raw, k) for k in range(R.FPDFPage_CountObjects(raw)))
    finally:
        R.FPDFText_ClosePage(tp)
    if objects.overprints:
        _mark_overprinted(chars, objects.overprints)
    return PageGlyphs(page=number or 0, width=float(box[2] - box[0]), height=float(box[3] - box[1]),
                      chars=tuple(merge_overprints(chars)), edges=tuple(objects.edges))

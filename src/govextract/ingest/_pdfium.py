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

import ctypes

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

    def __init__(self, tp) -> None:
        import pypdfium2.raw as R

        self.R, self.tp = R, tp
        self.cache: dict[bytes, tuple[str, bool, float]] = {}
        self.descent = ctypes.c_float()

    def get(self, raw_name: bytes, i: int) -> tuple[str, bool, float]:
        got = self.cache.get(raw_name)
        if got is None:
            R = self.R
            name = font_name(raw_name)
            descent = 0.0                       # per unit of font size; below the baseline: negative
            obj = R.FPDFText_GetTextObject(self.tp, i)
            font = R.FPDFTextObj_GetFont(obj) if obj else None
            if font and R.FPDFFont_GetDescent(font, 1000.0, self.descent):
                descent = self.descent.value / 1000
            got = self.cache[raw_name] = (name, is_bold_font(name), descent)
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


def _chars(page, top_y: float) -> list[dict]:
    import pypdfium2.raw as R

    tp = R.FPDFText_LoadPage(page)
    if not tp:
        return []
    try:
        n = R.FPDFText_CountChars(tp)
        text = _page_text(tp, n)
        fonts = _Fonts(tp)
        rect, m, buf, flags = R.FS_RECTF(), R.FS_MATRIX(), ctypes.create_string_buffer(256), ctypes.c_int()
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        get_box, get_matrix, get_size, get_font, get_fill = (
            R.FPDFText_GetLooseCharBox, R.FPDFText_GetMatrix, R.FPDFText_GetFontSize,
            R.FPDFText_GetFontInfo, R.FPDFText_GetFillColor)
        out: list[dict] = []
        for i, t in enumerate(text):
            if t.isspace():                     # pdfium's generated spaces and line breaks, and real blanks
                continue
            get_box(tp, i, rect)
            get_matrix(tp, i, m)                # the text object's matrix: its baseline, scale and rotation
            k = get_font(tp, i, buf, 256, flags)
            name, bold, descent = fonts.get(buf.raw[: max(0, k - 1)], i)
            size = get_size(tp, i) * (m.c * m.c + m.d * m.d) ** 0.5
            fill = (round(r.value / 255, 3), round(g.value / 255, 3), round(b.value / 255, 3)) \
                if get_fill(tp, i, r, g, b, a) else None
            bottom = top_y - m.f - descent * size
            out.append({"text": t, "x0": rect.left, "x1": rect.right, "top": bottom - size, "bottom": bottom,
                        "size": size, "fontname": name, "upright": m.a * m.d > 0 and m.b * m.c <= 0,
                        "bold": bold, "fill": fill})
        return out
    finally:
        R.FPDFText_ClosePage(tp)


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


def _edges(objects, m_parent, top_y: float, out: list[dict], depth: int = 0) -> None:
    import pypdfium2.raw as R

    for obj in objects:
        kind = R.FPDFPageObj_GetType(obj)
        if kind == R.FPDF_PAGEOBJ_PATH:
            m = _matrix(obj)
            _path_edges(obj, _compose(m, m_parent) if m_parent else m, top_y, out)
        elif kind == R.FPDF_PAGEOBJ_FORM and depth < 16:
            m = _matrix(obj)
            m = _compose(m, m_parent) if m_parent else m
            kids = (R.FPDFFormObj_GetObject(obj, k) for k in range(R.FPDFFormObj_CountObjects(obj)))
            _edges(kids, m, top_y, out, depth + 1)


def page_glyphs(page, number: int | None = None, with_edges: bool = True) -> PageGlyphs:
    import pypdfium2.raw as R

    raw = page.raw
    box = page.get_mediabox()
    top_y = float(box[3])
    chars = _chars(raw, top_y)
    edges: list[dict] = []
    if with_edges:
        objs = (R.FPDFPage_GetObject(raw, k) for k in range(R.FPDFPage_CountObjects(raw)))
        _edges(objs, None, top_y, edges)
    return PageGlyphs(page=number or 0, width=float(box[2] - box[0]), height=float(box[3] - box[1]),
                      chars=tuple(merge_overprints(chars)), edges=tuple(edges))

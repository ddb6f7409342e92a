"""pypdfium2 → :class:`~govextract.ingest.glyphs.PageGlyphs` (see that module for
the contract). Internal: call :func:`govextract.ingest.glyphs.glyphs_pdfium`.

Characters: the text page's characters that the page draws (pdfium's generated
spaces and line breaks are left out). Across, the loose box (origin to advance;
pdfium takes the advance from the font program where pdfminer reads the
``Widths`` array, so it can be a few percent wider). Down, pdfminer's rule: the
bottom is the baseline less the font's descent, the top the bottom less the
font size (pdfium reads the descent from the font program when the descriptor
says 0, where pdfminer takes the 0). Font name,
size, fill colour and upright are read once per text object, since every
character of one text object shares them.

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


class _TextObjects:
    """Font name, size, upright and fill of each text object, read once."""

    def __init__(self) -> None:
        import pypdfium2.raw as R

        self.R = R
        self.cache: dict[int, tuple] = {}
        self.buf = ctypes.create_string_buffer(256)
        self.fsize = ctypes.c_float()
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.descent = ctypes.c_float()

    def info(self, obj) -> tuple:
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        got = self.cache.get(key)
        if got is not None:
            return got
        R = self.R
        a, b, c, d, _, _ = _matrix(obj)
        size = 0.0
        if R.FPDFTextObj_GetFontSize(obj, self.fsize):
            # pdfminer's size: the height of the glyph box, font size × the vertical scale
            size = self.fsize.value * (c * c + d * d) ** 0.5
        name = ""
        descent = 0.0
        font = R.FPDFTextObj_GetFont(obj)
        if font:
            n = R.FPDFFont_GetBaseFontName(font, self.buf, len(self.buf))
            if n:
                name = font_name(self.buf.raw[: max(0, n - 1)])
            if R.FPDFFont_GetDescent(font, 1000.0, self.descent):
                descent = self.descent.value / 1000 * size      # below the baseline: negative
        r, g, bl, al = self.rgba
        fill = None
        if R.FPDFPageObj_GetFillColor(obj, r, g, bl, al):
            fill = (round(r.value / 255, 3), round(g.value / 255, 3), round(bl.value / 255, 3))
        upright = a * d > 0 and b * c <= 0
        got = (name, size, upright, fill, is_bold_font(name), descent)
        self.cache[key] = got
        return got


def _chars(page, top_y: float) -> list[dict]:
    import pypdfium2.raw as R

    tp = R.FPDFText_LoadPage(page)
    if not tp:
        return []
    try:
        objs = _TextObjects()
        n = R.FPDFText_CountChars(tp)
        rect = R.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        get_uni, is_gen, get_box, get_obj, get_origin = (
            R.FPDFText_GetUnicode, R.FPDFText_IsGenerated, R.FPDFText_GetLooseCharBox,
            R.FPDFText_GetTextObject, R.FPDFText_GetCharOrigin)
        out: list[dict] = []
        for i in range(n):
            u = get_uni(tp, i)
            t = chr(u) if u else ""
            if not t.strip() or is_gen(tp, i):
                continue
            obj = get_obj(tp, i)
            if not obj:
                continue
            name, size, upright, fill, bold, descent = objs.info(obj)
            get_box(tp, i, rect)
            get_origin(tp, i, ox, oy)
            bottom = top_y - oy.value - descent
            out.append({"text": t, "x0": rect.left, "x1": rect.right, "top": bottom - size, "bottom": bottom,
                        "size": size, "fontname": name, "upright": upright, "bold": bold, "fill": fill})
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


def page_glyphs(page, number: int | None = None) -> PageGlyphs:
    import pypdfium2.raw as R

    raw = page.raw
    box = page.get_mediabox()
    top_y = float(box[3])
    chars = _chars(raw, top_y)
    edges: list[dict] = []
    objs = (R.FPDFPage_GetObject(raw, k) for k in range(R.FPDFPage_CountObjects(raw)))
    _edges(objs, None, top_y, edges)
    return PageGlyphs(page=number or 0, width=float(box[2] - box[0]), height=float(box[3] - box[1]),
                      chars=tuple(merge_overprints(chars)), edges=tuple(edges))

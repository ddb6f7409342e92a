"""Tables on scanned pages: the recogniser's boxes and the page's drawn rules as glyphs.

A scan has no text layer, but it has what a table finder needs: each recognised
character's box (RapidOCR's word boxes) and the rules printed on the page. This module
turns one OCR'd page into the glyph schema of :mod:`govextract.ingest.glyphs` (``chars``
with ``text, x0, x1, top, bottom, size``; ``edges`` as horizontal and vertical
segments) and hands it to the same table finder as text-layer PDFs
(:mod:`govextract.ingest.tables`): ruled, three-line and whitespace-aligned tables,
captions, 单位 lines, tables continued over a page break, all read alike in both forms.

Rules are found in the worker, on the greyscale page (:func:`find_rules`): runs of
dark pixels far longer than any character stroke. The prose lines a table covers are
taken out of the page and one TABLE mark line stands in their place
(:func:`page_tables`).

Weighed against the packaged alternatives: ``rapid-table`` downloads its models at
run time, and ``img2table`` brings OpenCV and its own OCR calls for what these boxes
already give; neither reads a three-line or an unruled table as the text-layer finder
does.
"""
from __future__ import annotations

from typing import Any

from .layout import Line


def _runs(mask, min_len: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of True at least ``min_len`` long, row by row.
    Only rows with enough True cells are looked at (cheap on a page of text)."""
    import numpy as np

    out: list[tuple[int, int, int]] = []
    for r in np.nonzero(mask.sum(axis=1) >= min_len)[0]:
        row = np.concatenate(([0], mask[r].astype(np.int8), [0]))
        d = np.diff(row)
        starts, ends = np.nonzero(d == 1)[0], np.nonzero(d == -1)[0]
        for s, e in zip(starts, ends):
            if e - s >= min_len:
                out.append((int(r), int(s), int(e)))
    return out


def _segments(runs: list[tuple[int, int, int]], gap: int = 2) -> list[tuple[float, float, float]]:
    """Runs on neighbouring rows that overlap are one rule (a rule is a few pixels thick):
    (middle row, start, end)."""
    out: list[list[float]] = []      # first row, last row, start, end
    for r, s, e in sorted(runs, key=lambda x: (x[1], x[0])):
        for seg in out:
            if 0 < r - seg[1] <= gap and s < seg[3] and e > seg[2]:
                seg[1], seg[2], seg[3] = r, min(seg[2], s), max(seg[3], e)
                break
            if r == seg[1] and s <= seg[3] + gap and e >= seg[2] - gap:
                seg[2], seg[3] = min(seg[2], s), max(seg[3], e)
                break
        else:
            out.append([r, r, s, e])
    return [((a + b) / 2, s, e) for a, b, s, e in out]


def find_rules(img, scale: float, threshold: int = 160) -> list[dict]:
    """The drawn rules of a greyscale page, as edges in the glyph schema (points).

    A horizontal rule is a dark run at least 15% of the page wide; a vertical one at
    least 3.5% of the page high (two table rows; a character's stroke is far shorter).

    >>> import numpy as np
    >>> page = np.full((200, 300), 255, dtype=np.uint8)
    >>> page[50:52, 20:280] = 0; page[150, 20:280] = 0; page[50:151, 100] = 0; page[90:96, 30:40] = 0
    >>> [(e["orientation"], e["x0"], e["x1"], e["top"], e["bottom"]) for e in find_rules(page, 2.0)]
    [('h', 10.0, 140.0, 25.25, 25.25), ('h', 10.0, 140.0, 75.0, 75.0), ('v', 50.0, 50.0, 25.0, 75.5)]
    """
    dark = img < threshold
    h, w = dark.shape
    edges: list[dict] = []
    for y, s, e in _segments(_runs(dark, max(8, int(0.15 * w)))):
        edges.append({"x0": s / scale, "x1": e / scale, "top": y / scale, "bottom": y / scale, "orientation": "h"})
    for x, s, e in _segments(_runs(dark.T, max(8, int(0.035 * h)))):
        edges.append({"x0": x / scale, "x1": x / scale, "top": s / scale, "bottom": e / scale, "orientation": "v"})
    return edges


def line_chars(lines: list[Line]) -> list[dict]:
    """A page's OCR lines (deskewed, in reading order, their characters repaired: full-width
    punctuation, ‰, digits) as glyph dicts: each character's box across, its line's box
    down, and the line's character size as ``size``.

    >>> from govextract.ingest.layout import Glyph
    >>> line_chars([Line([Glyph("表", 10, 20), Glyph(" ", 20, 22), Glyph("1", 22, 27)], 5.0, 17.0, 10.0)])
    [{'text': '表', 'x0': 10, 'x1': 20, 'top': 5.0, 'bottom': 17.0, 'size': 10.0, 'upright': True}, \
{'text': '1', 'x0': 22, 'x1': 27, 'top': 5.0, 'bottom': 17.0, 'size': 10.0, 'upright': True}]
    """
    return [{"text": g.text, "x0": g.x0, "x1": g.x1, "top": ln.top, "bottom": ln.bottom, "size": ln.size,
             "upright": True}
            for ln in lines for g in ln.glyphs if g.text.strip()]


def page_tables(raw: Any, lines: list[Line], rules: Any, page: int) -> tuple[list[tuple[Any, Line]], list[Line]]:
    """The tables of one OCR'd page, each with the TABLE mark line that stands in its
    place, and the page's prose lines with the lines inside a table taken out."""
    from .tables.pdf import in_band
    from .tables.pdf_pages import page_tables as find

    chars = line_chars(lines)
    if not chars:
        return [], lines
    marks, _ = find(chars, raw.edges, rules, width=raw.width, height=raw.height, page=page)
    if not marks:
        return [], lines
    tables = [t for t, _ in marks]
    for t in tables:
        t.origin = "ocr"
    kept = [ln for ln in lines
            if not in_band({"top": ln.top, "bottom": ln.bottom, "x0": ln.x0, "x1": ln.x1}, tables)]
    return marks, sorted(kept + [m for _, m in marks], key=lambda ln: ln.top)

"""The glyphs and rules of one PDF page, the same whichever engine read them.

:class:`PageGlyphs` is the contract between the PDF engines and everything that
works on page geometry (lines and paragraphs in :mod:`.layout`, table detection).
Two producers fill it: :func:`glyphs_pdfium` (pypdfium2's text-page and
page-object APIs; fast) and :func:`glyphs_pdfplumber` (pdfminer's layout parse;
the fallback). For the same page they agree: the same characters, mostly in the same order,
with the same font, size, bold and fill; ``x0`` to a quarter point, ``x1``,
``top`` and ``bottom`` within :data:`TOLERANCE` × size (the engines read a
font's advance and descent from different places); the same edges to 0.2 pt.

Coordinates are pdfplumber's: points, origin at the top left of the page,
``top < bottom``.

``chars``: one dict per printed, non-blank character, in the order the page's
content stream draws them (pdfplumber's ``page.chars`` order; pdfium's text page
may move a text object a few places). Not sorted into lines: sort by position
for reading order. Keys are pdfplumber's own char schema, reduced to

* ``text`` — the character (``(cid:NN)`` when the font has no Unicode map: pdfium
  then gives the character code, which for Identity-H fonts is pdfminer's CID);
* ``x0, x1, top, bottom`` — the box: advance width across, the font size high,
  standing on the font's descent (pdfminer's box, not the ink);
* ``size`` — font size in points with the text matrix applied;
* ``fontname`` — the base font name, without the subset tag (``SimHei``, not
  ``ABCDEF+SimHei``; pdfminer reads the descriptor's FontName, pdfium the
  BaseFont: they differ only for standard CID fonts that are not embedded);
* ``upright`` — not rotated;

plus ``bold`` (the font name says bold, or a copy of the same character is
printed over it to fake bold: the copy is dropped, the kept glyph marked bold;
pdfium drops such copies from its text page itself, so its producer finds them
among the page's text objects)
and ``fill`` (the fill colour as ``(r, g, b)`` floats in 0–1, rounded to 3
places; ``None`` when it is a pattern or unknown).

``edges``: one dict per axis-aligned ruling segment: each drawn line, each side
of each rectangle, each straight step of other paths, as pdfplumber's
``page.edges`` gives them (diagonals left out). Keys ``x0, x1, top, bottom,
orientation`` (``"h"``: ``top == bottom``; ``"v"``: ``x0 == x1``). Filled and
stroked paths alike; colour is not kept.

>>> g = PageGlyphs(page=1, width=595.0, height=842.0,
...                chars=({"text": "甲", "x0": 10.0, "x1": 22.0, "top": 5.0, "bottom": 17.0, "size": 12.0,
...                        "fontname": "SimHei", "upright": True, "bold": True, "fill": (0.0, 0.0, 0.0)},),
...                edges=({"x0": 10.0, "x1": 300.0, "top": 20.0, "bottom": 20.0, "orientation": "h"},))
>>> g.text, len(g.edges)
('甲', 1)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rules import RuleSet, shipped_rules

#: How far the boxes of the two engines may differ for the same glyph, as a
#: share of its font size (``x0`` agrees to a quarter point).
TOLERANCE = 0.25

_SUBSET = re.compile(r"^[A-Z]{6}\+")     # the subset tag pdfminer keeps and pdfium drops: ABCDEF+

#: style words in a font name that say bold, and short suffixes (SimSun,B); the names of bold
#: faces in Chinese (黑体) are ``bold_font_names`` in rules/documents.yaml
BOLD_FONT = r"""
    (?i: bold | heavy | black | demi | semibold | extrabold | ultrabold )   # style words in the font name
    | (?: ,B$ | -B$ | _B$ )                                               # short suffixes: SimSun,B
"""


@lru_cache(maxsize=8)
def _bold_font(names: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(n) for n in names)
    return re.compile(BOLD_FONT + (f"| (?: {words} )" if words else ""), re.VERBOSE)


@dataclass(frozen=True)
class PageGlyphs:
    """One page: its number (1-based), size in points, characters and edges
    (see the module docstring for the dict schemas)."""

    page: int
    width: float
    height: float
    chars: tuple[dict, ...]
    edges: tuple[dict, ...]

    @property
    def text(self) -> str:
        """The characters in drawing order, joined."""
        return "".join(c["text"] for c in self.chars)


def font_name(raw: str | bytes) -> str:
    """A font name as both engines give it: the subset tag dropped, names in
    bytes (pdfium's, or pdfminer's ``"b'...'"``) decoded as UTF-8 or GB18030.

    >>> gbk = "ABCDEE+黑体".encode("gb18030")
    >>> font_name("ABCDEF+SimSun"), font_name(repr(gbk)), font_name(gbk)
    ('SimSun', '黑体', '黑体')
    """
    if isinstance(raw, str) and raw[:2] in ("b'", 'b"') and raw[-1:] == raw[1]:
        import ast

        try:
            raw = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            pass
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raw = raw.decode("gb18030", "replace")
    return _SUBSET.sub("", raw)


def is_bold_font(fontname: str, rules: RuleSet | None = None) -> bool:
    """The font name says bold (without ``rules``, the shipped rules name the bold faces).

    >>> [is_bold_font(n) for n in ("ABCDEF+SimHei-Bold", "SimSun,B", "FZXBSJW--GB1-0", "方正黑体")]
    [True, True, False, True]
    """
    names = (rules or shipped_rules()).documents.get("bold_font_names", ())
    return bool(_bold_font(tuple(names)).search(fontname or ""))


def merge_overprints(chars: list[dict]) -> list[dict]:
    """Drop copies of a character printed over itself (within 0.3 × size) to fake
    bold; the first copy is kept and marked bold. Order is kept.

    >>> c = lambda t, x: {"text": t, "x0": x, "x1": x + 10, "top": 0.0, "bottom": 10.0, "size": 10.0, "bold": False}
    >>> [(d["text"], d["bold"]) for d in merge_overprints([c("甲", 0), c("乙", 10), c("甲", 0.4), c("甲", 20)])]
    [('甲', True), ('乙', False), ('甲', False)]
    """
    n = len(chars)
    order = sorted(range(n), key=lambda i: (chars[i]["text"], chars[i]["top"], chars[i]["x0"]))
    drop: set[int] = set()
    for a in range(n - 1):
        i = order[a]
        if i in drop:
            continue
        c = chars[i]
        text, top, x0 = c["text"], c["top"], c["x0"]
        near = 0.3 * (c["size"] or 1.0)
        for b in range(a + 1, n):               # the same character, less than ``near`` lower
            j = order[b]
            d = chars[j]
            if d["text"] != text or d["top"] - top >= near:
                break
            if j not in drop and abs(d["x0"] - x0) < near:
                drop.add(max(i, j))
                chars[min(i, j)]["bold"] = True
    return [c for i, c in enumerate(chars) if i not in drop] if drop else chars


def _rgb(colour) -> tuple[float, float, float] | None:
    """A pdfminer colour (gray, RGB or CMYK tuple) as rounded RGB.

    >>> _rgb((0.5,)), _rgb((0, 1, 1, 0)), _rgb([1, 0, 0]), _rgb("P1")
    ((0.5, 0.5, 0.5), (1.0, 0.0, 0.0), (1.0, 0.0, 0.0), None)
    """
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)):
        return None
    try:
        c = [float(v) for v in colour]
    except (TypeError, ValueError):
        return None
    if len(c) == 1:
        c = c * 3
    elif len(c) == 4:
        cy, m, y, k = c
        c = [(1 - cy) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    elif len(c) != 3:
        return None
    return (round(c[0], 3), round(c[1], 3), round(c[2], 3))


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict | None:
    """An axis-aligned edge between two points, or None for a diagonal or a dot."""
    if top == bottom:
        if x0 == x1:
            return None
        o = "h"
    elif x0 == x1:
        o = "v"
    else:
        return None
    return {"x0": min(x0, x1), "x1": max(x0, x1), "top": min(top, bottom), "bottom": max(top, bottom),
            "orientation": o}


# --- pdfplumber -----------------------------------------------------------------------
def glyphs_pdfplumber(page, rules: RuleSet | None = None) -> PageGlyphs:
    """The glyphs and edges of a pdfplumber page (pdfminer's layout parse); bold faces are
    named by ``rules`` (:func:`is_bold_font`)."""
    chars: list[dict] = []
    for c in page.chars:
        t = c["text"]
        if not t.strip():
            continue
        name = font_name(c.get("fontname") or "")
        chars.append({"text": t, "x0": float(c["x0"]), "x1": float(c["x1"]), "top": float(c["top"]),
                      "bottom": float(c["bottom"]), "size": float(c.get("size") or 0.0), "fontname": name,
                      "upright": bool(c.get("upright", True)), "bold": is_bold_font(name, rules),
                      "fill": _rgb(c.get("non_stroking_color"))})
    edges: list[dict] = []
    for e in page.edges:
        o = e.get("orientation")
        x0, x1, top, bottom = float(e["x0"]), float(e["x1"]), float(e["top"]), float(e["bottom"])
        if e.get("object_type") == "rect_edge" and o in ("h", "v"):
            # a rectangle's side, as pdfplumber cut it (its coordinates can differ by a rounding error)
            edges.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom, "orientation": o})
        elif o in ("h", "v"):
            d = _edge(x0, top, x1, bottom)      # pdfplumber calls a diagonal line "v": leave it out
            if d is not None:
                edges.append(d)
    return PageGlyphs(page=int(page.page_number), width=float(page.width), height=float(page.height),
                      chars=tuple(merge_overprints(chars)), edges=tuple(edges))


# --- pdfium ---------------------------------------------------------------------------
def glyphs_pdfium(page, number: int | None = None, *, edges: bool = True,
                  rules: RuleSet | None = None) -> PageGlyphs:
    """The glyphs and edges of a pypdfium2 page (``number``: its 1-based page
    number; pypdfium2 pages do not know it). Characters come from the text page
    (``FPDFText_*``); edges from the path objects, into form XObjects.
    ``edges=False`` skips the paths (``edges`` is then empty) when only the
    text is wanted. Bold faces are named by ``rules`` (:func:`is_bold_font`)."""
    from . import _pdfium

    return _pdfium.page_glyphs(page, number, edges, rules)

"""Chart geometry for the comparison page's SVG: ticks, panels, legends and colours, in SVG
user units, as plain data for the template."""
from __future__ import annotations

import math
import unicodedata
from typing import TYPE_CHECKING, Any, Sequence

from .render import fmt_short

if TYPE_CHECKING:  # pragma: no cover
    from ..rules import RuleSet


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering [lo, hi].

    >>> nice_ticks(0, 10.3)
    [0.0, 2.5, 5.0, 7.5, 10.0, 12.5]
    >>> nice_ticks(5, 5)
    [4.0, 5.0, 6.0]
    """
    if hi == lo:
        step = 10 ** math.floor(math.log10(max(abs(hi) * 0.2, 1e-9)))
        return [float(lo - step), float(lo), float(lo + step)]
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.floor(lo / step + 1e-9) * step
    ticks, t = [], first
    while t < hi + step * 0.999:
        ticks.append(round(t, 10))
        t += step
    return ticks


#: chart geometry (SVG user units); a panel grows by ``legend_row`` for each row its legend needs
CHART = {"width": 560, "panel": 210, "left": 62, "right": 14, "top": 38, "bottom": 30,
         "legend_row": 20, "legend_font": 13}
#: series colours when a chart holds several regions (or periods): sixteen, so that a page of
#: provinces rarely gives two places one colour (place_colours repeats only past sixteen)
PALETTE = ("#1f56c7", "#d08700", "#187a3c", "#b4233c", "#6d3bb5", "#0e7490", "#a45c00", "#4b5563",
           "#e11d74", "#65a30d", "#0891b2", "#92400e", "#7c3aed", "#be123c", "#15803d", "#1e3a8a")


def text_width(text: str, size: float) -> float:
    """Width of ``text`` in SVG units at font ``size``, on the safe side: wide (CJK,
    full-width) characters take a full em, others 0.62 em.

    >>> text_width("ab", 10), text_width("安徽省", 10)
    (12.4, 30.0)
    """
    return float(round(sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.62 * size for ch in text), 1))


def legend_layout(names: Sequence[str], left: float, right: float, y: float) -> list[dict[str, Any]]:
    """Legend entries placed left to right in rows under a panel title, wrapping at ``right``,
    so that no entry overlaps the title, another entry or the plot (issue 11: a legend on the
    title line ran over the title). Each entry: ``x``, ``y`` (the row's middle), ``width``, ``name``.

    >>> [(e["x"], e["y"]) for e in legend_layout(["a", "b"], 6, 546, 30)]
    [(6, 30), (51.1, 30)]
    >>> len({e["y"] for e in legend_layout(["四川省 actual"] * 9, 6, 546, 30)})
    3
    """
    g, out, x, row = CHART, [], left, 0
    for name in names:
        width = 23 + text_width(name, g["legend_font"])        # swatch 18 + gap 5, then the text
        if x > left and x + width > right:
            x, row = left, row + 1
        out.append({"x": round(x, 1), "y": y + row * g["legend_row"], "width": width, "name": name})
        x += width + 14
    return out


def _panel(series: list[dict[str, Any]], xs: list[str], numeric_x: bool, y0: float,
           rules: "RuleSet | None" = None) -> dict[str, Any]:
    """Coordinates of one chart panel. ``series``: dicts with ``points``
    [(x key, value, quote id, label, five-year?)], ``other`` and ``target``. The legend takes
    rows of its own under the title; ``height`` is the panel's height with them. The axis is
    labelled with the short scales of ``rules`` (:func:`~govextract.report.render.fmt_short`)."""
    g = CHART
    names = [(f"{s['other']} " if s.get("other") else "") + ("target" if s.get("target") else "actual")
             for s in series]
    legend = legend_layout(names, 6, g["width"] - g["right"], y0 + 38)
    rows = len({e["y"] for e in legend})
    extra = rows * g["legend_row"]
    values = [p[1] for s in series for p in s["points"]]
    lo, hi = min(values), max(values)
    if lo >= 0 and (hi - lo) > 0.25 * hi:
        lo = 0.0    # start at zero unless the values sit in a narrow band far from it
    elif hi <= 0:
        hi = 0.0
    ticks = nice_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]
    x_left, x_right = g["left"], g["width"] - g["right"]
    top, bottom = y0 + g["top"] + extra, y0 + g["panel"] + extra - g["bottom"]
    if numeric_x:
        nums = [float(x) for x in xs]
        xmin, xmax = min(nums), max(nums)
        span = (xmax - xmin) or 1.0
        pad = 14.0
        xpos = {x: x_left + pad + (float(x) - xmin) / span * (x_right - x_left - 2 * pad) for x in xs}
    else:
        band = (x_right - x_left) / max(len(xs), 1)
        xpos = {x: x_left + band * (k + 0.5) for k, x in enumerate(xs)}

    def y(v: float) -> float:
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    out = []
    bars = not numeric_x
    nb = max(1, len(series))
    band = (x_right - x_left) / max(len(xs), 1)
    bw = min(26.0, band * 0.8 / nb)
    for k, s in enumerate(series):
        pts = sorted(s["points"], key=lambda p: xs.index(p[0]))
        coords = [{"x": round(xpos[x] + ((k - (nb - 1) / 2) * bw if bars else 0), 1), "y": round(y(v), 1),
                   "key": x, "value": v, "quote": qid, "label": label, "five_year": fy}
                  for x, v, qid, label, fy in pts]
        path = ""
        if not bars:   # a line through the annual values, broken where a year is missing;
            prev = None    # five-year values (totals, averages) stand apart as squares
            for c in coords:
                if c["five_year"]:
                    prev = None
                    continue
                idx = float(c["key"])
                path += f"{'L' if prev is not None and idx == prev + 1 else 'M'}{c['x']},{c['y']} "
                prev = idx
        out.append({**{k2: v2 for k2, v2 in s.items() if k2 != "points"}, "points": coords, "path": path.strip(),
                    "legend": legend[k]})
    base = y(0.0) if lo <= 0 <= hi else bottom
    step = max(1, math.ceil(len(xs) / 12))
    return {"y0": y0, "height": g["panel"] + extra, "top": top, "bottom": bottom, "left": x_left, "right": x_right,
            "yticks": [{"y": round(y(t), 1), "label": fmt_short(t, rules)} for t in ticks],
            "xticks": _xticks(xs, xpos, step),
            "rotate": bars and len(xs) > 8, "bars": bars, "bar_width": round(bw, 1),
            "base": round(base, 1), "series": out}


def _xticks(xs: list[str], xpos: dict[str, float], step: int) -> list[dict[str, Any]]:
    """Every ``step``-th x label, and the last one unless it would crowd its neighbour."""
    keep = [k for k in range(len(xs)) if k % step == 0]
    last = len(xs) - 1
    if keep and keep[-1] != last:
        if xpos[xs[last]] - xpos[xs[keep[-1]]] < 34:
            keep[-1] = last
        else:
            keep.append(last)
    return [{"x": round(xpos[xs[k]], 1), "label": xs[k]} for k in keep]

"""compare --chart: the review page's charts (``chart.svg.j2``) in one SVG document, written as
it is or rasterised to PNG with resvg, so that one drawing serves the page and the file.

>>> import pandas as pd
>>> long = pd.DataFrame({"doc": ["a.txt", "b.txt"], "issuer": ["", ""], "region": ["", ""],
...     "period": [2023, 2024], "indicator": ["GDP", "GDP"], "measure": ["level", "level"],
...     "value": [1.0e12, 1.1e12], "value_max": [None, None], "unit": ["元", "元"], "approx": ["", ""],
...     "target": [False, False], "derived": [False, False], "quote": ["", ""]})
>>> svg = charts_svg(long, font_family="sans-serif")
>>> svg.startswith("<svg xmlns") and svg.count('class="chart"') == 1 and "1.1万亿" in svg
True
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .comparison import compare_context
from .render import _render
from .svg import CHART

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..rules import RuleSet

#: the sheet: charts side by side up to ``columns``, a title line above each, a margin around
SHEET = {"columns": 2, "gap": 24, "margin": 16, "title_height": 28, "zoom": 2.0}


def charts_context(long: "pd.DataFrame", *, by: str | None = None, max_panels: int = 12,
                   font_family: str = "sans-serif", rules: "RuleSet | None" = None) -> dict[str, Any]:
    """The review page's charts placed on one sheet: ``placed`` (chart, x, y), ``width``, ``height``.
    At most ``max_panels`` panels, whole charts first come first; values written by the
    ``display`` rules of ``rules``."""
    ctx = compare_context(long, by=by, rules=rules)
    charts, panels = [], 0
    for c in ctx["charts"]:
        if charts and panels + len(c["panels"]) > max_panels:
            break
        charts.append(c)
        panels += len(c["panels"])
    s, cols = SHEET, min(SHEET["columns"], max(1, len(charts)))
    placed, y = [], s["margin"]
    for k in range(0, len(charts), cols):
        row = charts[k:k + cols]
        for j, c in enumerate(row):
            placed.append({"chart": c, "x": s["margin"] + j * (CHART["width"] + s["gap"]), "y": y})
        y += s["title_height"] + max(c["height"] for c in row) + s["gap"]
    width = 2 * s["margin"] + cols * CHART["width"] + (cols - 1) * s["gap"]
    return {"placed": placed, "chart": CHART, "width": width, "height": y - s["gap"] + s["margin"],
            "title_height": s["title_height"], "font_family": font_family, "n_charts": len(charts)}


def charts_svg(long: "pd.DataFrame", *, by: str | None = None, max_panels: int = 12,
               font_family: str = "sans-serif", rules: "RuleSet | None" = None) -> str:
    """Every chart of the comparison, as the review page draws them, in one SVG document."""
    return _render("charts.svg.j2", charts_context(long, by=by, max_panels=max_panels, font_family=font_family,
                                                   rules=rules), rules)


def rasterise(svg: str, *, font_file: str | None = None, font_family: str | None = None,
              zoom: float = SHEET["zoom"]) -> bytes:
    """PNG bytes of an SVG document (resvg, the ``[charts]`` extra)."""
    from ..extras import require

    resvg_py = require("resvg_py", "PNG charts")
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=zoom, background="#ffffff",
                                       font_files=[font_file] if font_file else None,
                                       sans_serif_family=font_family))

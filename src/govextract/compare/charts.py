"""Chart files of a long comparison table: the review page's SVG charts, as SVG or as PNG
(resvg; a CJK font). The drawing itself is ``govextract/templates/chart.svg.j2``."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..report.render import CJK_FONTS   # looked for in this order; the review pages' font stack too
from .rows import ChartError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..rules import RuleSet


def find_cjk_font() -> tuple[str, str] | None:
    """(file, family) of an installed font with Chinese glyphs, from fontconfig or, without it,
    the usual font folders; None if there is none."""
    import shutil
    import subprocess

    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=zh", "file", "family"], capture_output=True, text=True,
                                 timeout=20).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        fonts = [(f.strip(), fam.split(",")[0].strip()) for f, _, fam in
                 (line.partition(":") for line in out.splitlines() if ":" in line)]
        for name in CJK_FONTS:
            for f, fam in fonts:
                if fam == name:
                    return f, fam
        if fonts:
            return fonts[0]
    for folder in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
                   Path("/System/Library/Fonts"), Path("C:/Windows/Fonts")):
        for name in CJK_FONTS:
            hits = sorted(folder.rglob(name.replace(" ", "") + "*")) if folder.is_dir() else []
            if hits:
                return str(hits[0]), name
    return None


def place_colours(places: Iterable[str], n: int) -> dict[str, int]:
    """A palette index (of ``n``) for each place, from a hash of its name, so that a place keeps
    its colour across charts; places whose hash collides in one chart take the next free index.

    >>> a = place_colours(["安徽省", "福建省"], 20)
    >>> b = place_colours(["福建省", "云南省", "安徽省"], 20)
    >>> a["安徽省"] == b["安徽省"] and a["福建省"] == b["福建省"], len(set(b.values()))
    (True, 3)
    """
    import zlib

    out: dict[str, int] = {}
    for p in sorted(set(places)):
        i = zlib.crc32(p.encode("utf-8")) % n
        while i in out.values() and len(out) < n:
            i = (i + 1) % n
        out[p] = i
    return out


def chart(long_df: "pd.DataFrame", out: str | Path, *, by: str | None = None, max_panels: int = 12,
          rules: "RuleSet | None" = None) -> Path:
    """Draw the comparison's charts into ``out``: the review page's charts (one per indicator,
    a panel per measure, a series per place, targets dashed, five-year figures as squares),
    as an SVG document (``.svg``) or rasterised to PNG (any other suffix; the ``[charts]``
    extra, resvg); values are written by the ``display`` rules of ``rules``. Raises :class:`ChartError` when there is nothing to draw or no CJK font."""
    if long_df.empty:
        raise ChartError("nothing to chart: no indicator values found", fix="check the inputs or --indicator")
    target = Path(out)
    as_svg = target.suffix.lower() == ".svg"
    if not as_svg:
        from ..extras import MissingExtra, require

        try:
            require("resvg_py", "PNG charts")
        except MissingExtra as e:
            raise ChartError(e.reason, fix=e.fix) from e
    font = find_cjk_font()
    if font is None and not as_svg:
        raise ChartError("no font with Chinese glyphs found for the chart",
                         fix="install one, e.g. apt-get install fonts-noto-cjk, or Noto Sans CJK / WenQuanYi / "
                             "Source Han Sans / SimHei")
    from ..report.charts import charts_svg, rasterise
    from ..report.render import ReportError

    families = ((font[1],) if font else ()) + CJK_FONTS
    try:
        svg = charts_svg(long_df, by=by, max_panels=max_panels, rules=rules,
                         font_family=", ".join(f"'{f}'" for f in families) + ", sans-serif")
    except ReportError as e:
        raise ChartError(e.reason, fix=e.fix) from e
    if 'class="chart"' not in svg:
        raise ChartError("nothing to chart: no indicator values found", fix="check the inputs or --indicator")
    from ..tables import atomic_path

    with atomic_path(target) as tmp:
        if as_svg:
            tmp.write_text(svg, encoding="utf-8")
        else:
            tmp.write_bytes(rasterise(svg, font_file=font[0], font_family=font[1]))
    return target

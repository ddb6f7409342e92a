"""PNG charts of a long comparison table (matplotlib, a CJK font)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .rows import ChartError
from .wide import _axis

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


#: CJK font families looked for, in order (fontconfig and matplotlib names)
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans SC", "Noto Serif CJK SC",
             "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti",
             "AR PL UMing CN", "Droid Sans Fallback")


def find_cjk_font() -> str | None:
    """The path of a font file with Chinese glyphs, from matplotlib's font list or fontconfig."""
    from matplotlib import font_manager

    by_name = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in by_name:
            return by_name[name]
    import shutil
    import subprocess

    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=zh", "file", "family"], capture_output=True, text=True,
                                 timeout=20).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        files = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
        for name in CJK_FONTS:
            for line in out.splitlines():
                if name in line:
                    return line.split(":")[0].strip()
        if files:
            return files[0]
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


def chart(long_df: "pd.DataFrame", out: str | Path, *, by: str | None = None, max_panels: int = 12) -> Path:
    """Draw each indicator (level and growth) across periods (lines, one per region) or
    across regions (bars) into a PNG. Raises :class:`ChartError` without a CJK font."""
    if long_df.empty:
        raise ChartError("nothing to chart: no indicator values found", fix="check the inputs or --indicator")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib import font_manager
    except ImportError as e:  # pragma: no cover
        raise ChartError(f"matplotlib is not installed ({e})", fix="pip install 'govextract[charts]'") from e
    font = find_cjk_font()
    if font is None:
        raise ChartError("no font with Chinese glyphs found for the chart",
                         fix="install one, e.g. apt-get install fonts-noto-cjk, or Noto Sans CJK / WenQuanYi / "
                             "Source Han Sans / SimHei")
    font_manager.fontManager.addfont(font)
    family = font_manager.FontProperties(fname=font).get_name()
    axis = _axis(long_df, by)
    results = long_df[~long_df["target"].astype(bool)]
    panels = []
    for (ind, measure, unit), g in results.groupby(["indicator", "measure", "unit"], sort=False):
        if measure in ("level", "growth_pct", "growth_pp"):
            panels.append((ind, measure, unit, g))
    if not panels:
        raise ChartError("nothing to chart: only targets found", fix="give reports with results")
    panels = panels[:max_panels]
    n = len(panels)
    cols = 1 if n == 1 else 2 if n <= 4 else 3
    rows = (n + cols - 1) // cols
    # one colour per place for every panel (a place keeps its colour across charts), one legend
    # for the figure, outside every axes (issue 11: legends overlapped the axis labels)
    cmap = plt.get_cmap("tab20")
    colour = {p: cmap(i) for p, i in place_colours((str(r) for r in long_df["region"].fillna("")), 20).items()}
    with plt.rc_context({"font.family": [family], "axes.unicode_minus": False}):
        fig, axes = plt.subplots(rows, cols, figsize=(6 * cols, 3.6 * rows + 0.4), squeeze=False,
                                 layout="constrained")
        for ax, (ind, measure, unit, g) in zip(axes.flat, panels):
            label = {"level": "", "growth_pct": " 增长", "growth_pp": " 变化"}[measure]
            scale, shown = (1e8, "亿元") if unit == "元" and g["value"].abs().max() >= 1e8 else (1, unit)
            if axis == "period":
                for region, rg in g.groupby(g["region"].fillna(""), sort=False):
                    pts = {}
                    for r in rg.sort_values(["derived", "five_year"]).to_dict("records"):
                        if r["period"] is not None and r["period"] == r["period"]:
                            pts.setdefault(int(r["period"]), r["value"] / scale)
                    xs = sorted(pts)
                    ax.plot(xs, [pts[x] for x in xs], marker="o", label=region or None,
                            color=colour[str(region)])
                ax.set_xlabel("年份")
                ax.xaxis.get_major_locator().set_params(integer=True)
            else:
                pts = {}
                for r in g.sort_values(["derived", "five_year"]).to_dict("records"):
                    pts.setdefault(str(r["region"]), r["value"] / scale)
                ax.bar(list(pts), list(pts.values()), color=[colour[p] for p in pts])
                ax.tick_params(axis="x", labelrotation=60, labelsize=7)
            ax.set_title(f"{ind}{label}（{shown}）", fontsize=10)
            ax.grid(alpha=0.3)
        for ax in list(axes.flat)[n:]:
            ax.axis("off")
        labels: dict[str, Any] = {}
        for ax in axes.flat:
            for h, lab in zip(*ax.get_legend_handles_labels()):
                labels.setdefault(lab, h)
        if axis == "period" and len(labels) > 1:
            fig.legend(list(labels.values()), list(labels), loc="outside lower center", fontsize=7,
                       ncol=min(len(labels), 6), frameon=False)
        target = Path(out)
        from ..tables import atomic_path

        with atomic_path(target) as tmp:
            fig.savefig(tmp, format="png", dpi=110)
        plt.close(fig)
    return target

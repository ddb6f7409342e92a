"""Charts an analyst can read (issue 11, What to build 8; Why 6 and 8): the legend clears
every title and plot, a place keeps its colour across charts, and the chart file is the
review page's drawing (issue 14: one chart engine).

Source: corpora/state-council/state_council_2010.txt, 2011.txt and corpora/provinces-2026/
anhui_2026.txt, fujian_2026.txt, yunnan_2026.txt.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from govextract.compare import chart, compare, place_colours

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "corpora" / "state-council" / "state_council_2010.txt",
        ROOT / "corpora" / "state-council" / "state_council_2011.txt",
        ROOT / "corpora" / "provinces-2026" / "anhui_2026.txt",
        ROOT / "corpora" / "provinces-2026" / "fujian_2026.txt"]


def test_chart_file_is_the_review_pages_drawing(pipeline, tmp_path):
    """One chart engine (issue 14): compare --chart writes the review page's charts — the same
    SVG elements — as an SVG document, or rasterised to PNG (resvg)."""
    import re

    from govextract.report import render_compare

    df = compare([pipeline.parse(p) for p in DOCS], indicators=["GDP"], rules=pipeline.rules)
    svg = chart(df, tmp_path / "c.svg", by="period").read_text(encoding="utf-8")
    page = render_compare(df, by="period")

    def charts(html: str) -> list[str]:
        found = re.findall(r'<svg class="chart".*?</svg>', html, re.S)
        return [re.sub(r'^(<svg class="chart") x="[^"]*" y="[^"]*" width="[^"]*" height="[^"]*"', r"\1", c)
                for c in found]

    assert charts(svg) == charts(page) and len(charts(svg)) == 1
    assert ">地区生产总值 <tspan" in svg


def test_chart_png_draws_every_place_in_its_colour(pipeline, tmp_path):
    from PIL import Image

    from govextract.report.charts import SHEET, charts_context

    df = compare([pipeline.parse(p) for p in DOCS], indicators=["GDP"], rules=pipeline.rules)
    png = chart(df, tmp_path / "c.png", by="period")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ctx = charts_context(df, by="period")
    im = Image.open(png).convert("RGB")
    assert im.size == (round(ctx["width"] * SHEET["zoom"]), round(ctx["height"] * SHEET["zoom"]))
    colours = {px for _, px in im.getcolors(maxcolors=1 << 20)}
    series = [s for p in ctx["placed"] for panel in p["chart"]["panels"] for s in panel["series"]]
    assert {s["other"] for s in series} == {"中华人民共和国", "安徽省", "福建省"}
    for s in series:                                  # each place's colour is drawn (lines, dots, legend)
        assert tuple(int(s["color"][k:k + 2], 16) for k in (1, 3, 5)) in colours
    # text is drawn: the title line of the first chart has dark pixels (a CJK font was found)
    title = im.crop((0, 0, im.size[0] // 2, round(SHEET["title_height"] * SHEET["zoom"]) + 20))
    assert all(low < 80 for low, _ in title.getextrema())


@pytest.mark.parametrize(("first", "second"), [
    pytest.param(["安徽省", "福建省"], ["福建省", "云南省", "安徽省", "四川省"], id="more-places"),
    pytest.param(["呼伦贝尔市海拉尔区", "满洲里市"], ["满洲里市", "呼伦贝尔市海拉尔区"], id="order"),
])
def test_a_place_keeps_its_colour(first, second):
    a, b = place_colours(first, 20), place_colours(second, 20)
    assert all(a[p] == b[p] for p in first)
    assert len(set(b.values())) == len(second)                 # never two places one colour


# --- the review page's SVG charts: the legend has rows of its own under the panel title ---
def boxes_overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """(x0, y0, x1, y1) boxes that share area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.fixture(scope="module")
def review_context(pipeline):
    from govextract.report import compare_context

    provinces = sorted((ROOT / "corpora" / "provinces-2026").glob("*.txt"))[:12]
    df = compare([pipeline.parse(p) for p in [*DOCS[:2], *provinces]], indicators=["GDP"], rules=pipeline.rules)
    return compare_context(df, by="period")


def test_review_legend_never_overlaps_title_plot_or_itself(review_context):
    from govextract.report import CHART, text_width

    panels = [p for c in review_context["charts"] for p in c["panels"]]
    assert max(len(p["series"]) for p in panels) >= 10           # enough places to need several rows
    rows_seen = set()
    for p in panels:
        title = (6, p["y0"] + 18 - 14, 6 + text_width("target change, points, 万亿元", 14), p["y0"] + 18 + 4)
        plot = (p["left"], p["top"], p["right"], p["bottom"])
        entries = [(s["legend"]["x"], s["legend"]["y"] - 9, s["legend"]["x"] + s["legend"]["width"],
                    s["legend"]["y"] + 9) for s in p["series"]]
        rows_seen.add(len({e[1] for e in entries}))
        for k, e in enumerate(entries):
            assert 0 <= e[0] and e[2] <= CHART["width"] - CHART["right"]
            assert not boxes_overlap(e, title) and not boxes_overlap(e, plot)
            assert not any(boxes_overlap(e, f) for f in entries[k + 1:])
    assert max(rows_seen) >= 2
    for c in review_context["charts"]:                          # panels stack without gaps or overlap
        assert [p["y0"] for p in c["panels"]] == [sum(q["height"] for q in c["panels"][:k])
                                                   for k in range(len(c["panels"]))]
        assert c["height"] == sum(p["height"] for p in c["panels"])


def test_review_page_gives_each_place_its_own_colour(review_context):
    """Twelve places (with the nation) on one page: sixteen colours, none shared."""
    colours: dict[str, str] = {}
    for c in review_context["charts"]:
        for p in c["panels"]:
            for s in p["series"]:
                assert colours.setdefault(s["other"], s["color"]) == s["color"]   # same place, same colour
    assert len(colours) >= 10 and len(set(colours.values())) == len(colours)

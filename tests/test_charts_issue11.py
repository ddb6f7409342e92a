"""Charts an analyst can read (issue 11, What to build 8; Why 6 and 8): the legend clears
every axes and title, and a place keeps its colour across charts.

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


def test_legend_clears_axes_and_titles(pipeline, tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figures = []
    monkeypatch.setattr(plt, "close", lambda fig=None: figures.append(fig))   # keep the figure to measure it
    df = compare([pipeline.parse(p) for p in DOCS], indicators=["GDP"], rules=pipeline.rules)
    chart(df, tmp_path / "c.png", by="period")
    fig = figures[-1]
    renderer = fig.canvas.get_renderer()
    legend = fig.legends[0].get_window_extent(renderer)
    for ax in fig.axes:
        if not ax.axison:
            continue
        for box in (ax.get_window_extent(renderer), ax.title.get_window_extent(renderer),
                    ax.xaxis.label.get_window_extent(renderer)):
            assert not legend.overlaps(box)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["中华人民共和国", "安徽省", "福建省"]


@pytest.mark.parametrize(("first", "second"), [
    pytest.param(["安徽省", "福建省"], ["福建省", "云南省", "安徽省", "四川省"], id="more-places"),
    pytest.param(["呼伦贝尔市海拉尔区", "满洲里市"], ["满洲里市", "呼伦贝尔市海拉尔区"], id="order"),
])
def test_a_place_keeps_its_colour(first, second):
    a, b = place_colours(first, 20), place_colours(second, 20)
    assert all(a[p] == b[p] for p in first)
    assert len(set(b.values())) == len(second)                 # never two places one colour

"""Tables on scans (issue 10, part 1): rows and columns from the recogniser's boxes and the
page's printed rules, read by the same table finder as text layers.

Acceptance: the rasterised 周口 pages (``corpora/real/henan_zhoukou_2023_tjgb_p1-5_rasterized.pdf``,
no text layer) give by OCR at least 0.90 of the cells that the text layer of the same pages
(``corpora/real/henan_zhoukou_2023_tjgb.pdf``, pages 1–5) gives: same caption, row path,
column path, value and unit. Slow (RapidOCR on CPU).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from govextract.ingest import ReadOptions
from govextract.ingest.ocr_tables import find_rules

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "corpora" / "real"

RULES = [
    # id, source, dark rectangles on a white 400×600 page as slices (top, bottom, left, right),
    # edges found (orientation, x0, x1, top) in points at 2 pixels a point
    ("three-line", "a 三线表 as henan_zhoukou_2023_tjgb_p1-5_rasterized.pdf prints them: top, header, bottom rules",
     [(100, 104, 50, 550), (140, 142, 50, 550), (300, 304, 50, 550)],
     [("h", 25.0, 275.0, 50.75), ("h", 25.0, 275.0, 70.25), ("h", 25.0, 275.0, 150.75)]),
    ("ruled", "a lattice: two rules across and one down between them",
     [(100, 102, 50, 550), (300, 302, 50, 550), (100, 302, 300, 302)],
     [("h", 25.0, 275.0, 50.25), ("h", 25.0, 275.0, 150.25), ("v", 150.25, 150.25, 50.0)]),
    ("text-is-not-a-rule", "a character (a glyph 1.5% of the page high), a stroke, an underline too short to be a rule",
     [(50, 56, 50, 56), (50, 52, 70, 90), (80, 82, 50, 120)], []),
]


@pytest.mark.parametrize("boxes,expected", [r[2:] for r in RULES], ids=[r[0] for r in RULES])
def test_find_rules(boxes, expected):
    page = np.full((400, 600), 255, dtype=np.uint8)
    for top, bottom, left, right in boxes:
        page[top:bottom, left:right] = 0
    got = [(e["orientation"], e["x0"], e["x1"], e["top"]) for e in find_rules(page, 2.0)]
    assert got == expected


def _cells(rep, last_page: int) -> set[tuple]:
    df = rep.cells
    df = df[(df["page"] <= last_page) & df["value"].notna()]
    return {(r["caption"], str(r["row_path"]), str(r["column_path"]), float(r["value"]), r["unit"])
            for r in df.to_dict("records")}


@pytest.fixture(scope="module")
def both(pipeline):
    text_layer = pipeline.parse(REAL / "henan_zhoukou_2023_tjgb.pdf")
    from govextract.pipeline import Pipeline

    scan = Pipeline(pipeline.rules, ReadOptions(workers=2)).parse(REAL / "henan_zhoukou_2023_tjgb_p1-5_rasterized.pdf")
    return text_layer, scan


@pytest.mark.slow
def test_scan_gives_the_cells_of_the_text_layer(both):
    text_layer, scan = both
    want, got = _cells(text_layer, 5), _cells(scan, 5)
    assert len(want) >= 100
    share = len(want & got) / len(want)
    assert share >= 0.90, (share, sorted(want - got, key=str)[:10])


CAPTIONS = [
    # id, caption on the scan, rows × columns as the text layer reads them
    ("table-1", "表1 2023年末周口市常住人口数及其构成", (10, 3)),
    ("table-2", "表2 2023年周口市居民消费价格指数", (18, 2)),
    ("table-3", "表3 2023年周口市主要农产品产量及增速", (19, 3)),
    ("table-5", "表5 2023年周口市规模以上工业主要产品产量及增速", (13, 4)),
]


@pytest.mark.slow
@pytest.mark.parametrize("caption,shape", [c[1:] for c in CAPTIONS], ids=[c[0] for c in CAPTIONS])
def test_scan_tables(both, caption, shape):
    text_layer, scan = both
    raw = {t.caption: t for t in scan.document.tables}[caption]
    assert (len(raw.grid), len(raw.grid[0])) == shape
    assert raw.origin == "ocr"
    same = {t.caption: t for t in text_layer.document.tables}[caption]
    assert (len(same.grid), len(same.grid[0])) == shape

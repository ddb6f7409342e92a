"""Shared fixtures: paths to the shipped corpora and gold, and one pipeline per session."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
FIXTURES = ROOT / "tests" / "fixtures"
GOLD = FIXTURES / "gold"
JIADING_TXT = CORPORA / "jiading" / "jiading_2024.txt"

# Every PDF with a text layer that the repository holds (sources: corpora/README.md,
# corpora/real/README.md); the image-only and rasterised ones are left out.
TEXT_LAYER_PDFS = [
    pytest.param("corpora/jiading/jiading_2024.pdf", id="jiading_2024"),
    pytest.param("corpora/real/henan_zhoukou_2023_tjgb.pdf", id="zhoukou_tjgb"),
    pytest.param("corpora/real/jiangsu_huaian_2024_zfxxgk_ndbg.pdf", id="huaian_ndbg"),
    pytest.param("corpora/real/shanghai_czj_2025_dwys.pdf", id="czj_dwys"),
    pytest.param("corpora/real/shanghai_putuo_czj_2024_bmjs.pdf", id="putuo_czj_bmjs"),
    pytest.param("corpora/real/shanghai_putuo_qwshgzb_2024_bmjs.pdf", id="putuo_qwshgzb_bmjs"),
    pytest.param("corpora/real/shanghai_putuo_shehuifuliyuan_2024_dwys.pdf", id="putuo_fuliyuan_dwys"),
    pytest.param("corpora/real/shanghai_putuo_wanlijiedao_2024_bmys.pdf", id="putuo_wanli_bmys"),
    # made by tests/fixtures/make_pdf_fixtures.py: fake bold by overprinting, red header, a ruled table
    pytest.param("tests/fixtures/ingest/notice_fakebold.pdf", id="fixture_notice_fakebold"),
]


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def score():
    """The shared scorer, :mod:`govextract.evaluate.score`."""
    from govextract.evaluate import score as mod

    return mod


@pytest.fixture(scope="session")
def pipeline():
    from govextract.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def jiading(pipeline):
    """The reference document, parsed from its PDF-converter text."""
    return pipeline.parse(JIADING_TXT)


@pytest.fixture(scope="session")
def parse_once():
    """``parse_once(path)``: a shipped file parsed once per test session (two OCR workers),
    so the slow forms (scans, long PDFs) are read once however many tests look at them."""
    from govextract.ingest import ReadOptions
    from govextract.pipeline import Pipeline

    pipe = Pipeline(options=ReadOptions(workers=2))
    cache: dict = {}

    def get(path):
        key = str(path)
        if key not in cache:
            cache[key] = pipe.parse(path)
        return cache[key]
    return get

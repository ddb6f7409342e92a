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

"""Integrity of the hand-checked series gold (issue 11): every row is well formed and its
evidence is words of its document, as the reader gives the text (no extraction involved).

Source: tests/golden/hand_*.csv, annotated by reading corpora/provinces-2025-docx and
corpora/provinces-2026 before compare was run on them (tests/golden/README.md).
"""
from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

import pytest

from govextract.ingest import read
from govextract.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
FILES = sorted(GOLDEN.glob("hand_*.csv"))
COLUMNS = ["doc", "region", "period", "indicator", "measure", "value", "value_max", "unit", "approx",
           "evidence", "note"]
MEASURES = {"level", "growth_pct", "target_level", "target_growth_pct", "cumulative_level", "average_growth_pct"}


def rows():
    out = []
    for f in FILES:
        with open(f, encoding="utf-8", newline="") as fh:
            for i, r in enumerate(csv.DictReader(fh), start=2):
                out.append(pytest.param(f, r, id=f"{f.stem}:{i}"))
    return out


@functools.lru_cache(maxsize=None)
def text_of(doc: str) -> str:
    path = next(ROOT.glob(f"corpora/*/{doc}"))
    return re.sub(r"\s+", "", read(path).text)


def test_files_and_columns():
    assert {f.name for f in FILES} >= {"hand_provinces_2025.csv", "hand_provinces_2026.csv"}
    for f in FILES:
        with open(f, encoding="utf-8", newline="") as fh:
            assert next(csv.reader(fh)) == COLUMNS, f.name


def test_size():
    assert len(rows()) >= 250


@pytest.mark.parametrize(("path", "row"), rows())
def test_row(path, row):
    names = load_rules().indicators["indicators"]
    assert row["indicator"] in names
    assert row["measure"] in MEASURES
    assert 1990 <= int(row["period"]) <= 2030
    value = float(row["value"])
    if row["value_max"]:
        assert float(row["value_max"]) > value
    assert row["unit"] == ("%" if row["measure"].endswith("pct") else "元")
    assert len(list(ROOT.glob(f"corpora/*/{row['doc']}"))) == 1
    assert re.sub(r"\s+", "", row["evidence"]) in text_of(row["doc"])

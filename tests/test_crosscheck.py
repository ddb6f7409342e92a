"""scripts/crosscheck.py (issue 11, What to build 9): each province's 2024 level (2025 report),
2025 level and growth (2026 report), matched by region code, with the nominal/real gap.

Source: corpora/provinces-2025-docx/2025年{福建省,宁夏,广东省}政府工作报告.docx and
corpora/provinces-2026/{fujian,ningxia}_2026.txt (figures checked in tests/golden/hand_*.csv).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rows(pipeline):
    spec = importlib.util.spec_from_file_location("crosscheck", ROOT / "scripts" / "crosscheck.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["crosscheck"] = mod
    spec.loader.exec_module(mod)
    d25, d26 = ROOT / "corpora" / "provinces-2025-docx", ROOT / "corpora" / "provinces-2026"
    got = mod.crosscheck([d25 / "2025年福建省政府工作报告.docx", d25 / "2025年宁夏政府工作报告.docx",
                          d25 / "2025年广东省政府工作报告.docx"],
                         [d26 / "fujian_2026.txt", d26 / "ningxia_2026.txt"], rules=pipeline.rules)
    return {r["region"]: r for r in got}, mod


@pytest.mark.parametrize(("region", "lv24", "lv25", "g25", "implied", "gap"), [
    pytest.param("福建省", 5776100000000, 6019945000000, 5.0, 4.22, -0.78, id="fujian"),
    pytest.param("宁夏回族自治区", 550300000000, 569600000000, 5.3, 3.51, -1.79, id="ningxia-short-name"),
])
def test_consistent(rows, region, lv24, lv25, g25, implied, gap):
    r = rows[0][region]
    assert (r["level_2024"], r["level_2025"], r["growth_2025"]) == (lv24, lv25, g25)
    assert (r["implied_growth"], r["gap_pp"]) == (implied, gap)
    assert r["check"].startswith(f"nominal {implied:.1f}% vs stated {g25}%") and "可比价 vs nominal" in r["check"]


def test_a_threshold_is_not_a_level(rows):
    """广东 2025: 迈上14万亿元新台阶 is a line crossed; no 2026 report: nothing to check."""
    r = rows[0]["广东省"]
    assert r["level_2024"] is None and r["check"].startswith("not stated: 2024 level, 2025 level")


def test_markdown(rows):
    md = rows[1].to_markdown([rows[0]["福建省"]])
    assert "| 福建省 | 57761亿 | 60199.45亿 | 5.0 | 4.22 | -0.78 |" in md

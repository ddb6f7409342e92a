"""Two stated values for one key are a conflict, each with the other's quote; never one
silently chosen (issue 11, What to build 3). Source: issue 11; corpora/provinces-2026/
hainan_2026.txt (省控断面地表水优良率96.9% beside 空气质量优良天数比例99.4%)."""
from __future__ import annotations

import pytest

from govextract.compare import compare


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("2024年工作回顾\n全区地区生产总值增长5.5%。\n全区地区生产总值增长5.8%。",
                 [("conflict", 5.5), ("conflict", 5.8)], id="two-growths"),
    pytest.param("2024年工作回顾\n全区地区生产总值增长5.5%。\n全区地区生产总值增长5.5%，好于预期。",
                 [("", 5.5), ("", 5.5)], id="same-value-twice"),
    pytest.param("2024年工作回顾\n一般公共预算收入增长1.7%（同口径增长2.5%）。",
                 [("", 1.7), ("", 2.5)], id="another-scope-is-another-series"),
])
def test_conflict(pipeline, text, expected):
    df = compare([pipeline.parse_text(text)], rules=pipeline.rules)
    got = df[(df["measure"] == "growth_pct") & ~df["derived"]]
    assert [(c, v) for c, v in zip(got["check"], got["value"])] == expected
    if expected[0][0] == "conflict":
        assert "conflicts with 5.8" in got["note"].iloc[0] and "«全区地区生产总值增长5.8%。»" in got["note"].iloc[0]

"""The comparison workbook (issue 11, What to build 8 and Why 8): one cell per key, money in
the unit a person reads, exact decimals, markers with a legend, no empty rows, integer years.

Source: corpora/provinces-2026 (anhui: 地区生产总值5.3万亿元; chongqing: 33757.93亿元; yunnan:
年均增长4.7%, a five-year value).
"""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from govextract.compare import compare, write_workbook

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "corpora" / "provinces-2026" / f"{n}_2026.txt" for n in ("anhui", "chongqing", "yunnan")]


@pytest.fixture(scope="module")
def book(tmp_path_factory, pipeline):
    long_df = compare([pipeline.parse(p) for p in DOCS], indicators=["地区生产总值"], rules=pipeline.rules)
    out = write_workbook(long_df, tmp_path_factory.mktemp("wb") / "gdp.xlsx", rules=pipeline.rules)
    return openpyxl.load_workbook(out), long_df


def _cell(ws, measure: str, region: str, period: int | None = None):
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        vals = dict(zip(head, row))
        if vals["measure"].value == measure and (period is None or vals["period"].value == period):
            return vals[region]
    raise AssertionError(f"no {measure} row")


@pytest.mark.parametrize(("measure", "region", "value", "fmt"), [
    pytest.param("level", "安徽省", 53000, "0", id="money-in-yiyuan"),
    pytest.param("level", "重庆市", 33757.93, "0.00", id="no-rounding-loss"),
    pytest.param("growth_pct", "安徽省", 5.5, "0.0", id="percent"),
    pytest.param("average_growth_pct", "云南省", 4.7, '0.0"†"', id="five-year-marker"),
])
def test_wide_cells(book, measure, region, value, fmt):
    cell = _cell(book[0]["wide"], measure, region, 2025)
    assert cell.value == value and cell.number_format == fmt and cell.data_type == "n"


def test_wide_units_and_rows(book):
    wide = pd.DataFrame(book[0]["wide"].values)
    wide.columns = wide.iloc[0]
    wide = wide.iloc[1:]
    assert set(wide[wide["measure"].str.endswith("level")]["unit"]) == {"亿元"}
    assert not wide.iloc[:, 4:].isna().all(axis=1).any()                  # no empty rows
    assert all(isinstance(p, int) for p in wide["period"])                # 2025, never 2025.0


def test_legend_and_long(book):
    wb, long_df = book
    assert wb.sheetnames == ["long", "wide", "sources", "notes", "legend"]
    assert [r[0].value for r in wb["legend"].iter_rows(min_row=2)][:3] == ["*", "†", "!"]
    head = [c.value for c in wb["long"][1]]
    anhui = [dict(zip(head, (c.value for c in r))) for r in wb["long"].iter_rows(min_row=2)]
    level = next(r for r in anhui if r["region"] == "安徽省" and r["measure"] == "level")
    assert level["value"] == 5300000000000 and level["unit"] == "元" and level["period"] == 2025


def test_no_nan_text(book):
    wb, _ = book
    assert not [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.lower() in ("nan", "none", "<na>")]

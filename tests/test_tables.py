"""Tables in every form, read as data: made-up tables (tests/fixtures/tables/, made by
tests/fixtures/make_table_fixtures.py) as example rows — caption, row path, column, value,
unit and measure of each cell — and the real published files of corpora/real/."""
from __future__ import annotations

import pytest

import govextract
from govextract.markup import TABLE

FIX = "tests/fixtures/tables/"


@pytest.fixture(scope="module")
def reports():
    cache: dict[str, govextract.Report] = {}

    def get(path: str) -> govextract.Report:
        if path not in cache:
            cache[path] = govextract.parse(path)
        return cache[path]
    return get


def _cell(rep, row_path: str, column: str):
    cells = rep.cells
    hit = cells[(cells.role == "data") & (cells.row_path == row_path) & (cells.column_path == column)]
    assert len(hit) == 1, f"{row_path} / {column}: {len(hit)} cells"
    return hit.iloc[0]


CELLS = [
    # (id, file, caption, row path, column path, value (None: empty), unit, measure)
    ("three-line-level", "three_line.pdf", "表1 2023年主要农产品产量", "粮食", "产量（万吨）", 9026100, "吨", "level"),
    ("three-line-fall", "three_line.pdf", "表1 2023年主要农产品产量", "粮食", "比上年增长（%）", -3.2, "%", "growth_pct"),
    ("three-line-child", "three_line.pdf", "表1 2023年主要农产品产量", "粮食 > 夏粮", "产量（万吨）", 5085800, "吨", "level"),
    ("three-line-sibling", "three_line.pdf", "表1 2023年主要农产品产量", "粮食 > 秋粮", "产量（万吨）", 3940300, "吨", "level"),
    ("three-line-empty", "three_line.pdf", "表1 2023年主要农产品产量", "粮食 > 秋粮", "比上年增长（%）", None, "%", "growth_pct"),
    ("ruled-unit-note", "ruled.pdf", "表2 2023年一般公共预算收支", "一般公共预算收入", "决算数", 2022700000, "元", "level"),
    ("ruled-budget", "ruled.pdf", "表2 2023年一般公共预算收支", "一般公共预算收入", "预算数", 2000000000, "元", "level"),
    ("ruled-dash-empty", "ruled.pdf", "表2 2023年一般公共预算收支", "一般公共预算支出", "预算数", None, "元", "level"),
    ("ruled-indent", "ruled.pdf", "表2 2023年一般公共预算收支", "一般公共预算支出 > 教育", "决算数", 1205000000, "元", "level"),
    ("unruled-unit-column", "unruled.pdf", "表3 2023年交通运输主要指标", "货物运输总量", "绝对数", 292000000, "吨", "level"),
    ("unruled-hash-child", "unruled.pdf", "表3 2023年交通运输主要指标", "货物运输总量 > 铁路", "增长%", -6.6, "%", "growth_pct"),
    ("unruled-people", "unruled.pdf", "表3 2023年交通运输主要指标", "旅客运输总量", "绝对数", 44483800, "人", "level"),
    ("continued-page1", "continued.pdf", "表4 2023年分地区生产总值", "甲区", "生产总值（亿元）", 132965000000, "元", "level"),
    ("continued-page2", "continued.pdf", "表4 2023年分地区生产总值", "戊区", "生产总值（亿元）", 9548000000, "元", "level"),
    ("continued-growth", "continued.pdf", "表4 2023年分地区生产总值", "丁区", "比上年增长（%）", 6.1, "%", "growth_pct"),
    ("docx-two-level-2022", "merged.docx", "表5 2022—2023年财政收入", "一般公共预算收入", "收入 > 2022年", 19010000000, "元", "level"),
    ("docx-two-level-2023", "merged.docx", "表5 2022—2023年财政收入", "一般公共预算收入 > 税收收入", "收入 > 2023年", 13635000000, "元", "level"),
    ("html-unit-row", "rowspan.html", "表6 2023年主要工业产品产量", "服装", "产量", 79380000, "件", "level"),
    ("text-aligned", "aligned.txt", "表7 2023年居民收入", "全体居民人均可支配收入 > 农村居民", "比上年增长（%）", 7.2, "%", "growth_pct"),
    ("text-level", "aligned.txt", "表7 2023年居民收入", "全体居民人均可支配收入", "绝对数（元）", 26000, "元", "level"),
]


@pytest.mark.parametrize("name,caption,row_path,column,value,unit,measure",
                         [pytest.param(*r[1:], id=r[0]) for r in CELLS])
def test_cells(reports, name, caption, row_path, column, value, unit, measure):
    rep = reports(FIX + name)
    c = _cell(rep, row_path, column)
    assert c.caption == caption
    assert (c.unit, c.measure) == (unit, measure)
    if value is None:
        assert c.value is None or c.value != c.value        # empty, not zero
    else:
        assert c.value == pytest.approx(value)


PERIODS = [
    ("docx-year-column", "merged.docx", "一般公共预算收入", "收入 > 2022年", 2022),
    ("caption-year", "three_line.pdf", "粮食", "产量（万吨）", 2023),
]


@pytest.mark.parametrize("name,row_path,column,period", [pytest.param(*r[1:], id=r[0]) for r in PERIODS])
def test_period(reports, name, row_path, column, period):
    assert _cell(reports(FIX + name), row_path, column).period == period


@pytest.mark.parametrize("name", ["three_line.pdf", "ruled.pdf", "unruled.pdf", "continued.pdf", "merged.docx",
                                  "rowspan.html", "aligned.txt"])
def test_one_mark_per_table_and_no_table_figures_in_prose(reports, name):
    rep = reports(FIX + name)
    assert rep.text.count(TABLE) == len(rep.table_list) == 1
    q = rep.quantities
    prose = q[q.source == "text"]
    table_texts = set(rep.cells[rep.cells.role == "data"].text)
    assert not (set(prose.text) & table_texts)
    assert not any(TABLE in t or "产量" in t for t in rep.items.title)


def test_table_quantities_link_indicators_and_reach_compare(reports):
    from govextract.compare import compare

    rep = reports(FIX + "merged.docx")
    q = rep.quantities
    t = q[(q.source == "table") & (q.indicator == "一般公共预算收入")]
    assert sorted(t.period) == [2022, 2023]
    assert set(t.table) == {"表5 2022—2023年财政收入"} and set(t.column) == {"收入 > 2022年", "收入 > 2023年"}
    df = compare([rep], indicators=["一般公共预算收入"])
    got = {(r.period, r.measure, r.value) for r in df.itertuples()}
    assert {(2022, "level", 19010000000), (2023, "level", 20227000000)} <= got


def test_html_rowspan_label_stands_in_every_row_it_spans(reports):
    c = reports(FIX + "rowspan.html").cells
    rows = c[(c.role == "data") & (c.row_path == "钢材") & (c.column_path == "产量")]
    assert list(zip(rows.value, rows.unit)) == [(1577693, "吨"), (1577700, "吨")]


def test_growth_fall_is_down_in_quantities(reports):
    q = reports(FIX + "three_line.pdf").quantities
    row = q[(q.source == "table") & (q.subject == "粮食") & (q.measure == "growth_pct")].iloc[0]
    assert (row.value, row.change) == (3.2, "down")


REAL = [
    # (id, file, tables, caption of the first, pages of the table that spans most)
    ("zhoukou-bulletin", "corpora/real/henan_zhoukou_2023_tjgb.pdf", 6, "表1 2023年末周口市常住人口数及其构成", (1,)),
    ("huaian-disclosure", "corpora/real/jiangsu_huaian_2024_zfxxgk_ndbg.pdf", 3, "二、主动公开政府信息情况", (3, 4)),
    # budget tables: an unnumbered title, then "编制部门：… 单位：元" on one line (the preparer before the unit)
    ("wanli-budget", "corpora/real/shanghai_putuo_wanlijiedao_2024_bmys.pdf", 9, "2024年部门财务收支预算总表", (10,)),
    ("czj-unit-budget", "corpora/real/shanghai_czj_2025_dwys.pdf", 9, "2025年预算单位财务收支预算总表", (7,)),
]


@pytest.mark.parametrize("path,n,caption,pages", [pytest.param(*r[1:], id=r[0]) for r in REAL])
def test_real_tables(reports, path, n, caption, pages):
    rep = reports(path)
    assert len(rep.table_list) == n
    assert rep.table_list[0].caption == caption
    assert rep.table_list[0].pages == pages


REAL_CELLS = [
    ("zhoukou-t1-child", "corpora/real/henan_zhoukou_2023_tjgb.pdf", "全市常住人口 > 60周岁及以上 > 65周岁及以上",
     "年末数（万人）", 1468000, "人", "level"),
    ("zhoukou-t3-grain-fall", "corpora/real/henan_zhoukou_2023_tjgb.pdf", "粮食 > 谷物 > 小麦", "比上年增长（%）", -8.6,
     "%", "growth_pct"),
    ("zhoukou-t6-unit-column", "corpora/real/henan_zhoukou_2023_tjgb.pdf", "货物运输周转量 > 铁路", "绝对数",
     13957000000, "吨公里", "level"),
    ("wanli-unit-from-preparer-line", "corpora/real/shanghai_putuo_wanlijiedao_2024_bmys.pdf", "财政拨款收入",
     "本年收入 > 预算数", 156211123, "元", "level"),
    ("czj-unit-from-preparer-line", "corpora/real/shanghai_czj_2025_dwys.pdf", "一般公共服务支出",
     "收入预算 > 合计", 127886849, "元", "level"),
]


BUDGET_UNITS = [
    # (id, file, table index, unit said for the table, period from the caption)
    ("wanli-income", "corpora/real/shanghai_putuo_wanlijiedao_2024_bmys.pdf", 1, "元", 2024),
    ("czj-spending", "corpora/real/shanghai_czj_2025_dwys.pdf", 2, "元", 2025),
    ("welfare-home", "corpora/real/shanghai_putuo_shehuifuliyuan_2024_dwys.pdf", 0, "元", 2024),
]


@pytest.mark.parametrize("path,index,unit,period", [pytest.param(*r[1:], id=r[0]) for r in BUDGET_UNITS])
def test_budget_tables_take_the_unit_after_the_preparer(reports, path, index, unit, period):
    t = reports(path).table_list[index]
    assert (t.unit, t.period) == (unit, period)
    assert t.caption.endswith("表") and not t.caption.startswith("编制")


@pytest.mark.parametrize("path,row_path,column,value,unit,measure", [pytest.param(*r[1:], id=r[0]) for r in REAL_CELLS])
def test_real_cells(reports, path, row_path, column, value, unit, measure):
    c = _cell(reports(path), row_path, column)
    assert (c.value, c.unit, c.measure) == (pytest.approx(value), unit, measure)


ENGINES = [
    ("zhoukou", "corpora/real/henan_zhoukou_2023_tjgb.pdf"),
    ("huaian", "corpora/real/jiangsu_huaian_2024_zfxxgk_ndbg.pdf"),
    ("continued", FIX + "continued.pdf"),
    ("unruled", FIX + "unruled.pdf"),
]


@pytest.mark.parametrize("path", [pytest.param(p, id=i) for i, p in ENGINES])
def test_tables_the_same_from_either_glyph_engine(path):
    """The detector reads PageGlyphs: pdfium's and pdfplumber's give the same grids."""
    import pdfplumber
    import pypdfium2 as pdfium

    from govextract.ingest.glyphs import glyphs_pdfium, glyphs_pdfplumber
    from govextract.ingest.tables.pdf_pages import glyph_tables

    doc = pdfium.PdfDocument(path)
    try:
        with pdfplumber.open(path) as pl:
            for i, page in enumerate(pl.pages):
                a = [t.grid for t, _ in glyph_tables(glyphs_pdfium(doc[i], i + 1))[0]]
                b = [t.grid for t, _ in glyph_tables(glyphs_pdfplumber(page))[0]]
                assert a == b, f"page {i + 1}"
    finally:
        doc.close()


def test_cells_table_through_batch_and_store(tmp_path):
    """Issue 10, Outputs: the `cells` table reaches `extract --table cells`, batch's
    cells.parquet and the store's cells table, with the same cells as Report.cells."""
    import json
    import sqlite3

    import pandas as pd
    from click.testing import CliRunner

    from govextract.cli import main

    src = FIX + "three_line.pdf"
    run = CliRunner().invoke
    res = run(main, ["extract", src, "--table", "cells", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    row = next(r for r in lines if r["row_path"] == "粮食 > 夏粮" and r["column_path"] == "产量（万吨）")
    assert (row["value"], row["unit"], row["measure"], row["period"]) == (5085800, "吨", "level", 2023)
    out = tmp_path / "out"
    res = run(main, ["batch", src, "-o", str(out), "--workers", "1"])
    assert res.exit_code == 0, res.output
    cells = pd.read_parquet(out / "cells.parquet")
    assert len(cells) == len(lines)
    hit = cells[(cells.row_path == "粮食 > 夏粮") & (cells.column_path == "产量（万吨）")]
    assert hit.value.tolist() == [5085800] and hit.period.tolist() == [2023]
    db = tmp_path / "store.db"
    res = run(main, ["index", str(out), "--db", str(db)])
    assert res.exit_code == 0, res.output
    with sqlite3.connect(db) as con:
        got = con.execute("select value, unit, measure, period from cells where row_path = ? and column_path = ?",
                          ("粮食 > 夏粮", "产量（万吨）")).fetchall()
        n = con.execute("select count(*) from cells").fetchone()[0]
    assert got == [(5085800, "吨", "level", 2023)] and n == len(lines)

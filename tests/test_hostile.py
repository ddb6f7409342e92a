"""Hostile documents (issue 15): each case ends within its limit with a one-line error that
names the file and the fix, or, for spreadsheet formulas, with outputs that show them as text.

Source: the files are made at test time by tests/fixtures/make_hostile.py (one per attack).
"""
from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from govextract.batch import run
from govextract.cli import main
from govextract.errors import InputError
from govextract.ingest import ReadOptions, read
from govextract.pipeline import parse_text
from govextract.spreadsheet import neutralise
from govextract.tables import write_frame

ROOT = Path(__file__).resolve().parents[1]
JIADING = ROOT / "corpora" / "jiading" / "jiading_2024.txt"
ANHUI = ROOT / "corpora" / "provinces-2026" / "anhui_2026.txt"


def _maker():
    spec = importlib.util.spec_from_file_location("make_hostile", ROOT / "tests" / "fixtures" / "make_hostile.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_hostile"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    return _maker().make_all(tmp_path_factory.mktemp("hostile"))


#: case, words of the error, words of the fix
CASES = [
    ("zip_bomb", "parts expand to", "raise --max-bytes"),
    ("billion_laughs", "declares a DTD or XML entities", "re-save it in Word or WPS"),
    ("huge_pixels", "decompression-bomb guard", "scale the image down"),
    ("deep_nesting", "nested more than 512 deep", "save its article text as .txt"),
    ("page_tree_loop", "corrupt or truncated PDF", "download or export the file again"),
    ("one_line", "without a break", "split the text into paragraphs"),
]


@pytest.mark.parametrize(("case", "reason", "fix"), [pytest.param(*c, id=c[0]) for c in CASES])
def test_clean_error(hostile, case, reason, fix):
    path = hostile[case]
    with pytest.raises(InputError) as e:
        read(path, ReadOptions(timeout=30))
    message = str(e.value)
    assert "\n" not in message
    assert message.startswith(str(path)) and reason in message and fix in e.value.fix


def test_cli_error_is_one_line(hostile):
    res = CliRunner().invoke(main, ["extract", str(hostile["zip_bomb"])])
    assert res.exit_code == 1
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(hostile["zip_bomb"]) in lines[0] and "--max-bytes" in lines[0]


def test_max_pixels(tmp_path):
    """Below Pillow's guard, --max-pixels is the limit, and its message says how to raise it."""
    from PIL import Image

    p = tmp_path / "page.png"
    Image.new("L", (400, 300), 255).save(p)
    with pytest.raises(InputError, match="400×300 pixels, over the 100000-pixel limit") as e:
        read(p, ReadOptions(max_pixels=100_000))
    assert "raise --max-pixels" in e.value.fix


def test_raising_the_limit_reads_the_genuine_file(hostile, tmp_path):
    """The zip-bomb check is a limit, not a ban: the fix it names works."""
    p = _maker()._docx(tmp_path / "small_big.docx", big_part=3 << 20)
    with pytest.raises(InputError):
        read(p, ReadOptions(max_bytes=2 << 20))
    assert read(p, ReadOptions(max_bytes=8 << 20)).text.startswith("A")


# --- spreadsheet formulas ------------------------------------------------------------------
FORMULA_STARTS = ['=HYPERLINK("http://x","y")的项目共3个。', "+SUM(A1)的项目共5个。", "-2+3的任务共7项。",
                  "@cmd的问题共4件。"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_formula_cells_are_text(hostile, tmp_path, fmt):
    out = tmp_path / f"sentences.{fmt}"
    res = CliRunner().invoke(main, ["extract", str(hostile["formulas"]), "--table", "sentences", "-o", str(out)])
    assert res.exit_code == 0, res.output
    if fmt == "xlsx":
        ws = openpyxl.load_workbook(out).active
        cells = [c for row in ws.iter_rows() for c in row]
        assert not [c for c in cells if c.data_type == "f"]
        assert {c.value for c in cells} >= set(FORMULA_STARTS)       # the text itself, as strings
    else:
        with open(out, encoding="utf-8-sig", newline="") as f:
            texts = [r["text"] for r in csv.DictReader(f)]
        assert texts == ["'" + t for t in FORMULA_STARTS]


def test_csv_raw_keeps_the_exact_text(hostile):
    res = CliRunner().invoke(main, ["extract", str(hostile["formulas"]), "--table", "sentences", "--format", "csv",
                                    "--csv-raw"])
    assert res.exit_code == 0
    assert [r["text"] for r in csv.DictReader(res.output.splitlines())] == FORMULA_STARTS


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("=1+1", "'=1+1", id="equals"), pytest.param("+86 10", "'+86 10", id="plus"),
    pytest.param("-x", "'-x", id="minus-text"), pytest.param("@A1", "'@A1", id="at"),
    pytest.param("\tx", "'\tx", id="tab"), pytest.param("\rx", "'\rx", id="cr"),
    pytest.param("-3.2", "-3.2", id="negative-number-text"), pytest.param(-3.2, -3.2, id="negative-number"),
    pytest.param("增长-3.2%", "增长-3.2%", id="inner-minus"), pytest.param(None, None, id="none"),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_negative_numbers_stay_numbers(tmp_path):
    df = pd.DataFrame({"text": ["-3.2%", "=1"], "value": [-3.2, 5.0]})
    write_frame(df, "csv", tmp_path / "x.csv")
    back = pd.read_csv(tmp_path / "x.csv", encoding="utf-8-sig")
    assert back["value"].tolist() == [-3.2, 5.0] and back["text"].tolist() == ["-3.2%", "'=1"]
    write_frame(df, "xlsx", tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    assert [c.value for c in ws["B"]][1:] == [-3.2, 5] and ws["A3"].data_type == "s"


def test_compare_workbook_has_no_formula(tmp_path):
    from govextract.compare import compare

    rep = parse_text("=HYPERLINK(\"http://x\")\n地区生产总值增长5.5%。", path="f.txt")
    long_df = compare([rep])
    from govextract.compare import write_workbook

    write_workbook(long_df, tmp_path / "c.xlsx", None)
    wb = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert not [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]


# --- batch: hostile mixed with good reports -----------------------------------------------
def test_batch_keeps_good_reports_and_lists_hostile_ones(hostile, tmp_path):
    bad = [hostile[c] for c, *_ in CASES]
    result = run([*bad, JIADING, ANHUI, hostile["formulas"]], tmp_path / "out", workers=2, timeout=60)
    errors = pd.read_csv(result.tables["errors"], encoding="utf-8-sig")
    assert sorted(errors["doc"]) == sorted(map(str, bad))
    assert set(errors["error"]) == {"InputError"}
    q = pd.read_parquet(result.tables["quantities"])
    counts = q.groupby("doc").size().to_dict()
    assert counts[str(JIADING)] == 143 and counts[str(hostile["formulas"])] == 4 and counts[str(ANHUI)] > 100


def test_batch_memory_limit(tmp_path):
    """A file past --max-memory is MemoryLimit in errors.csv; the worker goes on with the next."""
    big = tmp_path / "big.txt"
    big.write_text("全年完成投资3亿元，比上年增长5.2%，新建项目12个。\n" * 150_000, encoding="utf-8")
    result = run([big, JIADING], tmp_path / "out", workers=1, timeout=120, max_memory=300 * 2 ** 20)
    errors = pd.read_csv(result.tables["errors"], encoding="utf-8-sig")
    assert errors[["doc", "error"]].values.tolist() == [[str(big), "MemoryLimit"]]
    assert "--max-memory" in errors["message"][0]
    q = pd.read_parquet(result.tables["quantities"])
    assert (q["doc"] == str(JIADING)).sum() == 143


def test_extract_and_batch_share_the_timeout_default():
    from govextract.cli.batch import batch
    from govextract.cli.extract import extract

    default = {c.name: p.default for c in (extract, batch) for p in c.params if p.name == "timeout"}
    assert default == {"extract": 600.0, "batch": 600.0}

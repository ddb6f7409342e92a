"""The command line, run as a real subprocess: tables, formats and clean one-line errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import GOLD, JIADING_TXT, load_jsonl


def run(*args, cwd=None):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "govextract", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=env, timeout=300)


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_documents_table_of_reference():
    r = run("extract", JIADING_TXT, "--table", "documents", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    (doc,) = jsonl(r.stdout)
    assert doc["issuer"] == "上海市嘉定区生态环境局"
    assert doc["doc_number"] == "嘉环〔2025〕3号"
    assert doc["date"] == "2025-02-28"
    assert doc["period"] == 2024
    assert doc["region"] == "上海市嘉定区"
    assert doc["doc"] == str(JIADING_TXT)


def test_items_table_is_the_gold_outline():
    r = run("extract", JIADING_TXT, "--table", "items", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    items = jsonl(r.stdout)
    gold = load_jsonl(GOLD / "jiading_2024.outline.jsonl")
    assert [(i["level"], i["title"]) for i in items] == [(g["level"], g["title"]) for g in gold]
    eighth = next(i for i in items if i["marker"] == "（八）")
    assert eighth["path"] == "三、高水平推进污染防治攻坚 > （八）打好蓝天保卫战"
    assert eighth["number"] == 8


def test_quantities_jsonl_has_contract_fields():
    r = run("extract", JIADING_TXT, "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    rows = jsonl(r.stdout)
    assert len(rows) > 100
    need = {"doc", "text", "value", "unit", "kind", "approx", "change", "subject", "indicator", "target",
            "section", "sentence", "start", "end", "page"}
    assert need <= set(rows[0])
    first = rows[0]
    assert (first["text"], first["value"], first["unit"]) == ("88.6%", 88.6, "%")
    assert first["sentence"].startswith("2024年，区环境空气质量优良率为88.6%")


def test_default_input_is_the_shipped_report():
    r = run("extract", "--table", "documents", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    assert jsonl(r.stdout)[0]["doc_number"] == "嘉环〔2025〕3号"


def test_terminal_table_is_readable():
    r = run("extract", JIADING_TXT, "--table", "documents")
    assert r.returncode == 0, r.stderr
    assert "上海市嘉定区生态环境局" in r.stdout and "documents: 1 row" in r.stdout
    assert "1 rows" not in r.stdout


TWO_FILE_ROWS = [  # id, file, text of the quantity, what the value column shows; source: the two reports
    pytest.param("jiading_2024.pdf", "3个", "3个", id="count-as-integer"),
    pytest.param("jiading_2024.pdf", "11555个次", "11555个次", id="big-count-no-float"),
    pytest.param("jiading_2024.pdf", "1096.7622万", "1096.7622万元", id="money-with-its-multiplier"),
    pytest.param("jiading_2024.pdf", "2.8个百分点", "2.8个百分点", id="points-as-written"),
    pytest.param("hainan_2026.txt", "1.5万亿元", "1.5万亿元", id="wan-yi"),
    pytest.param("hainan_2026.txt", "83.9亿元", "83.9亿元", id="yi"),
]


@pytest.fixture(scope="module")
def two_file_table():
    """The terminal table of the reference PDF and a provincial report: header and cells, and the text."""
    from govextract.cli.extract import render_table, table_rows
    from govextract.display import unit_surfaces
    from govextract.pipeline import Pipeline
    from govextract.tables import concat

    from conftest import CORPORA

    pipe = Pipeline()
    reports = [pipe.parse(CORPORA / "jiading" / "jiading_2024.pdf"),
               pipe.parse(CORPORA / "provinces-2026" / "hainan_2026.txt")]
    df = concat(reports, "quantities")
    surfaces = unit_surfaces(pipe.rules)
    header, rows = table_rows(df, "quantities", surfaces)
    return header, rows, render_table(df, "quantities", surfaces)


@pytest.mark.parametrize("doc,text,shown", TWO_FILE_ROWS)
def test_extract_table_of_two_files(two_file_table, doc, text, shown):
    header, rows, rendered = two_file_table
    assert header[0] == "doc" and "unit" not in header
    row = next(r for r in rows if r[0] == doc and r[header.index("text")] == text)
    assert row[header.index("value")] == shown
    assert not any(c.endswith(".0") for r in rows for c in r)  # integers print as integers
    # the txt report has no pages, the PDF has: the page column stays, empty for the txt rows
    assert "page" in header and {r[0] for r in rows if not r[header.index("page")]} == {"hainan_2026.txt"}
    assert "from 2 files" in rendered and "jiading_2024.pdf" in rendered and "hainan_2026.txt" in rendered


def test_extract_table_drops_columns_with_nothing_to_show():
    """A txt input has no pages: no page column; one file: no doc column."""
    r = run("extract", JIADING_TXT)
    assert r.returncode == 0, r.stderr
    header = next(line for line in r.stdout.splitlines() if "text" in line and "value" in line)
    cells = [c.strip() for c in header.strip("┃│ ").split("┃")]
    assert cells[:2] == ["text", "value"] and "page" not in cells and "doc" not in cells
    assert " 3个 " in r.stdout and "3.0" not in r.stdout


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx", "jsonl"])
def test_file_formats(tmp_path, fmt):
    import pandas as pd

    out = tmp_path / f"items.{fmt}"
    r = run("extract", JIADING_TXT, "--table", "items", "-o", out)
    assert r.returncode == 0, r.stderr
    df = {"csv": pd.read_csv, "parquet": pd.read_parquet, "xlsx": pd.read_excel,
          "jsonl": lambda p: pd.read_json(p, lines=True)}[fmt](out)
    assert len(df) == 43 and df.loc[0, "title"] == "高站位强化政治责任担当"
    assert not list(tmp_path.glob(".*.tmp"))  # atomic write left no temp file


BAD = [
    ("empty", b"", "empty file"),
    ("binary", bytes(range(256)) * 8, "binary"),
]


@pytest.mark.parametrize("name,data,reason", BAD, ids=[b[0] for b in BAD])
def test_bad_input_one_line_error(tmp_path, name, data, reason):
    p = tmp_path / f"{name}.txt"
    p.write_bytes(data)
    r = run("extract", p)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert str(p) in lines[0] and reason in lines[0]
    assert "Traceback" not in r.stderr


def test_missing_path_one_line_error(tmp_path):
    p = tmp_path / "nope.pdf"
    r = run("extract", p)
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0 and str(p) in r.stderr and "Traceback" not in r.stderr


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    r = run("extract", bad, JIADING_TXT, "--table", "documents", "--format", "jsonl")
    assert r.returncode == 1
    assert len(jsonl(r.stdout)) == 1 and str(bad) in r.stderr


def test_broken_user_rules_report_every_problem(tmp_path):
    (tmp_path / "units.yaml").write_text("units:\n  坏:\n    surfaces: 3\n", encoding="utf-8")
    (tmp_path / "terms.yaml").write_text("terms: [ok, [nested]]\n", encoding="utf-8")
    r = run("extract", JIADING_TXT, "--rules", tmp_path)
    assert r.returncode == 3
    assert "units.yaml:units.坏.surfaces" in r.stderr and "terms.yaml:terms" in r.stderr
    assert "Traceback" not in r.stderr


HELPS = [  # id, the command whose --help is read; source: every command of `govextract --help`
    pytest.param([], id="govextract"),
    *[pytest.param([c], id=c) for c in ("extract", "compare", "batch", "index", "search", "serve", "report",
                                         "normalise", "rules", "data")],
    pytest.param(["rules", "check"], id="rules-check"),
    pytest.param(["rules", "path"], id="rules-path"),
    pytest.param(["data", "path"], id="data-path"),
]


@pytest.mark.parametrize("cmd", HELPS)
def test_help_examples_use_paths_an_installed_user_has(cmd):
    """Every --help ends with examples; their paths are the shipped reports (`govextract data
    path`), never a folder of the git checkout, and each one exists."""
    import glob
    import re

    r = run(*cmd, "--help")
    assert r.returncode == 0, r.stderr
    examples = r.stdout.split("Example")[-1]
    assert "govextract" in examples and "corpora/" not in r.stdout
    data = run("data", "path").stdout.strip()
    for path in re.findall(r'"\$\(govextract data path\)"?([^\s"]*)"?', examples):
        assert glob.glob(data + path.replace('"', "")), path


WORKERS = [  # id, command, what its --workers help must say it parallelises
    pytest.param("extract", "OCR the pages of a scanned PDF", id="extract-ocr-pages"),
    pytest.param("normalise", "OCR the pages of a scanned PDF", id="normalise-ocr-pages"),
    pytest.param("compare", "the reports themselves are read one after another", id="compare"),
    pytest.param("report", "the reports themselves are read one after another", id="report"),
    pytest.param("batch", "Files parsed at the same time", id="batch-files"),
    pytest.param("index", "Report files parsed at the same time", id="index-files"),
]


@pytest.mark.parametrize("cmd,says", WORKERS)
def test_workers_help_says_what_it_parallelises(cmd, says):
    out = " ".join(run(cmd, "--help").stdout.split())
    assert says in out.split("--workers", 1)[1]


def test_data_path_holds_the_default_report():
    r = run("data", "path")
    assert r.returncode == 0
    from pathlib import Path

    folder = Path(r.stdout.strip())
    assert (folder / "jiading" / "jiading_2024.txt").is_file() and (folder / "jiading" / "jiading_2024.pdf").is_file()
    assert len(list((folder / "state-council").glob("state_council_*.txt"))) == 16


EXPLAINED = [  # id, the fix, its count of changes, its first example; source: the reference report's text
    pytest.param("fix_subscripts", "1 change", '"点；PM_{2.5}平均浓度" → "点；PM2.5平均浓度"', id="subscript"),
    pytest.param("remove_stray_spaces", "72 changes", '"题 990 个次。全" → "题990个次。全"', id="stray-spaces"),
    pytest.param("rejoin_page_breaks", "11 changes", '"，整治问⏎⏎题990" → "，整治问题990"', id="page-break"),
    pytest.param("drop_bold_markers", "6 changes", '"**推进VOCs综合治理**" → "推进VOCs综合治理"', id="bold"),
]


@pytest.fixture(scope="module")
def explained():
    r = run("normalise", JIADING_TXT, "--explain")
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


@pytest.mark.parametrize("fix,count,example", EXPLAINED)
def test_normalise_explain_says_what_each_fix_changed(explained, fix, count, example):
    assert [line.split(":")[0] for line in explained] == [p.values[0] for p in EXPLAINED]  # in the order they ran
    line = next(line for line in explained if line.startswith(fix + ":"))
    assert line.startswith(f"{fix}: {count}, e.g. ") and example in line


def test_rules_check_ok_and_broken(tmp_path):
    r = run("rules", "check")
    assert r.returncode == 0 and r.stdout.startswith("ok: rules from")
    (tmp_path / "units.yaml").write_text("units: [", encoding="utf-8")
    r = run("rules", "check", tmp_path)
    assert r.returncode == 3 and "units.yaml" in r.stderr and "not valid YAML" in r.stderr


def test_huge_input_is_refused_with_the_limit(tmp_path):
    """A file over --max-bytes gets one clear line, naming the limit and the option to raise it."""
    p = tmp_path / "huge.txt"
    p.write_text("区环境空气质量优良率为88.6%。" * 200, encoding="utf-8")
    r = run("extract", p, "--max-bytes", 1000)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    (line,) = r.stderr.strip().splitlines()
    assert str(p) in line and "1000-byte limit" in line and "--max-bytes" in line
    assert run("extract", p, "--max-bytes", 10**6, "--table", "documents").returncode == 0

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
    assert "上海市嘉定区生态环境局" in r.stdout and "documents: 1 rows" in r.stdout


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


def test_help_ends_with_example():
    r = run("extract", "--help")
    assert r.returncode == 0 and "govextract extract report.pdf --table items" in r.stdout


def test_normalise_explain_names_the_fixes():
    r = run("normalise", JIADING_TXT, "--explain")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["fix_subscripts", "remove_stray_spaces", "rejoin_page_breaks", "drop_bold_markers"]


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

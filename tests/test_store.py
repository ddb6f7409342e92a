"""The SQLite store: index batch output or reports, jieba FTS5 search, idempotent re-indexing.

A real batch over a few real reports, a real SQLite file, and the CLI in subprocesses.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
JIADING = CORPORA / "jiading" / "jiading_2024.txt"
PROVINCES = [CORPORA / "provinces-2026" / f"{p}_2026.txt" for p in ("hainan", "hebei", "gansu", "chongqing")]
STATE = CORPORA / "state-council" / "state_council_2008.txt"
CLI = [str(Path(sys.executable).with_name("govextract"))]

pytestmark = pytest.mark.timeout(240)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=ROOT, timeout=180)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> tuple[Path, Path]:
    """A batch over the reference doc, four provinces and one State Council report, indexed."""
    tmp = tmp_path_factory.mktemp("store")
    out = tmp / "out"
    proc = cli("batch", str(JIADING), *map(str, PROVINCES), str(STATE), "-o", str(out), "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    db = tmp / "store.db"
    proc = cli("index", str(out), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    return out, db


def count(db: Path, sql: str, *args) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchone()[0]
    finally:
        con.close()


def test_tables_and_fts_built(store):
    out, db = store
    import pandas as pd

    for t in ("documents", "items", "quantities", "sentences"):
        assert count(db, f"select count(*) from {t}") == len(pd.read_parquet(out / f"{t}.parquet")) > 0
    assert count(db, "select count(*) from sentences_fts") == count(db, "select count(*) from sentences")
    assert count(db, "select count(*) from items_fts") == count(db, "select count(*) from items")
    # FTS rows line up with their source rows
    assert count(db, "select count(*) from sentences s join sentences_fts f on f.rowid = s.rowid "
                     "where f.tokens like '%排污口%' and s.text not like '%排污口%'") == 0


SEARCHES = [  # id, query, --doc glob, a document that must be among the hits, least number of documents hit
    pytest.param("入河排污口", None, "jiading_2024.txt", 1, id="reference-doc-term"),
    pytest.param("入河排污口 整治", None, "jiading_2024.txt", 1, id="two-words-both-required"),
    pytest.param("生态环境", "*provinces-2026*", "hainan_2026.txt", 3, id="term-across-provinces"),
    pytest.param("粮食 产量", "*state-council*", "state_council_2008.txt", 1, id="doc-glob-filters"),
    pytest.param("PM2.5", None, "jiading_2024.txt", 1, id="latin-and-digits"),
    pytest.param("蓝天保卫战 PM2.5", None, "jiading_2024.txt", 1, id="chinese-and-pm25"),
    pytest.param("营商环境", "*provinces-2026*", "hebei_2026.txt", 2, id="unspaced-chinese"),
    pytest.param("5G基站", None, "gansu_2026.txt", 1, id="5g-token-then-word"),
]


@pytest.mark.parametrize("query,glob,must,least", SEARCHES)
def test_search_finds(store, query, glob, must, least):
    from govextract.store import search

    _, db = store
    hits, terms = search(db, query, doc=glob, limit=200)
    assert hits, terms
    docs = {Path(h.doc).name for h in hits}
    assert must in docs and len(docs) >= least, docs
    if glob:
        from fnmatch import fnmatchcase

        assert all(fnmatchcase(h.doc, glob) for h in hits)
    scores = [h.score for h in hits]
    assert all(x > 0 for x in scores) and scores == sorted(scores, reverse=True)  # relevance, best first
    for h in hits[:20]:
        assert "[" in h.snippet() + h.section_snippet()


HIGHLIGHTS = [  # id, query, a snippet fragment that must show, fragments that must never show; source: store docs
    pytest.param("PM2.5", "[PM2.5]", ["[5]", "[PM2]"], id="pm25-whole"),
    pytest.param("蓝天保卫战 PM2.5", "[PM2.5]", ["[5]", "[PM2]"], id="pm25-with-chinese"),
    pytest.param("5", None, ["[PM2.5]", "1[5]", "[5].", ".[5]"], id="bare-5-never-inside-a-number-or-token"),
    pytest.param("入河排污口 整治", "[入河排污口]", ["[入河排污口][入河排污口]"], id="chinese-words"),
    pytest.param("5G", "[5G]", ["[5]G", "[5G]-A["], id="5g-whole"),
]


@pytest.mark.parametrize("query,shows,never", HIGHLIGHTS)
def test_highlight_marks_whole_tokens(store, query, shows, never):
    """Every snippet of every hit: the brackets sit on whole words of the index."""
    from govextract.store import search

    _, db = store
    hits, terms = search(db, query, limit=300)
    snippets = [h.snippet(width=0) + " § " + h.section_snippet() for h in hits]
    if shows:
        assert hits and any(shows in s for s in snippets), snippets[:5]
    for s in snippets:
        assert not any(n in s for n in never), s
        assert "[" in s or not hits  # a hit always shows what matched


def test_search_cli_prints_doc_section_snippet(store):
    _, db = store
    proc = cli("search", str(db), "入河排污口 整治", "--limit", "5")
    assert proc.returncode == 0, proc.stderr
    assert "jiading_2024.txt" in proc.stdout
    assert "§ " in proc.stdout and "[入河排污口]" in proc.stdout and "[整治]" in proc.stdout
    assert "score " in proc.stdout and "score -" not in proc.stdout
    proc = cli("search", str(db), "蓝天保卫战 PM2.5")
    assert proc.returncode == 0 and "[PM2.5]" in proc.stdout and "[5]" not in proc.stdout, proc.stderr
    # no sentence of the store has both: the hits with some of the words, and a note that says so
    assert "no sentence has all of 蓝天 保卫战 PM2.5" in proc.stderr and "[蓝天][保卫战]" in proc.stdout
    lines = [json.loads(x) for x in cli("search", str(db), "生态环境", "--doc", "*provinces-2026*", "--limit", "15",
                                        "--format", "jsonl").stdout.splitlines()]
    assert len(lines) == 15 and all("provinces-2026" in x["doc"] for x in lines)
    assert {"doc", "section", "page", "snippet", "score"} <= set(lines[0])


def test_search_misses_and_errors_are_one_line(store, tmp_path):
    _, db = store
    proc = cli("search", str(db), "量子引力弦论")
    assert proc.returncode == 1 and "no hits" in proc.stderr and "Traceback" not in proc.stderr
    proc = cli("search", str(tmp_path / "none.db"), "生态")
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "govextract index" in proc.stderr
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not sqlite at all" * 100)
    proc = cli("search", str(bogus), "生态")
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "not a govextract store" in proc.stderr


def test_reindexing_is_idempotent_and_replaces_a_changed_doc(store, tmp_path):
    from govextract.store import index_frames, load_frames
    from govextract.rules import load_rules

    out, db = store
    copy = tmp_path / "store.db"
    shutil.copyfile(db, copy)
    rules = load_rules()
    before = {t: count(copy, f"select count(*) from {t}") for t in ("documents", "sentences", "sentences_fts")}
    index_frames(copy, load_frames(out), rules)
    assert {t: count(copy, f"select count(*) from {t}") for t in before} == before
    # a changed document: its rows are replaced, the others kept
    frames = load_frames(out)
    doc = str(JIADING)
    for t, df in frames.items():
        frames[t] = df[df["doc"] == doc].head(3 if t == "sentences" else len(df))
    frames["sentences"] = frames["sentences"].assign(text="入河排污口整治全部完成。", doc_id="changed")
    index_frames(copy, frames, rules)
    assert count(copy, "select count(*) from sentences where doc = ?", doc) == 3
    assert count(copy, "select count(*) from sentences") == before["sentences"] - count(
        db, "select count(*) from sentences where doc = ?", doc) + 3
    assert count(copy, "select count(*) from sentences_fts") == count(copy, "select count(*) from sentences")
    assert count(copy, "select count(*) from documents") == before["documents"]


def test_index_straight_from_report_files_with_pages(tmp_path):
    """Report files are parsed first; a PDF's hits carry their page."""
    db = tmp_path / "s.db"
    pdf = CORPORA / "jiading" / "jiading_2024.pdf"
    proc = cli("index", str(pdf), str(tmp_path / "missing.txt"), "--db", str(db))
    assert proc.returncode == 1 and "missing.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert count(db, "select count(*) from documents") == 1
    proc = cli("search", str(db), "入河排污口 整治", "--limit", "3")
    assert proc.returncode == 0 and "jiading_2024.pdf  p." in proc.stdout, proc.stdout
    first = json.loads(cli("search", str(db), "入河排污口", "--format", "jsonl", "--limit", "1").stdout)
    assert isinstance(first["page"], int) and first["page"] >= 1

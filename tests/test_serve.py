"""govextract serve: a real Datasette process on a free loopback port, queried through its JSON API."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
INPUTS = [CORPORA / "jiading" / "jiading_2024.txt", CORPORA / "provinces-2026" / "hainan_2026.txt",
          CORPORA / "provinces-2026" / "hebei_2026.txt", CORPORA / "state-council" / "state_council_2008.txt"]
CLI = [str(Path(sys.executable).with_name("govextract"))]

pytestmark = pytest.mark.timeout(180)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    db = tmp / "store.db"
    proc = subprocess.run([*CLI, "index", *map(str, INPUTS), "--db", str(db), "--workers", "2"],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    port = free_port()
    log = open(tmp / "serve.log", "w+")
    srv = subprocess.Popen([*CLI, "serve", str(db), "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # bounded: about 20 s
            if srv.poll() is not None:
                log.seek(0)
                pytest.fail(f"datasette exited early: {log.read()}")
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        else:
            pytest.fail("datasette did not answer")
        yield base, db
    finally:
        srv.terminate()
        try:
            srv.wait(timeout=15)
        except subprocess.TimeoutExpired:
            srv.kill()
            srv.wait()
        log.close()
        # stopping govextract stops Datasette: nothing answers on the port any more
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0


def get(base: str, path: str, **params) -> dict:
    url = f"{base}{path}" + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read().decode("utf-8"))


def test_tables_listed(server):
    base, _ = server
    tables = {t["name"]: t for t in get(base, "/store.json")["tables"]}
    assert {"documents", "items", "quantities", "sentences"} <= set(tables)
    assert not any(tables[t]["count"] == 0 for t in ("documents", "items", "quantities", "sentences"))


SEARCHES = [  # id, table, search text, a document that must be among the rows
    pytest.param("sentences", "入河排污口", "jiading_2024.txt", id="reference-term-in-sentences"),
    pytest.param("sentences", "生态环境", "hainan_2026.txt", id="term-across-provinces"),
    pytest.param("sentences", "入河排污口 整治", "jiading_2024.txt", id="two-words"),
    pytest.param("items", "碧水", "jiading_2024.txt", id="item-titles"),
    # the shipped plugin cuts an unspaced query as `govextract search` does
    pytest.param("sentences", "营商环境", "hainan_2026.txt", id="unspaced-chinese"),
    pytest.param("sentences", "入河排污口整治", "jiading_2024.txt", id="unspaced-two-words"),
    pytest.param("sentences", "PM2.5", "jiading_2024.txt", id="pm25-whole-token"),
]


@pytest.fixture(scope="module")
def seg():
    from govextract.fts import Segmenter
    from govextract.rules import load_rules

    return Segmenter.from_rules(load_rules())


@pytest.mark.parametrize("table,text,must", SEARCHES)
def test_full_text_search(server, seg, table, text, must):
    base, _ = server
    rows = get(base, f"/store/{table}.json", _search=text, _shape="array", _size="200")
    assert rows and must in {Path(r["doc"]).name for r in rows}
    col, heading = ("text", "section") if table == "sentences" else ("title", "path")
    # each word is in the text or in the headings above it (both are indexed)
    words = seg.query_terms(text)
    assert all(w.lower() in (r[col] + (r[heading] or "")).lower() for r in rows for w in words)


SAME_HITS = [  # id, query typed into the Datasette search box and given to `govextract search`
    pytest.param("营商环境", id="yingshang-huanjing-unspaced"),
    pytest.param("PM2.5", id="pm25"),
    pytest.param("PM2.5 浓度", id="spaced-with-latin-token"),
    pytest.param("生态环境保护", id="unspaced-three-words"),
]


@pytest.mark.parametrize("query", SAME_HITS)
def test_search_box_gives_the_same_hits_as_govextract_search(server, query):
    """Datasette's JSON API (sentences and item titles) against the library search on the same store."""
    from govextract.store import search

    base, db = server
    box = {(r["doc"], r["text"]) for r in get(base, "/store/sentences.json", _search=query, _shape="array",
                                              _size="max")}
    box |= {(r["doc"], r["title"]) for r in get(base, "/store/items.json", _search=query, _shape="array",
                                                 _size="max")}
    hits, terms = search(db, query, limit=1000)
    ours = {(h.doc, h.text) for h in hits}
    assert box and ours <= box
    # what the box has on top are sentences that search reports once, as the item title they repeat
    titles = [t for d, t in ours if any(h.kind == "title" and h.text == t for h in hits)]
    assert all(any(t in text for t in titles) for _, text in box - ours), box - ours
    assert len(ours) >= 3, terms


@pytest.mark.parametrize("table,facets", [
    pytest.param("documents", {"issuer", "period"}, id="documents-issuer-period"),
    pytest.param("quantities", {"indicator", "unit", "period"}, id="quantities-indicator-unit-period"),
])
def test_facets(server, table, facets):
    base, _ = server
    data = get(base, f"/store/{table}.json", _size="1")
    results = data["facet_results"]
    results = results.get("results", results)
    assert facets <= set(results)
    for f in facets:
        assert results[f]["results"], f


def test_canned_query_one_indicator_across_periods(server):
    base, _ = server
    rows = get(base, "/store/indicator_across_periods.json", indicator="地区生产总值", _shape="array")
    assert rows and {r["indicator"] for r in rows} == {"地区生产总值"}
    assert len({r["period"] for r in rows}) >= 2
    assert [r["period"] for r in rows] == sorted(r["period"] for r in rows)


def test_canned_query_one_period_across_regions(server):
    base, _ = server
    rows = get(base, "/store/period_across_regions.json", period="2025", _shape="array")
    assert {r["region"] for r in rows} >= {"海南省", "河北省"}
    assert all(r["indicator"] for r in rows)


def test_serve_refuses_a_non_store(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_text("nope")
    proc = subprocess.run([*CLI, "serve", str(bad), "--port", str(free_port())], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1 and "not a govextract store" in proc.stderr and "Traceback" not in proc.stderr

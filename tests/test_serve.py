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
        yield base, srv
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
]


@pytest.mark.parametrize("table,text,must", SEARCHES)
def test_full_text_search(server, table, text, must):
    base, _ = server
    rows = get(base, f"/store/{table}.json", _search=text, _shape="array", _size="200")
    assert rows and must in {Path(r["doc"]).name for r in rows}
    col = "text" if table == "sentences" else "title"
    assert all(w in r[col] for r in rows for w in text.split() if len(w) > 2) or table == "items"


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

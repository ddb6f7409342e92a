"""--engine dask: the same per-document work on dask.distributed gives the same tables as the local engine."""
from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
GOOD = [CORPORA / "provinces-2026" / "hebei_2026.txt", CORPORA / "provinces-2026" / "henan_2026.txt",
        CORPORA / "state-council" / "state_council_2005.txt"]
TABLES = ("documents", "items", "quantities", "sentences")
CLI = [str(Path(sys.executable).with_name("govextract"))]

pytestmark = pytest.mark.timeout(240)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("dask-in")
    for g in GOOD:
        shutil.copyfile(g, src / g.name)
    shutil.copyfile(GOOD[0], src / "copy_of_hebei.txt")           # same content, another path
    (src / "empty.txt").write_bytes(b"")                          # fails in ingest
    (src / "noise.pdf").write_bytes(random.Random(3).randbytes(3000))
    return src


def tables(out: Path) -> dict[str, pd.DataFrame]:
    t = {n: pd.read_parquet(out / f"{n}.parquet") for n in TABLES}
    t["errors"] = pd.read_csv(out / "errors.csv", encoding="utf-8-sig", keep_default_na=False)
    return t


def test_dask_local_cluster_gives_the_local_engines_tables(folder, tmp_path):
    from govextract.batch import run

    local = run([folder], tmp_path / "local", workers=1)
    dask = run([folder], tmp_path / "dask", workers=2, engine="dask")
    assert (local.total, local.failed) == (dask.total, dask.failed) == (6, 2)
    a, b = tables(tmp_path / "local"), tables(tmp_path / "dask")
    for n in a:
        pd.testing.assert_frame_equal(a[n], b[n], check_dtype=False, obj=n)
    assert len(a["quantities"]) > 100


def test_dask_resume_then_existing_scheduler_via_cli(folder, tmp_path):
    """--scheduler: a LocalCluster on loopback started here, used by the CLI; --resume skips the done files."""
    from distributed import LocalCluster

    from govextract.batch import run

    out = tmp_path / "out"
    run([folder / GOOD[0].name], out, workers=1)   # one file done already
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        proc = subprocess.run([*CLI, "batch", str(folder), "-o", str(out), "--resume", "--engine", "dask",
                               "--scheduler", cluster.scheduler_address], capture_output=True, text=True,
                              timeout=200)
    assert proc.returncode == 1, proc.stderr          # the two bad files
    assert "from the earlier run (" in proc.stderr   # the files the first run did
    t = tables(out)
    assert len(t["documents"]) == 4 and len(t["errors"]) == 2


def test_unreachable_scheduler_is_one_line(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.run([*CLI, "batch", str(GOOD[0]), "-o", str(tmp_path / "o"), "--engine", "dask",
                           "--scheduler", f"tcp://127.0.0.1:{port}"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "cannot reach the Dask scheduler" in proc.stderr

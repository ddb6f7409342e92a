"""govextract batch: inputs, bad files, resume, changed rules, kill -9, per-file deadlines.

Real files from corpora/, bad files made at test time (plus the shipped
encrypted PDF), real worker processes and real subprocesses of the CLI.
"""
from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
GOOD = [CORPORA / "provinces-2026" / "hebei_2026.txt", CORPORA / "provinces-2026" / "henan_2026.txt",
        CORPORA / "state-council" / "state_council_2004.txt"]
ENCRYPTED = ROOT / "tests" / "fixtures" / "bad" / "encrypted.pdf"
TABLES = ("documents", "items", "quantities", "sentences")
CLI = [sys.executable, "-m", "govextract.cli"] if (ROOT / "src/govextract/cli/__main__.py").exists() else \
      [str(Path(sys.executable).with_name("govextract"))]

pytestmark = pytest.mark.timeout(240)


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=ROOT, timeout=180, **kw)


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    frames = {t: pd.read_parquet(out / f"{t}.parquet") for t in TABLES}
    frames["errors"] = pd.read_csv(out / "errors.csv", encoding="utf-8-sig", keep_default_na=False)
    return frames


def assert_same_tables(a: Path, b: Path) -> None:
    fa, fb = read_tables(a), read_tables(b)
    for t in fa:
        pd.testing.assert_frame_equal(fa[t], fb[t], check_dtype=False, obj=t)


# --- bad files, made at test time -----------------------------------------------------------
def _empty(p: Path) -> None:
    p.write_bytes(b"")


def _random(p: Path) -> None:
    p.write_bytes(random.Random(6).randbytes(6000))


def _truncated_pdf(p: Path) -> None:
    p.write_bytes((CORPORA / "jiading" / "jiading_2024.pdf").read_bytes()[:30000])


def _encrypted_pdf(p: Path) -> None:
    shutil.copyfile(ENCRYPTED, p)


def _blank_png(p: Path) -> None:
    from PIL import Image

    Image.new("L", (900, 700), 255).save(p)


def _spaces_txt(p: Path) -> None:
    p.write_text(" \n\n  \n", encoding="utf-8")


BAD = [  # id, file name, maker, stage expected in errors.csv
    pytest.param("empty.txt", _empty, "ingest", id="empty-text"),
    pytest.param("random.pdf", _random, "ingest", id="random-bytes-as-pdf"),
    pytest.param("random.txt", _random, "ingest", id="random-bytes-as-text"),
    pytest.param("truncated.pdf", _truncated_pdf, "ingest", id="truncated-pdf"),
    pytest.param("encrypted.pdf", _encrypted_pdf, "ingest", id="encrypted-pdf"),
    pytest.param("blank.png", _blank_png, "ingest", id="blank-image"),
    pytest.param("blank.txt", _spaces_txt, "ingest", id="whitespace-only-text"),
]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """A folder of good reports among bad files, batched once with 2 workers."""
    src = tmp_path_factory.mktemp("mixed")
    (src / "sub").mkdir()
    for i, g in enumerate(GOOD):
        shutil.copyfile(g, (src / "sub" if i == 0 else src) / g.name)
    for param in BAD:
        name, maker, _ = param.values
        maker(src / name)
    (src / "notes.bin").write_bytes(random.Random(1).randbytes(500))   # not a report: skipped
    (src / "manifest.csv").write_text("file,province\na.txt,河北省\n", encoding="utf-8")  # data: skipped
    out = tmp_path_factory.mktemp("mixed-out")
    proc = cli("batch", str(src), "-o", str(out), "--workers", "2", "--timeout", "120")
    return src, out, proc


def test_mixed_folder_finishes_and_exits_1(mixed):
    src, out, proc = mixed
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "\r" not in proc.stderr and "━" not in proc.stderr   # no progress bar when not a terminal
    assert "failed" in proc.stderr and "errors.csv" in proc.stderr
    n = len(GOOD) + len(BAD)
    assert f"govextract batch: {n} files: {len(GOOD)} parsed, {len(BAD)} failed (" in proc.stderr
    assert "2 files not reports, skipped" in proc.stderr


def test_summary_after_resume_says_what_came_from_before(mixed, tmp_path):
    """A resumed run over the same folder: nothing is done now, and the summary says what the
    earlier run gave (the unreadable files are checked again, now)."""
    src, out, _ = mixed
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    proc = cli("batch", str(src), "-o", str(copy), "--workers", "1", "--resume")
    assert proc.returncode == 1, proc.stderr
    line = next(x for x in proc.stderr.splitlines() if x.startswith("govextract batch: ") and "→" in x)
    assert " from the earlier run (" in line and "resumed" not in line, line
    assert f"{len(GOOD)} parsed" in line.split("from the earlier run")[1], line


@pytest.mark.parametrize("name,maker,stage", BAD)
def test_every_bad_file_is_listed(mixed, name, maker, stage):
    src, out, _ = mixed
    errors = read_tables(out)["errors"]
    assert list(errors.columns) == ["doc", "stage", "error", "message"]
    row = errors[errors["doc"] == str(src / name)]
    assert len(row) == 1, errors
    assert row["stage"].iloc[0] == stage
    assert row["message"].iloc[0]


def test_good_rows_kept_and_only_bad_files_in_errors(mixed):
    src, out, _ = mixed
    t = read_tables(out)
    good = {str(src / "sub" / GOOD[0].name), *(str(src / g.name) for g in GOOD[1:])}
    assert set(t["documents"]["doc"]) == good
    assert len(t["errors"]) == len(BAD)
    for name in ("documents", "items", "quantities", "sentences"):
        df = t[name]
        assert set(df["doc"]) == good, name
        assert df["doc_id"].str.fullmatch(r"[0-9a-f]{16}").all(), name
    # every good report has its own quantities, and its doc_id is its content hash
    import hashlib

    for g in GOOD:
        row = t["documents"][t["documents"]["doc"].str.endswith(g.name)]
        assert row["doc_id"].iloc[0] == hashlib.sha256(g.read_bytes()).hexdigest()[:16]
        assert (t["quantities"]["doc_id"] == row["doc_id"].iloc[0]).sum() > 10


def test_skipped_files_named_in_summary(mixed):
    src, out, _ = mixed
    import json

    summary = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert sorted(Path(p).name for p in summary["skipped"]) == ["manifest.csv", "notes.bin"]
    assert summary["total"] == len(GOOD) + len(BAD) and summary["failed"] == len(BAD)


# --- inputs ---------------------------------------------------------------------------------
def _tree(root: Path) -> None:
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    (root / "a" / "r1.txt").write_text("二〇二四年工作总结", encoding="utf-8")
    (root / "a" / "r2.PDF").write_bytes(b"%PDF-1.4")
    (root / "a" / "noext").write_text("区政府工作报告全文如下，优良率为88.6%。", encoding="gb18030")
    (root / "a" / "scan.tif").write_bytes(b"II*\x00")
    (root / "a" / "data.csv").write_text("省,值\n河北,1\n", encoding="utf-8")
    (root / "a" / "blob.bin").write_bytes(bytes(range(256)) * 4)
    (root / ".hidden" / "x.txt").write_text("隐藏", encoding="utf-8")
    (root / "list.lst").write_text("# reports\na/r1.txt\n\n a/noext \n", encoding="utf-8")
    (root / "other.list").write_text("a\n", encoding="utf-8")


EXPANSIONS = [  # id, inputs (relative to the tree), expected files (relative), expected skipped names
    pytest.param(["a"], ["a/noext", "a/r1.txt", "a/r2.PDF", "a/scan.tif"], ["blob.bin", "data.csv"],
                 id="folder-recursive-sniffs-unknown"),
    pytest.param(["."], ["a/noext", "a/r1.txt", "a/r2.PDF", "a/scan.tif"],
                 ["blob.bin", "data.csv", "list.lst", "other.list"], id="hidden-folders-skipped-list-files-not-read"),
    pytest.param(["@list.lst"], ["a/r1.txt", "a/noext"], [], id="at-list-file-relative-paths"),
    pytest.param(["list.lst"], ["a/r1.txt", "a/noext"], [], id="lst-suffix-is-a-list-file"),
    pytest.param(["other.list"], ["a/noext", "a/r1.txt", "a/r2.PDF", "a/scan.tif"], ["blob.bin", "data.csv"],
                 id="listed-folder-is-walked"),
    pytest.param(["a/blob.bin", "a/r1.txt", "a/r1.txt"], ["a/blob.bin", "a/r1.txt"], [],
                 id="named-files-taken-as-they-are-once"),
    pytest.param(["missing.txt"], ["missing.txt"], [], id="missing-file-kept-to-fail-by-name"),
]


@pytest.mark.parametrize("inputs,files,skipped", EXPANSIONS)
def test_expand_inputs(tmp_path, inputs, files, skipped):
    from govextract.batch import expand_inputs

    _tree(tmp_path)
    got = expand_inputs([f"@{tmp_path / i[1:]}" if i.startswith("@") else str(tmp_path / i) for i in inputs])
    assert [Path(f).resolve() for f in got.files] == [(tmp_path / f).resolve() for f in files]
    assert sorted(Path(s).name for s in got.skipped) == skipped


# --- resume and rules -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    from govextract.batch import run

    out = tmp_path_factory.mktemp("small")
    inputs = [str(g) for g in GOOD[:2]] + [str(GOOD[0])]  # a duplicate path: listed once
    first = run(inputs, out, workers=1)
    return inputs, out, first


def test_resume_skips_done_files(small_run):
    from govextract.batch import run

    inputs, out, first = small_run
    assert first.ok and first.total == 2 and first.resumed == 0
    before = {p.name: p.stat().st_mtime_ns for p in (out / ".parts").glob("*.json")}
    again = run(inputs, out, workers=1, resume=True)
    assert again.resumed == 2 and again.parsed == 2
    assert {p.name: p.stat().st_mtime_ns for p in (out / ".parts").glob("*.json")} == before


def test_changed_rules_redo_the_work(small_run, tmp_path):
    from govextract.batch import run
    from govextract.rules import load_rules

    inputs, out, _ = small_run
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "terms.yaml").write_text("terms: [测试专用术语]\n", encoding="utf-8")
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    res = run(inputs, copy, rules=load_rules(rules_dir), workers=1, resume=True)
    assert res.resumed == 0 and res.parsed == 2
    assert len(list((copy / ".parts").glob("*.json"))) == 4   # old parts kept, new ones added


def test_same_content_twice_parsed_once_rows_under_each_path(tmp_path):
    from govextract.batch import run

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copyfile(GOOD[0], a)
    shutil.copyfile(GOOD[0], b)
    res = run([a, b], tmp_path / "out")
    t = read_tables(tmp_path / "out")
    assert res.total == 2 and len(list((tmp_path / "out" / ".parts").glob("*.json"))) == 1
    assert list(t["documents"]["doc"]) == [str(a), str(b)]
    assert t["documents"]["doc_id"].nunique() == 1
    n = t["quantities"].groupby("doc").size()
    assert n[str(a)] == n[str(b)] > 0


def test_deadline_kills_a_stuck_worker_and_goes_on(tmp_path):
    """A deadline far below a parse's time: every file times out, workers are replaced, the batch ends."""
    from govextract.batch import run

    inputs = [str(g) for g in GOOD[:2]]
    t0 = time.monotonic()
    res = run(inputs, tmp_path, workers=1, timeout=0.005)
    assert time.monotonic() - t0 < 120
    assert res.failed == 2
    errors = read_tables(tmp_path)["errors"]
    assert set(errors["error"]) == {"Timeout"} and set(errors["stage"]) == {"batch"}
    assert list(errors["doc"]) == inputs


def test_a_worker_killed_mid_file_is_a_crash_row_and_the_batch_goes_on(tmp_path):
    """kill -9 of the worker (as the kernel's OOM killer does) while it parses a long file: that
    file is WorkerCrash in errors.csv, a new worker parses the next file."""
    import multiprocessing as mp

    from pebble.pool.process import WORKERS_NAME

    from govextract.batch import run

    big, bigger = tmp_path / "long.txt", tmp_path / "longer.txt"
    big.write_bytes(b"\n".join([GOOD[0].read_bytes()] * 80))    # seconds to parse, not milliseconds
    bigger.write_bytes(b"\n".join([GOOD[0].read_bytes()] * 81))
    inputs = [str(GOOD[1]), str(big), str(GOOD[2]), str(bigger)]
    killed: list[int] = []

    def progress(state):
        if state.done == 1 and not killed:      # largest first: the one worker has taken long.txt now
            time.sleep(0.3)
            for p in mp.active_children():
                if p.name != WORKERS_NAME:
                    continue
                os.kill(p.pid, signal.SIGKILL)
                killed.append(p.pid)

    res = run(inputs, tmp_path / "out", workers=1, progress=progress)
    assert killed and (res.total, res.parsed, res.failed) == (4, 3, 1)
    errors = read_tables(tmp_path / "out")["errors"]
    assert errors[["doc", "stage", "error"]].values.tolist() == [[str(big), "batch", "WorkerCrash"]]
    assert "signal 9" in errors["message"].iloc[0]


def test_unknown_engine_and_bad_output(tmp_path):
    from govextract.batch import BatchError, run

    with pytest.raises(ValueError):
        run([GOOD[0]], tmp_path, engine="spark")
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(BatchError):
        run([GOOD[0]], f)


def test_cli_usage_errors():
    proc = cli("batch", str(GOOD[0]), "-o", "/tmp/x", "--scheduler", "tcp://127.0.0.1:1")
    assert proc.returncode == 2 and "--engine dask" in proc.stderr
    proc = cli("batch", "--help")
    assert proc.returncode == 0 and "Example" in proc.stdout and "Exit status" in proc.stdout


# --- kill -9 half-way, then --resume -----------------------------------------------------------
def _copies(folder: Path, n: int) -> None:
    """``n`` distinct reports: the good ones, each copy with a different trailing line."""
    folder.mkdir()
    sources = [g.read_bytes() for g in GOOD[:2]]
    for i in range(n):
        data = sources[i % len(sources)]
        (folder / f"r{i:02d}.txt").write_bytes(data + f"\n（副本{i}）\n".encode("gb18030" if b"\xa3" in data[:200] and
                                                                          not data.startswith(b"\xef") else "utf-8"))


def test_kill_9_half_way_then_resume_equals_uninterrupted(tmp_path):
    src = tmp_path / "src"
    _copies(src, 12)
    full, out = tmp_path / "full", tmp_path / "out"
    proc = subprocess.Popen([*CLI, "batch", str(src), "-o", str(out), "--workers", "1"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    parts = out / ".parts"
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and len(list(parts.glob("*.json"))) < 4 and proc.poll() is None:
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)   # the whole run: parent and workers, mid-write or not
        proc.wait()
    done = len(list(parts.glob("*.json")))
    assert 4 <= done < 12, f"kill came too late or too early ({done} parts)"
    assert not (out / "documents.parquet").exists()

    resumed = cli("batch", str(src), "-o", str(out), "--workers", "2", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert re.search(rf"now {12 - done} parsed; {done} from the earlier run \({done} parsed\)", resumed.stderr), \
        resumed.stderr
    uninterrupted = cli("batch", str(src), "-o", str(full), "--workers", "2")
    assert uninterrupted.returncode == 0, uninterrupted.stderr
    assert_same_tables(out, full)
    docs = read_tables(out)["documents"]
    assert len(docs) == 12 and docs["doc"].is_unique


def test_progress_bar_on_a_terminal(tmp_path):
    """On a terminal (a pseudo-terminal here) the bar shows files done, rate, errors and ETA."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([*CLI, "batch", str(GOOD[0]), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o")],
                            cwd=ROOT, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:   # the terminal closed: the process has ended
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=120) == 1
    text = b"".join(chunks).decode("utf-8", errors="replace")
    for shown in ("2/2", "files/s", "1 errors", "ETA"):
        assert shown in text, text[-500:]


@pytest.mark.parametrize("sizes, want", [
    pytest.param({"a.txt": 10, "b.pdf": 3000, "c.docx": 200}, ["b.pdf", "c.docx", "a.txt"], id="largest-first"),
    pytest.param({"a.txt": 10, "b.txt": 10, "c.txt": 99}, ["c.txt", "a.txt", "b.txt"], id="ties-keep-input-order"),
    pytest.param({"gone.pdf": None, "a.txt": 0}, ["a.txt", "gone.pdf"], id="unreadable-last"),
])
def test_files_go_to_the_workers_largest_first(tmp_path, sizes, want):
    """A big file (a scan) started last would run alone at the end while the other workers wait."""
    from govextract.batch.parts import Task
    from govextract.batch.runner import largest_first

    tasks = []
    for name, size in sizes.items():
        if size is not None:
            (tmp_path / name).write_bytes(b"x" * size)
        tasks.append(Task(name, str(tmp_path / name), name))
    assert [t.key for t in largest_first(tasks)] == want

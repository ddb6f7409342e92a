#!/usr/bin/env python3
"""Corpus-scale benchmarks: `govextract batch`, `index` and `search` over the shipped text corpus.

    python scripts/bench_batch.py            # all figures, as a Markdown table
    python scripts/bench.py batch            # the same, from the lead's bench runner

Figures (each a real subprocess of the CLI, timed wall-clock):
  * documents/second and peak memory per process of `batch` with 1 and 2 workers
    over the 37 shared reports (corpora/state-council + corpora/provinces-2026);
  * time at 1x, 4x and 16x copies of those reports (each copy made distinct by a
    trailing line, so that no two are the same content), and seconds per document;
  * time of `index` over the 1x batch output, and latency of `search`;
  * the acceptance ratio: `batch --workers 2` over the 37 reports vs one process
    that only loads jieba (with the rules' terms) and segments the same texts,
    measured in the same run. Target: at most 1.5.

CPU seconds (user + system, of the whole process tree, sampled every 20 ms,
so each process's last few ms are missed) are shown beside wall
times: on a shared machine they show the work done when the wall clock is
disturbed by other loads. Peak memory is sampled (psutil, every 20 ms) over the whole process tree; the
figure per worker is the largest resident set of any process but the parent.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIRS = [ROOT / "corpora" / "state-council", ROOT / "corpora" / "provinces-2026"]
GOVEXTRACT = [str(Path(sys.executable).with_name("govextract"))]
if not Path(GOVEXTRACT[0]).exists():  # pragma: no cover - not installed as a script
    GOVEXTRACT = [sys.executable, "-c", "from govextract.cli import main; main()"]
MiB = 1024 * 1024
from govextract.batch import DEFAULT_MAX_MEMORY  # noqa: E402

BASELINE = r"""
import sys, time
from pathlib import Path
from govextract.rules import load_rules
from govextract.structure.segment import make_tokenizer
tok = make_tokenizer(load_rules())
n = 0
for p in sys.argv[1:]:
    data = Path(p).read_bytes()
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    n += len(tok.lcut(text))
print(n)
"""


def corpus_files() -> list[Path]:
    """The 37 shared reports: 16 State Council + 21 provincial."""
    return sorted(p for d in CORPUS_DIRS for p in d.glob("*.txt"))


def make_copies(files: list[Path], times: int, dest: Path) -> list[Path]:
    """``times`` distinct copies of every file (a trailing line differs), in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(times):
        for f in files:
            data = f.read_bytes()
            enc = "utf-8"
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                enc = "gb18030"
            p = dest / f"{f.stem}_copy{k:02d}{f.suffix}"
            p.write_bytes(data + f"\n（副本{k}）\n".encode(enc))
            out.append(p)
    return out


def measure(cmd: list[str], *, cwd: Path = ROOT) -> dict:
    """Wall time and peak memory (parent and largest other process) of a command's process tree."""
    import psutil

    peak = {"parent": 0, "worker": 0}
    cpu_seen: dict[int, float] = {}  # pid → last CPU seconds seen (workers are not all our children to wait)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stop = threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not stop.is_set():
            try:
                peak["parent"] = max(peak["parent"], root.memory_info().rss)
                t = root.cpu_times()
                cpu_seen[root.pid] = t.user + t.system
                for c in root.children(recursive=True):
                    try:
                        peak["worker"] = max(peak["worker"], c.memory_info().rss)
                        t = c.cpu_times()
                        cpu_seen[c.pid] = t.user + t.system
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            time.sleep(0.02)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    cpu = sum(cpu_seen.values())
    if proc.returncode not in (0,):
        raise RuntimeError(f"{' '.join(cmd[:4])}… exited {proc.returncode}: {err.decode(errors='replace')[-800:]}")
    return {"seconds": wall, "cpu": cpu, "parent_mib": peak["parent"] / MiB, "worker_mib": peak["worker"] / MiB}


def run_batch(inputs: list[Path], out: Path, workers: int) -> dict:
    if out.exists():
        shutil.rmtree(out)
    return measure([*GOVEXTRACT, "batch", *map(str, inputs), "-o", str(out), "--workers", str(workers)])


def run_baseline(files: list[Path]) -> dict:
    return measure([sys.executable, "-c", BASELINE, *map(str, files)])


def search_latency(db: Path, queries: list[str], repeat: int = 20) -> tuple[float, float]:
    """Median in-process latency (ms) of a warm search, and wall time (s) of one `govextract search`."""
    from govextract.rules import load_rules
    from govextract.store import search
    from govextract.structure.segment import make_tokenizer

    rules = load_rules()
    tok = make_tokenizer(rules)
    times = []
    for _ in range(repeat):
        for q in queries:
            t0 = time.perf_counter()
            search(db, q, rules=rules, tokenizer=tok, limit=10)
            times.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    subprocess.run([*GOVEXTRACT, "search", str(db), queries[0]], cwd=ROOT, capture_output=True, check=True)
    return statistics.median(times), time.perf_counter() - t0


def bench_batch(scales: tuple[int, ...] = (1, 4, 16)) -> dict:
    """Run every batch benchmark, print a Markdown table, return the figures."""
    files = corpus_files()
    n = len(files)
    figures: dict = {"documents": n}
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="govextract-bench-") as tmp:
        tmpd = Path(tmp)
        # acceptance: both measured here, back to back, twice, best of each
        base = min((run_baseline(files) for _ in range(2)), key=lambda r: r["seconds"])
        two = min((run_batch(files, tmpd / "w2", 2) for _ in range(2)), key=lambda r: r["seconds"])
        one = run_batch(files, tmpd / "w1", 1)
        ratio = two["seconds"] / base["seconds"]
        figures.update(baseline=base, workers1=one, workers2=two, ratio=ratio)
        rows += [
            ("load average (1 min) at start", f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"),
            (f"baseline: load jieba + segment the {n} texts (1 process)",
             f"{base['seconds']:.2f} s wall, {base['cpu']:.2f} s CPU"),
            (f"batch --workers 1, {n} reports", f"{one['seconds']:.2f} s wall, {one['cpu']:.2f} s CPU, "
                                               f"{n / one['seconds']:.1f} docs/s, "
                                               f"peak {one['worker_mib']:.0f} MiB/worker, "
                                               f"parent {one['parent_mib']:.0f} MiB"),
            (f"batch --workers 2, {n} reports", f"{two['seconds']:.2f} s wall, {two['cpu']:.2f} s CPU, "
                                               f"{n / two['seconds']:.1f} docs/s, "
                                               f"peak {two['worker_mib']:.0f} MiB/worker, "
                                               f"parent {two['parent_mib']:.0f} MiB"),
            ("**acceptance**: batch --workers 2 / baseline (target ≤ 1.5)",
             f"**{ratio:.2f}** {'✓' if ratio <= 1.5 else '✗'}"),
            ("CPU: batch --workers 2 / baseline (work done, whatever the load)",
             f"{two['cpu'] / base['cpu']:.2f}"),
            ("peak memory per worker (target < 1024 MiB; each worker runs under --max-memory, "
             f"default {DEFAULT_MAX_MEMORY // MiB} MiB)",
             f"{max(one['worker_mib'], two['worker_mib']):.0f} MiB "
             f"{'✓' if max(one['worker_mib'], two['worker_mib']) < 1024 else '✗'}"),
        ]
        # scaling
        scale = {}
        for k in scales:
            inputs = files if k == 1 else make_copies(files, k, tmpd / f"x{k}")
            r = two if k == 1 else run_batch([tmpd / f"x{k}"], tmpd / f"out{k}", 2)
            scale[k] = r
            rows.append((f"batch --workers 2, {k}x ({len(inputs)} docs)",
                         f"{r['seconds']:.2f} s wall ({1000 * r['seconds'] / len(inputs):.0f} ms/doc), "
                         f"{r['cpu']:.1f} s CPU ({1000 * r['cpu'] / len(inputs):.0f} ms/doc)"))
            if k != 1:
                shutil.rmtree(tmpd / f"x{k}")
        if len(scales) > 1:
            lo, hi = scales[-2], scales[-1]  # linear: time ≈ a + b·docs; compare the marginal cost per doc
            marginal = (scale[hi]["seconds"] - scale[lo]["seconds"]) / ((hi - lo) * n)
            per_doc_hi = scale[hi]["seconds"] / (hi * n)
            rows.append((f"marginal cost per doc {lo}x→{hi}x vs mean at {hi}x (linear ⇒ ≈ 1)",
                         f"{1000 * marginal:.0f} ms vs {1000 * per_doc_hi:.0f} ms "
                         f"(ratio {marginal / per_doc_hi:.2f})"))
            figures["scaling"] = scale
        # index and search
        db = tmpd / "store.db"
        idx = measure([*GOVEXTRACT, "index", str(tmpd / "w2"), "--db", str(db)])
        med_ms, cli_s = search_latency(db, ["入河排污口 整治", "生态环境", "地区生产总值 增长", "粮食"])
        figures.update(index=idx, search_ms=med_ms, search_cli_s=cli_s)
        rows += [(f"index the {n}-report batch output", f"{idx['seconds']:.2f} s, peak {idx['parent_mib']:.0f} MiB"),
                 ("search latency, warm, in-process (median)", f"{med_ms:.1f} ms"),
                 ("`govextract search` wall time (cold process)", f"{cli_s:.2f} s")]
    print("| measure | figure |\n|---|---|")
    for k, v in rows:
        print(f"| {k} | {v} |")
    print(flush=True)
    return figures


if __name__ == "__main__":
    scales = tuple(int(x) for x in sys.argv[1:]) or (1, 4, 16)
    bench_batch(scales)

"""The run of a batch: inputs → keys → the engine for what is not done yet → the tables."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..ingest import ReadOptions
from ..tables import atomic_path
from .assemble import assemble
from .engines import ENGINES, Work, engine as get_engine
from .inputs import expand_inputs
from .parts import PARTS, BatchError, Task, content_hash, options_record, part_key, read_part
from .worker import DEFAULT_MAX_MEMORY

if TYPE_CHECKING:  # pragma: no cover
    from ..rules import RuleSet


@dataclass
class Progress:
    """Counts passed to the progress callback after every finished file."""

    total: int
    done: int = 0
    failed: int = 0
    resumed: int = 0
    resumed_failed: int = 0     # of the resumed files, those that had failed before


@dataclass(frozen=True)
class BatchResult:
    """What a batch did. ``failed`` counts input files listed in ``errors.csv``."""

    outdir: Path
    total: int
    parsed: int
    failed: int
    resumed: int
    skipped: tuple[str, ...]
    seconds: float
    tables: dict[str, Path] = field(default_factory=dict)
    resumed_failed: int = 0     # of the ``resumed`` files, those whose earlier run had failed

    @property
    def ok(self) -> bool:
        return self.failed == 0


def _unreadable(e: OSError) -> dict[str, str]:
    """The ``errors.csv`` record of an input that cannot even be hashed."""
    if isinstance(e, FileNotFoundError):
        message = "no such file (check the path)"
    elif isinstance(e, IsADirectoryError):
        message = "is a directory"
    else:
        message = f"cannot read: {e.strerror or e}"
    return {"stage": "ingest", "error": "InputError", "message": message}


def run(inputs: Sequence[str | Path], outdir: str | Path, *, rules: "RuleSet | None" = None,
        options: ReadOptions | None = None, workers: int = 1, resume: bool = False,
        engine: str = "local", scheduler: str | None = None, timeout: float | None = None,
        progress: Callable[[Progress], None] | None = None,
        max_memory: int | None = DEFAULT_MAX_MEMORY) -> BatchResult:
    """Parse every input into ``outdir`` (see :mod:`govextract.batch`).

    ``rules`` is a loaded :class:`RuleSet` (default: the shipped rules); workers
    reload it from its source folders and check the fingerprint. ``timeout`` is
    the per-file deadline in seconds (default ``options.timeout``): on the local
    engine a worker that exceeds it is stopped and replaced, and the file is
    recorded as failed at stage ``batch``. ``max_memory`` bounds each local worker's address
    space in bytes (None: no bound); a file that needs more is recorded as ``MemoryLimit``.

    The local engine starts worker processes: call this from under
    ``if __name__ == "__main__":`` in a script, as any multiprocessing code.
    """
    from .. import __version__
    from ..rules import load_rules

    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    t0 = time.perf_counter()
    if engine == "local" and not resume:
        from .local import start_workers_early

        start_workers_early()  # the forkserver imports spaCy and jieba while we hash the inputs
    rules = rules or load_rules()
    options = options or ReadOptions()
    timeout = options.timeout if timeout is None else timeout
    workers = max(1, int(workers))
    out = Path(outdir)
    parts_dir = out / PARTS
    if out.exists() and not out.is_dir():
        raise BatchError("output is not a folder", path=str(out), fix="give -o a folder path")
    if not resume and parts_dir.exists():
        shutil.rmtree(parts_dir)
    parts_dir.mkdir(parents=True, exist_ok=True)
    for stale in parts_dir.glob(".*.tmp"):  # temporary files of writes cut short by a kill
        stale.unlink(missing_ok=True)

    found = expand_inputs(inputs, exclude=[out])
    opts = options_record(options)
    # path → key; unreadable files fail here, without a key
    keys: list[str | None] = []
    direct_errors: dict[int, dict[str, str]] = {}
    tasks: dict[str, Task] = {}
    for i, path in enumerate(found.files):
        try:
            doc_id = content_hash(path)
        except OSError as e:
            direct_errors[i] = _unreadable(e)
            keys.append(None)
            continue
        key = part_key(doc_id, rules.fingerprint, __version__, opts)
        keys.append(key)
        tasks.setdefault(key, Task(key, path, doc_id))

    paths_per_key: dict[str, int] = {}
    for k in keys:
        if k:
            paths_per_key[k] = paths_per_key.get(k, 0) + 1
    state = Progress(total=len(found.files), failed=len(direct_errors), done=len(direct_errors))
    todo: list[Task] = []
    for key, task in tasks.items():
        part = read_part(parts_dir, key) if resume else None
        if part is None:
            todo.append(task)
        else:
            n = paths_per_key[key]
            state.done += n
            state.resumed += n
            state.failed += n if "error" in part else 0
            state.resumed_failed += n if "error" in part else 0
    if progress:
        progress(state)
    todo = largest_first(todo)

    loaded: dict[str, dict[str, Any]] = {}  # parts as they finish, so assembly does not re-read them
    if todo:
        work = Work(parts_dir, tuple(rules.sources[1:]), rules.fingerprint, options, workers=workers,
                    timeout=timeout, max_memory=max_memory if engine == "local" else None, scheduler=scheduler)
        with contextlib.closing(get_engine(engine)(todo, work)) as parts:
            for part in parts:
                loaded[part["key"]] = part
                n = paths_per_key[part["key"]]
                state.done += n
                state.failed += n if "error" in part else 0
                if progress:
                    progress(state)

    written = assemble(out, found.files, keys, direct_errors, loaded)
    parsed = state.total - state.failed
    result = BatchResult(outdir=out, total=state.total, parsed=parsed, failed=state.failed,
                         resumed=state.resumed, skipped=found.skipped,
                         seconds=round(time.perf_counter() - t0, 3), tables=written,
                         resumed_failed=state.resumed_failed)
    summary = {"version": __version__, "rules_fingerprint": rules.fingerprint, "read_options": opts,
               "engine": engine, "workers": workers, "total": result.total, "parsed": parsed,
               "failed": result.failed, "resumed": result.resumed, "skipped": list(found.skipped),
               "seconds": result.seconds}
    with atomic_path(out / "batch.json") as tmp:
        tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return result


def largest_first(tasks: Sequence[Task]) -> list[Task]:
    """The order files go to the workers: largest first (a file that cannot be read, last).
    Big files are the slow ones, scans above all; one started last would run alone at the
    end while the other workers wait. The tables keep the order of the inputs."""
    def size(task: Task) -> int:
        try:
            return os.stat(task.path).st_size
        except OSError:
            return -1
    return sorted(tasks, key=size, reverse=True)

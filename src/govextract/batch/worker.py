"""The per-file work inside a worker process, the same for every engine.

A worker builds one pipeline (rules reloaded from their folders, spaCy and jieba
loaded) before its first file, keeps it for every file after, and turns each
file into a part. A file that needs more memory than the worker's bound is
recorded as ``MemoryLimit``; its memory is freed as the error unwinds.
"""
from __future__ import annotations

import time
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Sequence

from ..ingest import ReadOptions
from ..tables import TABLES
from .parts import BatchError, Task, error_record, failure_part, write_part

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Pipeline
    from .engines import Work

#: the default memory bound of a batch worker (``--max-memory``)
DEFAULT_MAX_MEMORY = 2 * 1024 ** 3
#: Modules a forkserver imports once, so that each forked worker starts with them loaded.
PRELOAD = ("govextract.pipeline", "jieba")


def build_pipeline(rules_dirs: Sequence[str], fingerprint: str, options: ReadOptions) -> "Pipeline":
    """One worker's pipeline: rules reloaded from their folders, spaCy and jieba loaded now."""
    from ..pipeline import Pipeline
    from ..rules import load_rules

    rules = load_rules(*rules_dirs)
    if rules.fingerprint != fingerprint:
        raise BatchError("the rules changed while the batch was starting",
                         fix="run the batch again once the rule files are settled")
    pipeline = Pipeline(rules, options)
    pipeline.tokenizer  # noqa: B018  load jieba before the first file's deadline starts
    return pipeline


def limit_memory(max_bytes: int | None) -> bool:
    """Bound this process's address space (RLIMIT_AS) where the OS allows it; True if set.
    An allocation past it raises MemoryError, which :func:`parse_part` records as MemoryLimit."""
    if not max_bytes:
        return False
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return False
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # pragma: no cover - the OS refuses
        return False
    return True


def memory_error(max_memory: int | None) -> dict[str, str]:
    """The ``error`` of a file that needed more than the worker's memory bound."""
    mib = f" {max_memory // 2 ** 20} MiB" if max_memory else ""
    return {"stage": "parse", "error": "MemoryLimit",
            "message": f"needed more memory than the worker's{mib} limit "
                       "(raise --max-memory if the file is genuine, or split it)"}


def parse_part(pipeline: "Pipeline", path: str, doc_id: str, key: str,
               max_memory: int | None = None) -> dict[str, Any]:
    """Parse one file into a part: its rows for every table, or the error it raised."""
    t0 = time.perf_counter()
    out: dict[str, Any] | None = None
    try:
        report = pipeline.parse(path)
        tables = {t: report.records(t) for t in TABLES}
        out = {"key": key, "doc": path, "doc_id": doc_id, "tables": tables}
    except MemoryError:
        pass          # recorded below, once the frames holding the file's objects are gone
    except Exception as e:  # noqa: BLE001  a bad file must never stop the batch
        out = {"key": key, "doc": path, "doc_id": doc_id, "error": error_record(e)}
    if out is None:
        import gc

        report = tables = None
        gc.collect()
        out = {"key": key, "doc": path, "doc_id": doc_id, "error": memory_error(max_memory)}
    out["seconds"] = round(time.perf_counter() - t0, 4)
    return out


@lru_cache(maxsize=2)
def worker_pipeline(rules_dirs: tuple[str, ...], fingerprint: str, options: ReadOptions,
                    max_memory: int | None) -> "Pipeline | tuple[str, str]":
    """This process's pipeline, built once, then its address space bounded by ``max_memory``;
    or ``(error name, message)`` when it cannot be built (the engine then stops the batch)."""
    try:
        pipeline = build_pipeline(rules_dirs, fingerprint, options)
    except BaseException as e:  # noqa: BLE001  reported by the engine, never raised in a worker's start
        return type(e).__name__, str(e)
    limit_memory(max_memory)
    return pipeline


def start_worker(work: "Work") -> None:
    """A local worker's start (the pool's initializer): its pipeline, before any file's deadline."""
    worker_pipeline(work.rules_dirs, work.fingerprint, work.options, work.max_memory)


def parse_task(task: Task, work: "Work") -> dict[str, Any]:
    """One file on a local worker: parse it and write its part; returns the part, or
    ``{"key": ..., "init_error": "Name: message"}`` if the worker has no pipeline."""
    pipeline = worker_pipeline(work.rules_dirs, work.fingerprint, work.options, work.max_memory)
    if isinstance(pipeline, tuple):
        return {"key": task.key, "init_error": ": ".join(pipeline)}
    try:
        part = parse_part(pipeline, task.path, task.doc_id, task.key, work.max_memory)
        write_part(work.parts_dir, part)
    except MemoryError:                            # past the bound outside the parse itself
        part = None
    if part is None:
        import gc

        gc.collect()
        part = failure_part(task, **memory_error(work.max_memory))
        write_part(work.parts_dir, part)
    return part

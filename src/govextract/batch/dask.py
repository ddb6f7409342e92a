"""The dask engine: the same per-file work (:mod:`.worker`) on a dask.distributed cluster.

``work.scheduler`` is the address of an existing scheduler; without it, a
LocalCluster of ``work.workers`` single-threaded processes runs on 127.0.0.1 with
no dashboard. The client writes each part as its result arrives, so the output
folder need only be visible to the client; the input paths must be readable by
the workers under the same names (a shared filesystem).
"""
from __future__ import annotations

from typing import Any, Iterator, Sequence

from .engines import Work
from .parts import BatchError, Task, error_record, failure_part, timeout_part, write_part
from .worker import parse_part, worker_pipeline


def dask_parse(task: Task, work: Work) -> dict[str, Any]:
    """The per-file task on a Dask worker, which keeps one pipeline per (rules, options).

    The parse runs in a helper thread joined with ``work.timeout``: a file past its
    deadline is reported as failed, and the worker's pipelines are dropped (the stuck
    thread keeps its own) so that the next file gets a fresh one.
    """
    import threading

    pipeline = worker_pipeline(work.rules_dirs, work.fingerprint, work.options, None)
    if isinstance(pipeline, tuple):
        return failure_part(task, "batch", *pipeline)
    if not work.timeout:
        return parse_part(pipeline, task.path, task.doc_id, task.key)
    box: list[dict[str, Any]] = []
    th = threading.Thread(target=lambda: box.append(parse_part(pipeline, task.path, task.doc_id, task.key)),
                          daemon=True, name="govextract-parse")
    th.start()
    th.join(work.timeout)
    if box:
        return box[0]
    worker_pipeline.cache_clear()
    return timeout_part(task, work.timeout)


def run_dask(todo: Sequence[Task], work: Work) -> Iterator[dict[str, Any]]:
    """Run ``todo`` on a Dask cluster; yield each part as its result arrives (the extra
    ``[dask]`` is checked now, before any work)."""
    from ..extras import require

    require("distributed", "--engine dask")
    return _results(todo, work)


def _results(todo: Sequence[Task], work: Work) -> Iterator[dict[str, Any]]:
    from distributed import Client, LocalCluster, as_completed

    if not todo:
        return
    cluster = None
    try:
        if work.scheduler:
            client = Client(work.scheduler, timeout=10)
        else:
            cluster = LocalCluster(n_workers=work.workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError) as e:
        if cluster is not None:
            cluster.close()
        raise BatchError(f"cannot reach the Dask scheduler: {e}", path=work.scheduler,
                         fix="check the address (tcp://HOST:8786) and that the scheduler runs") from None
    try:
        futures = {client.submit(dask_parse, t, work, key=f"govextract-{t.key}", pure=False): t for t in todo}
        for fut, result in as_completed(list(futures), with_results=True, raise_errors=False):
            task = futures[fut]
            if isinstance(result, dict) and result.get("key") == task.key:
                part = result
            else:
                exc = result if isinstance(result, BaseException) else None
                rec = error_record(exc) if exc else {"error": "DaskError", "message": "the Dask task failed"}
                part = failure_part(task, "batch", rec["error"], rec["message"])
            write_part(work.parts_dir, part)
            fut.release()
            yield part
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

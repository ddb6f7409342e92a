"""The local engine: a pebble process pool (:mod:`govextract.pool`) with a deadline per file.

Each worker builds one pipeline when it starts (:func:`.worker.start_worker`),
bounds its address space, then parses one file at a time and writes its part.
A file past its deadline has its worker stopped and replaced, and is recorded as
``Timeout``; a worker that dies (a crash, the OOM killer) is replaced and its file
recorded as ``WorkerCrash``. Workers start from a forkserver that has imported
:data:`.worker.PRELOAD` once.
"""
from __future__ import annotations

from typing import Any, Iterator, Sequence

from .engines import Work
from .parts import BatchError, Task, error_record, failure_part, timeout_part, write_part
from .worker import PRELOAD, parse_task, start_worker


def start_workers_early() -> None:
    """Start the forkserver (importing spaCy and jieba) now, while the caller does other work."""
    from ..pool import start_forkserver

    start_forkserver(PRELOAD)


def run_local(todo: Sequence[Task], work: Work) -> Iterator[dict[str, Any]]:
    """Run ``todo`` on ``work.workers`` processes; yield each part as its file finishes."""
    from concurrent.futures import as_completed

    from ..pool import process_pool

    if not todo:
        return
    start_workers_early()
    with process_pool(min(work.workers, len(todo)), initializer=start_worker, initargs=(work,)) as pool:
        futures = {pool.schedule(parse_task, (t, work), timeout=work.timeout): t for t in todo}
        # unused here on purpose: pyarrow.parquet loads (about 0.6 s cold) while the workers start,
        # not after the last part, when the assembly writes the tables (pyflakes, which reads no
        # noqa, lists it as the one unused import of the package)
        import pyarrow.parquet  # noqa: F401
        for fut in as_completed(futures):
            part = outcome(fut, futures[fut], work)
            if "init_error" in part:
                raise BatchError(f"a batch worker could not start: {part['init_error']}",
                                 fix="check the rules and that `govextract extract` works on one file")
            yield part


def outcome(fut: Any, task: Task, work: Work) -> dict[str, Any]:
    """The part of a finished future: the worker's, or the failure the pool saw (written here)."""
    from concurrent.futures.process import BrokenProcessPool

    from pebble import ProcessExpired

    try:
        return fut.result()
    except TimeoutError:
        part = timeout_part(task, work.timeout or 0)
    except ProcessExpired as e:
        code = e.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"status {code}"
        part = failure_part(task, "batch", "WorkerCrash", f"the worker parsing this file died ({how}); the file "
                                                          "may be hostile or too big for memory (see --max-memory)")
    except BrokenProcessPool:
        raise BatchError("batch workers die while starting",
                         fix="check that `govextract extract` works on one file") from None
    except Exception as e:  # noqa: BLE001  e.g. a result that could not be sent back
        part = failure_part(task, "batch", **{k: v for k, v in error_record(e).items() if k != "stage"})
    write_part(work.parts_dir, part)
    return part

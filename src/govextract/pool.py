"""Worker processes for batch and OCR: one place that starts them, on the maintained pebble library.

:func:`process_pool` gives a :class:`pebble.ProcessPool`. A task scheduled with
``pool.schedule(fn, args, timeout=s)`` that runs past ``s`` seconds has its worker
stopped (SIGTERM, then SIGKILL after 3 s) and replaced, and its future raises
:class:`TimeoutError`; a worker that dies (a crash, the kernel's OOM killer) is
replaced and its future raises :class:`pebble.ProcessExpired` with the exit code.
The deadline starts when a worker takes the task, after the pool's initializer.

Workers ignore Ctrl-C (the parent stops them) and are named :data:`WORKER_NAME`;
:func:`in_worker` tells code that may itself start a pool (OCR of a scanned PDF
inside a batch worker) to run in-process instead.
"""
from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from pebble import ProcessPool

#: The name every worker process of :func:`process_pool` carries.
WORKER_NAME = "govextract-worker"


def start_method(*, fork: bool = False) -> str:
    """How workers start: ``fork`` on Linux when the caller allows it (fast, and safe for
    scripts without a ``__main__`` guard, while no thread-heavy library is loaded);
    otherwise ``forkserver`` where there is one (Linux, macOS), else ``spawn``."""
    import multiprocessing as mp
    import sys

    methods = mp.get_all_start_methods()
    if fork and sys.platform.startswith("linux") and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def start_forkserver(preload: Sequence[str]) -> None:
    """Start the forkserver now, importing ``preload`` once, so that every worker forked
    from it starts with them loaded (while the caller does other work). No-op without one."""
    import multiprocessing as mp

    if start_method() != "forkserver":
        return
    mp.get_context("forkserver").set_forkserver_preload(list(preload))
    from multiprocessing import forkserver

    forkserver.ensure_running()


def in_worker() -> bool:
    """Whether this process is a pool worker (ours, or a daemonic one of another pool),
    which must not start a pool of its own."""
    import multiprocessing as mp

    me = mp.current_process()
    return bool(me.daemon) or me.name == WORKER_NAME


def _start_worker(initializer: Callable[..., Any] | None, initargs: tuple) -> None:
    import multiprocessing as mp

    mp.current_process().name = WORKER_NAME
    if initializer is not None:
        initializer(*initargs)


@contextlib.contextmanager
def process_pool(workers: int, *, method: str | None = None, initializer: Callable[..., Any] | None = None,
                 initargs: tuple = ()) -> Iterator["ProcessPool"]:
    """A pebble pool of ``workers`` processes started by ``method`` (default :func:`start_method`),
    each running ``initializer(*initargs)`` once before its first task (it must not raise:
    pebble would log the error and start the worker again). On leaving, every worker is
    stopped, whatever is still pending or running."""
    import multiprocessing as mp

    from pebble import ProcessPool

    pool = ProcessPool(max_workers=workers, initializer=_start_worker, initargs=(initializer, initargs),
                       context=mp.get_context(method or start_method()))
    try:
        yield pool
    finally:
        pool.stop()
        pool.join()

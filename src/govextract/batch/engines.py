"""The one interface of the batch engines: ``engine(todo, work)`` → the finished parts.

An engine takes the :class:`~govextract.batch.parts.Task` list still to do and a
:class:`Work` (where parts go, the rules and read options every worker loads, the
per-file deadline and memory bound, how many workers) and returns an iterator of
parts, one per task, in the order they finish, each already written to
``work.parts_dir``. A file that fails, times out or kills its worker gives a part
with an ``error``; only a batch that cannot run at all raises
(:class:`~govextract.batch.parts.BatchError`). Leaving the iterator early (an
exception in the caller, Ctrl-C) stops the engine's workers.

* ``local`` (:mod:`.local`): a pebble process pool on this machine, each worker
  with one pipeline and a bounded address space;
* ``dask`` (:mod:`.dask`): a dask.distributed cluster, local or at ``scheduler``.

>>> engine("local").__name__, engine("dask").__name__
('run_local', 'run_dask')
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Protocol, Sequence

from ..ingest import ReadOptions
from .parts import Task

#: The engine names ``run(engine=...)`` and ``govextract batch --engine`` take.
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Work:
    """What every engine needs besides the tasks.

    ``rules_dirs`` and ``fingerprint``: each worker reloads the rules from their folders
    and checks the fingerprint; ``timeout``: seconds per file (None: none);
    ``max_memory``: each local worker's address-space bound in bytes (None: none);
    ``scheduler``: a Dask scheduler address (None: a LocalCluster of ``workers``).
    """

    parts_dir: Path
    rules_dirs: tuple[str, ...]
    fingerprint: str
    options: ReadOptions
    workers: int = 1
    timeout: float | None = None
    max_memory: int | None = None
    scheduler: str | None = None


class Engine(Protocol):
    def __call__(self, todo: Sequence[Task], work: Work) -> Iterator[dict[str, Any]]: ...


def engine(name: str) -> Engine:
    """The engine called ``name`` (one of :data:`ENGINES`)."""
    if name == "local":
        from .local import run_local

        return run_local
    if name == "dask":
        from .dask import run_dask

        return run_dask
    raise ValueError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")

"""Corpus scale: parse many reports in parallel, resumably, into tables and an error table.

:func:`run` takes files, folders and list files and writes, in ``OUTDIR``::

    documents.parquet  items.parquet  quantities.parquet  sentences.parquet  cells.parquet
    errors.csv         one row per file that failed: doc, stage, error, message
    batch.json         a summary of the run (counts, rules fingerprint, version)
    .parts/<key>.json  one per distinct input content, written atomically

One module per job:

* :mod:`.inputs`: files, folders and list files → the files to parse (:func:`expand_inputs`);
* :mod:`.parts`: content hashes, part keys and the part files (the unit of resume);
* :mod:`.worker`: the per-file work in a worker (one pipeline, a memory bound);
* :mod:`.engines`: the one interface of the engines, ``engine(todo, work)`` → parts,
  with :mod:`.local` (a pebble process pool, :mod:`govextract.pool`) and :mod:`.dask`;
* :mod:`.assemble`: the final tables from the parts;
* :mod:`.runner`: :func:`run`, which ties them together.

A worker writes each part atomically (temporary file, then rename); the final
tables are always assembled from the parts, in input order, and each is renamed
into place. So after ``kill -9`` at any moment, a run with ``resume=True`` skips
the finished parts, redoes the rest, and gives exactly the tables of an
uninterrupted run. Files with identical content are parsed once; each keeps its
own ``doc`` path in the tables.

Failures are parts too (an ``error`` instead of ``tables``), so a resumed run
does not retry a file that failed; run without ``resume`` to retry everything.
"""
from __future__ import annotations

from .assemble import ERROR_COLUMNS, assemble, write_csv, write_parquet
from .dask import dask_parse, run_dask
from .engines import ENGINES, Engine, Work, engine
from .inputs import (DATA_SUFFIXES, LIST_SUFFIXES, SUPPORTED_SUFFIXES, Inputs, expand_inputs, read_list_file,
                     sniff, sniff_bytes)
from .local import run_local, start_workers_early
from .parts import (PARTS, BatchError, Task, content_hash, error_record, failure_part, options_record, part_key,
                    read_part, timeout_part, write_part)
from .runner import BatchResult, Progress, run
from .worker import DEFAULT_MAX_MEMORY, PRELOAD, build_pipeline, limit_memory, memory_error, parse_part

__all__ = ["run", "BatchResult", "BatchError", "Progress", "Inputs", "expand_inputs", "read_list_file", "sniff",
           "sniff_bytes", "SUPPORTED_SUFFIXES", "LIST_SUFFIXES", "DATA_SUFFIXES", "ERROR_COLUMNS", "ENGINES",
           "PARTS", "DEFAULT_MAX_MEMORY", "PRELOAD", "Task", "Work", "Engine", "engine", "run_local", "run_dask",
           "dask_parse", "start_workers_early", "content_hash", "options_record", "part_key", "read_part",
           "write_part", "error_record", "failure_part", "timeout_part", "build_pipeline", "limit_memory",
           "memory_error", "parse_part", "assemble", "write_parquet", "write_csv"]

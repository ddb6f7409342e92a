"""Corpus scale: parse many reports in parallel, resumably, into tables and an error table.

:func:`run` takes files, folders and list files and writes, in ``OUTDIR``::

    documents.parquet  items.parquet  quantities.parquet  sentences.parquet
    errors.csv         one row per file that failed: doc, stage, error, message
    batch.json         a summary of the run (counts, rules fingerprint, version)
    .parts/<key>.json  one per distinct input content, written atomically

Every input is hashed first (``doc_id``, the same content hash that
:meth:`govextract.pipeline.Pipeline.parse` gives). Its *part key* combines that
hash with the rules fingerprint, the govextract version and the read options, so
a part is valid only for the same bytes parsed by the same code and rules. A
worker writes each part atomically (temporary file, then rename); the final
tables are always assembled from the parts, in input order, and each is renamed
into place. So after ``kill -9`` at any moment, a run with ``resume=True`` skips
the finished parts, redoes the rest, and gives exactly the tables of an
uninterrupted run. Files with identical content are parsed once; each keeps its
own ``doc`` path in the tables.

Failures are parts too (an ``error`` instead of ``tables``), so a resumed run
does not retry a file that failed; run without ``resume`` to retry everything.

Input conventions (see :func:`expand_inputs`):

* a file is taken as it is, whatever its name;
* a folder is walked recursively, in sorted order, skipping hidden entries; it
  yields every file with a supported suffix (:data:`SUPPORTED_SUFFIXES`) and
  any other file whose first bytes look like a report (:func:`sniff`);
* ``@FILE``, or a file ending in ``.lst`` or ``.list``, is a *list file*: UTF-8,
  one path per line, blank lines and ``#`` comments ignored, relative paths
  taken from the list file's folder; a listed folder is walked as above.

>>> from pathlib import Path
>>> part_key("0123456789abcdef", "fp", "0.1.0", {"ocr": "auto"}) == part_key("0123456789abcdef", "fp", "0.1.0", {"ocr": "auto"})
True
>>> part_key("0123456789abcdef", "fp", "0.1.0", {}) == part_key("0123456789abcdef", "fp2", "0.1.0", {})
False
>>> sniff_bytes(b"%PDF-1.7 ..."), sniff_bytes(b"\\x89PNG\\r\\n"), sniff_bytes(bytes(range(256)))
('pdf', 'image', None)
>>> sniff_bytes("二〇二五年政府工作报告".encode("gb18030"))
'text'
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from .errors import GovextractError, InputError
from .ingest import ReadOptions
from .tables import COLUMNS, TABLES, atomic_path

if TYPE_CHECKING:  # pragma: no cover
    from multiprocessing.connection import Connection

    from .pipeline import Pipeline
    from .rules import RuleSet

#: File suffixes a folder walk always takes.
SUPPORTED_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
#: Suffixes that mark a list file of paths.
LIST_SUFFIXES = (".lst", ".list")
#: Data files a folder walk never sniffs (tables, configs, databases): they are not reports.
DATA_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".parquet", ".yaml", ".yml", ".toml", ".db", ".sqlite",
                 ".py", ".pyc", ".lst", ".list", ".md", ".log", ".tmp")
ERROR_COLUMNS = ["doc", "stage", "error", "message"]
ENGINES = ("local", "dask")
PARTS = ".parts"


class BatchError(GovextractError):
    """The batch as a whole cannot run (workers cannot start, output folder unusable)."""

    stage = "batch"


# --- inputs -------------------------------------------------------------------------
def sniff_bytes(head: bytes) -> str | None:
    """The form the first bytes of a file suggest, or ``None`` if it does not look like a report."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    low = head[:1024].lower().lstrip()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low:
        return "html"
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in head:
        return None
    text = None
    for enc in ("utf-8", "gb18030"):
        try:
            text = head.decode(enc)
            break
        except UnicodeDecodeError as e:
            if e.start > len(head) - 4:  # a character cut at the end of the sample
                text = head[:e.start].decode(enc, errors="ignore")
                break
    if not text:
        return None
    chars = [c for c in text if not c.isspace()]
    cjk = sum(1 for c in chars if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return "text" if chars and cjk / len(chars) >= 0.3 else None


def sniff(path: Path) -> str | None:
    """:func:`sniff_bytes` over the first 8 KiB of ``path`` (``None`` if unreadable)."""
    try:
        with open(path, "rb") as f:
            return sniff_bytes(f.read(8192))
    except OSError:
        return None


@dataclass(frozen=True)
class Inputs:
    """The files of a batch, in order, and the files a folder walk passed over."""

    files: tuple[str, ...]
    skipped: tuple[str, ...] = ()


def _walk(folder: Path, exclude: tuple[Path, ...]) -> Iterable[tuple[Path, bool]]:
    for root, dirs, files in os.walk(folder):
        rootp = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not any(_same(rootp / d, x) for x in exclude))
        for name in sorted(files):
            if name.startswith("."):
                continue
            p = rootp / name
            suffix = p.suffix.lower()
            if suffix in SUPPORTED_SUFFIXES:
                yield p, True
            elif suffix not in DATA_SUFFIXES and sniff(p):
                yield p, True
            else:
                yield p, False


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def read_list_file(path: Path) -> list[Path]:
    """Paths listed in a list file: one a line, ``#`` comments, relative to the list's folder."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read list file: {e}", path=str(path),
                         fix="a list file is UTF-8 text, one path per line") from None
    out = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        p = Path(line).expanduser()
        out.append(p if p.is_absolute() else path.parent / p)
    return out


def expand_inputs(inputs: Sequence[str | Path], *, exclude: Sequence[str | Path] = ()) -> Inputs:
    """Files, folders and list files → the ordered, de-duplicated list of files to parse.

    A path that does not exist is kept: it fails, by name, in ``errors.csv``.
    ``exclude`` are folders never walked (the batch's own output folder).
    """
    excl = tuple(Path(x) for x in exclude)
    files: list[str] = []
    skipped: list[str] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.normcase(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            files.append(str(p))

    def one(p: Path, listed: bool) -> None:
        if p.is_dir():
            for f, ok in _walk(p, excl):
                (add(f) if ok else skipped.append(str(f)))
        elif not listed and p.suffix.lower() in LIST_SUFFIXES and p.is_file():
            for q in read_list_file(p):
                one(q, True)
        else:
            add(p)

    for item in inputs:
        s = str(item)
        if s.startswith("@") and len(s) > 1:
            for q in read_list_file(Path(s[1:])):
                one(q, True)
        else:
            one(Path(s), False)
    return Inputs(tuple(files), tuple(skipped))


# --- keys and parts -------------------------------------------------------------------
def content_hash(path: str | Path) -> str:
    """The ``doc_id`` of a file: the first 16 hex digits of its SHA-256 (as :class:`Pipeline` gives)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def options_record(options: ReadOptions) -> dict[str, Any]:
    """The read options that change what a file parses to (not workers or timeout)."""
    d = dataclasses.asdict(options)
    for k in ("workers", "timeout"):
        d.pop(k, None)
    return d


def part_key(doc_id: str, rules_fingerprint: str, version: str, options: dict[str, Any]) -> str:
    """The resume key of one input: content hash, rules, version and read options."""
    blob = json.dumps([doc_id, rules_fingerprint, version, options], sort_keys=True, default=str)
    return f"{doc_id}-{hashlib.sha256(blob.encode()).hexdigest()[:12]}"


def _json_default(v: Any) -> Any:
    from .tables import jsonable

    out = jsonable(v)
    if out is v:
        return str(v)
    return out


def write_part(parts_dir: Path, part: dict[str, Any]) -> Path:
    """Write one part atomically: ``parts_dir/<key>.json``."""
    target = parts_dir / f"{part['key']}.json"
    with atomic_path(target) as tmp:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(part, f, ensure_ascii=False, default=_json_default)
    return target


def read_part(parts_dir: Path, key: str) -> dict[str, Any] | None:
    """A finished part, or ``None`` if absent or unreadable (then it is redone)."""
    p = parts_dir / f"{key}.json"
    try:
        with open(p, encoding="utf-8") as f:
            part = json.load(f)
    except (OSError, ValueError):
        return None
    return part if isinstance(part, dict) and part.get("key") == key else None


def error_record(e: BaseException) -> dict[str, str]:
    """``stage, error, message`` of an exception, for ``errors.csv``."""
    if isinstance(e, GovextractError):
        msg = f"{e.reason} ({e.fix})" if e.fix else e.reason
        return {"stage": e.stage, "error": type(e).__name__, "message": msg}
    return {"stage": "parse", "error": type(e).__name__, "message": str(e) or repr(e)}


#: the default memory bound of a batch worker (``--max-memory``)
DEFAULT_MAX_MEMORY = 2 * 1024 ** 3


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


def failure_part(key: str, path: str, doc_id: str, stage: str, error: str, message: str) -> dict[str, Any]:
    return {"key": key, "doc": path, "doc_id": doc_id, "error": {"stage": stage, "error": error, "message": message}}


# --- the run ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Task:
    key: str
    path: str
    doc_id: str


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


def run(inputs: Sequence[str | Path], outdir: str | Path, *, rules: "RuleSet | None" = None,
        options: ReadOptions | None = None, workers: int = 1, resume: bool = False,
        engine: str = "local", scheduler: str | None = None, timeout: float | None = None,
        progress: Callable[[Progress], None] | None = None,
        max_memory: int | None = DEFAULT_MAX_MEMORY) -> BatchResult:
    """Parse every input into ``outdir`` (see the module docstring).

    ``rules`` is a loaded :class:`RuleSet` (default: the shipped rules); workers
    reload it from its source folders and check the fingerprint. ``timeout`` is
    the per-file deadline in seconds (default ``options.timeout``): on the local
    engine a worker that exceeds it is killed and replaced, and the file is
    recorded as failed at stage ``batch``. ``max_memory`` bounds each local worker's address
    space in bytes (None: no bound); a file that needs more is recorded as ``MemoryLimit``.

    The local engine starts worker processes: call this from under
    ``if __name__ == "__main__":`` in a script, as any multiprocessing code.
    """
    from . import __version__
    from .rules import load_rules

    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    t0 = time.perf_counter()
    if engine == "local" and not resume:
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
        except FileNotFoundError:
            direct_errors[i] = {"stage": "ingest", "error": "InputError", "message": "no such file (check the path)"}
            keys.append(None)
            continue
        except IsADirectoryError:
            direct_errors[i] = {"stage": "ingest", "error": "InputError", "message": "is a directory"}
            keys.append(None)
            continue
        except OSError as e:
            direct_errors[i] = {"stage": "ingest", "error": "InputError", "message": f"cannot read: {e.strerror or e}"}
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

    loaded: dict[str, dict[str, Any]] = {}  # parts read as they finish, so assembly does not re-read them

    def finished(part: dict[str, Any]) -> None:
        loaded[part["key"]] = part
        n = paths_per_key[part["key"]]
        state.done += n
        state.failed += n if "error" in part else 0
        if progress:
            progress(state)

    if todo:
        rules_dirs = tuple(rules.sources[1:])
        if engine == "dask":
            run_dask(todo, parts_dir, rules_dirs, rules.fingerprint, options, workers=workers,
                     scheduler=scheduler, timeout=timeout, on_done=finished)
        else:
            run_local(todo, parts_dir, rules_dirs, rules.fingerprint, options, workers=workers,
                      timeout=timeout, on_done=finished, max_memory=max_memory)

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


def assemble(out: Path, files: Sequence[str], keys: Sequence[str | None],
             direct_errors: dict[int, dict[str, str]],
             loaded: dict[str, dict[str, Any]] | None = None) -> dict[str, Path]:
    """Build the final tables from the parts, in input order; write each atomically.

    ``loaded`` holds parts already read in this run (the others are read from disk).
    """
    parts_dir = out / PARTS
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    errors: list[dict] = []
    cache: dict[str, dict | None] = {}
    for i, (path, key) in enumerate(zip(files, keys)):
        if key is None:
            errors.append({"doc": path, **direct_errors[i]})
            continue
        if loaded and key in loaded:
            part = loaded[key]
        else:
            if key not in cache:
                cache.clear()  # parts read from disk once, in order; keep memory flat
                cache[key] = read_part(parts_dir, key)
            part = cache[key]
        if part is None:  # cannot happen after a complete run; say so rather than drop the file
            errors.append({"doc": path, "stage": "batch", "error": "MissingPart",
                           "message": "no result was recorded for this file (run again with --resume)"})
            continue
        if "error" in part:
            errors.append({"doc": path, **{c: part["error"].get(c, "") for c in ERROR_COLUMNS[1:]}})
            continue
        first = part["doc"]
        for t in TABLES:
            for r in part["tables"].get(t, ()):
                if path != first:
                    r = dict(r, doc=path)
                    if t == "documents" and r.get("warnings"):
                        r["warnings"] = r["warnings"].replace(first, path)
                rows[t].append(r)
    written: dict[str, Path] = {}
    for t in TABLES:
        written[t] = write_parquet(rows[t], COLUMNS[t], out / f"{t}.parquet")
    written["errors"] = write_csv(errors, ERROR_COLUMNS, out / "errors.csv")
    return written


def _column(values: list[Any]) -> Any:
    import pyarrow as pa

    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):  # mixed types: keep them as text
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def write_parquet(rows: Sequence[dict[str, Any]], columns: Sequence[str], target: Path) -> Path:
    """Rows as a Parquet file, written atomically (pyarrow only: no pandas in the parent)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({c: _column([r.get(c) for r in rows]) for c in columns})
    with atomic_path(target) as tmp:
        pq.write_table(table, tmp)
    return target


def write_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str], target: Path, *, raw: bool = False) -> Path:
    """Rows as UTF-8 CSV with a BOM (as :func:`govextract.tables.write_frame` writes CSV), atomically;
    text that begins like a formula is neutralised unless ``raw`` (:mod:`govextract.spreadsheet`)."""
    import csv

    from .spreadsheet import neutralise

    with atomic_path(target) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
            w.writeheader()
            w.writerows(rows if raw else ({k: neutralise(v) for k, v in r.items()} for r in rows))
    return target


# --- local engine: a process pool with per-file deadlines ---------------------------------
def build_pipeline(rules_dirs: Sequence[str], fingerprint: str, options: ReadOptions) -> "Pipeline":
    """One worker's pipeline: rules reloaded from their folders, spaCy and jieba loaded now."""
    from .pipeline import Pipeline
    from .rules import load_rules

    rules = load_rules(*rules_dirs)
    if rules.fingerprint != fingerprint:
        raise BatchError("the rules changed while the batch was starting",
                         fix="run the batch again once the rule files are settled")
    pipeline = Pipeline(rules, options)
    pipeline.tokenizer  # noqa: B018  load jieba before the first file's deadline starts
    return pipeline


def worker_main(conn: "Connection", parts_dir: str, rules_dirs: tuple[str, ...], fingerprint: str,
                options: ReadOptions, max_memory: int | None = None) -> None:
    """A local worker: build one pipeline, then parse the files the parent sends until told to
    stop, its address space bounded by ``max_memory`` (a file that hits the bound is recorded as
    MemoryLimit, and its memory is freed as the error unwinds)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    try:
        pipeline = build_pipeline(rules_dirs, fingerprint, options)
    except BaseException as e:  # noqa: BLE001
        conn.send(("init_error", f"{type(e).__name__}: {e}"))
        return
    limit_memory(max_memory)
    conn.send(("ready", os.getpid()))
    pdir = Path(parts_dir)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        key, path, doc_id = msg
        try:
            part = parse_part(pipeline, path, doc_id, key, max_memory)
            write_part(pdir, part)
        except MemoryError:                            # past the bound outside the parse itself
            part = None
        if part is None:
            import gc

            gc.collect()
            part = {"key": key, "doc": path, "doc_id": doc_id, "error": memory_error(max_memory)}
            write_part(pdir, part)
        try:
            conn.send(("done", key, "error" in part))
        except (BrokenPipeError, OSError):
            return



@dataclass
class _Slot:
    proc: Any
    conn: Any
    ready: bool = False
    task: Task | None = None
    started: float = 0.0
    spawned: float = 0.0


#: Modules a forkserver imports once, so that each forked worker starts with them loaded.
PRELOAD = ("govextract.pipeline", "jieba")


def _start_method() -> str:
    """``forkserver`` where there is one (Linux, macOS): a clean single-threaded server
    process that has imported :data:`PRELOAD` forks each worker; ``spawn`` elsewhere."""
    import multiprocessing as mp

    return "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"


def start_workers_early(start_method: str | None = None) -> None:
    """Start the forkserver (importing spaCy and jieba) now, while the caller does other work."""
    import multiprocessing as mp

    method = start_method or _start_method()
    if method == "forkserver":
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(list(PRELOAD))
        from multiprocessing import forkserver

        forkserver.ensure_running()


def run_local(todo: Sequence[Task], parts_dir: Path, rules_dirs: tuple[str, ...], fingerprint: str,
              options: ReadOptions, *, workers: int, timeout: float | None,
              on_done: Callable[[dict[str, Any]], None], start_method: str | None = None,
              max_memory: int | None = DEFAULT_MAX_MEMORY) -> None:
    """Run ``todo`` on ``workers`` processes, each with one pipeline.

    The parent hands one file at a time to an idle worker and waits with a
    deadline; a worker past its file's deadline is killed and replaced, and a
    worker that dies (crash, out of memory) is replaced, its file recorded as failed.
    """
    import multiprocessing as mp
    from multiprocessing.connection import wait

    method = start_method or _start_method()
    start_workers_early(method)
    ctx = mp.get_context(method)
    pending: deque[Task] = deque(todo)
    slots: list[_Slot] = []
    init_failures = 0

    def spawn() -> _Slot:
        parent, child = ctx.Pipe(duplex=True)
        proc = ctx.Process(target=worker_main, args=(child, str(parts_dir), rules_dirs, fingerprint, options, max_memory),
                           daemon=True, name="govextract-worker")
        proc.start()
        child.close()
        return _Slot(proc=proc, conn=parent, spawned=time.monotonic())

    def retire(slot: _Slot, *, kill: bool) -> None:
        if kill and slot.proc.is_alive():
            slot.proc.kill()
        slot.proc.join(timeout=5)
        slot.conn.close()

    def fail(slot: _Slot, error: str, message: str) -> None:
        task = slot.task
        assert task is not None
        part = failure_part(task.key, task.path, task.doc_id, "batch", error, message)
        write_part(parts_dir, part)
        slot.task = None
        on_done(part)

    try:
        slots = [spawn() for _ in range(min(workers, len(pending)))]
        import pyarrow.parquet  # noqa: F401  for the assembly, while the workers start
        while pending or any(s.task for s in slots):
            for s in slots:
                if s.ready and s.task is None and pending:
                    s.task = pending.popleft()
                    s.conn.send((s.task.key, s.task.path, s.task.doc_id))
                    s.started = time.monotonic()
            now = time.monotonic()
            deadlines = [s.started + timeout - now for s in slots if s.task and timeout]
            wait_for = max(0.0, min(deadlines)) if deadlines else None
            ready = wait([s.conn for s in slots], timeout=wait_for)
            for i, s in enumerate(slots):
                if s.conn not in ready:
                    continue
                try:
                    msg = s.conn.recv()
                except (EOFError, OSError):
                    s.proc.join(timeout=5)
                    code = s.proc.exitcode
                    if s.task is not None:
                        how = f"signal {-code}" if code is not None and code < 0 else f"status {code}"
                        fail(s, "WorkerCrash", f"the worker parsing this file died ({how}); the file may be "
                                               "hostile or too big for memory (see --max-memory)")
                    elif not s.ready:
                        init_failures += 1
                        if init_failures >= 3:
                            raise BatchError("batch workers die while starting",
                                             fix="check that `govextract extract` works on one file") from None
                    retire(s, kill=True)
                    slots[i] = spawn() if pending else None
                    continue
                kind = msg[0]
                if kind == "ready":
                    s.ready = True
                elif kind == "init_error":
                    raise BatchError(f"a batch worker could not start: {msg[1]}",
                                     fix="check the rules and that `govextract extract` works on one file")
                elif kind == "done":
                    task, s.task = s.task, None
                    part = read_part(parts_dir, msg[1]) or {"key": msg[1]}
                    if "tables" not in part and "error" not in part and task is not None:
                        part = failure_part(task.key, task.path, task.doc_id, "batch", "MissingPart",
                                            "the worker reported success but wrote no result")
                        write_part(parts_dir, part)
                    on_done(part)
            slots = [s for s in slots if s is not None]
            if timeout:
                now = time.monotonic()
                for i, s in enumerate(slots):
                    if s.task is not None and now - s.started > timeout:
                        retire(s, kill=True)
                        fail(s, "Timeout", f"gave up after {timeout:g} s (raise --timeout if the file is genuine)")
                        slots[i] = spawn() if pending else None
                slots = [s for s in slots if s is not None]
    finally:
        for s in slots:
            try:
                if s.proc.is_alive() and s.task is None:
                    s.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for s in slots:
            s.proc.join(timeout=2)
            retire(s, kill=True)


# --- dask engine ----------------------------------------------------------------------------
def dask_parse(path: str, doc_id: str, key: str, rules_dirs: tuple[str, ...], fingerprint: str,
               options: ReadOptions, timeout: float | None = None) -> dict[str, Any]:
    """The per-file task on a Dask worker. The worker keeps one pipeline per (rules, options).

    The parse runs in a helper thread joined with ``timeout``: a file past its
    deadline is reported as failed, and its pipeline is dropped (the stuck thread
    keeps it) so that the next file gets a fresh one.
    """
    import threading

    from distributed import get_worker

    worker = get_worker()
    pipelines = getattr(worker, "_govextract_pipelines", None)
    if pipelines is None:
        pipelines = {}
        worker._govextract_pipelines = pipelines
    cache_key = (rules_dirs, fingerprint, options)
    if cache_key not in pipelines:
        pipelines[cache_key] = build_pipeline(rules_dirs, fingerprint, options)
    pipeline = pipelines[cache_key]
    if not timeout:
        return parse_part(pipeline, path, doc_id, key)
    box: list[dict[str, Any]] = []
    th = threading.Thread(target=lambda: box.append(parse_part(pipeline, path, doc_id, key)), daemon=True,
                          name="govextract-parse")
    th.start()
    th.join(timeout)
    if box:
        return box[0]
    pipelines.pop(cache_key, None)
    return failure_part(key, path, doc_id, "batch", "Timeout",
                        f"gave up after {timeout:g} s (raise --timeout if the file is genuine)")


def run_dask(todo: Sequence[Task], parts_dir: Path, rules_dirs: tuple[str, ...], fingerprint: str,
             options: ReadOptions, *, workers: int, scheduler: str | None, timeout: float | None,
             on_done: Callable[[dict[str, Any]], None]) -> None:
    """Run ``todo`` on a Dask cluster: ``scheduler`` (an address), or a LocalCluster of
    ``workers`` single-threaded processes on 127.0.0.1 with no dashboard.

    The client writes each part as its result arrives, so the output folder need
    only be visible to the client; the input paths must be readable by the
    workers under the same names (a shared filesystem).
    """
    from .extras import require

    require("distributed", "--engine dask")
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=10)
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError) as e:
        if cluster is not None:
            cluster.close()
        raise BatchError(f"cannot reach the Dask scheduler: {e}", path=scheduler,
                         fix="check the address (tcp://HOST:8786) and that the scheduler runs") from None
    try:
        futures = {client.submit(dask_parse, t.path, t.doc_id, t.key, rules_dirs, fingerprint, options, timeout,
                                 key=f"govextract-{t.key}", pure=False): t for t in todo}
        for fut, result in as_completed(list(futures), with_results=True, raise_errors=False):
            task = futures[fut]
            if isinstance(result, dict) and result.get("key") == task.key:
                part = result
            else:
                exc = result if isinstance(result, BaseException) else None
                rec = error_record(exc) if exc else {"error": "DaskError", "message": "the Dask task failed"}
                part = failure_part(task.key, task.path, task.doc_id, "batch", rec["error"], rec["message"])
            write_part(parts_dir, part)
            on_done(part)
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

"""Parts: one JSON file per distinct input content, the unit of work and of resume.

Every input is hashed first (``doc_id``, the same content hash that
:meth:`govextract.pipeline.Pipeline.parse` gives). Its *part key* combines that
hash with the rules fingerprint, the govextract version and the read options, so
a part is valid only for the same bytes parsed by the same code and rules. Each
part is written atomically (temporary file, then rename) as ``.parts/<key>.json``:
either the file's rows for every table (``tables``) or the ``error`` it raised.

>>> part_key("0123456789abcdef", "fp", "0.1.0", {"ocr": "auto"}) == part_key("0123456789abcdef", "fp", "0.1.0", {"ocr": "auto"})
True
>>> part_key("0123456789abcdef", "fp", "0.1.0", {}) == part_key("0123456789abcdef", "fp2", "0.1.0", {})
False
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GovextractError
from ..ingest import ReadOptions
from ..tables import atomic_path

#: The folder of parts inside a batch's output folder.
PARTS = ".parts"


class BatchError(GovextractError):
    """The batch as a whole cannot run (workers cannot start, output folder unusable)."""

    stage = "batch"


@dataclass(frozen=True)
class Task:
    """One distinct input to parse: its part key, a path to it and its content hash."""

    key: str
    path: str
    doc_id: str


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
    from ..tables import jsonable

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


def failure_part(task: Task, stage: str, error: str, message: str) -> dict[str, Any]:
    """The part of a file that failed: its ``error`` (stage, error, message) instead of tables."""
    return {"key": task.key, "doc": task.path, "doc_id": task.doc_id,
            "error": {"stage": stage, "error": error, "message": message}}


def timeout_part(task: Task, timeout: float) -> dict[str, Any]:
    """The part of a file still parsing when its ``timeout`` (seconds) ran out."""
    return failure_part(task, "batch", "Timeout",
                        f"gave up after {timeout:g} s (raise --timeout if the file is genuine)")

"""Assembly: the final tables from the parts, in input order, each written atomically.

Every table is built from the parts, never appended to, so a run cut short at any
moment (even by ``kill -9``) leaves the previous tables or none, and a resumed run
gives exactly the tables of an uninterrupted one. A file whose content equals an
earlier input's was parsed once; its rows are repeated under its own ``doc`` path.

The writers are pyarrow and :mod:`csv` over :func:`govextract.tables.atomic_path`
(the atomic rename every writer of :mod:`govextract.tables` uses), not
:func:`govextract.tables.write_frame`: the parent of a batch never imports pandas
(0.5 to 0.9 s to import here, and a second copy of every row), and rows go straight from the parts'
JSON into Arrow columns.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ..tables import COLUMNS, TABLES, atomic_path
from .parts import PARTS, read_part

#: The columns of ``errors.csv``.
ERROR_COLUMNS = ["doc", "stage", "error", "message"]


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

    from ..spreadsheet import neutralise

    with atomic_path(target) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
            w.writeheader()
            w.writerows(rows if raw else ({k: neutralise(v) for k, v in r.items()} for r in rows))
    return target

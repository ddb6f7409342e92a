"""Tables: a parsed :class:`Report` as pandas DataFrames, and writers for them.

Five tables: ``documents`` (one row per report), ``items`` (the outline),
``quantities``, ``sentences`` and ``cells`` (every cell of every table read as data). Every row carries ``doc`` (the input path)
and ``doc_id`` (a content hash). Writers are atomic: they write a temporary file
beside the target and rename it into place.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Iterable, Sequence, TypeVar

from .models import DocumentMeta, Exclusion, Item, Quantity, Sentence, Table
from .structure.document import Document
from .structure.outline import innermost

T = TypeVar("T")

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

TABLES = ("documents", "items", "quantities", "sentences", "cells")
FORMATS = ("table", "jsonl", "csv", "parquet", "xlsx")

DOCUMENT_COLUMNS = ["doc", "doc_id", "issuer", "doc_number", "title", "report_title", "recipients", "date",
                    "period", "region", "region_code", "kind", "speaker", "notes", "form", "pages", "encoding", "n_items",
                    "n_quantities", "warnings", "fixes"]
ITEM_COLUMNS = ["doc", "doc_id", "index", "level", "marker", "number", "title", "bold_lead", "style", "parent",
                "path", "start", "end", "page", "n_quantities"]
QUANTITY_COLUMNS = ["doc", "doc_id", "index", "text", "value", "value_max", "unit", "kind", "dimension", "approx",
                    "change", "subject", "indicator", "measure", "target", "period", "five_year", "section", "sentence",
                    "sentence_index", "start", "end", "page", "confidence", "notes",
                    "also_indicators", "source", "table", "row", "column", "base_period", "basis", "average",
                    "cumulative", "estimate", "threshold", "start_point", "scope", "place"]
SENTENCE_COLUMNS = ["doc", "doc_id", "index", "start", "end", "text", "section", "page"]
CELL_COLUMNS = ["doc", "doc_id", "table", "caption", "page", "row", "col", "role", "row_path", "column_path",
                "text", "value", "unit", "measure", "period", "kind", "change", "start"]
#: Integer columns: pandas nullable Int64 in every frame, so a year prints as 2025, never 2025.0.
INT_COLUMNS = frozenset({"period", "base_period", "pages", "n_items", "n_quantities", "index", "level", "number",
                         "parent", "start", "end", "page", "sentence_index"})
COLUMNS = {"documents": DOCUMENT_COLUMNS, "items": ITEM_COLUMNS, "quantities": QUANTITY_COLUMNS,
           "sentences": SENTENCE_COLUMNS, "cells": CELL_COLUMNS}


def number(v: Decimal | float | int | None) -> float | int | None:
    """A Decimal as a plain JSON number: integral values as int.

    >>> number(Decimal("95000")), number(Decimal("88.6")), number(None)
    (95000, 88.6, None)
    """
    if v is None:
        return None
    f = float(v)
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


class DocumentPart(Generic[T]):
    """A read-only attribute of a report that is its :class:`Document`'s attribute of the same
    name (or of ``source``): ``report.text`` is ``report.document.text``."""

    def __init__(self, source: str | None = None) -> None:
        self.source = source

    def __set_name__(self, owner: type, name: str) -> None:
        self.source = self.source or name

    def __get__(self, report: Any, owner: type | None = None) -> T:
        if report is None:
            return self  # type: ignore[return-value]  # the descriptor itself, on the class
        return getattr(report.document, self.source)


class TableFrame:
    """``report.items`` is ``report.frame("items")``: a table of :data:`TABLES`, by its name."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, report: Any, owner: type | None = None) -> "pd.DataFrame":
        if report is None:
            return self  # type: ignore[return-value]  # the descriptor itself, on the class
        return report.frame(self.name)


@dataclass(frozen=True)
class Report:
    """One parsed report: its :class:`~govextract.structure.document.Document` and what the
    extractors found in it. ``.documents``, ``.items``, ``.quantities`` and ``.sentences``
    are pandas DataFrames; the ``*_list`` fields hold the records."""

    path: str
    doc_id: str
    document: Document
    quantity_list: tuple[Quantity, ...]
    exclusions: tuple[Exclusion, ...] = ()
    table_list: tuple[Table, ...] = ()

    # --- the document's parts, by their old names ------------------------------
    form = DocumentPart[str]()
    text = DocumentPart[str]()
    meta = DocumentPart[DocumentMeta]()
    outline = DocumentPart[tuple[Item, ...]]()
    sentence_list = DocumentPart[tuple[Sentence, ...]]("sentences")
    warnings = DocumentPart[tuple[str, ...]]()
    fixes = DocumentPart[tuple[str, ...]]()
    page_starts = DocumentPart[tuple[int, ...]]()
    pages = DocumentPart[int | None]()
    encoding = DocumentPart[str | None]()
    doubts = DocumentPart[tuple[tuple[int, int, float], ...]]()

    # --- provenance ---------------------------------------------------------
    def section_of(self, offset: int) -> str:
        return self.document.section_of(offset)

    def page_of(self, offset: int) -> int | None:
        return self.document.page_of(offset)

    def sentence_at(self, offset: int) -> Sentence | None:
        return self.document.sentence_at(offset)

    # --- records ------------------------------------------------------------
    def records(self, table: str) -> list[dict[str, Any]]:
        """The rows of one table as plain dicts (JSON-ready)."""
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
        base = {"doc": self.path, "doc_id": self.doc_id}
        if table == "documents":
            row = {**base, **self.meta.as_record(), "form": self.form, "pages": self.pages,
                   "encoding": self.encoding, "n_items": len(self.outline),
                   "n_quantities": len(self.quantity_list), "warnings": "; ".join(self.warnings),
                   "fixes": ",".join(self.fixes)}
            return [{c: row.get(c) for c in DOCUMENT_COLUMNS}]
        if table == "items":
            counts = [0] * len(self.outline)
            for q in self.quantity_list:
                i = innermost(self.outline, q.start)
                while i is not None:
                    counts[i] += 1
                    i = self.outline[i].parent
            return [{**base, "index": i, "level": it.level, "marker": it.marker, "number": it.number,
                     "title": it.title, "bold_lead": it.bold_lead, "style": it.style, "parent": it.parent,
                     "path": self.section_of(it.start), "start": it.start, "end": it.end,
                     "page": it.page if self.pages else None, "n_quantities": counts[i]}
                    for i, it in enumerate(self.outline)]
        if table == "sentences":
            return [{**base, "index": s.index, "start": s.start, "end": s.end, "text": s.text,
                     "section": self.section_of(s.start), "page": self.page_of(s.start)}
                    for s in self.sentence_list]
        if table == "cells":
            return [{**base, "table": t.index, "caption": t.caption, "page": c.page, "row": c.row, "col": c.col,
                     "role": c.role, "row_path": " > ".join(c.row_path), "column_path": " > ".join(c.column_path),
                     "text": c.text, "value": number(c.value), "unit": c.unit, "measure": c.measure,
                     "period": c.period, "kind": c.kind, "change": c.change, "start": t.start}
                    for t in self.table_list for c in t.cells]
        rows = []
        for i, q in enumerate(self.quantity_list):
            sent = self.sentence_at(q.start) if q.source != "table" else None
            d = asdict(q)
            d.update(base)
            d.update(index=i, value=number(q.value), value_max=number(q.value_max),
                     period=getattr(q, "period", None) or self.meta.period,
                     section=self.section_of(q.start), sentence=sent.text if sent else "",
                     sentence_index=sent.index if sent else None, page=self.page_of(q.start),
                     notes="; ".join(q.notes), also_indicators=",".join(q.also_indicators))
            rows.append({c: d.get(c) for c in QUANTITY_COLUMNS})
        return rows

    def frame(self, table: str) -> "pd.DataFrame":
        import pandas as pd

        return typed(pd.DataFrame(self.records(table), columns=COLUMNS[table]))

    # the tables as DataFrames; ``cells`` is every cell of every table: ``table, page, row, col,
    # role, row_path, column_path, text, value, unit, measure, period`` (figures under role "data")
    documents = TableFrame()
    items = TableFrame()
    quantities = TableFrame()
    sentences = TableFrame()
    cells = TableFrame()


def concat(reports: Iterable[Report], table: str) -> "pd.DataFrame":
    """One table over many reports."""
    import pandas as pd

    rows = [r for rep in reports for r in rep.records(table)]
    return typed(pd.DataFrame(rows, columns=COLUMNS[table]))


def typed(df: "pd.DataFrame") -> "pd.DataFrame":
    """The integer columns of a table as pandas nullable ``Int64`` (a missing year is
    ``<NA>``, not NaN that turns 2025 into 2025.0).

    >>> import pandas as pd
    >>> typed(pd.DataFrame({"period": [2025, None], "title": ["a", "b"]}))["period"].tolist()
    [2025, <NA>]
    """
    for c in df.columns:
        if c in INT_COLUMNS and str(df[c].dtype) != "Int64":
            try:
                df[c] = df[c].astype("Float64").astype("Int64")
            except (TypeError, ValueError):     # a column holding text: leave it as it is
                pass
    return df


# --- writing ------------------------------------------------------------------
def atomic_path(target: Path):
    """A context manager yielding a temp path beside ``target``, renamed into place on success."""
    import contextlib

    @contextlib.contextmanager
    def cm():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        try:
            yield Path(tmp)
            # mkstemp makes the file private (0600); give it the mode a plain open() would
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return cm()


def missing(v: Any) -> bool:
    """Whether a cell is empty: None, NaN or pandas' NA (of the nullable Int64 columns).

    >>> missing(None), missing(float("nan")), missing(0), missing("")
    (True, True, False, False)
    """
    return v is None or type(v).__name__ == "NAType" or (isinstance(v, float) and v != v)


def jsonable(v: Any) -> Any:
    if type(v).__name__ == "NAType":       # pandas' missing value in nullable columns
        return None
    if isinstance(v, Decimal):
        return number(v)
    if hasattr(v, "item") and not isinstance(v, (list, dict, str)):  # numpy scalars
        v = v.item()
    if isinstance(v, float):
        if v != v:
            return None  # NaN (a missing value in pandas) is JSON null
        if v.is_integer() and abs(v) < 2**53:
            return int(v)
    return v


def to_jsonl(rows: Sequence[dict]) -> str:
    return "".join(json.dumps({k: jsonable(v) for k, v in r.items()}, ensure_ascii=False) + "\n" for r in rows)


def write_frame(df: "pd.DataFrame", fmt: str, out: str | Path, sheet: str = "data", *,
                csv_raw: bool = False) -> None:
    """Write a DataFrame atomically as jsonl, csv, parquet or xlsx.

    Spreadsheet-safe (:mod:`govextract.spreadsheet`): xlsx text cells are strings, never
    formulas; csv text fields that begin like a formula are neutralised unless ``csv_raw``.
    """
    from .spreadsheet import excel_writer, neutralise_frame, to_sheet

    target = Path(out)
    with atomic_path(target) as tmp:
        if fmt == "jsonl":
            tmp.write_text(to_jsonl(df.to_dict("records")), encoding="utf-8")
        elif fmt == "csv":
            (df if csv_raw else neutralise_frame(df)).to_csv(tmp, index=False, encoding="utf-8-sig")
        elif fmt == "parquet":
            df.to_parquet(tmp, index=False)
        elif fmt == "xlsx":
            with excel_writer(tmp) as xw:
                to_sheet(df, xw, sheet)
        else:
            raise ValueError(f"cannot write format {fmt!r} to a file; choose jsonl, csv, parquet or xlsx")

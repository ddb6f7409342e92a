"""An embedded store: the four tables in SQLite, with jieba-tokenised FTS5 search.

:func:`index` loads batch output (``documents/items/quantities/sentences/cells.parquet``)
into a SQLite file. Two FTS5 tables index the text: ``sentences_fts`` (rowid =
``sentences.rowid``) and ``items_fts`` (rowid = ``items.rowid``, item titles).
Their column ``tokens`` holds the text cut by :class:`govextract.fts.Segmenter`
in search mode (every dictionary word, and the shorter words inside it; PM2.5,
μg/m3 and decimal numbers kept whole), joined by spaces, so FTS5's ``unicode61``
tokenizer sees Chinese words; the column ``section`` holds the words of the
heading path above it, so "蓝天保卫战 PM2.5" finds the PM2.5 sentences of the
section 打好蓝天保卫战. :func:`search` cuts the query with the same
segmenter, ranks hits with ``bm25`` and reports the relevance as a positive score
(higher is better).

Indexing is idempotent: the rows of a document (by ``doc``, its path) are
replaced when it is indexed again. The ``meta`` table records the version,
rules fingerprint and tokenizer the index was built with; a store indexed with
other whole tokens is re-tokenised when it is next indexed into.

>>> to_fts_query(['PM2.5'])
'"PM2.5"'
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from .errors import InputError
from .fts import Segmenter, mark, to_fts_query
from .tables import COLUMNS, TABLES, typed

if TYPE_CHECKING:  # pragma: no cover
    import jieba
    import pandas as pd

    from .rules import RuleSet

REAL = {"value", "value_max", "confidence"}
INTEGER = {"index", "level", "parent", "start", "end", "page", "pages", "n_items", "n_quantities",
           "sentence_index", "bold_lead", "approx", "period", "base_period", "number"}
#: columns whose type depends on the table: in ``cells`` table/row/col are indices; in
#: ``quantities`` table is a caption and row a row path
TABLE_INTEGER = {"cells": {"table", "row", "col", "period", "start"}}


def column_type(name: str, table: str = "") -> str:
    """SQLite type affinity of a table column.

    >>> column_type("value"), column_type("page"), column_type("title"), column_type("row", "cells")
    ('REAL', 'INTEGER', 'TEXT', 'INTEGER')
    """
    if name in TABLE_INTEGER.get(table, ()):
        return "INTEGER"
    return "REAL" if name in REAL else "INTEGER" if name in INTEGER else "TEXT"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- building ------------------------------------------------------------------------------
def connect(db: str | Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(db))
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    return con


def ensure_schema(con: sqlite3.Connection, extra: dict[str, Iterable[str]] | None = None,
                  fts5_tokenize: str = "unicode61") -> None:
    """Create the tables, FTS tables and indexes if absent; add any new columns."""
    for t in TABLES:
        cols = list(COLUMNS[t])
        for c in (extra or {}).get(t, ()):
            if c not in cols:
                cols.append(c)
        con.execute(f"CREATE TABLE IF NOT EXISTS {t} ({', '.join(f'{_q(c)} {column_type(c, t)}' for c in cols)})")
        have = {r[1] for r in con.execute(f"PRAGMA table_info({t})")}
        for c in cols:
            if c not in have:
                con.execute(f"ALTER TABLE {t} ADD COLUMN {_q(c)} {column_type(c, t)}")
        con.execute(f"CREATE INDEX IF NOT EXISTS {t}_doc ON {t}(doc)")
    con.execute("CREATE INDEX IF NOT EXISTS quantities_indicator ON quantities(indicator, period)")
    con.execute("CREATE INDEX IF NOT EXISTS quantities_period ON quantities(period)")
    spec = fts5_tokenize.replace('"', '""')
    for fts in ("sentences_fts", "items_fts"):
        con.execute(f'CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(tokens, section, tokenize="{spec}")')
    con.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")


def _delete_docs(con: sqlite3.Connection, docs: Sequence[str]) -> None:
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _docs (doc TEXT PRIMARY KEY)")
    con.execute("DELETE FROM _docs")
    con.executemany("INSERT OR IGNORE INTO _docs VALUES (?)", [(d,) for d in docs])
    for t, fts in (("sentences", "sentences_fts"), ("items", "items_fts")):
        con.execute(f"DELETE FROM {fts} WHERE rowid IN (SELECT rowid FROM {t} WHERE doc IN (SELECT doc FROM _docs))")
    for t in TABLES:
        con.execute(f"DELETE FROM {t} WHERE doc IN (SELECT doc FROM _docs)")


def _sql_value(v: Any) -> Any:
    if v is None or type(v).__name__ == "NAType":   # pandas' missing value in nullable columns
        return None
    if hasattr(v, "item"):  # numpy scalars
        v = v.item()
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, (list, tuple, dict)):
        import json

        return json.dumps(v, ensure_ascii=False)
    return v


@dataclass(frozen=True)
class IndexResult:
    """Row counts in the store after indexing, and the report files that failed to parse."""

    db: Path
    documents: int
    sentences: int
    items: int
    quantities: int
    seconds: float
    errors: tuple[dict[str, str], ...] = ()
    cells: int = 0


def load_frames(outdir: str | Path) -> dict[str, "pd.DataFrame"]:
    """The tables of a batch output folder (``sentences.parquet`` optional)."""
    import pandas as pd

    out = Path(outdir)
    if not (out / "documents.parquet").is_file():
        raise InputError("not a batch output folder (no documents.parquet)", path=str(out),
                         fix="run `govextract batch INPUT... -o DIR` first, or pass report files")
    frames = {}
    for t in TABLES:
        p = out / f"{t}.parquet"
        frames[t] = typed(pd.read_parquet(p) if p.is_file() else pd.DataFrame(columns=COLUMNS[t]))
    return frames


#: table → (the column whose words are searched and highlighted, its heading path, also searched)
FTS_COLUMNS = {"sentences": ("text", "section"), "items": ("title", "path")}


def _text(row: tuple, i: int | None) -> str:
    v = row[i] if i is not None else None
    return v if isinstance(v, str) else ""


def _stored_tokenizer(con: sqlite3.Connection) -> str | None:
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'tokenizer'").fetchone()
    except sqlite3.OperationalError:  # no meta table yet
        return None
    return row[0] if row else None


def _retokenise(con: sqlite3.Connection, seg: Segmenter) -> None:
    """Rebuild both FTS tables from the stored text (the store was indexed with other tokens)."""
    con.execute("DROP TABLE IF EXISTS sentences_fts")
    con.execute("DROP TABLE IF EXISTS items_fts")
    ensure_schema(con, None, seg.fts5_tokenize())
    for t, (col, section) in FTS_COLUMNS.items():
        rows = con.execute(f"SELECT rowid, {col}, {section} FROM {t}").fetchall()
        con.executemany(f"INSERT INTO {t}_fts (rowid, tokens, section) VALUES (?, ?, ?)",
                        [(rowid, seg.index_tokens(text or ""), seg.index_tokens(sec or ""))
                         for rowid, text, sec in rows])


def index_frames(db: str | Path, frames: dict[str, "pd.DataFrame"], rules: "RuleSet",
                 tokenizer: "jieba.Tokenizer | None" = None) -> IndexResult:
    """Put the tables into ``db``, replacing the rows of every document they hold."""
    import time

    from . import __version__

    t0 = time.perf_counter()
    seg = Segmenter.from_rules(rules, tokenizer)
    con = connect(db)
    try:
        with con:
            stored = _stored_tokenizer(con)
            if stored is not None and stored != seg.description():
                _retokenise(con, seg)
            ensure_schema(con, {t: list(f.columns) for t, f in frames.items()}, seg.fts5_tokenize())
            docs = sorted({d for f in frames.values() for d in f["doc"].dropna().unique()}) if frames else []
            _delete_docs(con, docs)
            for t in TABLES:
                df = frames.get(t)
                if df is None or df.empty:
                    continue
                cols = list(df.columns)
                sql = f"INSERT INTO {t} ({', '.join(map(_q, cols))}) VALUES ({', '.join('?' * len(cols))})"
                rows = df.itertuples(index=False, name=None)
                if t not in FTS_COLUMNS:
                    con.executemany(sql, ([_sql_value(v) for v in r] for r in rows))
                    continue
                ci, si = (cols.index(c) if c in cols else None for c in FTS_COLUMNS[t])
                start = con.execute(f"SELECT coalesce(max(rowid), 0) FROM {t}").fetchone()[0] + 1
                batch: list[list[Any]] = []
                fts: list[tuple[int, str, str]] = []
                for rowid, r in enumerate(rows, start):
                    batch.append([rowid, *(_sql_value(v) for v in r)])
                    fts.append((rowid, seg.index_tokens(_text(r, ci)), seg.index_tokens(_text(r, si))))
                con.executemany(f"INSERT INTO {t} (rowid, {', '.join(map(_q, cols))}) "
                                f"VALUES (?, {', '.join('?' * len(cols))})", batch)
                con.executemany(f"INSERT INTO {t}_fts (rowid, tokens, section) VALUES (?, ?, ?)", fts)
            con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                            [("govextract_version", __version__), ("rules_fingerprint", rules.fingerprint),
                             ("tokenizer", seg.description())])
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        con.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('optimize')")
        con.execute("INSERT INTO items_fts(items_fts) VALUES ('optimize')")
        con.commit()
    finally:
        con.close()
    return IndexResult(db=Path(db), seconds=round(time.perf_counter() - t0, 3), **counts)


def index(db: str | Path, sources: Sequence[str | Path], *, rules: "RuleSet | None" = None,
          workers: int = 1, options=None,
          progress: Callable[[Any], None] | None = None) -> IndexResult:
    """Index batch output folders and/or report files into ``db``.

    A folder holding ``documents.parquet`` is read as batch output; everything
    else is parsed first with :func:`govextract.batch.run` (into a temporary
    folder); the files that fail are in ``IndexResult.errors``.
    """
    import dataclasses
    import tempfile

    import pandas as pd

    from .rules import load_rules

    rules = rules or load_rules()
    outdirs = [Path(s) for s in sources if (Path(s) / "documents.parquet").is_file()]
    inputs = [s for s in sources if not (Path(s) / "documents.parquet").is_file()]
    frames_list = [load_frames(o) for o in outdirs]
    errors: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="govextract-index-") as tmp:
        if inputs:
            from .batch import run

            res = run(inputs, tmp, rules=rules, options=options, workers=workers, progress=progress)
            frames_list.append(load_frames(tmp))
            if res.failed:
                errors = pd.read_csv(res.tables["errors"], encoding="utf-8-sig",
                                     keep_default_na=False).to_dict("records")
        frames = {t: pd.concat([f[t] for f in frames_list], ignore_index=True) if frames_list
                  else pd.DataFrame(columns=COLUMNS[t]) for t in TABLES}
    result = index_frames(db, frames, rules)
    return dataclasses.replace(result, errors=tuple(errors))


# --- searching --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Hit:
    """One search hit: a sentence or an item title."""

    kind: str          # sentence | title
    doc: str
    doc_id: str
    section: str
    page: int | None
    text: str
    score: float       # relevance: -bm25, positive, higher is better
    spans: tuple[tuple[int, int], ...] = ()   # the matched words in ``text``
    section_spans: tuple[tuple[int, int], ...] = ()   # and in ``section``
    every_word: bool = True   # False: no hit had every word, and this one has some of them

    def snippet(self, *, open_: str = "[", close: str = "]", width: int = 90) -> str:
        """The text with the matched words wrapped (whole words only), cut around the first."""
        return mark(self.text, list(self.spans), open_=open_, close=close, width=width)

    def section_snippet(self, *, open_: str = "[", close: str = "]") -> str:
        """The heading path with the matched words wrapped."""
        return mark(self.section, list(self.section_spans), open_=open_, close=close)


def open_store(db: str | Path) -> sqlite3.Connection:
    p = Path(db)
    if not p.is_file():
        raise InputError("no such store", path=str(db), fix="build it with `govextract index OUTDIR --db FILE`")
    con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    try:
        con.execute("SELECT 1 FROM sentences_fts LIMIT 1")
    except sqlite3.DatabaseError:
        con.close()
        raise InputError("not a govextract store", path=str(db),
                         fix="build it with `govextract index OUTDIR --db FILE`") from None
    return con


def search(db: str | Path, query: str, *, rules: "RuleSet | None" = None, doc: str | None = None,
           limit: int = 10, tokenizer: "jieba.Tokenizer | None" = None) -> tuple[list[Hit], list[str]]:
    """Ranked hits (best first by bm25; ``score`` is the positive relevance) for ``query``,
    and the query's words.

    ``doc`` is a GLOB over document paths (``*hubei*``). A sentence that is also
    the title of an item is reported once, as the title. A hit needs every word
    (in its text or its headings); when no sentence has them all, the hits with
    some of them are returned, best first, with ``every_word=False``.
    """
    from .rules import load_rules

    rules = rules or load_rules()
    seg = Segmenter.from_rules(rules, tokenizer)
    terms = seg.query_terms(query)
    if not terms:
        return [], []
    fts = to_fts_query(terms)
    where_doc = " AND t.doc GLOB :doc" if doc else ""
    sql = f"""
        SELECT * FROM (
          SELECT 'title' AS kind, t.doc, t.doc_id, t.path AS section, t.page, t.title AS text,
                 bm25(items_fts, 1.0, 0.2) AS score, t.start
          FROM items_fts JOIN items t ON t.rowid = items_fts.rowid
          WHERE items_fts MATCH :q{where_doc}
          UNION ALL
          SELECT 'sentence', t.doc, t.doc_id, t.section, t.page, t.text, bm25(sentences_fts, 1.0, 0.2), t.start
          FROM sentences_fts JOIN sentences t ON t.rowid = sentences_fts.rowid
          WHERE sentences_fts MATCH :q{where_doc}
        ) ORDER BY score, doc, start LIMIT :n
    """
    con = open_store(db)
    try:
        stored = _stored_tokenizer(con)
        if stored is not None and stored != seg.description():
            raise InputError("the store was indexed with other whole tokens or an older govextract",
                             path=str(db), fix="index into it again with `govextract index SOURCE --db FILE` "
                                               "(it is re-tokenised), or pass the same --rules")
        rows = con.execute(sql, {"q": fts, "doc": doc, "n": max(1, limit) * 2}).fetchall()
        every = bool(rows) or len(terms) == 1
        if not every:
            rows = con.execute(sql, {"q": to_fts_query(terms, "OR"), "doc": doc, "n": max(1, limit) * 2}).fetchall()
    except sqlite3.OperationalError as e:
        raise InputError(f"cannot search: {e}", path=str(db), fix="rebuild the store with `govextract index`") from None
    finally:
        con.close()
    hits: list[Hit] = []
    titles = [(r[1], r[7], r[5]) for r in rows if r[0] == "title"]
    for kind, d, did, section, page, text, score, start in rows:
        if kind == "sentence" and any(d == td and tt and tt in text and abs((start or 0) - (ts or 0)) <= 12
                                      for td, ts, tt in titles):
            continue
        hits.append(Hit(kind, d, did, section or "", page, text, -float(score),
                        tuple(seg.hit_spans(text, terms)), tuple(seg.hit_spans(section or "", terms)), every))
        if len(hits) >= limit:
            break
    return hits, terms

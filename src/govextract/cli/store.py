"""``govextract index``, ``search`` and ``serve``: the SQLite store, its search, and Datasette."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import rules_option


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The SQLite store to create or update.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Report files parsed at the same time, one per worker process, as by govextract batch "
                   "(batch output folders are read as they are).")
@rules_option
def index(sources, db, workers, rules_dir):
    """Build or update a SQLite store with full-text search from batch output or reports.

    SOURCES are batch output folders (holding documents.parquet) or report
    files, folders and list files, which are parsed first as by `govextract
    batch`. The store gets the tables documents, items, quantities,
    sentences and cells, and FTS5 indexes over sentences and item titles, tokenised with
    jieba. Re-indexing a document replaces its rows.

    Exit status: 0 done; 1 some report files failed to parse (named on stderr).

    \b
    Examples:
      govextract batch "$(govextract data path)" -o out/ && govextract index out/ --db store.db
      govextract index "$(govextract data path)"/state-council/ --db store.db --workers 2
    """
    from ..rules import load_rules
    from ..store import index as build

    rules = load_rules(rules_dir)
    result = build(db, sources, rules=rules, workers=workers)
    for e in result.errors:
        click.echo(f"govextract: error: {e['doc']}: {e['message']}", err=True)
    from ..display import count

    click.echo(f"govextract index: {count(result.documents, 'document')}, {count(result.items, 'item')}, "
               f"{count(result.quantities, 'quantity', 'quantities')}, {count(result.sentences, 'sentence')}, "
               f"{count(result.cells, 'table cell')} in {db} ({result.seconds:.1f} s)", err=True)
    if result.errors:
        sys.exit(1)


@click.command()
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("query")
@click.option("--doc", "doc_glob", metavar="GLOB", default=None,
              help="Only documents whose path matches this GLOB (e.g. '*hubei*').")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True, help="Most hits to show.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text: ranked hits with snippets; jsonl: one JSON object per hit.")
@rules_option
def search(db, query, doc_glob, limit, fmt, rules_dir):
    """Search a store: ranked hits with document, section, page, relevance and snippet.

    QUERY is one or more words, spaced or not ("营商环境" is cut into 营商 and
    环境); it is cut with the same jieba segmenter as the index, which keeps
    chemical and unit tokens (PM2.5, SO2, μg/m3, 5G; tokens: in rules/terms.yaml)
    and decimal numbers whole. A hit must contain every word, in its text or
    in the headings above it ("蓝天保卫战 PM2.5": the PM2.5 sentences of the
    section on 蓝天保卫战); when no sentence has every word, those with some
    of them are shown, and a note on stderr says so. The relevance
    (bm25) is positive: higher is better. In the snippet, matched words are
    [bracketed] (bold on a terminal), always whole words.

    Exit status: 0 some hits; 1 no hits (not even for one word) or no such store.

    \b
    Examples:
      govextract index "$(govextract data path)" --db store.db   # first, once
      govextract search store.db 入河排污口整治
      govextract search store.db "PM2.5 浓度" --doc '*state-council*' --limit 20
    """
    import json

    from ..rules import load_rules
    from ..store import search as run_search

    rules = load_rules(rules_dir)
    hits, terms = run_search(db, query, rules=rules, doc=doc_glob, limit=limit)
    if fmt == "jsonl":
        for h in hits:
            click.echo(json.dumps({"kind": h.kind, "doc": h.doc, "doc_id": h.doc_id, "section": h.section,
                                   "page": h.page, "text": h.text, "score": round(h.score, 4),
                                   "snippet": h.snippet(), "section_snippet": h.section_snippet(),
                                   "every_word": h.every_word}, ensure_ascii=False))
    else:
        tty = sys.stdout.isatty()
        on, off = ("\x1b[1;31m", "\x1b[0m") if tty else ("[", "]")
        for i, h in enumerate(hits, 1):
            where = f"p.{h.page}" if h.page is not None and h.page == h.page else ""
            head = "  ".join(x for x in (f"{i:>2}. {h.doc}", where, f"score {h.score:.2f}") if x)
            click.echo(head)
            if h.section:
                click.echo(f"    § {h.section_snippet(open_=on, close=off)}")
            click.echo(f"    {'(title) ' if h.kind == 'title' else ''}{h.snippet(open_=on, close=off)}")
    if not hits:
        click.echo(f"govextract search: no hits for {' '.join(terms) or query!r}", err=True)
        sys.exit(1)
    if not hits[0].every_word:
        click.echo(f"govextract search: no sentence has all of {' '.join(terms)}; "
                   "these have some of them, best first", err=True)


@click.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8001, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@rules_option
def serve(db, port, rules_dir):
    """Browse a store in Datasette on 127.0.0.1, with search, facets and canned queries.

    Full-text search works on sentences and item titles: a plugin shipped with
    govextract cuts what you type into words with the same jieba segmenter as
    `govextract search`, so 营商环境 needs no spaces. Tables are faceted by
    issuer, period, indicator and unit; the canned queries "One indicator
    across periods" and "One period across regions" compare values. Pass the
    same --rules as to `govextract index`. Stop it with Ctrl-C.

    \b
    Example:
      govextract serve store.db --port 8001   # then open http://127.0.0.1:8001/
    """
    import signal
    import subprocess
    import tempfile

    from ..serve import serve_command, write_metadata
    from ..store import open_store

    open_store(db).close()  # a clean one-line error if it is not a store
    with tempfile.TemporaryDirectory(prefix="govextract-serve-") as tmp:
        meta = write_metadata(db, Path(tmp) / "metadata.json", [rules_dir] if rules_dir else None)
        proc = subprocess.Popen(serve_command(db, port, meta))

        def forward(signum, frame) -> None:  # stopping us stops Datasette too
            proc.send_signal(signum)

        for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if sig is not None:
                signal.signal(sig, forward)
        try:
            code = proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            code = proc.wait()
    sys.exit(0 if code in (0, -2, -15) else code)

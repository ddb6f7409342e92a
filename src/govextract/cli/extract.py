"""``govextract extract``: tables from one or more reports."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import (csv_raw, csv_raw_option, default_input, format_option, infer_format, make_read_options,
                      output_option, read_options, rules_option, table_option)

#: columns shown by the terminal table format; in quantities, ``value`` is written with its unit
SHOWN = {
    "documents": ["doc", "issuer", "doc_number", "title", "date", "period", "region", "kind"],
    "items": ["level", "marker", "title", "page", "n_quantities"],
    "quantities": ["text", "value", "kind", "approx", "change", "subject", "indicator", "page"],
    "sentences": ["index", "section", "text"],
    "cells": ["table", "row", "col", "row_path", "column_path", "value", "unit", "measure", "period"],
}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@table_option()
@format_option()
@output_option
@csv_raw_option
@rules_option
@read_options
def extract(paths, table, fmt, output, rules_dir, encoding, ocr, workers, max_pages, timeout):
    """Extract a table (documents, items, quantities, sentences or cells) from reports.

    PATHS are text, PDF, scanned PDF, image, DOCX or HTML files. With no PATH,
    the shipped reference report is used (`govextract data path` prints where
    it lives). A file that cannot be read is named on stderr with the reason;
    the others are still extracted, and the exit status is 1.

    The terminal table shows the most useful columns as a person reads them:
    integers without ".0", a quantity's value with its unit and the multiplier
    its text used (1096.7622万元; jsonl, csv, parquet and xlsx keep value 10967622
    and unit 元), a doc column when several files are given, and no column that
    has nothing to show.

    \b
    Examples:
      govextract extract                     # the shipped reference report
      govextract extract "$(govextract data path)/jiading/jiading_2024.pdf" --table items
      govextract extract "$(govextract data path)"/state-council/*.txt --format jsonl > quantities.jsonl
      govextract extract "$(govextract data path)/jiading/jiading_2024.pdf" --table documents -o meta.xlsx
    """
    from ..errors import GovextractError
    from ..pipeline import Pipeline
    from ..rules import load_rules
    from ..spreadsheet import csv_text
    from ..tables import concat, to_jsonl, write_frame

    fmt = infer_format(fmt, output)
    pipeline = Pipeline(load_rules(rules_dir),
                        make_read_options(encoding, ocr, workers, max_pages, timeout))
    reports, failed = [], 0
    with page_progress() as progress:
        for p in paths or (default_input(),):
            try:
                rep = pipeline.parse(p, progress=progress(str(p)))
            except GovextractError as e:
                click.echo(f"govextract: error: {e}", err=True)
                failed += 1
                continue
            for w in rep.warnings:
                click.echo(f"govextract: warning: {w}", err=True)
            reports.append(rep)
    if not reports:
        sys.exit(1)  # every input failed; each is named above, and there is no table to print
    df = concat(reports, table)
    if fmt == "table":
        from ..display import unit_surfaces

        text = render_table(df, table, unit_surfaces(pipeline.rules))
        if output:
            from ..tables import atomic_path

            with atomic_path(output) as tmp:
                tmp.write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)
    elif output is None:
        if fmt == "jsonl":
            sys.stdout.write(to_jsonl(df.to_dict("records")))
        elif fmt == "csv":
            sys.stdout.write(csv_text(df, raw=csv_raw()))
        else:
            raise click.UsageError(f"--format {fmt} needs -o FILE")
    else:
        write_frame(df, fmt, output, sheet=table, csv_raw=csv_raw())
    if failed:
        sys.exit(1)


def page_progress():
    """A context giving, per file, a ``progress(done, total)`` callback that draws a page
    progress bar on stderr when it is a terminal, and nothing otherwise."""
    import contextlib

    @contextlib.contextmanager
    def cm():
        if not sys.stderr.isatty():
            yield lambda name: None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("pages"), TimeRemainingColumn(), console=Console(stderr=True),
                      transient=True) as bar:
            def for_file(name: str):
                task = None

                def update(done: int, total: int) -> None:
                    nonlocal task
                    if task is None:
                        task = bar.add_task(Path(name).name, total=total)
                    bar.update(task, completed=done, total=total)
                return update
            yield for_file
    return cm()


def table_rows(df, table: str, surfaces: dict[str, tuple[str, ...]] | None = None
               ) -> tuple[list[str], list[list[str]]]:
    """The header and cells of the terminal table: the most useful columns, as a person reads them.

    Integral numbers print without ".0"; a quantity's value is written with its
    unit and the multiplier its text used (1096.7622万元; the data formats keep
    10967622 元); a ``doc`` column (the file name) comes first when the rows are
    from several files; a column with nothing to show is left out.
    """
    from pathlib import PurePath

    from ..display import plain, written

    cols = [c for c in SHOWN[table] if c in df.columns]
    if "doc" in df.columns and "doc" not in cols and df["doc"].nunique() > 1:
        names = {d: PurePath(d).name for d in df["doc"].unique()}
        short = len(set(names.values())) == len(names)  # the file names tell the files apart
        cols.insert(0, "doc")
    records = df.to_dict("records")
    rows = []
    for r in records:
        row = []
        for c in cols:
            if c == "value" and table == "quantities":
                row.append(written(r.get("value"), r.get("unit"), r.get("text") or "", r.get("value_max"),
                                   (surfaces or {}).get(r.get("unit"), ())))
            elif c == "doc" and table != "documents":
                row.append(names[r["doc"]] if short else str(r["doc"]))
            else:
                row.append(plain(r.get(c)))
        rows.append(row)
    keep = [i for i, c in enumerate(cols) if any(row[i] for row in rows)] if rows else list(range(len(cols)))
    return [cols[i] for i in keep], [[row[i] for i in keep] for row in rows]


def render_table(df, table: str, surfaces: dict[str, tuple[str, ...]] | None = None) -> str:
    """A readable terminal table (rich) of :func:`table_rows`."""
    from rich.console import Console
    from rich.table import Table

    from ..display import count

    header, rows = table_rows(df, table, surfaces)
    files = df["doc"].nunique() if "doc" in df.columns else 1
    title = f"{table}: {count(len(df), 'row')}" + (f" from {count(files, 'file')}" if files > 1 else "")
    t = Table(show_lines=False, header_style="bold", title=title)
    for c in header:
        t.add_column(c, overflow="fold", justify="right" if c in ("page", "level", "n_quantities", "index") else "left")
    for row in rows:
        t.add_row(*row)
    console = Console(record=True, width=140 if not sys.stdout.isatty() else None)
    with console.capture() as cap:
        console.print(t)
    return cap.get()


@click.command("normalise")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--explain", is_flag=True,
              help="Instead of the text, say what each fix changed: how many places, and the first examples.")
@read_options
def normalise_cmd(path, explain, encoding, ocr, workers, max_pages, timeout):
    """Print the normalised text of a report (what offsets point into).

    With no PATH, the shipped reference report. With --explain, one line per
    fix that changed the text, in the order they ran: its name, how many
    places it changed, and the first three, before → after with a little
    context (⏎ marks a line break, [page] a page start, ** a bold run).

    \b
    Examples:
      govextract normalise report.pdf > report.txt
      govextract normalise report.pdf --explain
      govextract normalise --explain      # the shipped reference report
    """
    from ..ingest import read
    from ..normalise import explain_changes, normalise
    from ..rules import load_rules

    rules = load_rules()
    src = read(path or default_input(), make_read_options(encoding, ocr, workers, max_pages, timeout), rules=rules)
    for w in src.warnings:
        click.echo(f"govextract: warning: {w}", err=True)
    if explain:
        reports = explain_changes(src.text, rules=rules)
        for r in reports:
            click.echo(r.describe())
        if not reports:
            click.echo("no fix changed the text")
    else:
        click.echo(normalise(src.text, rules=rules).text)

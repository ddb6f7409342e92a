"""``govextract extract``: tables from one or more reports."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import (default_input, format_option, infer_format, make_read_options, output_option,
                      read_options, rules_option, table_option)

#: columns shown by the terminal table format
SHOWN = {
    "documents": ["doc", "issuer", "doc_number", "title", "date", "period", "region", "kind"],
    "items": ["level", "marker", "title", "page", "n_quantities"],
    "quantities": ["text", "value", "unit", "kind", "approx", "change", "subject", "indicator", "page"],
    "sentences": ["index", "section", "text"],
    "cells": ["table", "row", "col", "row_path", "column_path", "value", "unit", "measure", "period"],
}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@table_option()
@format_option()
@output_option
@rules_option
@read_options
def extract(paths, table, fmt, output, rules_dir, encoding, ocr, workers, max_pages, timeout):
    """Extract a table (documents, items, quantities, sentences or cells) from reports.

    PATHS are text, PDF, scanned PDF, image, DOCX or HTML files. With no PATH,
    the shipped reference report is used. A file that cannot be read is named on
    stderr with the reason; the others are still extracted, and the exit status is 1.

    \b
    Examples:
      govextract extract
      govextract extract report.pdf --table items
      govextract extract a.txt b.pdf --format jsonl > quantities.jsonl
      govextract extract report.docx --table documents -o meta.xlsx
    """
    from ..errors import GovextractError
    from ..pipeline import Pipeline
    from ..rules import load_rules
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
        text = render_table(df, table)
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
            sys.stdout.write(df.to_csv(index=False))
        else:
            raise click.UsageError(f"--format {fmt} needs -o FILE")
    else:
        write_frame(df, fmt, output, sheet=table)
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


def render_table(df, table: str) -> str:
    """A readable terminal table (rich), limited to the most useful columns."""
    from rich.console import Console
    from rich.table import Table

    from ..tables import missing

    cols = [c for c in SHOWN[table] if c in df.columns]
    t = Table(show_lines=False, header_style="bold", title=f"{table}: {len(df)} rows")
    for c in cols:
        t.add_column(c, overflow="fold")
    for row in df[cols].itertuples(index=False):
        t.add_row(*["" if missing(v) else str(v) for v in row])
    console = Console(record=True, width=140 if not sys.stdout.isatty() else None)
    with console.capture() as cap:
        console.print(t)
    return cap.get()


@click.command("normalise")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--explain", is_flag=True, help="Print only the names of the fixes that changed the text.")
@read_options
def normalise_cmd(path, explain, encoding, ocr, workers, max_pages, timeout):
    """Print the normalised text of a report (what offsets point into).

    With --explain, print the fixes that were applied, in order.

    \b
    Example:
      govextract normalise corpora/jiading/jiading_2024.txt --explain
    """
    from ..ingest import read
    from ..normalise import normalise
    from ..rules import load_rules

    rules = load_rules()
    src = read(path or default_input(), make_read_options(encoding, ocr, workers, max_pages, timeout), rules=rules)
    for w in src.warnings:
        click.echo(f"govextract: warning: {w}", err=True)
    result = normalise(src.text, rules=rules)
    if explain:
        click.echo("\n".join(result.fixes))
    else:
        click.echo(result.text)

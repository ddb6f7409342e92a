"""``govextract compare``: indicators across years or regions."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import (csv_raw, csv_raw_option, default_input, infer_format, make_read_options, output_option,
                      read_options, rules_option)

COMPARE_FORMATS = ("table", "jsonl", "csv", "xlsx")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--indicator", "indicators", multiple=True, metavar="NAME",
              help="Only this indicator (canonical name or alias from rules/indicators.yaml); repeatable.")
@click.option("--format", "fmt", type=click.Choice(COMPARE_FORMATS), default=None,
              help="Output format [default: table, or from the -o file's extension]. jsonl and csv are long "
                   "(one value a row); table and xlsx are wide.")
@output_option
@csv_raw_option
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="OUT.png|OUT.svg",
              help="Also draw each indicator across periods (or regions) into this file: the review page's charts, "
                   "as SVG (.svg) or PNG (any other name; the [charts] extra).")
@click.option("--by", type=click.Choice(["auto", "period", "region"]), default="auto", show_default=True,
              help="Columns of the wide table and x axis of the chart.")
@rules_option
@read_options(workers_help="Processes that OCR the pages of each scanned PDF or image in parallel; the reports "
                           "themselves are read one after another.")
def compare(paths, indicators, fmt, output, chart, by, rules_dir, encoding, ocr, workers, max_pages, timeout):
    """Compare indicators across reports: one district over many years, or many
    regions in one year.

    Reads PATHS (text, PDF, scanned PDF, DOCX, HTML), links each number to a
    canonical indicator (地区生产总值, PM2.5平均浓度 …) with its measure (level,
    growth, target) and the year it is for, derives last year's value from a
    level and its growth, and checks each series across reports.

    jsonl and csv print one value a row: doc, issuer, region, period, indicator,
    measure, value, value_max, unit, approx, target, derived, quote (+ note,
    check). table and xlsx are wide: indicators × periods (or × regions); the
    xlsx workbook has the sheets long, wide, sources and notes. Money is in 元,
    percentages in %.

    \b
    Examples:
      govextract compare "$(govextract data path)"/state-council/*.txt --indicator 国内生产总值 --indicator 居民消费价格
      govextract compare "$(govextract data path)"/state-council/*.txt --indicator GDP -o gdp.xlsx --chart gdp.png
      govextract compare "$(govextract data path)"/state-council/*.txt --format jsonl > values.jsonl
      govextract compare        # the shipped reference report
    """
    from ..compare import chart as draw_chart
    from ..compare import compare as run_compare
    from ..compare import parse_all, resolve_indicators, write_workbook
    from ..errors import GovextractError
    from ..rules import load_rules
    from ..spreadsheet import csv_text
    from ..tables import to_jsonl, write_frame

    fmt = infer_format(fmt, output)
    if fmt not in COMPARE_FORMATS:
        raise click.UsageError(f"--format {fmt} is not available for compare; choose {', '.join(COMPARE_FORMATS)}")
    rules = load_rules(rules_dir)
    resolve_indicators(indicators, rules)        # unknown names fail before any parsing
    failed = []

    def on_error(path, err: GovextractError) -> None:
        click.echo(f"govextract: error: {err}", err=True)
        failed.append(path)

    reports = parse_all(paths or (default_input(),), rules=rules,
                        options=make_read_options(encoding, ocr, workers, max_pages, timeout), on_error=on_error)
    for rep in reports:
        for w in rep.warnings:
            click.echo(f"govextract: warning: {w}", err=True)
    long_df = run_compare(reports, indicators=list(indicators) or None, rules=rules)
    axis = None if by == "auto" else by
    if long_df.empty:
        click.echo("govextract: no indicator values found in the inputs", err=True)
        if indicators:
            from ..indicator_names import suggest

            present = {q.indicator for rep in reports for q in rep.quantity_list if q.indicator}
            for name in indicators:
                close = suggest(name, rules, among=present)
                click.echo(f"govextract: no values of {name}; "
                           + (f"these close indicators have values: {', '.join(close)}" if close else
                              f"the inputs have values of: {', '.join(sorted(present)[:12]) or 'none'}"), err=True)
            sys.exit(1)
    if fmt == "table":
        text = render(long_df, axis, rules)
        _emit(text, output)
    elif fmt == "jsonl":
        _emit(to_jsonl(long_df.to_dict("records")), output)
    elif fmt == "csv":
        if output is None:
            sys.stdout.write(csv_text(long_df, raw=csv_raw()))
        else:
            write_frame(long_df, "csv", output, csv_raw=csv_raw())
    else:
        if output is None:
            raise click.UsageError("--format xlsx needs -o FILE")
        write_workbook(long_df, output, axis, rules=rules)
    if chart is not None:
        path = draw_chart(long_df, chart, by=axis, rules=rules)
        click.echo(f"govextract: chart written to {path}", err=True)
    if failed:
        sys.exit(1)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from ..tables import atomic_path

    with atomic_path(output) as tmp:
        tmp.write_text(text, encoding="utf-8")


def _cell(rows, rules=None) -> str:
    from ..compare import format_value
    from ..compare.check import _pick
    from ..compare.wide import shown_after

    best = _pick(rows)
    s = format_value(best["value"], best["unit"], best["measure"], best["value_max"], best["approx"], rules=rules)
    if best["approx"] and best["approx"] not in shown_after(rules):
        s = best["approx"] + s
    marks = ("*" if best["derived"] else "") + ("†" if best["five_year"] else "") + \
        ("!" if best["check"] in ("mismatch", "break") else "")
    return s + marks


def wide_text(long_df, by: str | None, rules=None):
    """The wide table as formatted strings, with a sources column (numbers into the legend)."""
    import pandas as pd

    from ..compare import pivot_axis, sources

    axis = pivot_axis(long_df.to_dict("records"), by)
    other = "region" if axis == "period" else "period"
    keys = ["indicator", "measure"]
    if long_df[other].nunique(dropna=True) > 1:
        keys = [other] + keys
    src = sources(long_df)
    number_of = dict(zip(src["doc"], src["source"]))
    records = long_df.to_dict("records")
    cols = sorted({r[axis] for r in records if r[axis] is not None and r[axis] == r[axis]}, key=str)
    groups: dict = {}
    for r in records:
        groups.setdefault(tuple(r[k] for k in keys), {}).setdefault(r[axis], []).append(r)
    out = []
    for key, cells in groups.items():
        row = dict(zip(keys, key))
        docs = set()
        for c in cols:
            if c in cells:
                row[str(c)] = _cell(cells[c], rules)
                docs.update(r["doc"] for r in cells[c])
        row["sources"] = ",".join(str(number_of[d]) for d in sorted(docs, key=lambda d: number_of[d]))
        out.append(row)
    df = pd.DataFrame(out, columns=keys + [str(c) for c in cols] + ["sources"]).fillna("")
    return df, src


def render(long_df, by: str | None, rules=None) -> str:
    """A readable terminal table (rich): indicators × periods or regions, then the sources."""
    from rich.console import Console
    from rich.table import Table

    if long_df.empty:
        return ""
    df, src = wide_text(long_df, by, rules)
    from ..display import count

    t = Table(header_style="bold", title=f"compare: {count(long_df['indicator'].nunique(), 'indicator')}, "
                                           f"{count(len(src), 'document')}")
    for c in df.columns:
        t.add_column(c, overflow="fold")
    for row in df.itertuples(index=False):
        t.add_row(*[str(v) for v in row])
    console = Console(record=True, width=200 if not sys.stdout.isatty() else None)
    with console.capture() as cap:
        console.print(t)
        console.print("* derived from a level and its growth   † five-year review or plan   "
                      "! see notes (mismatch or series break)")
        for r in src.to_dict("records"):
            console.print(f"[{r['source']}] {r['doc']}  {r['issuer'] or ''} {r['region'] or ''} {r['periods']}",
                          markup=False)
    return cap.get()

"""``govextract report``: a self-contained HTML review page of one report, or of a comparison."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import default_input, make_read_options, read_options, rules_option


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--compare", "compare_mode", is_flag=True,
              help="Compare several reports: a wide table, an SVG chart per indicator, and the quotes.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The HTML file to write (atomically) [default: report.html, or compare.html with --compare]; "
                   "'-' writes to stdout.")
@click.option("--indicator", "indicators", multiple=True, metavar="NAME",
              help="With --compare: only this indicator (repeatable).")
@click.option("--by", type=click.Choice(["period", "region"]), default=None,
              help="With --compare: what the table's columns run over [default: period for a series of years, "
                   "region for one year across regions].")
@rules_option
@read_options(workers_help="Processes that OCR the pages of a scanned PDF or image in parallel; the reports "
                           "themselves are read one after another.")
def report(paths, compare_mode, output, indicators, by, rules_dir, encoding, ocr, workers, max_pages, timeout):
    """Write an HTML review page that opens from disk, with no server and no network.

    For one report (PATH; the shipped reference report if none): the text in its
    outline structure with every quantity highlighted (hover or click for what it
    was read as), the outline as navigation with counts per section, the
    metadata, the documents/items/quantities tables (sortable, CSV download),
    the warnings — only what a person must check: low-confidence OCR numbers,
    encoding replacements, an indicator given two values — and, as a filter of
    their own ("excluded: 78"), the numbers an exclusion rule set aside (years,
    dates, article numbers), each with its rule.

    With --compare PATH...: the wide comparison table, a chart per indicator, and
    each value linked to its quote in the source.

    \b
    Examples:
      govextract report "$(govextract data path)/jiading/jiading_2024.pdf" -o jiading.html
      govextract report --compare "$(govextract data path)"/state-council/*.txt -o compare.html
      govextract report --compare "$(govextract data path)"/state-council/*.txt --indicator 国内生产总值
    """
    from ..errors import GovextractError
    from ..pipeline import Pipeline
    from ..report import compare_reports, render_compare, render_report, report_warnings, write_html
    from ..rules import load_rules

    if not compare_mode and (indicators or by):
        raise click.UsageError("--indicator and --by apply to --compare only")
    if not compare_mode and len(paths) > 1:
        raise click.UsageError(f"report takes one PATH, got {len(paths)}; use --compare for several")
    if compare_mode and len(paths) < 2:
        raise click.UsageError("--compare needs at least two reports, e.g. "
                               "\"$(govextract data path)\"/state-council/*.txt")
    rules = load_rules(rules_dir)
    pipeline = Pipeline(rules, make_read_options(encoding, ocr, workers, max_pages, timeout))

    if not compare_mode:
        rep = pipeline.parse(paths[0] if paths else default_input())
        for w in rep.warnings:
            click.echo(f"govextract: warning: {w}", err=True)
        html = render_report(rep, rules)
        from ..display import count

        summary = (f"{count(len(rep.quantity_list), 'quantity', 'quantities')}, "
                   f"{count(len(rep.outline), 'outline item')}, {count(len(report_warnings(rep)), 'warning')}, "
                   f"{len(rep.exclusions)} excluded")
        _emit(html, output or Path("report.html"), summary, write_html)
        return

    reports, failed = [], 0
    for p in paths:
        try:
            reports.append(pipeline.parse(p))
        except GovextractError as e:
            click.echo(f"govextract: error: {e}", err=True)
            failed += 1
    if len(reports) < 1:
        raise click.ClickException("no report could be read")
    long = compare_reports(reports, indicators=indicators or None, rules=rules)
    if long.empty:
        click.echo("govextract: warning: no indicator was found in these reports; the page has no charts", err=True)
    html = render_compare(long, by=by, rules=rules)
    from ..display import count

    _emit(html, output or Path("compare.html"),
          f"{count(len(reports), 'report')}, {count(long['indicator'].nunique(), 'indicator')}", write_html)
    if failed:
        sys.exit(1)


def _emit(html: str, output: Path, summary: str, write_html) -> None:
    if str(output) == "-":
        sys.stdout.write(html)
        return
    write_html(html, output)
    click.echo(f"govextract: wrote {output} ({summary})", err=True)

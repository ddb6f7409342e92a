"""``govextract data``: where the reports shipped with govextract live."""
from __future__ import annotations

import click


@click.group()
def data() -> None:
    """The reports shipped with govextract, to try every command on.

    jiading/jiading_2024.txt and .pdf: the reference report (嘉环〔2025〕3号, a
    district ecology-environment bureau's 2024 work summary; `govextract
    extract` with no PATH reads the .txt). state-council/state_council_2003.txt
    … 2018.txt: the State Council's government work reports, a series to compare.

    \b
    Examples:
      govextract data path
      govextract extract "$(govextract data path)/jiading/jiading_2024.pdf" --table items
    """


@data.command("path")
def path() -> None:
    """Print the folder of the shipped reports (jiading/, state-council/).

    \b
    Examples:
      ls "$(govextract data path)"/state-council/
      govextract compare "$(govextract data path)"/state-council/*.txt --indicator 国内生产总值
    """
    from .options import data_dir

    click.echo(str(data_dir()))

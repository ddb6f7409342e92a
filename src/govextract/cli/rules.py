"""``govextract rules``: check rule files, and show where the shipped ones live."""
from __future__ import annotations

from pathlib import Path

import click


@click.group()
def rules() -> None:
    """Check or locate the rule files (rules/*.yaml).

    \b
    Example:
      govextract rules check my-rules/
    """


@rules.command("check")
@click.argument("dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
def check(dirs: tuple[Path, ...]) -> None:
    """Validate the shipped rules merged with DIRS; list every problem with file and key.

    Exit status 3 when a problem is found.

    \b
    Example:
      govextract rules check my-rules/
    """
    from ..rules import load_rules

    rs = load_rules(*dirs)  # RulesError → exit 3 with every problem, via the CLI group
    n_units = len(rs.units.get("units", {}))
    n_ind = len(rs.indicators.get("indicators", {}))
    click.echo(f"ok: rules from {', '.join(rs.sources)}; {n_units} units, {n_ind} indicators; "
               f"fingerprint {rs.fingerprint}")


@rules.command("path")
def path() -> None:
    """Print the folder of the shipped rules (copy files from there to start your own).

    \b
    Example:
      cp "$(govextract rules path)/exclusions.yaml" my-rules/
    """
    from ..rules import default_rules_dir

    click.echo(str(default_rules_dir()))

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

    Unknown keys, values of the wrong shape, and every regular expression that does not
    compile (documents.yaml grammar, each {name} filled as its reader fills it; a {name}
    no reader fills is a problem too). Exit status 3 when a problem is found.

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


@click.command()
@click.option("--search", "word", default=None, metavar="WORD",
              help="Only indicators whose name or an alias contains WORD, then those spelled alike.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table: one indicator a line with its aliases; jsonl: one JSON object a line.")
@click.option("--rules", "rules_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="A directory of rule files merged over the shipped rules/.")
def indicators(word: str | None, fmt: str, rules_dir: Path | None) -> None:
    """List the canonical indicators that compare knows, with their aliases.

    Any name or alias listed can be given to `compare --indicator`. Exit status 1
    when --search finds nothing.

    \b
    Examples:
      govextract indicators
      govextract indicators --search 可支配收入
      govextract indicators --search GDP --format jsonl
    """
    import json
    import sys

    from ..indicator_names import catalogue, search
    from ..rules import load_rules

    rules = load_rules(rules_dir)
    found = search(word, rules) if word else catalogue(rules)
    if not found:
        click.echo(f"govextract: no indicator matches {word!r}; run `govextract indicators` for all", err=True)
        sys.exit(1)
    for ind in found:
        if fmt == "jsonl":
            click.echo(json.dumps({"name": ind.name, "aliases": list(ind.aliases), "domain": ind.domain,
                                   "dimension": ind.dimension}, ensure_ascii=False))
        else:
            click.echo(f"{ind.name}\t{ind.domain}\t{', '.join(ind.aliases)}")

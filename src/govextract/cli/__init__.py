"""The ``govextract`` command: a thin layer over the library.

Commands load lazily, so ``govextract --help`` stays fast; each lives in its own
module of this package. Library errors (:class:`govextract.errors.GovextractError`)
become one-line messages on stderr, with no traceback.

Exit status: 0 success; 1 some input could not be read (each is named on
stderr); 2 usage error; 3 invalid rules.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from .. import __version__

#: command name → "module:function"; a command whose module is absent is not listed.
COMMANDS = {
    "extract": "govextract.cli.extract:extract",
    "compare": "govextract.cli.compare:compare",
    "batch": "govextract.cli.batch:batch",
    "index": "govextract.cli.store:index",
    "search": "govextract.cli.store:search",
    "serve": "govextract.cli.store:serve",
    "report": "govextract.cli.report:report",
    "rules": "govextract.cli.rules:rules",
    "data": "govextract.cli.data:data",
    "indicators": "govextract.cli.rules:indicators",
    "normalise": "govextract.cli.extract:normalise_cmd",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [n for n, target in COMMANDS.items()
                if importlib.util.find_spec(target.split(":")[0]) is not None]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        mod, _, attr = target.partition(":")
        try:
            return getattr(importlib.import_module(mod), attr)
        except ModuleNotFoundError as e:
            if e.name == mod:
                return None
            raise

    def invoke(self, ctx: click.Context):
        from ..errors import GovextractError, RulesError

        try:
            return super().invoke(ctx)
        except RulesError as e:
            n = len(e.problems)
            click.echo(f"govextract: error: {n} problem{'' if n == 1 else 's'} in the rules; "
                       "correct these files and run again:", err=True)
            for p in e.problems:
                click.echo(f"  - {p}", err=True)
            ctx.exit(3)
        except GovextractError as e:
            click.echo(f"govextract: error: {e}", err=True)
            ctx.exit(1)
        except BrokenPipeError:  # `govextract extract … | head`
            sys.stderr.close()
            ctx.exit(0)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="govextract")
def main() -> None:
    """Numbers, outlines and metadata out of Chinese government reports.

    Reads text, PDF (text layer or scanned, by OCR), DOCX and HTML reports and
    writes tables: documents, items (the outline) and quantities.

    With no PATH, `govextract extract` reads the shipped reference report;
    `govextract data path` prints the folder of the shipped reports.

    \b
    Examples:
      govextract extract
      govextract extract "$(govextract data path)/jiading/jiading_2024.pdf" --format jsonl
      govextract compare "$(govextract data path)"/state-council/*.txt --indicator 国内生产总值
    """

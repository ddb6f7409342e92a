"""Errors that govextract raises on purpose.

Every error names the file it is about and says what the user can do about it,
so that the CLI can print it as one line, without a traceback.
"""
from __future__ import annotations


class GovextractError(Exception):
    """Base class: a problem the user can act on.

    >>> str(GovextractError("empty file", path="a.txt", fix="check the download"))
    'a.txt: empty file (check the download)'
    """

    stage = "extract"

    def __init__(self, reason: str, *, path: str | None = None, fix: str | None = None):
        self.reason = reason
        self.path = path
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        head = f"{self.path}: {self.reason}" if self.path else self.reason
        return f"{head} ({self.fix})" if self.fix else head


class InputError(GovextractError):
    """The input file cannot be read: missing, empty, binary, encrypted, corrupt, too big."""

    stage = "ingest"


class RulesError(GovextractError):
    """The rule files are invalid. ``problems`` lists every problem, each with file and key."""

    stage = "rules"

    def __init__(self, problems: list[str], *, path: str | None = None):
        self.problems = list(problems)
        n = len(self.problems)
        reason = f"{n} problem{'' if n == 1 else 's'} in rules: " + "; ".join(self.problems)
        super().__init__(reason, path=path, fix="correct the rule files and run again")

"""The grammar of a document's text: regular expressions in ``grammar`` of rules/documents.yaml.

Dates, years, document numbers, the lines that carry metadata, outline markers and the
end of a sentence are written there, not in Python; :func:`grammar` compiles one entry
(once per rule text) with the words of other entries filled in.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping

import regex as re

from ..errors import RulesError
from ..rules import shipped_rules
from ..rules_validate.patterns import fill_names, unfilled

__all__ = ["NEVER", "grammar", "words"]

#: a pattern that never matches: a grammar entry left out of the rules
NEVER = re.compile(r"(?!)")


@lru_cache(maxsize=128)
def _compiled(key: str, template: str, words: tuple[tuple[str, str], ...]) -> "re.Pattern[str]":
    missing = unfilled(key, template)   # a {name} no reader fills (load_rules reports these first)
    if missing:
        raise RulesError([f"documents.yaml:{p}" for p in missing])
    try:
        return re.compile(fill_names(template, dict(words)), re.VERBOSE)
    except re.error as e:
        raise RulesError([f"documents.yaml:grammar.{key}: not a valid regular expression: {e}"]) from None


def grammar(doc: Mapping | None, key: str, **words: str) -> "re.Pattern[str]":
    """The regular expression ``grammar.<key>`` of rules/documents.yaml (verbose), each
    ``{name}`` in it filled with ``words[name]``; without ``doc``, the shipped rules'.
    An entry left out never matches.

    >>> grammar(None, "date").search("落款 2024年4月29日").group("y", "m", "d")
    ('2024', '4', '29')
    """
    if doc is None:
        doc = shipped_rules().documents
    template = (doc.get("grammar") or {}).get(key)
    return _compiled(key, template, tuple(sorted(words.items()))) if template else NEVER


def words(doc: Mapping | None, key: str, default: str = "") -> str:
    """A string of rules/documents.yaml (``full_stop``, ``title_trim`` …); without ``doc``,
    the shipped rules'."""
    if doc is None:
        doc = shipped_rules().documents
    return doc.get(key, default)

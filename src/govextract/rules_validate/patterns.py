"""Regular expressions in the rule files compile when the rules load, not when first used.

Every entry of ``grammar`` in documents.yaml is compiled as :mod:`govextract.structure.grammar`
compiles it: each ``{name}`` filled first. A reader fills only the names of :data:`FILLED`
(the words of a list, another entry); a ``{name}`` no reader fills is a problem too, since it
would be matched as the literal text. The single regex entries of web.yaml and indicators.yaml
are compiled with the flags their readers use. Every problem names its file and key.

>>> problems = []
>>> check_grammar({"grammar": {"date": "(?P<y>\\\\d{4}", "speaker": "(?:{title})$"}}, "documents.yaml", problems)
>>> [p.split(":")[1] for p in problems]
['grammar.date', 'grammar.speaker']
"""
from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any, Mapping

import regex

from .base import check_pattern

__all__ = ["FILLED", "NEVER_TEXT", "check_grammar", "check_indicator_patterns", "check_web_patterns",
           "fill_names", "unfilled"]

#: the ``{name}`` each grammar entry may hold, filled by its reader (govextract.structure.clues,
#: .metadata, govextract.ingest.doc_header): the words of a documents.yaml list (web.yaml's
#: labels for ``source_label``) or, where the name is another entry's (``{date}``,
#: ``{doc_number}``), that entry. A reader that fills a new name adds it here.
FILLED: Mapping[str, frozenset[str]] = MappingProxyType({
    "cover_label": frozenset({"labels"}),        # issuer_labels
    "period_term": frozenset({"labels"}),        # period_labels
    "source_label": frozenset({"labels"}),       # web.yaml labels of a source
    "speaker": frozenset({"titles"}),            # speaker_titles
    "occasion": frozenset({"date", "national", "congress", "honor"}),
    "doc_number_line": frozenset({"doc_number"}),
    "issuer_mark_end": frozenset({"mark"}),      # issuer_mark
})
#: a regular expression that never matches: what stands for a list's words when only the form is checked
NEVER_TEXT = "(?:(?!))"
#: {labels}; never a count ({4}, {1,3}), a property (\p{Han}) or an escaped brace
_NAME = re.compile(r"(?<!\\[pPN])(?<!\\)\{([A-Za-z_]\w*)\}")


def fill_names(template: str, words: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` of ``words`` replaced by its text; other braces kept."""
    return _NAME.sub(lambda m: words.get(m.group(1), m.group(0)), template)


def unfilled(key: str, template: str) -> list[str]:
    """Problems (``grammar.KEY: …``) for each ``{name}`` of a grammar entry that its reader does not fill."""
    allowed = FILLED.get(key, frozenset())
    return [f"grammar.{key}: {{{n}}} is filled by no reader of this entry "
            f"(it may use: {', '.join(sorted(allowed)) or 'none'})"
            for n in dict.fromkeys(_NAME.findall(template)) if n not in allowed]


def check_grammar(data: dict, fname: str, problems: list[str]) -> None:
    """Each entry of ``grammar`` is a string that compiles (``regex``, verbose) with its names filled."""
    entries = data.get("grammar") or {}
    if not isinstance(entries, dict):
        problems.append(f"{fname}:grammar: must be a mapping of entry name to regular expression")
        return
    sound = {k: v for k, v in entries.items() if isinstance(v, str) and _compiles(v, regex, regex.VERBOSE)}
    for key, template in entries.items():
        where = f"{fname}:grammar.{key}"
        if not isinstance(template, str):
            problems.append(f"{where}: must be a regular expression (a string)")
            continue
        problems.extend(f"{fname}:{p}" for p in unfilled(key, template))
        # another entry's name is filled with that entry (when it compiles: else it is its problem)
        words = {n: sound.get(n, NEVER_TEXT) for n in FILLED.get(key, ())}
        check_pattern(fill_names(template, words), where, problems, engine=regex, flags=regex.VERBOSE)


def check_web_patterns(data: dict, fname: str, problems: list[str]) -> None:
    """The single regular expressions of web.yaml, with the flags of govextract.ingest.web."""
    for key, flags in (("date", re.VERBOSE), ("bracket_group", 0), ("breadcrumb_separators", 0),
                       ("title_separators", 0), ("label_line", re.VERBOSE)):
        if key in data:
            pat = data[key]
            if isinstance(pat, str) and key == "label_line":
                pat = fill_names(pat, {"names": NEVER_TEXT})
            check_pattern(pat, f"{fname}:{key}", problems, flags=flags)


def check_indicator_patterns(data: dict, fname: str, problems: list[str]) -> None:
    """``targets.heading`` of indicators.yaml (verbose, multiline, as the linker reads it)."""
    targets = data.get("targets")
    if isinstance(targets, dict) and isinstance(targets.get("heading"), str):   # else: check_indicators
        check_pattern(targets["heading"], f"{fname}:targets.heading", problems, flags=re.VERBOSE | re.MULTILINE)


def _compiles(pat: str, engine: Any, flags: int) -> bool:
    try:
        engine.compile(pat, flags)
    except engine.error:
        return False
    return True

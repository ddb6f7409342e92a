"""Discovering indicators: the canonical names of ``rules/indicators.yaml``, their aliases,
search, and suggestions for a name that is not known or has no values (issue 11).

>>> from govextract.rules import load_rules
>>> rules = load_rules()
>>> [i.name for i in search("可支配收入", rules)][:3]
['城镇常住居民人均可支配收入', '农村常住居民人均可支配收入', '居民人均可支配收入']
>>> suggest("国内生产总直", rules)[:1]
['地区生产总值']
>>> suggest("居民人均可支配收入", rules, among=["城镇常住居民人均可支配收入", "地区生产总值"])
['城镇常住居民人均可支配收入']
>>> suggest("xyz", rules)
[]
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from .rules import RuleSet

#: how alike two names must be (difflib's ratio) to be suggested
CUTOFF = 0.5


@dataclass(frozen=True)
class IndicatorName:
    """One canonical indicator with its aliases, domain and dimension."""

    name: str
    aliases: tuple[str, ...]
    domain: str
    dimension: str

    def surfaces(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def catalogue(rules: "RuleSet") -> list[IndicatorName]:
    """Every canonical indicator, in the order of the rule file."""
    out = []
    for name, spec in (rules.indicators.get("indicators") or {}).items():
        spec = spec or {}
        out.append(IndicatorName(name, tuple(spec.get("aliases") or ()) + tuple(spec.get("growth_aliases") or ()),
                                 str(spec.get("domain") or ""), str(spec.get("dimension") or "")))
    return out


def search(word: str, rules: "RuleSet") -> list[IndicatorName]:
    """Indicators whose name or an alias contains ``word`` (or is contained in it), then the
    close ones by spelling; best first."""
    word = word.strip()
    cat = catalogue(rules)
    if not word:
        return cat
    def rank(i: IndicatorName) -> int:       # the name itself, then names holding it, then aliases
        return 0 if word in i.surfaces() else 1 if word in i.name else 2

    hits = sorted((i for i in cat if any(word in s or (len(s) >= 2 and s in word) for s in i.surfaces())),
                  key=rank)
    close = set(suggest(word, rules))
    return hits + [i for i in cat if i.name in close and i not in hits]


def suggest(word: str, rules: "RuleSet", among: Iterable[str] | None = None, n: int = 5) -> list[str]:
    """Canonical names close to ``word``: sharing a long part with it, or spelled alike.
    ``among`` limits them to these canonical names (those with values in the inputs)."""
    word = word.strip()
    allowed = set(among) if among is not None else None
    scored: dict[str, float] = {}
    for ind in catalogue(rules):
        if allowed is not None and ind.name not in allowed:
            continue
        best = 0.0
        for s in ind.surfaces():
            m = difflib.SequenceMatcher(None, word, s)
            ratio = m.ratio()
            longest = m.find_longest_match(0, len(word), 0, len(s)).size
            shared = longest / max(len(word), 1) if longest >= 4 else 0.0
            best = max(best, ratio, shared)
        if best >= CUTOFF:
            scored[ind.name] = best
    return [k for k, _ in sorted(scored.items(), key=lambda kv: -kv[1])][:n]

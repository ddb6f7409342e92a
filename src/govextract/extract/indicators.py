"""Indicator linking: map a quantity's subject to a canonical indicator of
``rules/indicators.yaml``.

This first version matches aliases inside the subject, longest first.

>>> from govextract.rules import load_rules
>>> canonical_indicator("全年地区生产总值", load_rules())
'地区生产总值'
>>> canonical_indicator("党组中心组学习", load_rules()) is None
True
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..models import Quantity
from ..rules import RuleSet


def canonical_indicator(subject: str, rules: RuleSet) -> str | None:
    """The canonical indicator whose name or alias occurs in ``subject``, longest alias first."""
    if not subject:
        return None
    best: tuple[int, str] | None = None
    for name, spec in rules.indicators.get("indicators", {}).items():
        for alias in (name, *spec.get("aliases", ())):
            if alias in subject and (best is None or len(alias) > best[0]):
                best = (len(alias), name)
    return best[1] if best else None


def link_indicators(quantities: Sequence[Quantity], text: str, rules: RuleSet) -> list[Quantity]:
    """Fill ``indicator`` of each quantity whose subject names a known indicator."""
    out = []
    for q in quantities:
        ind = q.indicator or canonical_indicator(q.subject, rules)
        out.append(replace(q, indicator=ind) if ind != q.indicator else q)
    return out

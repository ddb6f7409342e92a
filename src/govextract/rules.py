"""Rules as data: load, merge, validate and freeze the YAML files under ``rules/``.

The shipped rules live in the package (``govextract/rules``). A user directory
given with ``--rules DIR`` is merged on top: lists are extended, mappings are
merged key by key (the user's value wins), and a file whose top level has
``replace: true`` replaces the shipped file of the same name.

Every file is checked against a small declarative schema. Loading collects
*every* problem, each with its file and key, and raises one :class:`RulesError`.

>>> rules = load_rules()
>>> "%" in {u["normal"] for u in rules.units["units"].values()}
True
>>> len(rules.fingerprint)
16
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

import yaml

from .errors import RulesError
from .rules_schema import unknown_keys
from .rules_validate import VALIDATORS

#: The rule files, in load order. Each maps to the validator of its content.
RULE_FILES = (
    "units.yaml",
    "measure_words.yaml",
    "qualifiers.yaml",
    "changes.yaml",
    "exclusions.yaml",
    "indicators.yaml",
    "terms.yaml",
    "documents.yaml",
    "web.yaml",
    "numerals.yaml",
    "tables.yaml",
)


def default_rules_dir() -> Path:
    """The shipped rules: inside the installed wheel, or ``rules/`` of a source checkout."""
    packaged = resources.files("govextract") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent / "rules"
        if (cand / "units.yaml").is_file():
            return cand
    raise RulesError(["no shipped rules found: reinstall govextract"])


# --- merging and freezing --------------------------------------------------------
def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    return extra


def freeze(obj: Any) -> Any:
    """Deep-freeze YAML data: dicts become read-only mappings, lists become tuples.

    >>> f = freeze({"a": [1, {"b": 2}]})
    >>> f["a"][1]["b"], type(f["a"]).__name__
    (2, 'tuple')
    """
    if isinstance(obj, dict):
        return MappingProxyType({k: freeze(v) for k, v in obj.items()})
    if isinstance(obj, list):
        return tuple(freeze(v) for v in obj)
    return obj


def thaw(obj: Any) -> Any:
    """The inverse of :func:`freeze`, for serialising."""
    if isinstance(obj, Mapping):
        return {k: thaw(v) for k, v in obj.items()}
    if isinstance(obj, tuple):
        return [thaw(v) for v in obj]
    return obj


@dataclass(frozen=True, eq=False)
class RuleSet:
    """A frozen, validated set of rules. Pass it explicitly; nothing is global.

    Two rule sets are equal, and hash alike, when their fingerprints (a hash of
    their merged content) are equal, so compiled patterns can be cached per rules
    with ``functools.lru_cache``.
    """

    units: Mapping[str, Any]
    measure_words: Mapping[str, Any]
    qualifiers: Mapping[str, Any]
    changes: Mapping[str, Any]
    exclusions: Mapping[str, Any]
    indicators: Mapping[str, Any]
    terms: Mapping[str, Any]
    documents: Mapping[str, Any]
    web: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    numerals: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    tables: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    sources: tuple[str, ...] = field(default=())
    fingerprint: str = ""

    def get(self, fname: str) -> Mapping[str, Any]:
        return getattr(self, fname.removesuffix(".yaml"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleSet) and other.fingerprint == self.fingerprint

    def __hash__(self) -> int:
        return hash(self.fingerprint)


def _read_yaml(path: Path, problems: list[str]) -> dict | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        problems.append(f"{path}: cannot read: {e}")
        return None
    except yaml.YAMLError as e:
        problems.append(f"{path}: not valid YAML: {e}".replace("\n", " "))
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(f"{path}: top level must be a mapping")
        return None
    return data


def load_rules(*dirs: str | Path | None) -> RuleSet:
    """Load the shipped rules, then each user directory in ``dirs`` on top.

    Raises :class:`RulesError` listing every problem found, each with file and key.
    """
    problems: list[str] = []
    layers = [default_rules_dir(), *[Path(d) for d in dirs if d]]
    merged: dict[str, dict] = {f: {} for f in RULE_FILES}
    sources: list[str] = []
    for i, d in enumerate(layers):
        if not d.is_dir():
            problems.append(f"{d}: rules directory not found")
            continue
        sources.append(str(d))
        known = set(RULE_FILES)
        for p in sorted(d.glob("*.yaml")):
            if p.name not in known and i > 0:
                problems.append(f"{p}: unknown rule file (expected one of {', '.join(RULE_FILES)})")
        for fname in RULE_FILES:
            p = d / fname
            if not p.is_file():
                if i == 0:
                    problems.append(f"{p}: shipped rule file missing")
                continue
            data = _read_yaml(p, problems)
            if data is None:
                continue
            problems.extend(f"{p.parent}/{u}" for u in unknown_keys(data, fname))
            if data.pop("replace", False):
                merged[fname] = data
            else:
                merged[fname] = _merge(merged[fname], data)
    for fname in RULE_FILES:
        try:
            VALIDATORS[fname](merged[fname], fname, problems)
        except (TypeError, AttributeError, KeyError, ValueError) as e:
            # a shape no validator foresaw: still one problem, with the file, not a crash
            problems.append(f"{fname}: malformed content ({type(e).__name__}: {e})")
    if problems:
        raise RulesError(problems)
    blob = json.dumps(merged, sort_keys=True, ensure_ascii=False, default=str)
    fp = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
    return RuleSet(**{f.removesuffix(".yaml"): freeze(merged[f]) for f in RULE_FILES},
                   sources=tuple(sources), fingerprint=fp)


@lru_cache(maxsize=1)
def shipped_rules() -> RuleSet:
    """The shipped rules, loaded once per process (a frozen :class:`RuleSet`): the default of
    functions whose ``rules`` argument is optional."""
    return load_rules()


def iter_terms(rules: RuleSet) -> Iterable[str]:
    """Every domain term that the segmenter must keep whole: terms, indicator names and aliases."""
    seen: set[str] = set()
    for t in rules.terms.get("terms", ()):
        if t not in seen:
            seen.add(t)
            yield t
    for name, spec in rules.indicators.get("indicators", {}).items():
        for t in (name, *spec.get("aliases", ())):
            if t not in seen and len(t) <= 12:
                seen.add(t)
                yield t

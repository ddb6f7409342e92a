"""The checks every rule-file validator is made of: each adds a problem (file and key) to a
list instead of raising, so that loading reports every problem at once."""
from __future__ import annotations

from typing import Any, Callable

__all__ = ["check_optional_lists", "check_optional_strings", "check_pattern", "check_str_lists", "check_str_map",
           "expect", "is_str_list", "named_specs"]


def expect(cond: bool, problems: list[str], where: str, msg: str) -> None:
    if not cond:
        problems.append(f"{where}: {msg}")


def is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) and x for x in v)


def check_str_lists(*keys: str, required: bool = True) -> Callable[[dict, str, list[str]], None]:
    def check(data: dict, fname: str, problems: list[str]) -> None:
        for k in keys:
            if k not in data:
                if required:
                    problems.append(f"{fname}:{k}: missing")
                continue
            v = data[k]
            if isinstance(v, dict):
                for sub, lst in v.items():
                    expect(is_str_list(lst), problems, f"{fname}:{k}.{sub}", "must be a list of strings")
            else:
                expect(is_str_list(v), problems, f"{fname}:{k}", "must be a list of strings")
    return check


def check_str_map(data: dict, key: str, fname: str, problems: list[str], *, lists: bool = False) -> None:
    """``key`` is optional; when present, a mapping of string to string (or to a list of strings)."""
    v = data.get(key)
    if v is None:
        return
    if not isinstance(v, dict):
        problems.append(f"{fname}:{key}: must be a mapping")
        return
    for k, x in v.items():
        ok = is_str_list(x) if lists else isinstance(x, str) and bool(x)
        expect(ok, problems, f"{fname}:{key}.{k}", "must be a list of strings" if lists else "must be a string")


def check_optional_lists(data: dict, fname: str, problems: list[str], *keys: str) -> None:
    for k in keys:
        if k in data:
            expect(is_str_list(data[k]), problems, f"{fname}:{k}", "must be a list of strings")


def check_optional_strings(data: dict, fname: str, problems: list[str], *keys: str) -> None:
    """Each of ``keys``, when present, is a string (a set of marks such as ``clause_marks``)."""
    for k in keys:
        if k in data:
            expect(isinstance(data[k], str), problems, f"{fname}:{k}", "must be a string")


def check_pattern(pat: Any, where: str, problems: list[str], *, engine: Any = None, flags: int = 0,
                  not_str: str = "must be a regular expression") -> None:
    """``pat`` is a string that compiles with ``engine`` (the ``re`` module unless given) and ``flags``."""
    import re

    engine = engine or re
    if not isinstance(pat, str):
        problems.append(f"{where}: {not_str}")
        return
    try:
        engine.compile(pat, flags)
    except engine.error as e:
        problems.append(f"{where}: not a valid regular expression: {e}")


def named_specs(value: dict, where: str, problems: list[str]) -> list[tuple[str, dict, str]]:
    """(name, spec, where) of each entry of a mapping of named specs (units, indicators);
    an entry that is not a mapping is a problem."""
    out: list[tuple[str, dict, str]] = []
    for name, spec in value.items():
        if isinstance(spec, dict):
            out.append((name, spec, f"{where}.{name}"))
        else:
            problems.append(f"{where}.{name}: must be a mapping")
    return out

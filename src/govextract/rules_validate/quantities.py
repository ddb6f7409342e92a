"""Validators of the quantity vocabulary: units, measure words, qualifiers, changes,
exclusions and numerals."""
from __future__ import annotations

from .base import (check_optional_lists, check_optional_strings, check_pattern, check_str_lists, check_str_map, expect,
                   is_str_list, named_specs)

__all__ = ["check_changes", "check_exclusions", "check_measure_words", "check_numerals", "check_qualifiers",
           "check_units_file"]


def check_units(data: dict, fname: str, problems: list[str]) -> None:
    units = data.get("units")
    expect(isinstance(units, dict) and units, problems, f"{fname}:units", "must be a non-empty mapping")
    if not isinstance(units, dict):
        return
    dims = set(data.get("dimensions") or [])
    seen: dict[str, str] = {}
    for name, u, where in named_specs(units, f"{fname}:units", problems):
        expect(is_str_list(u.get("surfaces")), problems, where + ".surfaces", "must be a list of strings")
        expect(isinstance(u.get("dimension"), str), problems, where + ".dimension", "missing")
        if dims and isinstance(u.get("dimension"), str):
            expect(u["dimension"] in dims, problems, where + ".dimension",
                    f"unknown dimension {u['dimension']!r} (known: {sorted(dims)})")
        expect(isinstance(u.get("normal"), str), problems, where + ".normal", "missing")
        expect(isinstance(u.get("kind"), str), problems, where + ".kind", "missing")
        factors = u.get("surfaces_factor") or {}
        expect(isinstance(factors, dict), problems, where + ".surfaces_factor", "must be a mapping")
        for s, f in (factors.items() if isinstance(factors, dict) else ()):
            expect(isinstance(f, (int, float, str)), problems, f"{where}.surfaces_factor.{s}", "must be a number")
        surfaces = u.get("surfaces")
        for s in surfaces if isinstance(surfaces, list) else ():
            if isinstance(s, str):
                if s in seen and seen[s] != name:
                    problems.append(f"{where}.surfaces: {s!r} already belongs to unit {seen[s]!r}")
                seen[s] = name


def check_units_file(data: dict, fname: str, problems: list[str]) -> None:
    check_units(data, fname, problems)
    fr = data.get("fractions")
    if fr is not None:
        if not isinstance(fr, dict):
            problems.append(f"{fname}:fractions: must be a mapping")
        else:
            check_optional_lists(fr, f"{fname}:fractions", problems, "not_followed_by")
            expect(isinstance(fr.get("marker"), str) and bool(fr.get("marker")), problems, f"{fname}:fractions.marker",
                   "must be a non-empty string")
            words = fr.get("words", {})
            if not isinstance(words, dict):
                problems.append(f"{fname}:fractions.words: must map words to numbers")
            else:
                for w, v in words.items():
                    expect(isinstance(v, (int, float)) and 0 < v, problems, f"{fname}:fractions.words.{w}",
                            "must be a positive number")
    for name, u in (data.get("units") or {}).items() if isinstance(data.get("units"), dict) else ():
        if isinstance(u, dict):
            check_optional_lists(u, f"{fname}:units.{name}", problems, "prefix_surfaces", "not_followed_by")
            if "chinese_only" in u:
                expect(isinstance(u["chinese_only"], bool), problems, f"{fname}:units.{name}.chinese_only",
                        "must be true or false")
    implicit = data.get("implicit", [])
    if not isinstance(implicit, list):
        problems.append(f"{fname}:implicit: must be a list of {{unit, words}}")
        return
    for i, spec in enumerate(implicit):
        where = f"{fname}:implicit[{i}]"
        if not isinstance(spec, dict):
            problems.append(f"{where}: must be a mapping with unit and words")
            continue
        expect(isinstance(spec.get("unit"), str), problems, where + ".unit", "missing")
        expect(is_str_list(spec.get("words")), problems, where + ".words", "must be a list of strings")


def check_measure_words(data: dict, fname: str, problems: list[str]) -> None:
    check_str_lists("measure_words")(data, fname, problems)
    check_optional_lists(data, fname, problems, "chinese_only")
    check_str_map(data, "aliases", fname, problems)
    check_str_map(data, "not_followed_by", fname, problems, lists=True)
    check_str_map(data, "only_after", fname, problems, lists=True)
    da = data.get("da", {})
    if not isinstance(da, dict):
        problems.append(f"{fname}:da: must be a mapping")
    else:
        check_optional_lists(da, f"{fname}:da", problems, "not_followed_by")


def check_qualifiers(data: dict, fname: str, problems: list[str]) -> None:
    for k in ("before", "inside", "after"):
        if k not in data:
            problems.append(f"{fname}:{k}: missing")
        check_str_map(data, k, fname, problems)
    check_optional_lists(data, fname, problems, "range_separators", "list_separators", "carry_separators",
                         "subject_stop", "noun_stop", "subject_verbs", "bare_magnitude_before",
                         "bare_magnitude_not_after", "scale_class", "decimal_points")
    check_str_map(data, "bare_multipliers", fname, problems, lists=True)
    if "subject_tags" in data:
        check_str_lists("end_noun", "never_last", "never_last_single", "not_alone", "noun_not_last",
                         required=False)(data["subject_tags"] or {}, f"{fname}:subject_tags", problems)
    for k, v in (data.get("subject_length") or {}).items():
        expect(isinstance(v, int) and v > 0, problems, f"{fname}:subject_length.{k}", "must be a positive integer")
    check_optional_strings(data, fname, problems, "clause_marks", "carry_stops")


def check_changes(data: dict, fname: str, problems: list[str]) -> None:
    check_str_lists("up", "down", "target")(data, fname, problems)
    check_optional_lists(data, fname, problems, "improve", "lower_is_better", "to_level", "not_after")
    if "max_gap" in data:
        expect(isinstance(data["max_gap"], int), problems, f"{fname}:max_gap", "must be an integer")
    check_optional_strings(data, fname, problems, "target_scope", "improve_scope")


def check_exclusions(data: dict, fname: str, problems: list[str]) -> None:
    import regex

    check_optional_lists(data, fname, problems, "names", "preceded_by_not")
    for k in ("preceded_by", "preceded_by_chinese", "followed_by"):
        check_str_map(data, k, fname, problems, lists=True)
    for k in ("article", "years", "quoted", "titles"):
        if k in data and not isinstance(data[k], dict):
            problems.append(f"{fname}:{k}: must be a mapping")
    years = data.get("years") if isinstance(data.get("years"), dict) else {}
    for k in ("min", "max"):
        if k in years:
            expect(isinstance(years[k], int), problems, f"{fname}:years.{k}", "must be an integer")
    check_optional_lists(years, f"{fname}:years", problems, "suffixes")
    article = data.get("article") if isinstance(data.get("article"), dict) else {}
    check_optional_lists(article, f"{fname}:article", problems, "numerals", "except_units")
    for k in ("quoted", "titles"):
        spec = data.get(k) if isinstance(data.get(k), dict) else {}
        pairs = spec.get("pairs", [])
        expect(is_str_list(pairs) and all(len(p) >= 2 for p in pairs), problems, f"{fname}:{k}.pairs",
                "must be a list of open+close strings such as 《》")
        if "max_len" in spec:
            expect(isinstance(spec["max_len"], int), problems, f"{fname}:{k}.max_len", "must be an integer")
        check_optional_lists(spec, f"{fname}:{k}", problems, "except_units")
    pats = data.get("patterns", {})
    if not isinstance(pats, dict):
        problems.append(f"{fname}:patterns: must be a mapping of rule name to regular expression")
        return
    for k, pat in pats.items():
        check_pattern(pat, f"{fname}:patterns.{k}", problems, engine=regex, not_str="must be a string")


def check_numerals(data: dict, fname: str, problems: list[str]) -> None:
    for k in ("digits", "small", "big"):
        v = data.get(k)
        if not isinstance(v, dict) or not v:
            problems.append(f"{fname}:{k}: must be a non-empty mapping of character to number")
            continue
        for c, n in v.items():
            expect(isinstance(c, str) and len(c) == 1 and isinstance(n, int), problems, f"{fname}:{k}.{c}",
                    "must map one character to an integer")
    check_str_lists("point", "negative", "approximate")(data, fname, problems)
    for k in ("fraction", "fraction_whole"):
        expect(isinstance(data.get(k), str) and data.get(k), problems, f"{fname}:{k}", "must be a non-empty string")
    for prefix, spec in (data.get("rate_prefixes") or {}).items():
        expect(isinstance(spec, dict) and isinstance(spec.get("per"), int) and isinstance(spec.get("kind"), str),
                problems, f"{fname}:rate_prefixes.{prefix}", "must give per (an integer) and kind")

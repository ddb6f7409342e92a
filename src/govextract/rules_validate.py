"""What the content of each rule file must be: one validator per file, each adding every
problem it finds (with file and key) to a list, so that loading reports them all at once.

The keys a file may have are :mod:`govextract.rules_schema`; this module checks the values.

>>> problems = []
>>> VALIDATORS["changes.yaml"]({"up": "增长", "down": [], "target": []}, "changes.yaml", problems)
>>> problems
['changes.yaml:up: must be a list of strings']
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Any, Callable, Mapping

def _expect(cond: bool, problems: list[str], where: str, msg: str) -> None:
    if not cond:
        problems.append(f"{where}: {msg}")


def _is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) and x for x in v)


def _check_units(data: dict, fname: str, problems: list[str]) -> None:
    units = data.get("units")
    _expect(isinstance(units, dict) and units, problems, f"{fname}:units", "must be a non-empty mapping")
    if not isinstance(units, dict):
        return
    dims = set(data.get("dimensions") or [])
    seen: dict[str, str] = {}
    for name, u in units.items():
        where = f"{fname}:units.{name}"
        if not isinstance(u, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        _expect(_is_str_list(u.get("surfaces")), problems, where + ".surfaces", "must be a list of strings")
        _expect(isinstance(u.get("dimension"), str), problems, where + ".dimension", "missing")
        if dims and isinstance(u.get("dimension"), str):
            _expect(u["dimension"] in dims, problems, where + ".dimension",
                    f"unknown dimension {u['dimension']!r} (known: {sorted(dims)})")
        _expect(isinstance(u.get("normal"), str), problems, where + ".normal", "missing")
        _expect(isinstance(u.get("kind"), str), problems, where + ".kind", "missing")
        factors = u.get("surfaces_factor") or {}
        _expect(isinstance(factors, dict), problems, where + ".surfaces_factor", "must be a mapping")
        for s, f in (factors.items() if isinstance(factors, dict) else ()):
            _expect(isinstance(f, (int, float, str)), problems, f"{where}.surfaces_factor.{s}", "must be a number")
        surfaces = u.get("surfaces")
        for s in surfaces if isinstance(surfaces, list) else ():
            if isinstance(s, str):
                if s in seen and seen[s] != name:
                    problems.append(f"{where}.surfaces: {s!r} already belongs to unit {seen[s]!r}")
                seen[s] = name


def _check_str_lists(*keys: str, required: bool = True):
    def check(data: dict, fname: str, problems: list[str]) -> None:
        for k in keys:
            if k not in data:
                if required:
                    problems.append(f"{fname}:{k}: missing")
                continue
            v = data[k]
            if isinstance(v, dict):
                for sub, lst in v.items():
                    _expect(_is_str_list(lst), problems, f"{fname}:{k}.{sub}", "must be a list of strings")
            else:
                _expect(_is_str_list(v), problems, f"{fname}:{k}", "must be a list of strings")
    return check


def _check_indicators(data: dict, fname: str, problems: list[str]) -> None:
    inds = data.get("indicators")
    _expect(isinstance(inds, dict), problems, f"{fname}:indicators", "must be a mapping")
    if not isinstance(inds, dict):
        return
    alias_owner: dict[str, str] = {}
    for name, spec in inds.items():
        where = f"{fname}:indicators.{name}"
        if not isinstance(spec, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        _expect(_is_str_list(spec.get("aliases", [])), problems, where + ".aliases", "must be a list of strings")
        _expect(isinstance(spec.get("dimension"), str), problems, where + ".dimension", "missing")
        _expect(isinstance(spec.get("domain"), str), problems, where + ".domain", "missing")
        _expect(_is_str_list(spec.get("phrases", [])), problems, where + ".phrases", "must be a list of strings")
        for a in [name, *(spec.get("aliases") or []), *(spec.get("phrases") or [])]:
            if isinstance(a, str):
                if a in alias_owner and alias_owner[a] != name:
                    problems.append(f"{where}.aliases: {a!r} is also an alias of {alias_owner[a]!r}")
                alias_owner[a] = name
        for a in spec.get("never") or []:
            _expect(isinstance(a, str), problems, where + ".never", "must be strings")
        _expect(_is_str_list(spec.get("units", [])), problems, where + ".units", "must be a list of unit normal forms")
        _expect(_is_str_list(spec.get("growth_aliases", [])), problems, where + ".growth_aliases",
                "must be a list of strings")
        _expect(spec.get("better", "higher") in ("higher", "lower"), problems, where + ".better",
                "must be higher or lower")
        _expect(spec.get("growth_basis", "nominal") in ("real", "nominal"), problems, where + ".growth_basis",
                "must be real or nominal")
        _expect(isinstance(spec.get("rate_of_change", False), bool), problems, where + ".rate_of_change",
                "must be true or false")
    for i, pair in enumerate(data.get("never") or []):
        where = f"{fname}:never[{i}]"
        if not (_is_str_list(pair) and len(pair) == 2):
            problems.append(f"{where}: must be a pair [indicator, indicator]")
            continue
        a, b = pair
        for n in pair:
            _expect(n in inds, problems, where, f"unknown indicator {n!r}")
        if a in inds and b in inds:
            shared = ({a, *inds[a].get("aliases", [])} & {b, *inds[b].get("aliases", [])}) if \
                isinstance(inds[a], dict) and isinstance(inds[b], dict) else set()
            _expect(not shared, problems, where, f"{a!r} and {b!r} must never merge but share {sorted(shared)}")
    for k, v in (data.get("expansions") or {}).items():
        _expect(_is_str_list(v) and len(v) >= 2, problems, f"{fname}:expansions.{k}", "must list two or more prefixes")
    for section in ("linking", "targets"):
        for k, v in (data.get(section) or {}).items():
            if section == "targets" and k == "heading":
                _expect(isinstance(v, str), problems, f"{fname}:{section}.{k}", "must be a regular expression")
                continue
            _expect(_is_str_list(v), problems, f"{fname}:{section}.{k}", "must be a list of strings")
    periods = data.get("periods") or {}
    for k, v in (periods.get("plans") or {}).items():
        _expect(isinstance(v, int), problems, f"{fname}:periods.plans.{k}", "must be the plan's end year")
    for k in ("five_year", "next"):
        _expect(_is_str_list(periods.get(k, [])), problems, f"{fname}:periods.{k}", "must be a list of strings")
    for k, v in (data.get("scopes") or {}).items():
        _expect(v in ("scope", "restated", "estimate"), problems, f"{fname}:scopes.{k}",
                "must be scope, restated or estimate")
    _expect(_is_str_list(data.get("region_suffixes", [])), problems, f"{fname}:region_suffixes",
            "must be a list of strings")
    for k, v in (data.get("checks") or {}).items():
        _expect(isinstance(v, (int, float)), problems, f"{fname}:checks.{k}", "must be a number")


def _check_documents(data: dict, fname: str, problems: list[str]) -> None:
    _check_str_lists("kinds", "issuer_suffixes", "region_suffixes")(data, fname, problems)
    _check_str_lists("report_issuers", "speaker_titles", "joint_issuer_heads", "issuer_prefixes", "issuer_labels",
                     "period_labels", "review_words", "delegate_marks", "government_names", "title_marks",
                     "title_skip", "speaker_honorifics", "zone_suffixes", "not_recipients",
                     required=False)(data, fname, problems)
    for k in ("national", "period_rule", "regions"):
        v = data.get(k, {})
        _expect(isinstance(v, dict), problems, f"{fname}:{k}", "must be a mapping")
    for kind, rule in (data.get("period_rule") or {}).items():
        _expect(rule in ("previous_year", "title_year"), problems, f"{fname}:period_rule.{kind}",
                f"must be previous_year or title_year, not {rule!r}")
    regions = data.get("regions") or {}
    if isinstance(regions, dict):
        for k in ("package", "resource", "nations", "nation_suffix"):
            if k in regions:
                _expect(isinstance(regions[k], str) and regions[k], problems, f"{fname}:regions.{k}",
                        "must be a non-empty string")
        for k in ("short_suffixes", "skip_codes"):
            _expect(_is_str_list(regions.get(k, [])), problems, f"{fname}:regions.{k}", "must be a list of strings")
        for k in ("national", "autonomous_short", "aliases"):
            _expect(isinstance(regions.get(k, {}), dict), problems, f"{fname}:regions.{k}", "must be a mapping")
    for k in ("government", "issuer_mark", "delegate_kind", "congress", "national_congress"):
        if k in data:
            _expect(isinstance(data[k], str) and data[k], problems, f"{fname}:{k}", "must be a non-empty string")


def _check_mapping(data: dict, fname: str, problems: list[str]) -> None:
    _expect(isinstance(data, dict), problems, fname, "must be a mapping")


def _check_web(data: dict, fname: str, problems: list[str]) -> None:
    """Web-page clutter: string lists, regexes that compile, labels mapping to header keys."""
    import re

    import regex

    _check_str_lists("lines", "brackets", "breadcrumb", "related")(data, fname, problems)
    for key in ("line_patterns", "captions"):
        pats = data.get(key)
        if not _is_str_list(pats):
            problems.append(f"{fname}:{key}: must be a list of strings")
            continue
        for i, pat in enumerate(pats):
            try:
                re.compile(pat)
            except re.error as e:
                problems.append(f"{fname}:{key}[{i}]: not a valid regular expression: {e}")
    labels = data.get("labels")
    if not isinstance(labels, dict):
        problems.append(f"{fname}:labels: must be a mapping of label to header key (or null)")
    else:
        for k, v in labels.items():
            _expect(v is None or isinstance(v, str), problems, f"{fname}:labels.{k}", "must be a string or null")
    _expect(isinstance(data.get("caption_max_chars", 160), int), problems, f"{fname}:caption_max_chars",
            "must be an integer")
    furniture = data.get("furniture", {})
    if not isinstance(furniture, dict):
        problems.append(f"{fname}:furniture: must be a mapping")
    else:
        _check_optional_lists(furniture, f"{fname}:furniture", problems,
                              "page_numbers", "figure_captions", "table_captions", "unit_labels", "axis_words")
        for i, pat in enumerate(furniture.get("page_numbers") or ()):
            try:
                regex.compile(pat)
            except (regex.error, TypeError) as e:
                problems.append(f"{fname}:furniture.page_numbers[{i}]: not a valid regular expression: {e}")
    html = data.get("html", {})
    if not isinstance(html, dict):
        problems.append(f"{fname}:html: must be a mapping")
    else:
        for k, v in html.items():
            if k == "max_depth":
                _expect(isinstance(v, int) and v > 0, problems, f"{fname}:html.{k}", "must be a positive integer")
            else:
                _expect(_is_str_list(v), problems, f"{fname}:html.{k}", "must be a list of strings")


# --- quantity vocabulary (units, measure words, qualifiers, changes, exclusions) ----
def _check_str_map(data: dict, key: str, fname: str, problems: list[str], *, lists: bool = False) -> None:
    """``key`` is optional; when present, a mapping of string to string (or to a list of strings)."""
    v = data.get(key)
    if v is None:
        return
    if not isinstance(v, dict):
        problems.append(f"{fname}:{key}: must be a mapping")
        return
    for k, x in v.items():
        ok = _is_str_list(x) if lists else isinstance(x, str) and bool(x)
        _expect(ok, problems, f"{fname}:{key}.{k}", "must be a list of strings" if lists else "must be a string")


def _check_optional_lists(data: dict, fname: str, problems: list[str], *keys: str) -> None:
    for k in keys:
        if k in data:
            _expect(_is_str_list(data[k]), problems, f"{fname}:{k}", "must be a list of strings")


def _check_units_file(data: dict, fname: str, problems: list[str]) -> None:
    _check_units(data, fname, problems)
    fr = data.get("fractions")
    if fr is not None:
        if not isinstance(fr, dict):
            problems.append(f"{fname}:fractions: must be a mapping")
        else:
            _check_optional_lists(fr, f"{fname}:fractions", problems, "not_followed_by")
            words = fr.get("words", {})
            if not isinstance(words, dict):
                problems.append(f"{fname}:fractions.words: must map words to numbers")
            else:
                for w, v in words.items():
                    _expect(isinstance(v, (int, float)) and 0 < v, problems, f"{fname}:fractions.words.{w}",
                            "must be a positive number")
    for name, u in (data.get("units") or {}).items() if isinstance(data.get("units"), dict) else ():
        if isinstance(u, dict):
            _check_optional_lists(u, f"{fname}:units.{name}", problems, "prefix_surfaces", "not_followed_by")
            if "chinese_only" in u:
                _expect(isinstance(u["chinese_only"], bool), problems, f"{fname}:units.{name}.chinese_only",
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
        _expect(isinstance(spec.get("unit"), str), problems, where + ".unit", "missing")
        _expect(_is_str_list(spec.get("words")), problems, where + ".words", "must be a list of strings")


def _check_measure_words(data: dict, fname: str, problems: list[str]) -> None:
    _check_str_lists("measure_words")(data, fname, problems)
    _check_optional_lists(data, fname, problems, "chinese_only")
    _check_str_map(data, "aliases", fname, problems)
    _check_str_map(data, "not_followed_by", fname, problems, lists=True)
    _check_str_map(data, "only_after", fname, problems, lists=True)
    da = data.get("da", {})
    if not isinstance(da, dict):
        problems.append(f"{fname}:da: must be a mapping")
    else:
        _check_optional_lists(da, f"{fname}:da", problems, "not_followed_by")


def _check_qualifiers(data: dict, fname: str, problems: list[str]) -> None:
    for k in ("before", "inside", "after"):
        if k not in data:
            problems.append(f"{fname}:{k}: missing")
        _check_str_map(data, k, fname, problems)
    _check_optional_lists(data, fname, problems, "range_separators", "list_separators",
                          "carry_separators", "subject_stop", "noun_stop", "subject_verbs")
    if "subject_tags" in data:
        _check_str_lists("end_noun", "never_last", "never_last_single", "not_alone", "noun_not_last",
                         required=False)(data["subject_tags"] or {}, f"{fname}:subject_tags", problems)
    for k, v in (data.get("subject_length") or {}).items():
        _expect(isinstance(v, int) and v > 0, problems, f"{fname}:subject_length.{k}", "must be a positive integer")
    if "clause_marks" in data:
        _expect(isinstance(data["clause_marks"], str), problems, f"{fname}:clause_marks", "must be a string")


def _check_changes(data: dict, fname: str, problems: list[str]) -> None:
    _check_str_lists("up", "down", "target")(data, fname, problems)
    _check_optional_lists(data, fname, problems, "improve", "lower_is_better", "to_level", "not_after")
    if "max_gap" in data:
        _expect(isinstance(data["max_gap"], int), problems, f"{fname}:max_gap", "must be an integer")


def _check_exclusions(data: dict, fname: str, problems: list[str]) -> None:
    import regex

    _check_optional_lists(data, fname, problems, "names", "preceded_by_not")
    for k in ("preceded_by", "preceded_by_chinese", "followed_by"):
        _check_str_map(data, k, fname, problems, lists=True)
    for k in ("article", "years", "quoted", "titles"):
        if k in data and not isinstance(data[k], dict):
            problems.append(f"{fname}:{k}: must be a mapping")
    years = data.get("years") if isinstance(data.get("years"), dict) else {}
    for k in ("min", "max"):
        if k in years:
            _expect(isinstance(years[k], int), problems, f"{fname}:years.{k}", "must be an integer")
    _check_optional_lists(years, f"{fname}:years", problems, "suffixes")
    article = data.get("article") if isinstance(data.get("article"), dict) else {}
    _check_optional_lists(article, f"{fname}:article", problems, "numerals", "except_units")
    for k in ("quoted", "titles"):
        spec = data.get(k) if isinstance(data.get(k), dict) else {}
        pairs = spec.get("pairs", [])
        _expect(_is_str_list(pairs) and all(len(p) >= 2 for p in pairs), problems, f"{fname}:{k}.pairs",
                "must be a list of open+close strings such as 《》")
        if "max_len" in spec:
            _expect(isinstance(spec["max_len"], int), problems, f"{fname}:{k}.max_len", "must be an integer")
        _check_optional_lists(spec, f"{fname}:{k}", problems, "except_units")
    pats = data.get("patterns", {})
    if not isinstance(pats, dict):
        problems.append(f"{fname}:patterns: must be a mapping of rule name to regular expression")
        return
    for k, pat in pats.items():
        if not isinstance(pat, str):
            problems.append(f"{fname}:patterns.{k}: must be a string")
            continue
        try:
            regex.compile(pat)
        except regex.error as e:
            problems.append(f"{fname}:patterns.{k}: not a valid regular expression: {e}")


def _check_numerals(data: dict, fname: str, problems: list[str]) -> None:
    for k in ("digits", "small", "big"):
        v = data.get(k)
        if not isinstance(v, dict) or not v:
            problems.append(f"{fname}:{k}: must be a non-empty mapping of character to number")
            continue
        for c, n in v.items():
            _expect(isinstance(c, str) and len(c) == 1 and isinstance(n, int), problems, f"{fname}:{k}.{c}",
                    "must map one character to an integer")
    _check_str_lists("point", "negative", "approximate")(data, fname, problems)
    for k in ("fraction", "fraction_whole"):
        _expect(isinstance(data.get(k), str) and data.get(k), problems, f"{fname}:{k}", "must be a non-empty string")
    for prefix, spec in (data.get("rate_prefixes") or {}).items():
        _expect(isinstance(spec, dict) and isinstance(spec.get("per"), int) and isinstance(spec.get("kind"), str),
                problems, f"{fname}:rate_prefixes.{prefix}", "must give per (an integer) and kind")


def _check_tables(data: dict, fname: str, problems: list[str]) -> None:
    """Table vocabulary: string lists in each section, regexes that compile, integers where counted."""
    import re

    sections = {"caption": ("continued", "title_endings", "sentence_marks"), "notes": ("unit", "note"),
                "units": ("column", "brackets", "multipliers", "count_suffixes"), "columns": ("codes", "label_headings"),
                "hierarchy": ("child_markers", "ordinals", "totals"), "empty": ("cells",), "numbers": ("strip", "minus", "plus"),
                "measures": ("level", "growth_pct", "growth_pp", "share", "index")}
    for sec, keys in sections.items():
        v = data.get(sec)
        if not isinstance(v, dict):
            problems.append(f"{fname}:{sec}: must be a mapping")
            continue
        for k in keys:
            _expect(_is_str_list(v.get(k)), problems, f"{fname}:{sec}.{k}", "must be a list of strings")
    for i, pat in enumerate((data.get("hierarchy") or {}).get("ordinals") or []
                            if isinstance(data.get("hierarchy"), dict) else []):
        try:
            re.compile(pat)
        except (re.error, TypeError) as e:
            problems.append(f"{fname}:hierarchy.ordinals[{i}]: not a valid regular expression: {e}")
    for sec, k in (("caption", "numbered"), ("measures", "year")):
        pat = (data.get(sec) or {}).get(k) if isinstance(data.get(sec), dict) else None
        if not isinstance(pat, str):
            problems.append(f"{fname}:{sec}.{k}: must be a regular expression")
            continue
        try:
            re.compile(pat)
        except re.error as e:
            problems.append(f"{fname}:{sec}.{k}: not a valid regular expression: {e}")
    for sec, k in (("caption", "max_chars"), ("hierarchy", "sibling_slack")):
        v = (data.get(sec) or {}).get(k) if isinstance(data.get(sec), dict) else None
        _expect(isinstance(v, int), problems, f"{fname}:{sec}.{k}", "must be an integer")
    brackets = (data.get("units") or {}).get("brackets") if isinstance(data.get("units"), dict) else None
    for b in brackets if isinstance(brackets, list) else ():
        _expect(isinstance(b, str) and len(b) == 2, problems, f"{fname}:units.brackets",
                f"{b!r} must be two characters, open and close")
    defaults = (data.get("measures") or {}).get("default_units", {}) if isinstance(data.get("measures"), dict) else {}
    if not isinstance(defaults, dict):
        problems.append(f"{fname}:measures.default_units: must map a measure to its unit")
    else:
        for k, v in defaults.items():
            _expect(isinstance(v, str) and v, problems, f"{fname}:measures.default_units.{k}", "must be a unit")


VALIDATORS: Mapping[str, Callable[[dict, str, list[str]], None]] = MappingProxyType({
    "units.yaml": _check_units_file,
    "measure_words.yaml": _check_measure_words,
    "qualifiers.yaml": _check_qualifiers,
    "changes.yaml": _check_changes,
    "exclusions.yaml": _check_exclusions,
    "indicators.yaml": _check_indicators,
    "terms.yaml": lambda data, fname, problems: (_check_str_lists("terms")(data, fname, problems),
                                                 _check_str_lists("tokens", required=False)(data, fname, problems)),
    "documents.yaml": _check_documents,
    "web.yaml": _check_web,
    "numerals.yaml": _check_numerals,
    "tables.yaml": _check_tables,
})

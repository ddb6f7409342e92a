"""Validators of the document vocabulary: indicators, documents, web pages and tables."""
from __future__ import annotations

from .base import check_optional_lists, check_pattern, check_str_lists, expect, is_str_list, named_specs

__all__ = ["check_documents", "check_indicators", "check_tables", "check_web"]


def check_indicators(data: dict, fname: str, problems: list[str]) -> None:
    inds = data.get("indicators")
    expect(isinstance(inds, dict), problems, f"{fname}:indicators", "must be a mapping")
    if not isinstance(inds, dict):
        return
    alias_owner: dict[str, str] = {}
    for name, spec, where in named_specs(inds, f"{fname}:indicators", problems):
        expect(is_str_list(spec.get("aliases", [])), problems, where + ".aliases", "must be a list of strings")
        expect(isinstance(spec.get("dimension"), str), problems, where + ".dimension", "missing")
        expect(isinstance(spec.get("domain"), str), problems, where + ".domain", "missing")
        expect(is_str_list(spec.get("phrases", [])), problems, where + ".phrases", "must be a list of strings")
        for a in [name, *(spec.get("aliases") or []), *(spec.get("phrases") or [])]:
            if isinstance(a, str):
                if a in alias_owner and alias_owner[a] != name:
                    problems.append(f"{where}.aliases: {a!r} is also an alias of {alias_owner[a]!r}")
                alias_owner[a] = name
        for a in spec.get("never") or []:
            expect(isinstance(a, str), problems, where + ".never", "must be strings")
        expect(is_str_list(spec.get("units", [])), problems, where + ".units", "must be a list of unit normal forms")
        expect(is_str_list(spec.get("growth_aliases", [])), problems, where + ".growth_aliases",
                "must be a list of strings")
        expect(spec.get("better", "higher") in ("higher", "lower"), problems, where + ".better",
                "must be higher or lower")
        expect(spec.get("growth_basis", "nominal") in ("real", "nominal"), problems, where + ".growth_basis",
                "must be real or nominal")
        expect(isinstance(spec.get("rate_of_change", False), bool), problems, where + ".rate_of_change",
                "must be true or false")
    for i, pair in enumerate(data.get("never") or []):
        where = f"{fname}:never[{i}]"
        if not (is_str_list(pair) and len(pair) == 2):
            problems.append(f"{where}: must be a pair [indicator, indicator]")
            continue
        a, b = pair
        for n in pair:
            expect(n in inds, problems, where, f"unknown indicator {n!r}")
        if a in inds and b in inds:
            shared = ({a, *inds[a].get("aliases", [])} & {b, *inds[b].get("aliases", [])}) if \
                isinstance(inds[a], dict) and isinstance(inds[b], dict) else set()
            expect(not shared, problems, where, f"{a!r} and {b!r} must never merge but share {sorted(shared)}")
    for k, v in (data.get("expansions") or {}).items():
        expect(is_str_list(v) and len(v) >= 2, problems, f"{fname}:expansions.{k}", "must list two or more prefixes")
    for section in ("linking", "targets"):
        for k, v in (data.get(section) or {}).items():
            if section == "targets" and k == "heading":
                expect(isinstance(v, str), problems, f"{fname}:{section}.{k}", "must be a regular expression")
                continue
            expect(is_str_list(v), problems, f"{fname}:{section}.{k}", "must be a list of strings")
    periods = data.get("periods") or {}
    for k, v in (periods.get("plans") or {}).items():
        expect(isinstance(v, int), problems, f"{fname}:periods.plans.{k}", "must be the plan's end year")
    for k in ("five_year", "next"):
        expect(is_str_list(periods.get(k, [])), problems, f"{fname}:periods.{k}", "must be a list of strings")
    for k, v in (data.get("scopes") or {}).items():
        expect(v in ("scope", "restated", "estimate"), problems, f"{fname}:scopes.{k}",
                "must be scope, restated or estimate")
    for k, v in (data.get("checks") or {}).items():
        expect(isinstance(v, (int, float)), problems, f"{fname}:checks.{k}", "must be a number")
    display = data.get("display") or {}
    scales = [(f"scales.{u}[{i}]", sc) for u, lst in (display.get("scales") or {}).items() for i, sc in enumerate(lst)]
    for where, sc in scales + [(f"short[{i}]", sc) for i, sc in enumerate(display.get("short") or ())]:
        ok = isinstance(sc, dict) and all(isinstance(sc.get(k), (int, float)) and sc[k] > 0 for k in ("at", "per")) \
            and isinstance(sc.get("unit"), str)
        expect(ok, problems, f"{fname}:display.{where}", "must have a positive at and per and a unit")


def check_documents(data: dict, fname: str, problems: list[str]) -> None:
    check_str_lists("kinds", "issuer_suffixes", "region_suffixes")(data, fname, problems)
    check_str_lists("report_issuers", "speaker_titles", "joint_issuer_heads", "issuer_prefixes", "issuer_labels",
                     "period_labels", "review_words", "delegate_marks", "government_names", "title_marks",
                     "title_skip", "speaker_honorifics", "zone_suffixes", "not_recipients",
                     required=False)(data, fname, problems)
    for k in ("national", "period_rule", "regions"):
        v = data.get(k, {})
        expect(isinstance(v, dict), problems, f"{fname}:{k}", "must be a mapping")
    for kind, rule in (data.get("period_rule") or {}).items():
        expect(rule in ("previous_year", "title_year"), problems, f"{fname}:period_rule.{kind}",
                f"must be previous_year or title_year, not {rule!r}")
    regions = data.get("regions") or {}
    if isinstance(regions, dict):
        for k in ("package", "resource", "nations", "nation_suffix"):
            if k in regions:
                expect(isinstance(regions[k], str) and regions[k], problems, f"{fname}:regions.{k}",
                        "must be a non-empty string")
        for k in ("short_suffixes", "skip_codes"):
            expect(is_str_list(regions.get(k, [])), problems, f"{fname}:regions.{k}", "must be a list of strings")
        for k in ("national", "autonomous_short", "aliases"):
            expect(isinstance(regions.get(k, {}), dict), problems, f"{fname}:regions.{k}", "must be a mapping")
    for k in ("government", "issuer_mark", "delegate_kind", "congress", "national_congress"):
        if k in data:
            expect(isinstance(data[k], str) and data[k], problems, f"{fname}:{k}", "must be a non-empty string")


def check_web(data: dict, fname: str, problems: list[str]) -> None:
    """Web-page clutter: string lists, regexes that compile, labels mapping to header keys."""
    import re

    import regex

    check_str_lists("lines", "brackets", "breadcrumb", "related")(data, fname, problems)
    for key in ("line_patterns", "captions"):
        pats = data.get(key)
        if not is_str_list(pats):
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
            expect(v is None or isinstance(v, str), problems, f"{fname}:labels.{k}", "must be a string or null")
    expect(isinstance(data.get("caption_max_chars", 160), int), problems, f"{fname}:caption_max_chars",
            "must be an integer")
    furniture = data.get("furniture", {})
    if not isinstance(furniture, dict):
        problems.append(f"{fname}:furniture: must be a mapping")
    else:
        check_optional_lists(furniture, f"{fname}:furniture", problems,
                             "page_numbers", "figure_captions", "table_captions", "unit_labels", "axis_words",
                             "number_separators", "label_colons", "sentence_marks", "after_year", "tick_marks",
                             "margin_page_numbers")
        # as govextract.furniture and govextract.ingest.running compile them (verbose, whole lines)
        for key in ("page_numbers", "margin_page_numbers"):
            for i, pat in enumerate(furniture.get(key) or ()):
                check_pattern(pat, f"{fname}:furniture.{key}[{i}]", problems, engine=regex, flags=regex.VERBOSE)
        if "rule_line" in furniture:
            check_pattern(furniture["rule_line"], f"{fname}:furniture.rule_line", problems, engine=regex,
                          flags=regex.VERBOSE)
    html = data.get("html", {})
    if not isinstance(html, dict):
        problems.append(f"{fname}:html: must be a mapping")
    else:
        for k, v in html.items():
            if k == "max_depth":
                expect(isinstance(v, int) and v > 0, problems, f"{fname}:html.{k}", "must be a positive integer")
            else:
                expect(is_str_list(v), problems, f"{fname}:html.{k}", "must be a list of strings")


def check_tables(data: dict, fname: str, problems: list[str]) -> None:
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
            expect(is_str_list(v.get(k)), problems, f"{fname}:{sec}.{k}", "must be a list of strings")
    for i, pat in enumerate((data.get("hierarchy") or {}).get("ordinals") or []
                            if isinstance(data.get("hierarchy"), dict) else []):
        try:
            re.compile(pat)
        except (re.error, TypeError) as e:
            problems.append(f"{fname}:hierarchy.ordinals[{i}]: not a valid regular expression: {e}")
    for sec, k in (("caption", "numbered"), ("measures", "year")):
        check_pattern((data.get(sec) or {}).get(k) if isinstance(data.get(sec), dict) else None,
                      f"{fname}:{sec}.{k}", problems)
    for sec, k in (("caption", "max_chars"), ("hierarchy", "sibling_slack")):
        v = (data.get(sec) or {}).get(k) if isinstance(data.get(sec), dict) else None
        expect(isinstance(v, int), problems, f"{fname}:{sec}.{k}", "must be an integer")
    brackets = (data.get("units") or {}).get("brackets") if isinstance(data.get("units"), dict) else None
    for b in brackets if isinstance(brackets, list) else ():
        expect(isinstance(b, str) and len(b) == 2, problems, f"{fname}:units.brackets",
                f"{b!r} must be two characters, open and close")
    defaults = (data.get("measures") or {}).get("default_units", {}) if isinstance(data.get("measures"), dict) else {}
    if not isinstance(defaults, dict):
        problems.append(f"{fname}:measures.default_units: must map a measure to its unit")
    else:
        for k, v in defaults.items():
            expect(isinstance(v, str) and v, problems, f"{fname}:measures.default_units.{k}", "must be a unit")

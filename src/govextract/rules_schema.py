"""Which keys each rule file may have: a mistyped key is an error, never silently ignored.

The schema is declarative: for each file, a mapping of its known keys to the shape of
their values. :data:`ANY` takes any value (a list of words, a number, a mapping of
surfaces); :class:`Each` is a mapping of free names (unit names, indicator names) whose
values all have one shape; :class:`Items` is a list whose elements have one shape; a
``dict`` is a mapping with exactly those keys, all optional.

:func:`unknown_keys` lists every key that the schema does not know, each with its file
and its path, so that loading reports them all at once.

>>> unknown_keys({"units": {"元": {"surfaces": ["元"], "normal": "元", "kindd": "money"}}, "unit": {}},
...              "units.yaml")
['units.yaml:units.元.kindd: unknown key (known: chinese_only, dimension, kind, normal, not_followed_by, only_after, prefix_surfaces, surfaces, surfaces_factor)', 'units.yaml:unit: unknown key (known: dimensions, fractions, implicit, units)']
>>> unknown_keys({"terms": ["PM2.5"]}, "terms.yaml")
[]
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping

__all__ = ["ANY", "Each", "Items", "SCHEMA", "unknown_keys"]

ANY = None   # any value; its content is checked by the file's validator, not by key


@dataclass(frozen=True)
class Each:
    """A mapping of free names, each value of the shape ``of``."""

    of: Any


@dataclass(frozen=True)
class Items:
    """A list, each element of the shape ``of``."""

    of: Any


_UNIT = {k: ANY for k in ("surfaces", "dimension", "normal", "kind", "surfaces_factor", "prefix_surfaces",
                          "not_followed_by", "chinese_only", "only_after")}
_INDICATOR = {k: ANY for k in ("aliases", "dimension", "domain", "phrases", "never", "units", "growth_aliases",
                               "better", "growth_basis", "rate_of_change", "display_unit")}
_PAIRS = {"pairs": ANY, "max_len": ANY, "except_units": ANY}


def _keys(*names: str) -> dict[str, Any]:
    return {n: ANY for n in names}


#: The known keys of every shipped rule file.
SCHEMA: Mapping[str, Mapping[str, Any]] = MappingProxyType({
    "units.yaml": {
        "dimensions": ANY,
        "units": Each(_UNIT),
        "implicit": Items(_keys("unit", "words")),
        "fractions": _keys("marker", "normal", "kind", "dimension", "words", "not_followed_by"),
    },
    "measure_words.yaml": {
        **_keys("measure_words", "aliases", "chinese_only", "only_after", "not_followed_by"),
        "da": _keys("surface", "unit", "not_followed_by"),
    },
    "qualifiers.yaml": {
        **_keys("before", "inside", "after", "bare_magnitude_before", "range_separators", "range_max_ratio",
                "negative_after", "negative_signs", "list_separators", "carry_separators", "subject_stop",
                "noun_stop", "clause_marks", "subject_verbs", "carry_stops", "bare_magnitude_not_after",
                "bare_multipliers", "scale_class", "decimal_points"),
        "subject_tags": _keys("end_noun", "never_last", "never_last_single", "not_alone", "noun_not_last"),
        "subject_length": _keys("noun", "phrase"),
        "bounds": _keys("lower", "upper", "about"),
    },
    "changes.yaml": _keys("up", "down", "improve", "lower_is_better", "to_level", "max_gap", "not_after",
                          "target", "target_scope", "improve_scope"),
    "exclusions.yaml": {
        **_keys("names", "preceded_by", "preceded_by_not", "preceded_by_chinese", "followed_by", "patterns"),
        "article": _keys("numerals", "except_units", "except_after"),
        "years": _keys("min", "max", "suffixes"),
        "quoted": _PAIRS,
        "titles": _PAIRS,
    },
    "indicators.yaml": {
        "indicators": Each(_INDICATOR),
        **_keys("glosses", "gloss_brackets", "never", "expansions", "scopes", "notes"),
        "linking": _keys("level", "up", "down", "improve", "growth_noun", "comparison", "average", "flat",
                         "real", "nominal", "respectively", "all", "share", "estimate", "filler", "target", "list",
                         "punctuation", "compared_to", "threshold", "not_followed_by", "subregion_suffixes",
                         "not_subregions", "part_prefixes", "base_year", "base_after", "share_before", "share_of",
                         "share_tail", "own_region_words", "class_after", "commas", "aside_separators", "other_member_before",
                         "pp_units", "from", "cumulative"),
        "targets": _keys("headers", "inline", "weak", "not_target", "achieved", "achieved_objects",
                         "not_headings", "plan_sections", "review_sections", "summary_kinds",
                         "summary_plan_sections", "past", "weak_approx", "not_heading_starts", "clause_marks",
                         "heading"),
        "periods": {**_keys("plans", "five_year", "one_year", "next", "next_heading", "plan_spans", "quotes_open",
                             "quotes_close"),
                    "year": _keys("mark", "of", "not_after")},
        "checks": _keys("tolerance_pp", "real_tolerance_pp"),
        "display": {**_keys("unit_names", "approx_after", "threshold_approx", "estimate_note", "more"),
                    "scales": Each(Items(_keys("at", "per", "unit", "digits"))),
                    "short": Items(_keys("at", "per", "unit"))},
        "facts": _keys("basis_real", "basis_nominal", "remarks", "sums", "start_words", "class_nouns"),
    },
    "terms.yaml": _keys("terms", "tokens"),
    "documents.yaml": {
        **_keys("kinds", "issuer_suffixes", "region_suffixes", "national", "period_rule", "report_issuers",
                "government", "speaker_titles", "issuer_mark", "joint_issuer_heads", "issuer_prefixes",
                "issuer_labels", "period_labels", "review_words", "delegate_marks", "government_names",
                "delegate_kind", "congress", "national_congress", "title_marks", "title_skip", "not_recipients",
                "speaker_honorifics", "zone_suffixes", "bold_font_names", "full_stop", "line_spaces",
                "issuer_joiner", "title_trim", "no_line_start", "bold_trim", "wide_punctuation", "prose_marks",
                "dash"),
        "grammar": _keys("date", "year", "review_year", "doc_number", "cover_label", "recipient", "occasion",
                         "speaker", "period_term", "sentence_end", "cover_punctuation", "inner_title",
                         "source_label", "outline_marker", "outline_shi", "title_end", "clause_comma", "sentence",
                         "doc_number_line", "issuer_mark_end", "outline_start", "break_start", "complete_line",
                         "footnote_mark"),
        "regions": _keys("package", "resource", "nations", "nation_suffix", "skip_codes", "national", "short_suffixes",
                         "autonomous_short", "aliases"),
    },
    "web.yaml": {
        **_keys("lines", "line_patterns", "brackets", "labels", "breadcrumb", "related", "caption_max_chars",
                "captions", "date", "sentence_end", "trim", "bracket_group", "label_line", "breadcrumb_separators",
                "photo_credit", "value_stops", "title_separators"),
        "furniture": _keys("page_numbers", "figure_captions", "table_captions", "unit_labels", "axis_words",
                           "number_separators", "label_colons", "sentence_marks", "after_year", "tick_marks",
                           "margin_page_numbers", "rule_line"),
        "html": _keys("drop_tags", "drop_words", "body_selectors", "meta_title", "meta_published", "meta_source",
                      "block_tags", "cell_tags", "bold_tags", "body_drop_tags", "max_depth", "void_tags",
                      "implied_end_tags", "raw_text_tags"),
    },
    "numerals.yaml": {
        **_keys("digits", "small", "big", "point", "negative", "fraction", "fraction_whole", "approximate",
                "clause_separators"),
        "parse_only": _keys("digits", "big", "counters"),
        "write": {**_keys("digits", "small", "big", "negative", "point", "drop_leading_one"),
                  "sequences": Each(ANY), "digit_forms": Each(ANY)},
        "rate_prefixes": Each(_keys("per", "kind")),
    },
    "tables.yaml": {
        "caption": _keys("numbered", "continued", "title_endings", "max_chars", "sentence_marks"),
        "notes": _keys("unit", "note", "preparer"),
        "units": _keys("column", "brackets", "multipliers", "count_suffixes"),
        "columns": _keys("codes", "label_headings"),
        "hierarchy": _keys("child_markers", "sibling_slack", "ordinals", "totals"),
        "measures": _keys("level", "growth_pct", "growth_pp", "share", "index", "default_units", "year"),
        "empty": _keys("cells"),
        "numbers": _keys("strip", "minus", "plus"),
    },
})


def unknown_keys(data: Any, fname: str) -> list[str]:
    """Every key of ``data`` that the schema of ``fname`` does not know (``replace`` is always
    allowed at the top level), as ``file:path.to.key: unknown key (known: …)``."""
    return [f"{fname}:{'.'.join(path)}: unknown key (known: {', '.join(sorted(known))})"
            for path, known in _walk(data, {**SCHEMA.get(fname, {}), "replace": ANY}, ())]


def _walk(data: Any, schema: Any, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], list[str]]]:
    if schema is ANY:
        return []
    if isinstance(schema, Each):
        items = data.items() if isinstance(data, dict) else ()
        return [p for k, v in items for p in _walk(v, schema.of, (*path, str(k)))]
    if isinstance(schema, Items):
        items = enumerate(data) if isinstance(data, list) else ()
        return [p for i, v in items for p in _walk(v, schema.of, (*path[:-1], f"{path[-1]}[{i}]"))]
    if not isinstance(data, dict):
        return []
    out: list[tuple[tuple[str, ...], list[str]]] = []
    for k, v in data.items():
        if k in schema:
            out.extend(_walk(v, schema[k], (*path, str(k))))
        else:
            out.append(((*path, str(k)), [n for n in schema if n != "replace"]))
    return out

"""Discovering indicators (issue 11, What to build 8): `govextract indicators [--search]`, and
suggestions for an unknown or empty `compare --indicator`.

Source: rules/indicators.yaml; corpora/provinces-2026/fujian_2026.txt (says 城镇居民、农村居民
人均可支配收入, never 居民人均可支配收入 with a value: issue 11, Why 8).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from govextract.cli import main
from govextract.compare import CompareError, resolve_indicators
from govextract.indicator_names import catalogue, search, suggest
from govextract.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
FUJIAN = ROOT / "corpora" / "provinces-2026" / "fujian_2026.txt"


@pytest.mark.parametrize(("word", "first"), [
    pytest.param("可支配收入", "城镇常住居民人均可支配收入", id="part-of-name"),
    pytest.param("GDP", "地区生产总值", id="alias"),
    pytest.param("PM2.5", "PM2.5平均浓度", id="latin"),
    pytest.param("国内生产总直", "地区生产总值", id="misspelt"),
    pytest.param("财政总收入", "财政总收入", id="exact-before-related"),
])
def test_search(word, first):
    assert search(word, load_rules())[0].name == first


@pytest.mark.parametrize(("word", "among", "expected"), [
    pytest.param("居民人均可支配收入", ["城镇常住居民人均可支配收入", "农村常住居民人均可支配收入", "地区生产总值"],
                 ["城镇常住居民人均可支配收入", "农村常住居民人均可支配收入"], id="issue11-why8"),
    pytest.param("xyz", None, [], id="nothing-close"),
])
def test_suggest(word, among, expected):
    assert suggest(word, load_rules(), among=among) == expected


def test_catalogue_is_the_rule_file():
    rules = load_rules()
    assert [i.name for i in catalogue(rules)] == list(rules.indicators["indicators"])


def test_unknown_indicator_suggests():
    with pytest.raises(CompareError, match="unknown indicator") as e:
        resolve_indicators(["国内生产总直"], load_rules())
    assert e.value.fix.startswith("did you mean 地区生产总值")


def test_cli_indicators_search_jsonl():
    res = CliRunner().invoke(main, ["indicators", "--search", "GDP", "--format", "jsonl"])
    assert res.exit_code == 0
    first = json.loads(res.output.splitlines()[0])
    assert first["name"] == "地区生产总值" and "国内生产总值" in first["aliases"]


def test_cli_indicators_nothing_found():
    res = CliRunner().invoke(main, ["indicators", "--search", "zzz"])
    assert res.exit_code == 1 and "no indicator matches 'zzz'" in res.output


def test_cli_compare_known_name_without_values_hints_and_fails():
    res = CliRunner().invoke(main, ["compare", str(FUJIAN), "--indicator", "居民人均可支配收入"])
    assert res.exit_code == 1
    assert "these close indicators have values: 城镇常住居民人均可支配收入, 农村常住居民人均可支配收入" in res.output


def test_cli_compare_unknown_name_fails_before_parsing():
    res = CliRunner().invoke(main, ["compare", str(FUJIAN), "--indicator", "国内生产总直"])
    assert res.exit_code != 0 and "did you mean 地区生产总值" in res.output

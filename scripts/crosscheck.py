#!/usr/bin/env python3
"""Cross-year check that needs no hand gold (issue 11, What to build 9).

For each province, the 2025 report (corpora/provinces-2025-docx, reviewing 2024) and the 2026
report (corpora/provinces-2026, reviewing 2025) each state GDP: the 2024 level, the 2025 level
and the 2025 growth. The growth a report states is real (按可比价格计算); the two levels give a
nominal growth. They differ by the deflator, so a gap is a check note, not an error; a gap past
the tolerance (``checks.real_tolerance_pp`` of rules/indicators.yaml) is flagged: one of the
three figures is likely misread, or a level was revised (经济普查).

    python scripts/crosscheck.py                      # Markdown table of every province
    python scripts/crosscheck.py --indicator 一般公共预算收入 -o check.csv

Regions are matched on their 行政区划代码, so 广西 and 广西壮族自治区 are one row.
"""
from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Sequence

from govextract.tables import missing  # noqa: E402  (light: no pandas at import)

ROOT = Path(__file__).resolve().parents[1]
SET_2025 = ROOT / "corpora" / "provinces-2025-docx"
SET_2026 = ROOT / "corpora" / "provinces-2026"
COLUMNS = ["region", "region_code", "level_2024", "level_2025", "growth_2025", "implied_growth", "gap_pp", "check",
           "doc_2025", "doc_2026"]


def _first(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The stated figure among several: exact before approximate, annual before five-year."""
    rows = [r for r in rows if not r["derived"] and not r["five_year"]]
    return min(rows, key=lambda r: (bool(r["approx"]), not missing(r["value_max"]))) if rows else None


def crosscheck(paths_2025: Iterable[Path], paths_2026: Iterable[Path], *, indicator: str = "地区生产总值",
               rules: Any = None) -> list[dict[str, Any]]:
    """One row per province in either set: the three figures, the implied nominal growth and
    the gap to the stated growth, with a check note."""
    from govextract.compare import compare
    from govextract.rules import load_rules

    rules = rules or load_rules()
    tolerance = Decimal(str((rules.indicators.get("checks") or {}).get("real_tolerance_pp", 8.0)))
    long_df = compare([*paths_2025, *paths_2026], indicators=[indicator], rules=rules)
    by_code: dict[str, dict[str, Any]] = {}
    for r in long_df.to_dict("records"):
        code = r.get("region_code") or r["region"]
        by_code.setdefault(code, {"region": r["region"], "region_code": r.get("region_code") or "", "rows": []})
        by_code[code]["rows"].append(r)
    out = []
    for code, place in sorted(by_code.items()):
        rows = place["rows"]

        def pick(period: int, measure: str) -> dict[str, Any] | None:
            return _first([r for r in rows if r["period"] == period and r["measure"] == measure])

        def exact(r: dict[str, Any] | None) -> dict[str, Any] | None:
            return r if r and not r["approx"] else None    # 突破2.6万亿元 is a line crossed, not the level

        lv24, lv25, g25 = exact(pick(2024, "level")), exact(pick(2025, "level")), pick(2025, "growth_pct")
        row: dict[str, Any] = {"region": place["region"], "region_code": place["region_code"],
                               "level_2024": lv24 and lv24["value"], "level_2025": lv25 and lv25["value"],
                               "growth_2025": g25 and g25["value"], "implied_growth": None, "gap_pp": None,
                               "doc_2025": lv24 and Path(str(lv24["doc"])).name,
                               "doc_2026": (lv25 or g25) and Path(str((lv25 or g25)["doc"])).name}
        if lv24 and lv25 and g25:
            implied = (Decimal(str(lv25["value"])) / Decimal(str(lv24["value"])) - 1) * 100
            gap = implied - Decimal(str(g25["value"]))
            row["implied_growth"] = float(round(implied, 2))
            row["gap_pp"] = float(round(gap, 2))
            row["check"] = (f"nominal {implied:.1f}% vs stated {g25['value']}% (可比价 vs nominal)"
                            + (f": gap past {tolerance} points, check the figures" if abs(gap) > tolerance else ""))
        else:
            missing = [n for n, v in (("2024 level", lv24), ("2025 level", lv25), ("2025 growth", g25)) if not v]
            row["check"] = "not stated: " + ", ".join(missing)
        out.append(row)
    return out


def to_markdown(rows: Sequence[dict[str, Any]]) -> str:
    def fmt(v: Any) -> str:
        if v is None or v != v:
            return ""
        if isinstance(v, float) and abs(v) >= 1e8:
            return f"{Decimal(str(v)) / Decimal(10) ** 8:f}".rstrip("0").rstrip(".") + "亿"
        return str(v)
    head = ["region", "level_2024", "level_2025", "growth_2025", "implied_growth", "gap_pp", "check"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(fmt(r[k]) for k in head) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--indicator", default="地区生产总值", help="canonical name or alias (default 地区生产总值)")
    ap.add_argument("-o", "--output", type=Path, help="write a csv here instead of a Markdown table to stdout")
    args = ap.parse_args(argv)
    rows = crosscheck(sorted(SET_2025.glob("*.docx")), sorted(SET_2026.glob("*.txt")), indicator=args.indicator)
    if args.output:
        import pandas as pd

        from govextract.tables import write_frame

        write_frame(pd.DataFrame(rows, columns=COLUMNS), "csv", args.output)
    else:
        sys.stdout.write(to_markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

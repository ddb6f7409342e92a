"""How values read to a person: for terminal tables and messages, never for data files.

The data formats keep ``value`` in the unit's normal form (1096.7622万元 → 10967622
元, a float). A person reads the same quantity as 1096.7622万元: :func:`written`
puts the value back with the multiplier (万, 亿, 万亿) its source text used, and
its unit; :func:`plain` prints integral numbers without ".0"; :func:`count`
writes "1 document" and "3 documents".

>>> written(10967622.0, "元", "1096.7622万元")
'1096.7622万元'
>>> written(3.0, "个", "3个"), written(88.6, "%", "88.6%"), written(95000.0, "个", "9.5万余个")
('3个', '88.6%', '9.5万个')
>>> written(4.78e12, "元", "4.78万亿元"), written(1.2e8, "元", "1.2亿元")
('4.78万亿元', '1.2亿元')
>>> written(780506.0, None, "七十八万五佰零六")  # the multiplier is inside the number: as is
'780506'
>>> written(2.8, "百分点", "2.8个百分点", surfaces=["个百分点", "百分点"])
'2.8个百分点'
>>> written(3.0, "个", "3-5个", 5.0)
'3–5个'
>>> written(float("nan"), "元", "")
''
>>> plain(3.0), plain(10967622.0), plain(2.5), plain(None), plain(float("nan")), plain("x")
('3', '10967622', '2.5', '', '', 'x')
>>> count(1, "document"), count(4, "file"), count(0, "failure"), count(2, "quantity", "quantities")
('1 document', '4 files', '0 failures', '2 quantities')
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Sequence

import regex as re

from .extract.numbers import BIG, DIGITS, SMALL

if TYPE_CHECKING:  # pragma: no cover
    from .rules import RuleSet

#: multipliers written after a number, longest first: 万亿, 亿, 万 (the number parser's own:
#: the first spelling of 10^4 and of 10^8, and the two together)
_WAN = next(k for k, v in BIG.items() if v == 10**4)
_YI = next(k for k, v in BIG.items() if v == 10**8)
_SCALES: tuple[tuple[str, int], ...] = ((_WAN + _YI, 10**12), (_YI, 10**8), (_WAN, 10**4))
_NUMERAL = "0-9." + "".join(DIGITS) + "".join(SMALL)


def _empty(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v == ""


def plain(v: Any) -> str:
    """A cell as text: integral numbers without a decimal point, nothing for missing values."""
    if _empty(v):
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return str(int(v))
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalars
        return plain(v.item())
    return str(v)


def _decimal_text(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def written(value: Any, unit: Any, text: str = "", value_max: Any = None, surfaces: Sequence[str] = ()) -> str:
    """The value with the multiplier its source ``text`` used and its unit, as a person writes it;
    the unit as the text wrote it when it is one of ``surfaces`` (个百分点 for 百分点)."""
    if _empty(value):
        return ""
    text = text or ""
    factor, name = 1, ""
    for scale, f in _SCALES:
        # the multiplier closes a number: a numeral before it and no numeral after it (not 七十八万五佰)
        if re.search(rf"(?<=[{_NUMERAL}]){scale}(?![{_NUMERAL}{_WAN}{_YI}])", text):
            factor, name = f, scale
            break

    if factor != 1 and Decimal(str(value)) / factor != round(Decimal(str(value)) / factor, 4):
        factor, name = 1, ""  # a scale that would need more than 4 decimals: the plain value

    def one(v: Any) -> str:
        return _decimal_text(Decimal(str(v)) / factor)

    number = one(value) + ("" if _empty(value_max) else "–" + one(value_max))
    shown = next((u for u in sorted(surfaces, key=len, reverse=True) if u in text), unit)
    return f"{number}{name}{'' if _empty(shown) else shown}"


def unit_surfaces(rules: "RuleSet") -> dict[str, tuple[str, ...]]:
    """Each normal unit and the surfaces it is written as (units.yaml).

    >>> from govextract.rules import load_rules
    >>> "个百分点" in unit_surfaces(load_rules())["百分点"]
    True
    """
    out: dict[str, tuple[str, ...]] = {}
    for u in rules.units.get("units", {}).values():
        out[u["normal"]] = out.get(u["normal"], ()) + tuple(u.get("surfaces", ()))
    return out


def display_rules(rules: "RuleSet | None" = None) -> dict[str, Any]:
    """The ``display`` part of rules/indicators.yaml (how values are shown to people: scales,
    unit names, qualifiers after a value); without ``rules``, the shipped rules'."""
    from .rules import shipped_rules

    return (rules or shipped_rules()).indicators.get("display") or {}


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun, singular for exactly one."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"

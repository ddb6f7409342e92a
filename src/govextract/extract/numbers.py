"""Numbers as written in Chinese reports → :class:`~decimal.Decimal`: the one numeral reader.

Every stage reads numerals here: quantities, outline markers (（十二）), dates
(二〇二五年二月二十八日), years, and Word's Chinese list numbers. The vocabulary
(digits, multipliers, signs, rate prefixes, qualifiers) is ``rules/numerals.yaml``.

:func:`parse_number` reads Arabic numerals (thousands separators, decimals, a leading
dot, exponents), Chinese numerals (小写 一二三, 大写 壹贰叁, traditional 萬 億 兩 點 負),
any mix of the two with the multipliers 十 百 千 万 亿 兆 (4.78万亿, 5万4千6百, 3万4000),
fractions and rates (五分之一, 三又三分之一, 百分之三十五, 千分之一) and approximate forms,
which give their base value (十余万 → 100000, 二十几万 → 200000).

>>> parse_number("1,100万")
Decimal('11000000')
>>> parse_number("七十八万五佰零六")
Decimal('780506')
>>> parse_number("4.78万亿"), parse_number("3万4000"), parse_number("1千零1")
(Decimal('4780000000000'), Decimal('34000'), Decimal('1001'))
>>> parse_number("百分之三十五"), parse_number("五分之一"), parse_number("十余万")
(Decimal('0.35'), Decimal('0.2'), Decimal('100000'))
>>> parse_number("一百 二 十 几亿"), parse_number(".5"), parse_number("-1.2E+3")
(Decimal('12000000000'), Decimal('0.5'), Decimal('-1200'))

:func:`parse_numeral` also says what kind of numeral it was and its qualifier:

>>> parse_numeral("500余万")
Numeral(value=Decimal('5000000'), kind='number', qualifier='余')
>>> parse_numeral("千分之一")
Numeral(value=Decimal('0.001'), kind='permille', qualifier='')

Anything that is not one number returns ``None``:

>>> [parse_number(s) for s in ("", "abc", "十四五", "三四", "万", "1.2.3", "百分之", "十十", "5万万4", "几十")]
[None, None, None, None, None, None, None, None, None, None]
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Mapping

import regex as re

__all__ = ["Numeral", "parse_int", "parse_number", "parse_numeral", "to_chinese", "DIGITS", "SMALL", "BIG"]


@dataclass(frozen=True)
class Numeral:
    """One numeral, read. ``value`` is the number it denotes (a rate as a fraction:
    百分之三十五 → 0.35); an approximate form (``qualifier`` 余 多 几 来) gives its base value."""

    value: Decimal
    kind: str = "number"      # number, fraction, percent, permille, per_ten_thousand
    qualifier: str = ""

    @property
    def approximate(self) -> bool:
        return bool(self.qualifier)


@dataclass(frozen=True)
class _Vocab:
    digits: Mapping[str, int]
    small: Mapping[str, int]
    big: Mapping[str, int]
    counters: Mapping[str, int]
    point: tuple[str, ...]
    negative: tuple[str, ...]
    rates: Mapping[str, tuple[int, str]]
    fraction: str
    whole: str
    approximate: tuple[str, ...]
    token: Any                   # the compiled tokenizer


@lru_cache(maxsize=1)
def _numerals() -> Mapping[str, Any]:
    """``rules/numerals.yaml`` of the shipped rules, read once and frozen."""
    import yaml

    from ..rules import default_rules_dir, freeze

    return freeze(yaml.safe_load((default_rules_dir() / "numerals.yaml").read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """The reading vocabulary of numerals.yaml, compiled once (immutable)."""
    data = _numerals()
    extra = data.get("parse_only") or {}
    digits = {**data["digits"], **(extra.get("digits") or {})}
    big = {**data["big"], **(extra.get("big") or {})}
    small = dict(data["small"])
    cls = lambda chars: "".join(re.escape(c) for c in chars)  # noqa: E731
    token = re.compile(rf"""
          (?P<arabic> \d{{1,3}} (?:,\d{{3}})+ (?!\d) (?:\.\d+)?   # 1,100 or 12,345.6 with thousands separators
                    | (?:\d+ (?:\.\d*)? | \.\d+)             # 29.4, 817, .5
                      (?:[eE][+-]?\d+)? )                    # an exponent: 2e5, 1.2E+3
        | (?P<digit> [{cls(digits)}] )                       # a Chinese digit
        | (?P<small> [{cls(small)}] )                        # multipliers within a section
        | (?P<big> [{cls(big)}] )                            # section multipliers
        | (?P<point> {"|".join(map(re.escape, data["point"]))} )   # a decimal point between digits
    """, re.VERBOSE)
    rates = {k: (int(v["per"]), str(v["kind"])) for k, v in data["rate_prefixes"].items()}
    return _Vocab(MappingProxyType(digits), MappingProxyType(small), MappingProxyType(big),
                  MappingProxyType(dict(extra.get("counters") or {})), tuple(data["point"]),
                  tuple(data["negative"]), MappingProxyType(rates), data["fraction"],
                  data["fraction_whole"], tuple(data["approximate"]), token)


def _prose() -> tuple[Mapping[str, int], ...]:
    """The digits and multipliers that running text is scanned for (no parse_only entries)."""
    return tuple(_numerals()[k] for k in ("digits", "small", "big"))


#: Chinese digits (小写, 大写 and variants) → value; multipliers inside a section of four
#: digits; multipliers that close a section: as the prose scanner looks for them.
DIGITS, SMALL, BIG = _prose()


def _clean(d: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation."""
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d.normalize()


def parse_number(text: str) -> Decimal | None:
    """The value of one number written in any of the forms of Chinese reports, or None.

    Spaces are ignored, full-width forms are folded; a leading 负 or minus sign
    makes the number negative. Two bare Chinese digits (三四, 五六) mean "three or
    four" and are not one number.

    >>> parse_number("９．５万"), parse_number("-3.2"), parse_number("十")
    (Decimal('95000'), Decimal('-3.2'), Decimal('10'))
    >>> parse_number("万亿"), parse_number("千亿"), parse_number("万")
    (Decimal('1000000000000'), Decimal('100000000000'), None)
    """
    n = parse_numeral(text)
    return n.value if n is not None else None


def parse_int(text: str) -> int | None:
    """A whole non-negative number as an int (outline markers, dates, years), or None.

    >>> parse_int("二十九"), parse_int("十"), parse_int("12"), parse_int("③"), parse_int("二〇二五"), parse_int("甲")
    (29, 10, 12, 3, 2025, None)
    """
    n = parse_numeral(text)
    if n is None or n.kind != "number" or n.qualifier or n.value < 0 or n.value != int(n.value):
        return None
    return int(n.value)


def parse_numeral(text: str) -> Numeral | None:
    """The numeral in ``text`` with its kind and qualifier, or None (see the module doc)."""
    if not text:
        return None
    v = _vocab()
    if any(c in text for c in _numerals().get("clause_separators", ())):
        return None                   # 1，100: a full-width comma separates clauses, never digit groups
    s = "".join(unicodedata.normalize("NFKC", text).split())
    sign = 1
    for neg in v.negative:
        if s.startswith(neg):
            sign, s = -1, s[len(neg):]
            break
    kind, per = "number", 1
    for prefix, (p, k) in v.rates.items():
        if s.startswith(prefix):
            kind, per, s = k, p, s[len(prefix):]
            break
    if not s:
        return None
    if v.fraction in s:
        value = _fraction(s, v)
        if value is None:
            return None
        return Numeral(_clean(value * sign / per), "fraction" if kind == "number" else kind)
    s, qualifier = _strip_qualifier(s, v)
    if s is None:
        return None
    value = _integer_or_decimal(s, v)
    if value is None:
        return None
    with localcontext() as ctx:
        ctx.prec = 40
        return Numeral(_clean(value * sign / per), kind, qualifier)


def _fraction(s: str, v: _Vocab) -> Decimal | None:
    """三又三分之一, 五分之一, 三百五十又3分之1."""
    whole = Decimal(0)
    if v.whole in s:
        head, _, s = s.partition(v.whole)
        w = _integer_or_decimal(head, v)
        if w is None:
            return None
        whole = w
    den_s, _, num_s = s.partition(v.fraction)
    den, num = _integer_or_decimal(den_s, v), _integer_or_decimal(num_s, v)
    if not den or num is None:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        return whole + num / den


def _strip_qualifier(s: str, v: _Vocab) -> tuple[str | None, str]:
    """Remove one approximate qualifier that follows a digit or a multiplier (十余万 → 十万)."""
    found = [(i, c) for i, c in enumerate(s) if c in v.approximate]
    if not found:
        return s, ""
    if len(found) > 1 or found[0][0] == 0:
        return None, ""              # 几十 has no base value; two qualifiers are no numeral
    i, c = found[0]
    return s[:i] + s[i + 1:], c


def _integer_or_decimal(s: str, v: _Vocab) -> Decimal | None:
    if not s:
        return None
    count = 1
    if s[-1] in v.counters and len(s) > 1:
        count, s = v.counters[s[-1]], s[:-1]          # 3打 = 36
    if len(s) > 1 and s[0] in v.big and s[1] in v.big:
        s = _ONE(v) + s               # 万亿 alone is one 万亿 (a bare 万 is no number)
    tokens: list[tuple[str, str]] = []
    pos = 0
    for m in v.token.finditer(s):
        if m.start() != pos:
            return None
        tokens.append((m.lastgroup or "", m.group()))
        pos = m.end()
    if pos != len(s) or not tokens:
        return None
    value = _evaluate(tokens, v)
    return None if value is None else value * count


def _ONE(v: _Vocab) -> str:
    return next(c for c, d in v.digits.items() if d == 1)


def _evaluate(tokens: list[tuple[str, str]], v: _Vocab) -> Decimal | None:
    kinds = [k for k, _ in tokens]
    # A run of Chinese digits and nothing else is positional: 二〇二四 → 2024.
    if all(k == "digit" for k in kinds):
        if len(kinds) == 2 and v.digits[tokens[0][1]] and v.digits[tokens[1][1]]:
            return None           # 三四 = three or four
        return Decimal("".join(str(v.digits[t]) for _, t in tokens))
    # Chinese decimal: digits 点 digits.
    if "point" in kinds:
        i = kinds.index("point")
        head = _evaluate(tokens[:i], v) if i else None
        tail = tokens[i + 1:]
        if head is None or not tail or any(k != "digit" for k, _ in tail):
            return None
        return head + Decimal("0." + "".join(str(v.digits[t]) for _, t in tail))

    total = Decimal(0)        # closed sections (already multiplied by 万/亿)
    section = Decimal(0)      # the current section below 万
    current: Decimal | None = None   # the last number not yet multiplied
    last_small = 0            # the last small multiplier used in this section
    last_big = 0              # the last section multiplier used
    zero_seen = False         # a 零 since the last multiplier: no abbreviation (一千零一)
    prev = ""
    arabic_tail = ""          # the digits of a trailing Arabic number (3万4000)
    last_mult = 0             # the multiplier written last (the place a trailing number fills)
    for kind, tok in tokens:
        if kind == "arabic":
            if current is not None:
                return None
            try:
                current = Decimal(tok.replace(",", ""))
            except InvalidOperation:
                return None
            arabic_tail = tok
        elif kind == "digit":
            d = v.digits[tok]
            if d == 0:
                zero_seen = True
                if current is not None:
                    return None
                prev = kind
                continue
            if current is not None:
                return None       # two digits in a row after a multiplier: 十四五
            current = Decimal(d)
        elif kind == "small":
            mult = v.small[tok]
            if prev == "small" or (last_small and mult >= last_small):
                return None       # 十十, 百千
            section += (current if current is not None else Decimal(1)) * mult
            current, last_small, zero_seen, last_mult = None, mult, False, mult
        elif kind == "big":
            mult = v.big[tok]
            part = section + (current or 0)
            if part == 0 and prev != "big":
                return None       # a bare 万 is no number
            if prev == "big":
                total *= mult                     # 10万万, 4.78万亿
                last_big *= mult
            elif last_big and mult < last_big:
                total += part * mult              # 1亿3千万
            else:
                total = (total + part) * mult
                last_big = mult
            section, current, last_small, zero_seen, last_mult = Decimal(0), None, 0, False, mult
        prev = kind
    if current is not None:
        if prev == "digit" and last_small >= 100 and not zero_seen:
            current *= last_small // 10          # 两千四百五 → 2450
        elif prev == "digit" and last_small == 0 and last_big and not zero_seen \
                and total and all(k != "arabic" for k in kinds):
            current *= last_big // 10            # 三万五 → 35000
        elif prev == "arabic" and (section or total) and not _fills_place(
                arabic_tail, current, last_mult, zero_seen):
            return None                          # 5万万4, 5万4: digits that fill no place
        section += current
    return total + section


def _fills_place(digits: str, value: Decimal, mult: int, zero_seen: bool) -> bool:
    """Arabic digits after a multiplier are the rest below it: 3万4000 (four digits under
    万), 1千零1 (after 零), never 5万4 (ambiguous)."""
    if "." in digits or "e" in digits.lower() or value >= mult:
        return False
    return zero_seen or len(digits) == len(str(mult)) - 1


def to_chinese(n: int | Decimal) -> str:
    """A number in Chinese numerals, as Word's chineseCounting and reports write it
    (the ``write`` part of numerals.yaml).

    >>> [to_chinese(n) for n in (1, 10, 12, 20, 21, 99, 105, 110)]
    ['一', '十', '十二', '二十', '二十一', '九十九', '一百零五', '一百一十']
    >>> to_chinese(100010000), to_chinese(-3), to_chinese(Decimal("3.14")), to_chinese(0)
    ('一亿零一万', '负三', '三点一四', '零')
    >>> parse_number(to_chinese(1234567890123456))
    Decimal('1234567890123456')
    """
    w = _writing()
    d = Decimal(n)
    if d < 0:
        return w["negative"] + to_chinese(-d)
    whole = int(d)
    frac = "" if d == whole else format(d - whole, "f").split(".")[1].rstrip("0")
    out = _chinese_int(whole, w)
    return out + (w["point"] + "".join(w["digits"][int(c)] for c in frac) if frac else "")


def _writing() -> Mapping[str, Any]:
    return _numerals()["write"]


def _chinese_int(n: int, w: Mapping[str, Any]) -> str:
    zero = w["digits"][0]
    if n == 0:
        return zero
    sections: list[tuple[int, str]] = []
    for big in ("", *w["big"][:3]):
        if n == 0:
            break
        sections.append((n % 10000, big))
        n //= 10000
    if n:
        sections.append((n, w["big"][3]))
    out, pending_zero = "", False
    for sec, big in reversed(sections):
        if sec == 0:
            pending_zero = bool(out)
            continue
        text = _chinese_section(sec, w)
        if out and (pending_zero or sec < 1000):
            text = zero + text.lstrip(zero)
        out += text + big
        pending_zero = False
    lead = w["drop_leading_one"]
    return out[1:] if out.startswith(lead) else out


def _chinese_section(n: int, w: Mapping[str, Any]) -> str:
    """0 < n < 10000, with inner zeros (一千零五)."""
    digits, out, zero = w["digits"], "", False
    for mult, name in zip((1000, 100, 10, 1), (*w["small"], "")):
        d = n // mult % 10
        if d:
            out += (digits[0] if zero and out else "") + digits[d] + name
            zero = False
        else:
            zero = True
    return out

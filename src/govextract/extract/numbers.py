"""Numbers as written in Chinese reports → :class:`~decimal.Decimal`.

:func:`parse_number` reads Arabic numerals (with thousands separators and
decimals), Chinese numerals (小写 一二三, 大写 壹贰叁, traditional 萬 億), and
any mix of the two with the multipliers 十 百 千 万 亿 (4.78万亿, 5万4千6百).

>>> parse_number("1,100万")
Decimal('11000000')
>>> parse_number("两千四百五")
Decimal('2450')
>>> parse_number("一千零一")
Decimal('1001')
>>> parse_number("七十八万五佰零六")
Decimal('780506')
>>> parse_number("壹佰伍拾")
Decimal('150')
>>> parse_number("三億")
Decimal('300000000')
>>> parse_number("五萬")
Decimal('50000')
>>> parse_number("4.78万亿")
Decimal('4780000000000')
>>> parse_number("5万4千6百")
Decimal('54600')
>>> parse_number("10万万")
Decimal('1000000000')
>>> parse_number("负三十二")
Decimal('-32')
>>> parse_number("２９．４")
Decimal('29.4')
>>> parse_number("7 万5 千4 百")
Decimal('75400')
>>> parse_number("1亿3千万")
Decimal('130000000')
>>> parse_number("十五"), parse_number("二十"), parse_number("一十二")
(Decimal('15'), Decimal('20'), Decimal('12'))
>>> parse_number("二〇二四"), parse_number("三点五"), parse_number("零")
(Decimal('2024'), Decimal('3.5'), Decimal('0'))
>>> parse_number("1096.7622万")
Decimal('10967622')

Anything that is not one number returns ``None``:

>>> [parse_number(s) for s in ("", "abc", "十四五", "三四", "万", "1.2.3", "百分之", "十十", "5万万4")]
[None, None, None, None, None, None, None, None, None]
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

import regex as re

#: Chinese digits (小写, 大写 and variants) → value.
DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "弌": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2, "貮": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
#: Multipliers inside a section of four digits.
SMALL: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: Multipliers that close a section.
BIG: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
NEGATIVE = ("负", "-", "−", "－")

_TOKEN = re.compile(r"""
      (?P<arabic> \d{1,3} (?:,\d{3})+ (?:\.\d+)?   # 1,100 or 12,345.6 with thousands separators
                | \d+ (?:\.\d+)? )                 # 29.4, 817
    | (?P<digit> [〇零○一壹弌二两兩贰貳貮三叁參四肆五伍六陆陸七柒八捌九玖] )  # a Chinese digit
    | (?P<small> [十拾百佰千仟] )                   # multipliers within a section
    | (?P<big> [万萬亿億] )                         # section multipliers
    | (?P<point> 点 )                               # a decimal point between Chinese digits: 三点五
""", re.VERBOSE)


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

    >>> parse_number("９．５万")
    Decimal('95000')
    >>> parse_number("-3.2")
    Decimal('-3.2')
    >>> parse_number("十")
    Decimal('10')
    >>> parse_number("万亿"), parse_number("千亿"), parse_number("万")
    (Decimal('1000000000000'), Decimal('100000000000'), None)
    """
    if not text:
        return None
    s = unicodedata.normalize("NFKC", text)
    s = "".join(s.split())
    sign = 1
    for neg in NEGATIVE:
        if s.startswith(neg):
            sign, s = -1, s[len(neg):]
            break
    if not s:
        return None
    if s.startswith("万亿"):
        s = "一" + s          # 万亿 alone is one 万亿 (a bare 万 or 亿 is no number)
    tokens: list[tuple[str, str]] = []
    pos = 0
    for m in _TOKEN.finditer(s):
        if m.start() != pos:
            return None
        tokens.append((m.lastgroup or "", m.group()))
        pos = m.end()
    if pos != len(s) or not tokens:
        return None
    value = _evaluate(tokens)
    if value is None:
        return None
    return _clean(value * sign)


def _evaluate(tokens: list[tuple[str, str]]) -> Decimal | None:
    kinds = [k for k, _ in tokens]
    # A run of Chinese digits and nothing else is positional: 二〇二四 → 2024.
    if all(k == "digit" for k in kinds):
        if len(kinds) == 2 and "〇" not in (tokens[0][1] + tokens[1][1]) \
                and "零" not in (tokens[0][1] + tokens[1][1]):
            return None           # 三四 = three or four
        return Decimal("".join(str(DIGITS[t]) for _, t in tokens))
    # Chinese decimal: digits 点 digits.
    if "point" in kinds:
        i = kinds.index("point")
        head = _evaluate(tokens[:i]) if i else None
        tail = tokens[i + 1:]
        if head is None or not tail or any(k != "digit" for k in (k for k, _ in tail)):
            return None
        return head + Decimal("0." + "".join(str(DIGITS[t]) for _, t in tail))

    total = Decimal(0)        # closed sections (already multiplied by 万/亿)
    section = Decimal(0)      # the current section below 万
    current: Decimal | None = None   # the last number not yet multiplied
    last_small = 0            # the last small multiplier used in this section
    last_big = 0              # the last section multiplier used
    zero_seen = False         # a 零 since the last multiplier: no abbreviation (一千零一)
    prev = ""
    for kind, tok in tokens:
        if kind == "arabic":
            if current is not None:
                return None
            try:
                current = Decimal(tok.replace(",", ""))
            except InvalidOperation:  # pragma: no cover - the regex guarantees digits
                return None
        elif kind == "digit":
            d = DIGITS[tok]
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
            mult = SMALL[tok]
            if prev == "small" or (last_small and mult >= last_small):
                return None       # 十十, 百千
            section += (current if current is not None else Decimal(1)) * mult
            current, last_small, zero_seen = None, mult, False
        elif kind == "big":
            mult = BIG[tok]
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
            section, current, last_small, zero_seen = Decimal(0), None, 0, False
        prev = kind
    if current is not None:
        if prev == "digit" and last_small >= 100 and not zero_seen:
            current *= last_small // 10          # 两千四百五 → 2450
        elif prev == "digit" and last_small == 0 and last_big and not zero_seen \
                and total and all(k != "arabic" for k in kinds):
            current *= last_big // 10            # 三万五 → 35000
        elif prev == "arabic" and (section or total):
            return None                          # 5万万4: digits trailing a multiplier
        section += current
    return total + section

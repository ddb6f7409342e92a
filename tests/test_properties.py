"""Property tests: parse_number round-trips integers written in Chinese numerals, and the
extractor never crashes and always gives offsets that point into the text."""
from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from govextract.extract.numbers import parse_number
from govextract.extract.quantities import find_quantities
from govextract.rules import load_rules

RULES = load_rules()
LOWER = ("零一二三四五六七八九", ("千", "百", "十"))
UPPER = ("零壹贰叁肆伍陆柒捌玖", ("仟", "佰", "拾"))


def to_chinese(n: int, style=LOWER) -> str:
    """Write 0 <= n < 10**16 in Chinese numerals, the way a report would (零 for gaps)."""
    digits, (qian, bai, shi) = style
    if n == 0:
        return digits[0]

    def section(x: int) -> str:
        out, gap = "", False
        for val, unit in ((1000, qian), (100, bai), (10, shi), (1, "")):
            d = x // val % 10
            if d == 0:
                gap = bool(out)
                continue
            if gap:
                out += digits[0]
                gap = False
            out += digits[d] + unit
        return out

    out, pending_zero = "", False
    for val, unit in ((10**12, "万亿"), (10**8, "亿"), (10**4, "万"), (1, "")):
        sec = n // val % 10000
        if sec == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or sec < 1000):
            out += digits[0]
        out += section(sec) + unit
        pending_zero = False
    return out


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n):
    assert parse_number(to_chinese(n)) == Decimal(n)


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_financial_numerals_round_trip(n):
    assert parse_number(to_chinese(n, UPPER)) == Decimal(n)


@given(st.integers(min_value=0, max_value=10**15))
def test_arabic_with_separators_round_trip(n):
    assert parse_number(f"{n:,}") == Decimal(n)


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["万", "亿", "万亿"]))
def test_arabic_with_multiplier(n, mult):
    factor = {"万": 10**4, "亿": 10**8, "万亿": 10**12}[mult]
    assert parse_number(f"{n}{mult}") == Decimal(n * factor)


# Text made of the pieces that matter to the extractor, plus anything at all.
PIECES = st.sampled_from(list("0123456789.,%％-—～至到、，。；：“”《》（）()〔〕\n ")
                         + list("零一二两三四五六七八九十百千万亿壹贰拾佰")
                         + ["个", "万元", "亿元", "个百分点", "微克/立方米", "年", "月", "日", "第", "余", "多",
                            "约", "近", "以上", "左右", "同比", "增长", "下降", "改善", "浓度", "大", "级", "地",
                            "PM", "F", "号", "批", "次", "人次", "平方米", "千瓦", "μg/m3", "十四五", "目标"])
TEXTS = st.one_of(st.text(max_size=200), st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=60).map("".join))

#: a ratio such as 2.5:1 or 0:1, whose unit (units.yaml 比值) normalises to nothing on purpose
RATIO = re.compile(r"\d+(?:\.\d+)?\s*[:：]\s*\d+(?:\.\d+)?")


@settings(max_examples=300, deadline=None)
@given(TEXTS)
@example("0:1")                      # hypothesis found it: a ratio has no unit
def test_extraction_never_crashes_and_offsets_point_at_text(text):
    qs, ex = find_quantities(text, RULES)
    last = -1
    for q in qs:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.start >= last            # in document order, not overlapping
        last = q.end
        assert isinstance(q.value, Decimal)
        assert q.value_max is None or q.value_max > q.value
        assert q.kind
        assert q.unit or RATIO.fullmatch(q.text)     # a ratio (2.5:1) is the one figure without a unit
    for e in ex:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
        assert e.rule.split(":")[0] in {"exclusions.yaml", "units.yaml", "numbers"}


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**8), st.sampled_from(["个", "家", "件", "万元", "%", "公里"]),
       st.text(alphabet="，。、的和", max_size=3))
def test_a_number_with_a_unit_is_found(n, unit, tail):
    text = f"完成{n}{unit}{tail}"
    qs, _ = find_quantities(text, RULES)
    assert [q.text for q in qs] == [f"{n}{unit}"]

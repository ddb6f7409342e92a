"""parse_number: every written form of a number in Chinese reports, as a table of examples."""
from __future__ import annotations

from decimal import Decimal

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from govextract.extract.numbers import Numeral, parse_int, parse_number, parse_numeral, to_chinese

D = Decimal

CASES = [
    # id, source, text, expected value (None: not one number)
    ("arabic-int", "jiading_2024.txt", "817", D(817)),
    ("arabic-decimal", "jiading_2024.txt", "29.4", D("29.4")),
    ("arabic-separators", "issue 3", "1,100万", D(11000000)),
    ("arabic-separators-decimal", "bulletin", "12,345.6", D("12345.6")),
    ("arabic-wan-decimal", "jiading_2024.txt", "1096.7622万", D(10967622)),
    ("arabic-wan", "jiading_2024.txt", "9.5万", D(95000)),
    ("arabic-yi", "state_council_2018.txt", "1363亿", D(136300000000)),
    ("arabic-wanyi", "issue 3", "4.78万亿", D(4780000000000)),
    ("arabic-qian", "state_council_2018.txt", "5千", D(5000)),
    ("mixed-wan-qian-bai", "issue 3", "5万4千6百", D(54600)),
    ("mixed-wan-qian", "state_council_2018.txt", "1万6千", D(16000)),
    ("mixed-yi-qian-wan", "state_council_2018.txt", "1亿3千万", D(130000000)),
    ("mixed-wan-wan", "issue 3", "10万万", D(1000000000)),
    ("mixed-qian-wan", "state_council_2018.txt", "2万5千", D(25000)),
    ("chinese-abbrev", "issue 3", "两千四百五", D(2450)),
    ("chinese-zero", "issue 3", "一千零一", D(1001)),
    ("chinese-wan-fancy-bai", "issue 3", "七十八万五佰零六", D(780506)),
    ("chinese-shi", "jiading_2024.txt", "十", D(10)),
    ("chinese-shiwu", "outline （十五）", "十五", D(15)),
    ("chinese-ershi", "outline （二十）", "二十", D(20)),
    ("chinese-yishier", "formal", "一十二", D(12)),
    ("chinese-ershiyi", "outline （二十一）", "二十一", D(21)),
    ("chinese-liang", "jiading_2024.txt 两级", "两", D(2)),
    ("chinese-ba", "jiading_2024.txt 八个", "八", D(8)),
    ("chinese-wan-abbrev", "colloquial", "三万五", D(35000)),
    ("chinese-yi", "state_council_2018.txt 上亿", "一亿", D(100000000)),
    ("chinese-bai", "report", "一百", D(100)),
    ("chinese-baiwan", "report", "三百万", D(3000000)),
    ("chinese-positional-year", "gansu_2026.txt", "二〇二六", D(2026)),
    ("chinese-positional-ling", "date", "二零二四", D(2024)),
    ("chinese-point", "spoken", "三点五", D("3.5")),
    ("chinese-zero-alone", "零增长", "零", D(0)),
    ("financial", "issue 3", "壹佰伍拾", D(150)),
    ("financial-wan", "cheque", "叁万肆仟", D(34000)),
    ("financial-liang", "cheque", "贰拾", D(20)),
    ("traditional-yi", "issue 3", "三億", D(300000000)),
    ("traditional-wan", "issue 3", "五萬", D(50000)),
    ("traditional-liang", "Big5 report", "兩千", D(2000)),
    ("negative-chinese", "issue 3", "负三十二", D(-32)),
    ("negative-arabic", "bulletin", "-3.2", D("-3.2")),
    ("fullwidth", "issue 3", "２９．４", D("29.4")),
    ("fullwidth-wan", "PDF text", "９．５万", D(95000)),
    ("spaced", "issue 3", "7 万5 千4 百", D(75400)),
    ("spaced-arabic", "PDF text", "1 100", D(1100)),
    ("not-empty", "-", "", None),
    ("not-letters", "-", "abc", None),
    ("not-slogan", "jiading_2024.txt 十四五", "十四五", None),
    ("not-three-or-four", "state_council_2018.txt 三四线", "三四", None),
    ("not-bare-wan", "-", "万", None),
    ("not-two-points", "-", "1.2.3", None),
    ("not-percent-word", "-", "百分之", None),
    ("not-shi-shi", "-", "十十", None),
    ("not-bai-qian", "-", "百千", None),
    ("not-trailing-digit", "-", "5万万4", None),
    ("not-two-arabic", "-", "5四", None),
    ("not-hanzi", "-", "亿元", None),
    # --- issue 14: the written forms that other readers of Chinese numbers resolve ---------
    # traditional characters
    ("trad-wan-arabic", "Big5 bulletin", "3萬", D(30000)),
    ("trad-yi-arabic", "Big5 bulletin", "1.5億", D(150000000)),
    ("trad-wan-yi", "Big5 bulletin", "2萬億", D(2000000000000)),
    ("trad-negative", "Big5 bulletin", "負五", D(-5)),
    ("trad-negative-arabic", "Big5 bulletin", "負3.2", D("-3.2")),
    ("trad-point", "Big5 bulletin", "三點五", D("3.5")),
    ("trad-point-long", "Big5 bulletin", "十二點零五", D("12.05")),
    ("trad-liang-wan", "Big5 bulletin", "兩萬", D(20000)),
    ("trad-liang-bai", "Big5 bulletin", "兩百", D(200)),
    ("trad-lia", "spoken", "倆", D(2)),
    ("trad-lia-wan", "spoken", "倆萬", D(20000)),
    ("trad-mixed", "Big5 bulletin", "一萬兩千", D(12000)),
    ("trad-yi-wan", "Big5 bulletin", "三億五千萬", D(350000000)),
    ("trad-financial", "cheque", "貳萬參仟", D(23000)),
    ("trad-financial-lu", "cheque", "陸佰", D(600)),
    # fractions
    ("fraction-fifth", "issue 14", "五分之一", D("0.2")),
    ("fraction-quarter", "report", "四分之一", D("0.25")),
    ("fraction-three-quarters", "report", "四分之三", D("0.75")),
    ("fraction-half", "report", "二分之一", D("0.5")),
    ("fraction-tenth", "report", "十分之一", D("0.1")),
    ("fraction-hundredth", "report", "一百分之一", D("0.01")),
    ("fraction-third", "report", "三分之一", D(1) / D(3)),
    ("fraction-two-thirds", "report", "三分之二", D(2) / D(3)),
    ("fraction-arabic", "report", "3分之1", D(1) / D(3)),
    ("fraction-arabic-eighth", "report", "8分之3", D("0.375")),
    ("fraction-mixed", "issue 14", "三又三分之一", D(3) + D(1) / D(3)),
    ("fraction-mixed-half", "report", "一又二分之一", D("1.5")),
    ("fraction-mixed-big", "issue 14", "三百五十又3分之1", D(350) + D(1) / D(3)),
    ("fraction-mixed-arabic", "report", "2又4分之1", D("2.25")),
    ("fraction-negative", "report", "负五分之一", D("-0.2")),
    ("fraction-trad", "Big5 bulletin", "兩分之一", D("0.5")),
    ("not-fraction-zero-den", "-", "零分之一", None),
    ("not-fraction-no-num", "-", "五分之", None),
    ("not-fraction-no-den", "-", "分之一", None),
    # rates written as words
    ("percent-word", "issue 14", "百分之三十五", D("0.35")),
    ("percent-word-hundred", "report", "百分之百", D(1)),
    ("percent-word-one-hundred", "report", "百分之一百", D(1)),
    ("percent-word-decimal", "report", "百分之三点五", D("0.035")),
    ("percent-word-arabic", "report", "百分之12.5", D("0.125")),
    ("percent-word-five", "report", "百分之五", D("0.05")),
    ("percent-word-negative", "report", "负百分之二", D("-0.02")),
    ("permille-word", "issue 14", "千分之一", D("0.001")),
    ("permille-word-five", "report", "千分之五", D("0.005")),
    ("permille-word-decimal", "report", "千分之二点五", D("0.0025")),
    ("per-ten-thousand", "report", "万分之三", D("0.0003")),
    ("per-ten-thousand-trad", "Big5 bulletin", "萬分之一", D("0.0001")),
    ("not-permille-alone", "-", "千分之", None),
    # mixed Arabic and Chinese
    ("mixed-wan-arabic-tail", "issue 14", "3万4000", D(34000)),
    ("mixed-qian-ling-arabic", "issue 14", "1千零1", D(1001)),
    ("mixed-yi-arabic-tail", "report", "2亿3000万", D(230000000)),
    ("mixed-wan-arabic-full", "report", "12万3456", D(123456)),
    ("mixed-yi-arabic-full", "report", "1亿2345万6789", D(123456789)),
    ("mixed-wan-ling-arabic", "report", "5万零30", D(50030)),
    ("mixed-bai-ling-arabic", "report", "3百零5", D(305)),
    ("mixed-qian-bai", "report", "3千5百", D(3500)),
    ("mixed-decimal-wan-tail", "report", "1.5万", D(15000)),
    ("mixed-arabic-shi", "report", "3十", D(30)),
    ("not-mixed-short-tail", "-", "5万4", None),
    ("not-mixed-decimal-tail", "-", "3万4.5", None),
    ("not-mixed-big-tail", "-", "3万40000", None),
    # approximate forms give their base value
    ("approx-shi-yu-wan", "issue 14", "十余万", D(100000)),
    ("approx-yiqian-duo-wan", "issue 14", "一千多万", D(10000000)),
    ("approx-ershi-ji-wan", "issue 14", "二十几万", D(200000)),
    ("approx-arabic-yu-wan", "issue 14", "500余万", D(5000000)),
    ("approx-arabic-duo-yi", "state_council_2018.txt", "3万多亿", D(3000000000000)),
    ("approx-arabic-duo", "report", "8000多", D(8000)),
    ("approx-arabic-yu", "report", "200余", D(200)),
    ("approx-chinese-duo", "report", "三十多", D(30)),
    ("approx-chinese-lai", "spoken", "五十来", D(50)),
    ("approx-chinese-ji", "spoken", "二十几", D(20)),
    ("approx-bai-yu", "report", "一百余", D(100)),
    ("approx-yu-yi", "report", "1000余亿", D(100000000000)),
    ("approx-trad", "Big5 bulletin", "十餘萬", None),
    ("not-approx-leading-ji", "-", "几十", None),
    ("not-approx-leading-ji-wan", "-", "几万", None),
    ("not-approx-two", "-", "十多余万", None),
    ("not-approx-alone", "-", "多", None),
    # spaces inside the numeral
    ("spaces-issue", "issue 14", "一百 二 十 几亿", D(12000000000)),
    ("spaces-chinese", "PDF text", "二 十 五", D(25)),
    ("spaces-wan", "PDF text", "3 万", D(30000)),
    ("spaces-decimal", "PDF text", "29 .4", D("29.4")),
    ("spaces-ideographic", "PDF text", "一\u3000百", D(100)),
    ("spaces-fraction", "PDF text", "三 分 之 一", D(1) / D(3)),
    ("spaces-percent-word", "PDF text", "百分之 三十", D("0.3")),
    # leading dots and exponents
    ("leading-dot", "issue 14", ".5", D("0.5")),
    ("leading-dot-negative", "table", "-.25", D("-0.25")),
    ("exponent", "issue 14", "2e5", D(200000)),
    ("exponent-signed", "issue 14", "-1.2E+3", D(-1200)),
    ("exponent-negative", "table", "5e-2", D("0.05")),
    ("exponent-upper", "table", "3E4", D(30000)),
    ("trailing-dot", "table", "3.", D(3)),
    ("not-exponent-alone", "-", "e5", None),
    ("not-dot-alone", "-", ".", None),
    # 兆 and 打
    ("zhao", "issue 14", "一兆", D(10**12)),
    ("zhao-arabic", "issue 14", "3兆", D(3 * 10**12)),
    ("zhao-mixed", "issue 14", "1兆2000亿", D(1200000000000)),
    ("dozen", "issue 14", "一打", D(12)),
    ("dozen-arabic", "issue 14", "3打", D(36)),
    ("dozen-chinese", "issue 14", "两打", D(24)),
    ("not-dozen-alone", "-", "打", None),
    # more of the everyday forms
    ("arabic-zero", "table", "0", D(0)),
    ("arabic-zero-decimal", "table", "0.0", D(0)),
    ("arabic-leading-zero", "table", "007", D(7)),
    ("arabic-long", "bulletin", "1234567890", D(1234567890)),
    ("arabic-separators-long", "bulletin", "1,234,567,890", D(1234567890)),
    ("arabic-plus-free", "table", "128.60", D("128.6")),
    ("arabic-negative-fullwidth", "table", "－２．３", D("-2.3")),
    ("arabic-negative-minus-sign", "table", "−4.1", D("-4.1")),
    ("chinese-year-ling", "date", "二零二五", D(2025)),
    ("chinese-year-circle", "date", "二○二五", D(2025)),
    ("chinese-month", "date", "十二", D(12)),
    ("chinese-day", "date", "二十八", D(28)),
    ("chinese-qian-ling", "report", "三千零五十", D(3050)),
    ("chinese-wan-ling", "report", "一万零五", D(10005)),
    ("chinese-yi-ling-wan", "report", "一亿零一万", D(100010000)),
    ("chinese-shi-wan", "report", "十万", D(100000)),
    ("chinese-bai-wan", "report", "一百万", D(1000000)),
    ("chinese-qian-wan", "report", "一千万", D(10000000)),
    ("chinese-wan-yi", "report", "一万亿", D(10**12)),
    ("chinese-yi-yi", "report", "一亿亿", D(10**16)),
    ("chinese-liang-yi", "report", "两亿", D(200000000)),
    ("chinese-abbrev-bai", "spoken", "三百五", D(350)),
    ("chinese-abbrev-qian", "spoken", "一千二", D(1200)),
    ("chinese-abbrev-yi", "spoken", "一亿五", D(150000000)),
    ("chinese-point-zero", "spoken", "零点五", D("0.5")),
    ("chinese-point-long", "spoken", "三点一四一五", D("3.1415")),
    ("chinese-wan-point", "spoken", "一点五万", None),
    ("financial-yi", "cheque", "壹亿", D(100000000)),
    ("financial-mixed", "cheque", "伍仟叁佰贰拾壹", D(5321)),
    ("circled-outline", "outline ③", "③", D(3)),
    ("circled-outline-twenty", "outline ⑳", "⑳", D(20)),
    ("not-letters-mixed", "-", "3a", None),
    ("not-unit", "-", "3个", None),
    ("not-sign-alone", "-", "-", None),
    ("not-negative-word-alone", "-", "负", None),
]


@pytest.mark.parametrize("text, expected", [c[2:] for c in CASES], ids=[c[0] for c in CASES])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


NUMERALS = [
    # id, source, text, kind, qualifier
    ("numeral-plain", "issue 14", "七十八万五佰零六", "number", ""),
    ("numeral-approx", "issue 14", "十余万", "number", "余"),
    ("numeral-approx-duo", "issue 14", "一千多万", "number", "多"),
    ("numeral-approx-ji", "issue 14", "二十几万", "number", "几"),
    ("numeral-fraction", "issue 14", "五分之一", "fraction", ""),
    ("numeral-fraction-mixed", "issue 14", "三又三分之一", "fraction", ""),
    ("numeral-percent", "issue 14", "百分之三十五", "percent", ""),
    ("numeral-permille", "issue 14", "千分之一", "permille", ""),
    ("numeral-per-ten-thousand", "report", "万分之三", "per_ten_thousand", ""),
]


@pytest.mark.parametrize("text, kind, qualifier", [c[2:] for c in NUMERALS], ids=[c[0] for c in NUMERALS])
def test_parse_numeral(text, kind, qualifier):
    n = parse_numeral(text)
    assert isinstance(n, Numeral)
    assert (n.kind, n.qualifier, n.approximate) == (kind, qualifier, bool(qualifier))
    assert n.value == parse_number(text)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**16))
def test_round_trip_integers(n):
    """number → written Chinese form → number, for every integer up to 10^16."""
    assert parse_number(to_chinese(n)) == n
    assert parse_int(to_chinese(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=-10**8, max_value=10**8), st.integers(min_value=0, max_value=99))
def test_round_trip_two_decimals(whole, cents):
    """Two-decimal values, both as Chinese (三点一四) and as Arabic with 万 (1.5万)."""
    value = D(whole) + (D(cents) / 100 if whole >= 0 else -D(cents) / 100)
    assert parse_number(to_chinese(value)) == value
    assert parse_number(f"{value}") == value


@pytest.mark.parametrize("n", [0, 1, 10, 11, 20, 100, 101, 110, 1000, 1001, 1010, 1100, 10000, 10001, 10010,
                               100000, 100100, 10**8, 10**8 + 1, 10**12, 10**12 + 10**4, 10**16],
                         ids=lambda n: f"round-trip-{n}")
def test_round_trip_edges(n):
    assert parse_number(to_chinese(n)) == n


def test_public_api():
    import govextract

    assert govextract.parse_number("七十八万五佰零六") == D(780506)

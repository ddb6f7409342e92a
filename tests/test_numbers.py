"""parse_number: every written form of a number in Chinese reports, as a table of examples."""
from __future__ import annotations

from decimal import Decimal

import pytest

from govextract.extract.numbers import parse_number

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
]


@pytest.mark.parametrize("text, expected", [c[2:] for c in CASES], ids=[c[0] for c in CASES])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


def test_public_api():
    import govextract

    assert govextract.parse_number("七十八万五佰零六") == D(780506)

"""The text fixes of :mod:`govextract.normalise`: small, pure ``str -> str`` functions, each
doing one thing and safe on any text (newlines, full-width forms, subscripts, dashes,
spaces, footnote marks, lines cut inside a number or by a page break). The registry that
orders them, and explains what they changed, is :mod:`govextract.normalise`.
"""
from __future__ import annotations

import unicodedata
from typing import Callable

import regex as re

from .markup import BOLD, DOUBT_CLOSE, DOUBT_OPEN, PAGE

__all__ = ["Fix", "drop_footnote_marks", "fix_subscripts", "fold_dashes", "fold_fullwidth", "fold_newlines",
           "fold_spaces", "join_cut_numbers", "join_letterspaced", "rejoin_page_breaks", "remove_stray_spaces"]

Fix = Callable[[str], str]

# A line is complete when it ends in sentence punctuation, perhaps followed by closing quotes.
_LINE_END = re.compile(r"[。！？!?；;：:…][”’」』）)】》]*$")
_CJK = r"\p{Han}"
_CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef“”‘’—…·"


def fold_newlines(text: str) -> str:
    """CRLF and lone CR become LF; Unicode line and paragraph separators too.

    >>> fold_newlines("甲\\r\\n乙\\r丙\\u2029丁")
    '甲\\n乙\\n丙\\n丁'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


_FW_NUMERIC = re.compile(r"""
    [\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0b\uff0d\uff0f]   # full-width digits, letters, ％ ＋ － ／
    | (?<=[0-9\uff10-\uff19])[\uff0e\uff1a](?=[0-9\uff10-\uff19])  # ． ： between digits (never ，)
""", re.VERBOSE)


def fold_fullwidth(text: str) -> str:
    """Fold full-width digits, Latin letters and ％ ＋ － ／ to ASCII; fold ． ：
    only between digits (there they are decimal point and time separators; elsewhere
    they are ordinary Chinese punctuation). The full-width comma is never folded: it
    separates clauses, never digit groups (issue 11: 约占全国1/10，4386万名).

    >>> fold_fullwidth("１，１００万元，增长７．７％：ＧＤＰ，约占全国1/10，4386万名")
    '1，100万元，增长7.7%：GDP，约占全国1/10，4386万名'
    """
    return _FW_NUMERIC.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


_SUBSCRIPT = re.compile(r"""
    _\{ ([0-9A-Za-z.]+) \}          # LaTeX-style subscript PM_{2.5}, CO_{2}
    | <su[bp]> ([0-9A-Za-z.]+) </su[bp]>   # HTML subscript PM<sub>2.5</sub>
    | (?<=[A-Z]) _ (\d+(?:\.\d+)? | x) (?![0-9A-Za-z_])   # bare subscript PM_2.5, SO_2, NO_x
""", re.VERBOSE)
_UNICODE_SUB = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def fix_subscripts(text: str) -> str:
    """``PM_{2.5}`` → ``PM2.5``; ``CO<sub>2</sub>`` → ``CO2``; ``PM₂.₅`` and ``PM_2.5`` → ``PM2.5``.

    >>> fix_subscripts("PM_{2.5}、PM_{10}、CO<sub>2</sub>、PM₂.₅、PM_2.5浓度、NO_x、file_name")
    'PM2.5、PM10、CO2、PM2.5、PM2.5浓度、NOx、file_name'
    """
    return _SUBSCRIPT.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text).translate(_UNICODE_SUB)


def fold_dashes(text: str) -> str:
    """Horizontal bars and box-drawing lines used as a dash become the Chinese dash ——.

    >>> fold_dashes("――2026年1月27日，一一")
    '——2026年1月27日，一一'
    """
    return re.sub(r"[\u2015\u2500]{2}", "——", text)


_SPACES = re.compile(r"[\u3000\u00a0\u2002-\u200b\u202f\u205f\t\ufeff]")


def fold_spaces(text: str) -> str:
    """Ideographic, no-break, thin and zero-width spaces and tabs become plain
    spaces; indentation and trailing spaces on each line are dropped.

    >>> fold_spaces("\\u3000\\u3000各位代表：\\t\\n  现在")
    '各位代表：\\n现在'
    """
    text = _SPACES.sub(" ", text)
    text = text.replace("\u200b", "")
    return re.sub(r"(?m)^[ ]+|[ ]+$", "", text)


_LETTERSPACED = re.compile(r"""
    (?m) ^                   # a whole line
    ( \p{Han} (?:[ ]{1,3} \p{Han}){2,} )   # three or more CJK characters, each followed by a space
    $
""", re.VERBOSE)


def join_letterspaced(text: str) -> str:
    """A title set with spaces between its characters is written solid.

    >>> join_letterspaced("政 府 工 作 报 告\\n李 克 强")
    '政府工作报告\\n李克强'
    """
    return _LETTERSPACED.sub(lambda m: m.group(1).replace(" ", ""), text)


_STRAY_SPACE = re.compile(rf"""
    (?<= [{_CJK_PUNCT}] | {_CJK} | [0-9%] )  # after CJK text, CJK punctuation, a digit or %
    [ ]+                                     # one or more stray spaces
    (?= [{_CJK_PUNCT}] | {_CJK} | [0-9] )    # before CJK text, CJK punctuation or a digit
    (?<! [0-9%][ ]+ (?=[0-9]) )              # but keep the space between two numbers
""", re.VERBOSE)
_SPACE_AFTER_LATIN = re.compile(rf"""
    (?<= [A-Za-z.] ) [ ]+ (?= {_CJK} | [{_CJK_PUNCT}] )   # "VOCs 治理" → "VOCs治理"
    | (?<= {_CJK} | [{_CJK_PUNCT}] ) [ ]+ (?= [A-Za-z] )   # "治理 VOCs" → "治理VOCs"
""", re.VERBOSE)


def remove_stray_spaces(text: str) -> str:
    """Drop spaces that a converter put between CJK characters, digits and
    punctuation. Spaces between two Latin words, or between two numbers, stay.

    >>> remove_stray_spaces("整治问题 990 个次，完成 3 个，生态环境局 工作总结，VOCs 治理，Hello world，1 2")
    '整治问题990个次，完成3个，生态环境局工作总结，VOCs治理，Hello world，1 2'
    """
    text = _STRAY_SPACE.sub("", text)
    return _SPACE_AFTER_LATIN.sub("", text)


_OUTLINE_START = re.compile(r"""
    ^ (?: [一二三四五六七八九十]+ 、          # 一、
        | [（(] [一二三四五六七八九十\d]+ [）)]  # （一） (1)
        | \d+ [.．、] (?!\d)                 # 1. 1． 1、
        | —— | 附件 | 注[:：]                # dash leads, annexes, notes
    )
""", re.VERBOSE)


def rejoin_page_breaks(text: str) -> str:
    """Rejoin a paragraph that a page break split into two paragraphs.

    A break (one or more blank lines, perhaps with a page mark) is removed when
    the line before it is body text that stops mid-sentence: it does not end in
    sentence punctuation, and it is long or already holds punctuation. The
    line after it must not start an outline item. Chinese wraps without a
    space, so nothing is inserted.

    >>> rejoin_page_breaks("在2024年度全市生态环境综合履职评估工作中获评优秀，在2024\\n\\n年度区级机关考核中获评先进单位。")
    '在2024年度全市生态环境综合履职评估工作中获评优秀，在2024年度区级机关考核中获评先进单位。'
    >>> rejoin_page_breaks("上海市嘉定区生态环境局文件\\n\\n嘉环〔2025〕3号")
    '上海市嘉定区生态环境局文件\\n\\n嘉环〔2025〕3号'
    >>> rejoin_page_breaks("（三）完成重点任务，整治问\\n\\n一、下一步工作")
    '（三）完成重点任务，整治问\\n\\n一、下一步工作'
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        j = i + 1
        while j < len(lines) and lines[j].strip(" " + PAGE) == "":
            j += 1
        if j > i + 1 and j < len(lines) and _is_cut_line(line) and not _OUTLINE_START.match(lines[j].lstrip(PAGE + BOLD)):
            gap = "".join(lines[i + 1:j])
            marks = "".join(c for c in gap if c == PAGE)
            lines[j] = line + marks + lines[j]
            i = j
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def _is_cut_line(line: str) -> bool:
    bare = line.replace(BOLD, "").replace(DOUBT_OPEN, "").replace(DOUBT_CLOSE, "").replace(PAGE, "").rstrip()
    if not bare or _LINE_END.search(bare):
        return False
    return len(bare) >= 40 or any(p in bare for p in "。，；")


_FOOTNOTE_MARK = re.compile(r"""
    (?<= \p{Han} | [”’」』）)%‰] )          # after a word, a closing quote or bracket, or a % sign
    (?: [\[［] [0-9]{1,2} [\]］]             # [2] ［2］
      | [①-⑳] (?= [0-9，。；、：）)]|$ )       # ① before a number or punctuation (before a word it may list)
      | [¹²³⁴-⁹⁰]+                            # superscript digits
    )
""", re.VERBOSE | re.MULTILINE)


def drop_footnote_marks(text: str) -> str:
    """Footnote marks after a word are dropped, so that they are neither glued to the
    number after them nor read as numbers. A mark that starts a line (the note
    itself) and ① that lists items stay.

    >>> drop_footnote_marks("地区生产总值[2]1329.65亿元，人口①866万人，GDP增长²4.8%")
    '地区生产总值1329.65亿元，人口866万人，GDP增长4.8%'
    >>> drop_footnote_marks("[2]2023年地区生产总值为初步核算数据。\\n主要有：①加强建设；②推进治理。面积10m²")
    '[2]2023年地区生产总值为初步核算数据。\\n主要有：①加强建设；②推进治理。面积10m²'
    """
    return _FOOTNOTE_MARK.sub("", text)


_NUMBER_CUT = re.compile(r"""
    (?<= \p{Han} [0-9][0-9.,]* ) \n (?= [0-9.%‰] )   # 增长11.⏎1%   新建1⏎01个: a number cut by a line end
""", re.VERBOSE)


def join_cut_numbers(text: str) -> str:
    """A line that stops inside a number, mid-sentence, goes on in the next line: the
    two are one line (a converter or a scan wrapped the text there). A line with
    sentence punctuation is prose; a row of figures has no such punctuation and stays.

    >>> join_cut_numbers("全年生产总值增长4.8%，其中工业增加值增长11.\\n1%，新建学校1\\n01个。")
    '全年生产总值增长4.8%，其中工业增加值增长11.1%，新建学校101个。'
    >>> join_cut_numbers("其中：城镇392.66\\n45.31\\n完成。\\n2024年")
    '其中：城镇392.66\\n45.31\\n完成。\\n2024年'
    """
    if "\n" not in text:
        return text

    def join(m: re.Match) -> str:
        line_start = text.rfind("\n", 0, m.start()) + 1
        return "" if _is_cut_line(text[line_start:m.start()]) and any(p in text[line_start:m.start()] for p in "。，；") \
            else "\n"
    return _NUMBER_CUT.sub(join, text)

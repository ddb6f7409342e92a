"""The text fixes of :mod:`govextract.normalise`: small, pure ``str -> str`` functions, each
doing one thing and safe on any text (newlines, full-width forms, subscripts, dashes,
spaces, footnote marks, lines cut inside a number or by a page break). The registry that
orders them, and explains what they changed, is :mod:`govextract.normalise`.

A fix that reads Chinese punctuation or markers takes the rule set as ``rules`` (the shipped
rules without it): rules/documents.yaml ``dash``, ``wide_punctuation``, ``prose_marks`` and
``grammar`` ``complete_line``, ``break_start``, ``footnote_mark``.
:func:`govextract.normalise.fixes_for` binds a user's rule set into them.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

import regex as re

from .markup import BOLD, DOUBT_CLOSE, DOUBT_OPEN, PAGE
from .rules import shipped_rules
from .structure.grammar import grammar

if TYPE_CHECKING:  # pragma: no cover
    from .rules import RuleSet

__all__ = ["Fix", "drop_footnote_marks", "fix_subscripts", "fold_dashes", "fold_fullwidth", "fold_newlines",
           "fold_spaces", "join_cut_numbers", "join_letterspaced", "rejoin_page_breaks", "remove_stray_spaces"]

Fix = Callable[[str], str]

_CJK = r"\p{Han}"
# CJK punctuation: the CJK Symbols and Punctuation and the Fullwidth Forms blocks, and the
# wide punctuation outside them that rules/documents.yaml lists (wide_punctuation)
_CJK_BLOCKS = r"\u3000-\u303f\uff00-\uffef"


@dataclass(frozen=True)
class _Words:
    """The vocabulary of the text fixes in one rule set, compiled once."""

    dash: str
    prose_marks: tuple[str, ...]
    complete_line: re.Pattern
    break_start: re.Pattern
    footnote_mark: re.Pattern
    stray_space: re.Pattern
    space_by_latin: re.Pattern


@lru_cache(maxsize=8)
def _spaces(wide: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    punct = _CJK_BLOCKS + "".join(re.escape(c) for c in wide)
    stray = re.compile(rf"""
        (?<= [{punct}] | {_CJK} | [0-9%] )   # after CJK text, CJK punctuation, a digit or %
        [ ]+                                 # one or more stray spaces
        (?= [{punct}] | {_CJK} | [0-9] )     # before CJK text, CJK punctuation or a digit
        (?<! [0-9%][ ]+ (?=[0-9]) )          # but keep the space between two numbers
    """, re.VERBOSE)
    # a space between a Latin word and CJK text, on either side ("VOCs 治理", "治理 VOCs")
    by_latin = re.compile(rf"""
        (?<= [A-Za-z.] ) [ ]+ (?= {_CJK} | [{punct}] )
        | (?<= {_CJK} | [{punct}] ) [ ]+ (?= [A-Za-z] )
    """, re.VERBOSE)
    return stray, by_latin


def _words(rules: RuleSet | None) -> _Words:
    doc = (rules or shipped_rules()).documents
    stray, by_latin = _spaces(tuple(doc.get("wide_punctuation", ())))
    return _Words(dash=doc.get("dash", ""), prose_marks=tuple(doc.get("prose_marks", ())),
                  complete_line=grammar(doc, "complete_line"), break_start=grammar(doc, "break_start"),
                  footnote_mark=grammar(doc, "footnote_mark"), stray_space=stray, space_by_latin=by_latin)


def fold_newlines(text: str) -> str:
    """CRLF and lone CR become LF; Unicode line and paragraph separators too.

    >>> fold_newlines("甲\\r\\n乙\\r丙\\u2029丁")
    '甲\\n乙\\n丙\\n丁'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


# full-width digits, Latin letters, ％ ＋ － ／; and ． ： between digits (never ，)
_FW_NUMERIC = re.compile(r"""
    [\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0b\uff0d\uff0f]
    | (?<=[0-9\uff10-\uff19])[\uff0e\uff1a](?=[0-9\uff10-\uff19])
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


def fold_dashes(text: str, rules: RuleSet | None = None) -> str:
    """Horizontal bars and box-drawing lines used as a dash become the Chinese dash ——
    (``dash`` of rules/documents.yaml).

    >>> fold_dashes("――2026年1月27日，一一")
    '——2026年1月27日，一一'
    """
    dash = _words(rules).dash
    return re.sub(r"[\u2015\u2500]{2}", lambda m: dash, text) if dash else text


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


def remove_stray_spaces(text: str, rules: RuleSet | None = None) -> str:
    """Drop spaces that a converter put between CJK characters, digits and
    punctuation. Spaces between two Latin words, or between two numbers, stay.

    >>> remove_stray_spaces("整治问题 990 个次，完成 3 个，生态环境局 工作总结，VOCs 治理，Hello world，1 2")
    '整治问题990个次，完成3个，生态环境局工作总结，VOCs治理，Hello world，1 2'
    """
    w = _words(rules)
    return w.space_by_latin.sub("", w.stray_space.sub("", text))


def rejoin_page_breaks(text: str, rules: RuleSet | None = None) -> str:
    """Rejoin a paragraph that a page break split into two paragraphs.

    A break (one or more blank lines, perhaps with a page mark) is removed when
    the line before it is body text that stops mid-sentence: it does not end in
    sentence punctuation, and it is long or already holds punctuation. The
    line after it must not start an outline item (``grammar.break_start``). Chinese wraps
    without a space, so nothing is inserted.

    >>> rejoin_page_breaks("在2024年度全市生态环境综合履职评估工作中获评优秀，在2024\\n\\n年度区级机关考核中获评先进单位。")
    '在2024年度全市生态环境综合履职评估工作中获评优秀，在2024年度区级机关考核中获评先进单位。'
    >>> rejoin_page_breaks("上海市嘉定区生态环境局文件\\n\\n嘉环〔2025〕3号")
    '上海市嘉定区生态环境局文件\\n\\n嘉环〔2025〕3号'
    >>> rejoin_page_breaks("（三）完成重点任务，整治问\\n\\n一、下一步工作")
    '（三）完成重点任务，整治问\\n\\n一、下一步工作'
    """
    w = _words(rules)
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        j = i + 1
        while j < len(lines) and lines[j].strip(" " + PAGE) == "":
            j += 1
        if j > i + 1 and j < len(lines) and _is_cut_line(line, w) \
                and not w.break_start.match(lines[j].lstrip(PAGE + BOLD)):
            gap = "".join(lines[i + 1:j])
            marks = "".join(c for c in gap if c == PAGE)
            lines[j] = line + marks + lines[j]
            i = j
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def _is_prose(line: str, w: _Words) -> bool:
    return any(p in line for p in w.prose_marks)


def _is_cut_line(line: str, w: _Words) -> bool:
    """The line stops mid-sentence: it is not a complete line (``grammar.complete_line``), and
    it is long or holds prose punctuation (``prose_marks``)."""
    bare = line.replace(BOLD, "").replace(DOUBT_OPEN, "").replace(DOUBT_CLOSE, "").replace(PAGE, "").rstrip()
    if not bare or w.complete_line.search(bare):
        return False
    return len(bare) >= 40 or _is_prose(bare, w)


def drop_footnote_marks(text: str, rules: RuleSet | None = None) -> str:
    """Footnote marks after a word are dropped, so that they are neither glued to the
    number after them nor read as numbers. A mark that starts a line (the note
    itself) and ① that lists items stay. The marks are ``grammar.footnote_mark`` of
    rules/documents.yaml.

    >>> drop_footnote_marks("地区生产总值[2]1329.65亿元，人口①866万人，GDP增长²4.8%")
    '地区生产总值1329.65亿元，人口866万人，GDP增长4.8%'
    >>> drop_footnote_marks("[2]2023年地区生产总值为初步核算数据。\\n主要有：①加强建设；②推进治理。面积10m²")
    '[2]2023年地区生产总值为初步核算数据。\\n主要有：①加强建设；②推进治理。面积10m²'
    """
    return _words(rules).footnote_mark.sub("", text)


# a number cut by a line end, after a word: 增长11.⏎1%   新建1⏎01个
_NUMBER_CUT = re.compile(r"""
    (?<= \p{Han} [0-9][0-9.,]* ) \n (?= [0-9.%‰] )
""", re.VERBOSE)


def join_cut_numbers(text: str, rules: RuleSet | None = None) -> str:
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
    w = _words(rules)

    def join(m: re.Match) -> str:
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        return "" if _is_cut_line(line, w) and _is_prose(line, w) else "\n"
    return _NUMBER_CUT.sub(join, text)

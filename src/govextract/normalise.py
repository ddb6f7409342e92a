"""Normalisation: small, pure, named ``str -> str`` fixes in an ordered registry.

Each fix does one thing and is safe to run on any text. :func:`normalise` runs
them all in order, records which ones changed the text (:func:`explain_changes`
says what each changed, with a count and the first examples), then strips the in-band
markup (pages, bold runs, OCR doubt) that ingestion left, so that every offset
downstream points into one final string.

>>> r = normalise("整治问\\n\\n题 990 个次，PM_{2.5}为２９．４％")
>>> r.text
'整治问\\n\\n题990个次，PM2.5为29.4%'
>>> explain("PM_{2.5}为２９．４％")
['fold_fullwidth', 'fix_subscripts']
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

import regex as re

from .commas import clause_commas
from .markup import BOLD, DOUBT_CLOSE, DOUBT_OPEN, PAGE, Marks, strip_marks

if TYPE_CHECKING:  # pragma: no cover
    from .rules import RuleSet

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


@dataclass(frozen=True)
class Furniture:
    """The furniture vocabulary of ``web.yaml`` (``furniture``), compiled."""

    page_number: re.Pattern
    figure_caption: re.Pattern
    table_caption: re.Pattern
    unit_label: re.Pattern
    axis_label: re.Pattern

    @classmethod
    def of(cls, web: Any) -> "Furniture":
        f = web.get("furniture", {}) if web else {}
        alt = lambda words: "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) or "(?!)"  # noqa: E731
        pages = "|".join(f"(?:{p})" for p in f.get("page_numbers", ())) or "(?!)"
        return cls(
            page_number=re.compile(rf"[ ]* (?: {pages} ) [ ]*", re.VERBOSE),
            figure_caption=re.compile(rf"""
                (?: {alt(f.get("figure_captions", ()))} ) [ ]* [0-9]{{1,2}} (?: [-－.][0-9]{{1,2}} )?   # 图1  图2-1
                (?: [ ]+ | [：:] | (?=(?:19|20)[0-9]{{2}}) ) [^。；！？]{{1,60}}               # its title, no sentence
            """, re.VERBOSE),
            table_caption=re.compile(rf"""
                ^ ( [{PAGE}*]* [ ]* (?: {alt(f.get("table_captions", ()) + f.get("figure_captions", ()))} )
                    [ ]* [0-9]{{1,2}} )                                 # 表1  图12
                  ( (?:19|20) [0-9]{{2}} (?= 年 | [-－—–~～至] ) )        # a year glued to it: 表12023年
            """, re.VERBOSE | re.MULTILINE),
            unit_label=re.compile(rf"(?: {alt(f.get('unit_labels', ()))} ) [ ]* [：:]", re.VERBOSE),
            axis_label=re.compile(rf"""
                (?: [0-9.,%‰\-－—–~～/()\s\p{{Ps}}\p{{Pe}}] | {alt(f.get("axis_words", ()))} )+   # ticks, years, quarters
            """, re.VERBOSE),
        )


def _bare_line(line: str) -> str:
    return line.replace(BOLD, "").replace(PAGE, "").strip()


def _chart_debris(line: str, furniture: Furniture) -> bool:
    """A line a chart leaves in the flow: its unit line, axis ticks, data labels, year labels."""
    bare = _bare_line(line)
    return bool(furniture.unit_label.match(bare) or furniture.axis_label.fullmatch(bare))


def drop_page_furniture(text: str, furniture: Furniture) -> str:
    """Whole lines that are page numbers (``— 3 —``, ``第3页``, the ``— —`` left when the
    digits were read apart), and a bare number standing next to a page break, are
    dropped: an empty line (with the page marks) stays in their place, so that
    :func:`rejoin_page_breaks` mends a paragraph they cut. See :func:`fixes_for`."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        bare = _bare_line(line)
        if not bare:
            continue
        at_break = PAGE in line or (i + 1 < len(lines) and lines[i + 1].startswith(PAGE)) or \
            (i > 0 and lines[i - 1].endswith(PAGE))
        if furniture.page_number.fullmatch(bare) or (at_break and re.fullmatch(r"[0-9]{1,3}", bare)):
            lines[i] = PAGE * line.count(PAGE)
    return "\n".join(lines)


def drop_figures(text: str, furniture: Furniture) -> str:
    """A figure's caption line (``图1 2017-2023年…``) and what its chart leaves in the
    flow under it (``单位：万吨``, axis ticks, year labels) are not body text: they
    become one empty line (with their page marks). See :func:`fixes_for`."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if furniture.figure_caption.fullmatch(_bare_line(lines[i])):
            j = i + 1
            while j < len(lines) and _chart_debris(lines[j], furniture):
                j += 1
            lines[i:j] = [PAGE * sum(ln.count(PAGE) for ln in lines[i:j])]
            i += 1
            continue
        i += 1
    return "\n".join(lines)


def split_caption_year(text: str, furniture: Furniture) -> str:
    """A caption's number and the year after it stay apart: ``表12023年`` (a scan that lost
    the space) is ``表1 2023年``, never 12023. See :func:`fixes_for`."""
    return furniture.table_caption.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)


def _named(fn: Callable[[str, Furniture], str], furniture: Furniture) -> Fix:
    def fix(text: str) -> str:
        return fn(text, furniture)
    fix.__name__ = fn.__name__
    fix.__doc__ = fn.__doc__
    return fix


@lru_cache(maxsize=8)
def fixes_for(rules: RuleSet) -> tuple[Fix, ...]:
    """:data:`FIXES` with the fixes that read the furniture vocabulary of ``rules``
    (``web.yaml``: ``furniture``), run once spaces are folded and before stray spaces go:
    a caption's year is split off, page numbers and figures are dropped.

    >>> from govextract.rules import load_rules
    >>> fx = fixes_for(load_rules())
    >>> normalise("全年增长5%。\\n— 3 —\\n\\f下一页\\n图1 2017-2023年粮食总产量\\n单位：万吨\\n900\\n2017年2018年\\n表12023年主要产品", fx).text
    '全年增长5%。\\n\\n下一页\\n\\n表1 2023年主要产品'
    >>> normalise("全年增长5%，其中\\n2\\n\\f— —\\n粮食增产。", fx).text
    '全年增长5%，其中粮食增产。'
    """
    furniture = Furniture.of(rules.web)
    seps = rules.numerals.get("clause_separators") or ()

    def fold_clause_commas(text: str) -> str:
        return clause_commas(text, seps[0]) if seps else text
    fold_clause_commas.__doc__ = clause_commas.__doc__
    after = {"fold_fullwidth": (fold_clause_commas,),
             "fold_spaces": tuple(_named(f, furniture) for f in (split_caption_year, drop_page_furniture,
                                                                 drop_figures))}
    return tuple(f for fix in FIXES for f in (fix, *after.get(fix.__name__, ())))


#: The fixes, in the order they run. Add a fix here to make it part of :func:`normalise`.
FIXES: tuple[Fix, ...] = (
    fold_newlines,
    fold_fullwidth,
    fold_dashes,
    fix_subscripts,
    fold_spaces,
    join_letterspaced,
    remove_stray_spaces,
    drop_footnote_marks,
    join_cut_numbers,
    rejoin_page_breaks,
)


@dataclass(frozen=True)
class Normalised:
    """The final text and what normalisation did to get there."""

    text: str
    fixes: tuple[str, ...]
    page_starts: tuple[int, ...]
    bold: tuple[tuple[int, int], ...]
    doubt: tuple[tuple[int, int], ...]

    @property
    def pages(self) -> int:
        return len(self.page_starts)


def normalise(text: str, fixes: tuple[Fix, ...] | None = None, *, rules: RuleSet | None = None) -> Normalised:
    """Run every fix in order, then strip the markup. Offsets into ``.text`` are final.

    The fixes are ``fixes`` if given, else those of ``rules`` (:func:`fixes_for`: page
    furniture and figures are dropped too), else :data:`FIXES`."""
    if fixes is None:
        fixes = fixes_for(rules) if rules is not None else FIXES
    applied: list[str] = []
    for fix in fixes:
        new = fix(text)
        if new != text:
            applied.append(fix.__name__)
            text = new
    marks: Marks = strip_marks(text)
    if marks.bold:
        applied.append("drop_bold_markers")
    return Normalised(marks.text, tuple(applied), marks.page_starts, marks.bold, marks.doubt)


def explain(text: str, rules: RuleSet | None = None) -> list[str]:
    """The names of the fixes that change ``text``, in the order they ran."""
    return list(normalise(text, rules=rules).fixes)


@dataclass(frozen=True)
class FixReport:
    """What one fix changed: how many places, and the first few, each as (before, after)
    with a little context on both sides."""

    name: str
    count: int
    examples: tuple[tuple[str, str], ...]

    def describe(self) -> str:
        """One line, as ``govextract normalise --explain`` prints it.

        >>> FixReport("fold_fullwidth", 2, (("为２９．４％", "为29.4%"),)).describe()
        'fold_fullwidth: 2 changes, e.g. "为２９．４％" → "为29.4%"'
        """
        from .display import count

        shown = ", ".join(f'"{_visible(a)}" → "{_visible(b)}"' for a, b in self.examples)
        return f"{self.name}: {count(self.count, 'change')}" + (f", e.g. {shown}" if shown else "")


def _visible(s: str) -> str:
    """Whitespace and in-band marks made visible: ⏎ for a line break, ␍, ⇥, ␣ for a
    full-width space, and the markup characters by name."""
    return (s.replace("\r", "␍").replace("\n", "⏎").replace("\t", "⇥").replace("\u3000", "␣")
            .replace(PAGE, "[page]").replace(BOLD, "**").replace(DOUBT_OPEN, "[?").replace(DOUBT_CLOSE, "?]"))


def _changes(before: str, after: str, context: int) -> list[tuple[str, str]]:
    """The places where ``after`` differs from ``before``, as (before, after) snippets:
    line blocks first (fast on whole reports), then characters inside each changed block."""
    import difflib

    a_lines, b_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    out: list[tuple[str, str]] = []
    lines = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            continue
        pairs = (list(zip(a_lines[i1:i2], b_lines[j1:j2])) if i2 - i1 == j2 - j1
                 else [("".join(a_lines[i1:i2]), "".join(b_lines[j1:j2]))])
        for a, b in pairs:
            # changes closer than 2 × context characters are one change (PM_{2.5} → PM2.5)
            groups: list[list[int]] = []
            for ctag, c1, c2, d1, d2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                if ctag == "equal":
                    continue
                if groups and c1 - groups[-1][1] <= 2 * context:
                    groups[-1][1], groups[-1][3] = c2, d2
                else:
                    groups.append([c1, c2, d1, d2])
            for c1, c2, d1, d2 in groups:
                lo = min(c1, context)
                out.append((a[c1 - lo:c2 + context], b[d1 - lo:d2 + context]))
    return out


def explain_changes(text: str, fixes: tuple[Fix, ...] | None = None, examples: int = 3,
                    context: int = 4, *, rules: RuleSet | None = None) -> list[FixReport]:
    """What each fix that changed ``text`` did, in the order they ran, with a count and the
    first ``examples`` changes (as ftfy's ``explain`` does); then the markup that was dropped.

    >>> for r in explain_changes("PM_{2.5}为２９．４％，ＧＤＰ"):
    ...     print(r.describe())
    fold_fullwidth: 1 change, e.g. ".5}为２９．４％，ＧＤＰ" → ".5}为29.4%，GDP"
    fix_subscripts: 1 change, e.g. "PM_{2.5}为29." → "PM2.5为29."
    """
    if fixes is None:
        fixes = fixes_for(rules) if rules is not None else FIXES
    reports: list[FixReport] = []
    for fix in fixes:
        new = fix(text)
        if new != text:
            found = _changes(text, new, context)
            reports.append(FixReport(fix.__name__, len(found), tuple(found[:examples])))
            text = new
    marks = strip_marks(text)
    if marks.bold:
        shown = tuple((f"**{marks.text[s:e]}**", marks.text[s:e]) for s, e in marks.bold[:examples])
        reports.append(FixReport("drop_bold_markers", len(marks.bold), shown))
    return reports

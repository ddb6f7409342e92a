"""The words of tables: cell text, figures, units and captions, with the vocabulary of
``rules/tables.yaml`` compiled once per rule set (:func:`vocab`).

>>> v = vocab(load_rules())
>>> clean(" 类   别 "), cell_number("2,940.05", v), split_caption("表3  2023年主要农产品产量", v)
('类别', (Decimal('2940.05'), False), ('表3', '2023年主要农产品产量'))
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..models import RawTable
from ..rules import RuleSet
from .grammar import grammar

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK = re.compile(rf"""
    (?<= [{_CJK}\uff08\uff09\uff1a\u3001] )   # a Chinese character (or full-width bracket, colon, comma) before
    [ \u3000\u00a0]+          # letter-spacing
    (?= [{_CJK}\uff08\uff09] )        # and one after
""", re.VERBOSE)
_COLONS = re.compile(r"^[\s:\uff1a]+|[\s:\uff1a]+$")   # colons and space around a caption's title
_NUMBER = re.compile(r"""
    ^ (?P<sign> [-+] )?              # a sign
      (?P<digits> \d+ (?: \.\d+ )? | \.\d+ )   # digits, a decimal part
      (?P<pct> % )?                 # a percent sign printed in the cell
    $
""", re.VERBOSE)


@dataclass(frozen=True)
class Vocab:
    """The table vocabulary of a rule set, compiled once."""

    numbered: re.Pattern
    numbered_anywhere: re.Pattern                  # the same, not anchored at a line start
    continued: tuple[str, ...]
    sentence_marks: tuple[str, ...]
    title_endings: tuple[str, ...]
    caption_max: int
    unit_notes: re.Pattern
    note_words: tuple[str, ...]
    unit_columns: frozenset[str]
    brackets: tuple[str, ...]
    multipliers: tuple[str, ...]
    count_suffixes: tuple[str, ...]
    codes: frozenset[str]
    label_headings: frozenset[str]
    child_markers: tuple[str, ...]
    sibling_slack: int
    ordinals: tuple[re.Pattern, ...]
    totals: tuple[str, ...]
    measure_words: tuple[tuple[str, str], ...]     # (word, measure), longest first
    default_units: dict[str, str]
    year: re.Pattern
    empty: frozenset[str]
    strip: tuple[str, ...]
    minus: tuple[str, ...]
    plus: tuple[str, ...]
    outline_start: re.Pattern                      # documents.yaml grammar.outline_start: a numbered heading


@lru_cache(maxsize=8)
def vocab(rules: RuleSet) -> Vocab:
    """Compile ``rules.tables`` (cached per rule set)."""
    t = rules.tables
    units = "|".join(re.escape(w) for w in sorted(t["notes"]["unit"], key=len, reverse=True))
    preparers = "|".join(re.escape(w) for w in sorted(t["notes"].get("preparer", ()), key=len, reverse=True))
    words = [(w, m) for m in ("level", "growth_pct", "growth_pp", "share", "index")
             for w in t["measures"].get(m, ())]
    return Vocab(
        numbered=re.compile(t["caption"]["numbered"]),
        numbered_anywhere=re.compile(re.sub(r"^\^", "", t["caption"]["numbered"])),
        continued=tuple(t["caption"]["continued"]),
        sentence_marks=tuple(t["caption"]["sentence_marks"]),
        title_endings=tuple(t["caption"]["title_endings"]),
        caption_max=int(t["caption"]["max_chars"]),
        unit_notes=re.compile(rf"""
            (?: (?: {preparers} ) \s* [:\uff1a] .+? \s* )?      # who drew the table up (rules: notes.preparer), if said
            [\uff08(]? \s* (?: {units} ) \s* [:\uff1a] \s*    # a unit label and its colon
            (?P<unit> [^\s\uff0c,\uff1b;\uff09)]+ )               # the unit
        """, re.VERBOSE),
        note_words=tuple(t["notes"]["note"]),
        unit_columns=frozenset(t["units"]["column"]),
        brackets=tuple(t["units"]["brackets"]),
        multipliers=tuple(sorted(t["units"]["multipliers"], key=len, reverse=True)),
        count_suffixes=tuple(t["units"]["count_suffixes"]),
        codes=frozenset(t["columns"]["codes"]),
        label_headings=frozenset(t["columns"]["label_headings"]),
        child_markers=tuple(sorted(t["hierarchy"]["child_markers"], key=len, reverse=True)),
        sibling_slack=int(t["hierarchy"]["sibling_slack"]),
        ordinals=tuple(re.compile(p) for p in t["hierarchy"]["ordinals"]),
        totals=tuple(t["hierarchy"]["totals"]),
        measure_words=tuple(sorted(words, key=lambda wm: -len(wm[0]))),
        default_units=dict(t["measures"].get("default_units", {})),
        year=re.compile(t["measures"]["year"]),
        empty=frozenset(t["empty"]["cells"]),
        strip=tuple(t["numbers"]["strip"]),
        minus=tuple(t["numbers"]["minus"]),
        plus=tuple(t["numbers"]["plus"]),
        outline_start=grammar(rules.documents, "outline_start"),
    )


# --- cell text ----------------------------------------------------------------------
def clean(text: str) -> str:
    """A cell as one line: letter-spacing between Chinese characters removed, runs of
    space collapsed.

    >>> clean(" 类   别 "), clean("水 产 品"), clean("PM2.5 年均浓度"), clean("商业企\\n业")
    ('类别', '水产品', 'PM2.5 年均浓度', '商业企业')
    """
    t = re.sub(r"(?<=[^\x00-\x7f])\n|\n(?=[^\x00-\x7f])", "", text)     # a wrapped Chinese cell
    t = _SPACE_BETWEEN_CJK.sub("", t)
    return re.sub(r"\s+", " ", t).strip()


def leading_indent(text: str) -> int:
    """Indentation written as leading spaces: a full-width space or two ASCII spaces per step.

    >>> leading_indent("\\u3000\\u3000教育"), leading_indent("    教育"), leading_indent("教育")
    (2, 2, 0)
    """
    n = 0.0
    for ch in text:
        if ch.isspace() and ord(ch) > 0xFF:
            n += 1                       # a full-width space
        elif ch in " \u00a0":
            n += 0.5
        elif ch == "\t":
            n += 2
        else:
            break
    return int(n)


def cell_number(text: str, v: Vocab) -> tuple[Decimal, bool] | None:
    """The figure in a cell and whether a % was printed with it; None for text and empty cells.

    >>> v = vocab(load_rules())
    >>> cell_number("2,940.05", v), cell_number("-3.2", v), cell_number("－19.3", v), cell_number("5.0%", v)
    ((Decimal('2940.05'), False), (Decimal('-3.2'), False), (Decimal('-19.3'), False), (Decimal('5.0'), True))
    >>> cell_number("—", v), cell_number("", v), cell_number("粮食", v), cell_number("2023年", v)
    (None, None, None, None)
    """
    t = unicodedata.normalize("NFKC", text).strip()
    if not t or t in v.empty or text.strip() in v.empty:
        return None
    for s in v.strip:
        t = t.replace(unicodedata.normalize("NFKC", s), "")
    for m in v.minus:
        if t.startswith(m) and len(t) > 1:
            t = "-" + t[len(m):]
    for p in v.plus:
        if t.startswith(p):
            t = t[len(p):]
    m = _NUMBER.match(t)
    if not m:
        return None
    try:
        d = Decimal(m.group("digits"))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None
    return (-d if m.group("sign") == "-" else d), bool(m.group("pct"))


def load_rules():  # a doctest helper; the module itself never loads rules
    from ..rules import load_rules as _load

    return _load()


# --- units --------------------------------------------------------------------------
@dataclass(frozen=True)
class UnitReading:
    factor: Decimal
    unit: str            # normal form
    kind: str
    dimension: str


@lru_cache(maxsize=512)
def read_unit(surface: str, rules: RuleSet) -> UnitReading | None:
    """A unit as written (万元, 亿吨公里, %) → its factor and normal form, read by the prose
    extractor's own unit table (``rules/units.yaml``), so both paths agree.

    >>> rules = load_rules()
    >>> read_unit("万元", rules), read_unit("%", rules).unit, read_unit("亿吨公里", rules).unit
    (UnitReading(factor=Decimal('10000'), unit='元', kind='money', dimension='money'), '%', '吨公里')
    >>> read_unit("以上年为100", rules) is None, read_unit("千升", rules).unit, read_unit("千元", rules).factor
    (True, '千升', Decimal('1000'))
    """
    from ..extract.numbers import parse_number
    from ..extract.quantities import find_quantities

    s = surface.strip()
    if not s or len(s) > 12:
        return None
    qs, _ = find_quantities("1" + s, rules)
    if qs and qs[0].start == 0 and qs[0].end == len(s) + 1 and qs[0].unit:
        q = qs[0]
        if q.value != 1 and q.kind != "money" and not s.startswith(vocab(rules).multipliers):
            return UnitReading(Decimal(1), s, q.kind, q.dimension)     # 千升: the 千 names the unit
        return UnitReading(q.value, q.unit, q.kind, q.dimension)
    # a unit the prose table does not know whole (亿吨公里): the multiplier, then the rest as written
    for k in range(len(s) - 1, 0, -1):
        mult = parse_number("1" + s[:k])
        rest = s[k:]
        if mult is not None and rest and not re.search(r"\d", rest):
            return UnitReading(mult, rest, "physical" if len(rest) > 1 else "count", "")
    if qs and qs[0].start == 0 and qs[0].unit and s.startswith(qs[0].text[1:]):
        q = qs[0]
        rest = s[len(q.text) - 1:]
        if not re.search(r"\d", rest):
            return UnitReading(q.value, q.unit + rest, q.kind, "")
    return None


def bracket_unit(text: str, v: Vocab, rules: RuleSet) -> str | None:
    """The unit a header or label says in brackets or after it: 产量（万吨） → 万吨, 增长% → %.

    >>> rules = load_rules(); v = vocab(rules)
    >>> bracket_unit("产量（万吨）", v, rules), bracket_unit("增长%", v, rules), bracket_unit("本年收费金额（单位：万元）", v, rules)
    ('万吨', '%', '万元')
    >>> bracket_unit("指数（以上年为100）", v, rules), bracket_unit("粮食", v, rules)
    (None, None)
    """
    t = text.strip()
    for pair in v.brackets:
        o, c = pair[0], pair[1]
        if t.endswith(c) and o in t:
            inner = t[t.rindex(o) + 1:-1].strip()
            m = v.unit_notes.match(inner)
            if m:
                inner = m.group("unit")
            if read_unit(inner, rules) is not None:
                return inner
    if unicodedata.normalize("NFKC", t).endswith("%") and len(t) > 1:
        return "%"
    return None


# --- captions -----------------------------------------------------------------------
def split_caption(caption: str, v: Vocab) -> tuple[str, str]:
    """(number, title) of a caption.

    >>> v = vocab(load_rules())
    >>> split_caption("表3  2023年周口市主要农产品产量及增速", v), split_caption("续表 3", v), split_caption("收入支出决算总表", v)
    (('表3', '2023年周口市主要农产品产量及增速'), ('续表3', ''), ('', '收入支出决算总表'))
    """
    c = clean(caption)
    m = v.numbered.match(c)
    if not m:
        return "", c
    return m.group().replace(" ", ""), _COLONS.sub("", c[m.end():])


def caption_year(caption: str) -> int | None:
    """The year a caption is for: 2023年末… → 2023 (the last year of a span: 2017-2023年 → 2023).

    >>> caption_year("表1 2023年末周口市常住人口数及其构成"), caption_year("表 2017-2023年产量"), caption_year("收支总表")
    (2023, 2023, None)
    """
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", caption)]
    return years[-1] if years else None


def table_unit(raw: RawTable, v: Vocab) -> str:
    """The unit said for the whole table: a 单位：万元 note, or the caption's."""
    for text in (*raw.notes, raw.caption):
        m = v.unit_notes.search(text)
        if m:
            return m.group("unit")
    return ""


def table_caption(before: list[str], rules: RuleSet) -> tuple[str, tuple[str, ...]]:
    """The caption and unit note among the lines just before a table (nearest last), for the
    forms that keep them as paragraphs (DOCX, HTML, text); they stay in the text.

    >>> table_caption(["正文。", "表3 2023年主要农产品产量", "单位：万吨"], load_rules())
    ('表3 2023年主要农产品产量', ('单位：万吨',))
    """
    v = vocab(rules)
    caption, notes = "", []
    for line in reversed(before):
        flat = line.replace(" ", "").replace("**", "").strip()
        if not flat:
            continue
        if v.unit_notes.match(flat) and not caption and not notes:
            notes.append(line.strip())
            continue
        if not caption and len(flat) <= v.caption_max and not any(m in flat for m in v.sentence_marks) and (
                v.numbered.match(line.replace("**", "").strip()) or flat.endswith(v.title_endings)
                or flat.startswith(v.continued)):
            caption = line.replace("**", "").strip()
        break
    return caption, tuple(notes)


def count_unit(header: str, v: Vocab, rules: RuleSet) -> str:
    """The measure word of a count header: 本年制发件数 → 件 (指数, 系数: none).

    >>> rules = load_rules(); v = vocab(rules)
    >>> count_unit("本年制发件数", v, rules), count_unit("参保人数", v, rules), count_unit("指数", v, rules)
    ('件', '人', '')
    """
    for suffix in v.count_suffixes:
        if header.endswith(suffix) and len(header) > len(suffix):
            word = header[-len(suffix) - 1]
            reading = read_unit(word, rules)
            if reading is not None and reading.kind == "count" and reading.factor == 1:
                return word
    return ""

"""Tables read for meaning: a :class:`~govextract.models.RawTable` grid → a :class:`~govextract.models.Table`.

Every form's grid (PDF, DOCX, HTML, aligned text) gets the same reading:

* the caption (表3 2023年主要农产品产量), its number, and the year in it as the period;
* the header rows (two-level headers give a column path), and sub-headers and
  section rows inside the body (a row spanning the width names the rows under it);
* label columns, unit columns and code columns, told from the figures;
* row labels with their hierarchy: ``#``, ``其中：``, ``内：`` and indentation make a
  row the child of the one above (一般公共预算支出 > 教育);
* the unit of each figure, wherever it is said: a unit column, the column header
  (产量（万吨）), the row label, a 单位：万元 note, the caption;
* the measure from the column header (绝对数 → level, 比上年增长（%） → growth_pct,
  比重 → share, 2023年 → the level for 2023);
* blank, —, … and - cells are empty, not zero.

All vocabulary comes from ``rules/tables.yaml``.

>>> from govextract.rules import load_rules
>>> raw = RawTable(grid=(("指标", "产量（万吨）", "比上年增长（%）"),
...                      ("粮食", "902.61", "-3.2"), ("其中：夏粮", "508.58", "—")),
...                caption="表3  2023年主要农产品产量")
>>> t = read_table(raw, load_rules())
>>> t.number, t.title, t.period, t.header_rows
('表3', '2023年主要农产品产量', 2023, 1)
>>> [(c.row_path, c.column_path[-1], str(c.value), c.unit, c.measure) for c in t.cells if c.role == "data"]
... # doctest: +NORMALIZE_WHITESPACE
[(('粮食',), '产量（万吨）', '9026100', '吨', 'level'), (('粮食',), '比上年增长（%）', '-3.2', '%', 'growth_pct'),
 (('粮食', '夏粮'), '产量（万吨）', '5085800', '吨', 'level'), (('粮食', '夏粮'), '比上年增长（%）', 'None', '%', 'growth_pct')]
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ..models import Cell, RawTable, Table
from ..rules import RuleSet

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK = re.compile(rf"""
    (?<= [{_CJK}（）：、] )   # a Chinese character (or bracket, colon) before
    [ \u3000\u00a0]+          # letter-spacing
    (?= [{_CJK}（）] )        # and one after
""", re.VERBOSE)
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
    continued: tuple[str, ...]
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


@lru_cache(maxsize=8)
def vocab(rules: RuleSet) -> Vocab:
    """Compile ``rules.tables`` (cached per rule set)."""
    t = rules.tables
    units = "|".join(re.escape(w) for w in sorted(t["notes"]["unit"], key=len, reverse=True))
    words = [(w, m) for m in ("level", "growth_pct", "growth_pp", "share", "index")
             for w in t["measures"].get(m, ())]
    return Vocab(
        numbered=re.compile(t["caption"]["numbered"]),
        continued=tuple(t["caption"]["continued"]),
        title_endings=tuple(t["caption"]["title_endings"]),
        caption_max=int(t["caption"]["max_chars"]),
        unit_notes=re.compile(rf"""
            [（(]? \s* (?: {units} ) \s* [:：] \s*    # 单位：
            (?P<unit> [^\s，,；;）)]+ )               # 万元
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
        if ch == "\u3000":
            n += 1
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
        if mult is not None and rest and not re.search(r"[\d年为以上下]", rest):
            return UnitReading(mult, rest, "physical" if len(rest) > 1 else "count", "")
    if qs and qs[0].start == 0 and qs[0].unit and s.startswith(qs[0].text[1:]):
        q = qs[0]
        rest = s[len(q.text) - 1:]
        if not re.search(r"[\d年为以上下]", rest):
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
    if t.endswith(("%", "％")) and len(t) > 1:
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
    return m.group().replace(" ", ""), c[m.end():].strip(" ：:")


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
        if not caption and len(flat) <= v.caption_max and not re.search(r"[。；;]", flat) and (
                v.numbered.match(line.replace("**", "").strip()) or flat.endswith(v.title_endings)
                or flat.startswith(v.continued)):
            caption = line.replace("**", "").strip()
        break
    return caption, tuple(notes)


# --- the grid -----------------------------------------------------------------------
def _is_year_heading(text: str, v: Vocab) -> bool:
    return bool(v.year.match(text)) or bool(re.fullmatch(r"(?:19|20)\d{2}", text))


def _row_numbers(row: tuple[str, ...], v: Vocab) -> int:
    return sum(1 for c in row if cell_number(c, v) is not None and not _is_year_heading(c, v))


def header_count(grid: list[tuple[str, ...]], v: Vocab) -> int:
    """Leading rows with no figures (years and headings only)."""
    h = 0
    for row in grid:
        if _row_numbers(row, v):
            break
        first = next((c for c in row if c), "")
        if h and re.match(r"^[一二三四五六七八九十]+、", first):
            break                                       # a numbered body row with no figures yet
        h += 1
    if h >= len(grid):
        return 1 if len(grid) > 1 else 0
    return min(h, 4)


def _collapse(path: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for p in path:
        if p and (not out or out[-1] != p):
            out.append(p)
    return tuple(out)


def _strip_marker(label: str, v: Vocab) -> tuple[str, str]:
    for mk in v.child_markers:
        if label.startswith(mk) and len(label) > len(mk):
            return mk, label[len(mk):].lstrip(" ：:")
    return "", label


@dataclass
class _Node:
    label: str
    indent: int
    marker: str
    parent: "_Node | None"
    in_group: bool = False
    ordinal: int | None = None           # the numbering style's level (一、 0, （一） 1, …)
    code: str = ""                       # the row's classification code (201, 20106, …)

    def path(self) -> tuple[str, ...]:
        out = []
        n: _Node | None = self
        while n is not None:
            out.append(n.label)
            n = n.parent
        return tuple(reversed(out))


def _ordinal(label: str, v: Vocab) -> int | None:
    return next((k for k, p in enumerate(v.ordinals) if p.match(label)), None)


def _place(label: str, indent: int, prev: _Node | None, root: _Node | None, v: Vocab) -> _Node:
    """Where a row goes in the hierarchy, given the row above: a total stands at the top; a
    numbered row goes under the nearest row numbered in an outer style; a 其中/# row under
    the row above; otherwise indentation decides (see the module docstring)."""
    node = _place_row(label, indent, prev, root, v)
    node.ordinal = _ordinal(node.label, v)
    if node.ordinal is not None:
        rest = v.ordinals[node.ordinal].sub("", node.label, count=1).strip()
        node.label = rest or node.label          # 一、食品烟酒 is 食品烟酒 in a path
    return node


def _place_row(label: str, indent: int, prev: _Node | None, root: _Node | None, v: Vocab) -> _Node:
    marker, text = _strip_marker(label, v)
    if text.endswith(v.totals) and not marker:
        return _Node(text, indent, "", root)
    level = _ordinal(text, v)
    if level is not None and not marker:
        n = prev
        while n is not None and n is not root and (n.ordinal is None or n.ordinal >= level):
            n = n.parent
        return _Node(text, indent, "", n if n is not None else root)
    if prev is None:
        return _Node(text, indent, marker, root)
    if marker:
        if indent > prev.indent:
            return _Node(text, indent, marker, prev)
        n: _Node | None = prev
        while n is not None and n is not root and n.indent > indent:
            n = n.parent
        if n is None or n is root:
            return _Node(text, indent, marker, root)
        if n.indent == indent:
            parent = n.parent if (n.marker or n.in_group) else n
            return _Node(text, indent, marker, parent)
        return _Node(text, indent, marker, n)
    n = prev
    while n is not None and n is not root and n.indent > indent:
        if n.marker and indent > n.indent - 1:
            break
        n = n.parent
    if n is None or n is root:
        return _Node(text, indent, "", root)
    if indent > n.indent:
        if n.marker and indent <= n.indent + len(n.marker) + v.sibling_slack:
            return _Node(text, indent, "", n.parent, in_group=True)     # aligned with the text after 其中：
        return _Node(text, indent, "", n)
    return _Node(text, indent, "", n.parent, in_group=n.in_group or bool(n.marker))


def _measure(headers: tuple[str, ...], v: Vocab) -> str | None:
    for h in reversed(headers):             # the innermost heading that says one
        flat = h.replace(" ", "")
        for w, m in v.measure_words:
            if w in flat:
                return m
    return None


def _year(headers: tuple[str, ...], v: Vocab) -> int | None:
    for h in reversed(headers):
        m = v.year.match(h) or re.fullmatch(r"((?:19|20)\d{2})", h)
        if m:
            return int(m.group(1))
    return None


def read_table(raw: RawTable, rules: RuleSet, *, index: int = 0, period: int | None = None,
               start: int | None = None) -> Table:
    """Give a grid its meaning (see the module docstring). ``period`` is the report's,
    used when neither the caption nor a column names a year."""
    v = vocab(rules)
    raw_grid = [tuple(c or "" for c in row) for row in raw.grid]
    grid = [tuple(clean(c) for c in row) for row in raw_grid]
    ncols = max((len(r) for r in grid), default=0)
    grid = [r + ("",) * (ncols - len(r)) for r in grid]
    number, title = split_caption(raw.caption, v)
    t_period = caption_year(title) or period
    t_unit = table_unit(raw, v)
    h = raw.header_rows if raw.header_rows is not None else header_count(grid, v)
    h = max(0, min(h, len(grid)))
    # columns: headings, then roles from the body
    def col_paths(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        return [_collapse([r[c] for r in rows]) for c in range(ncols)]

    # a heading row of one text over the whole width names a section, not a column level
    paths = col_paths([r for r in grid[:h] if not (len(set(r)) == 1 and ncols > 1)] or grid[:h])
    roles: list[str] = []
    body = grid[h:]
    for c in range(ncols):
        heads = paths[c]
        nums = sum(1 for r in body if cell_number(r[c], v) is not None)
        texts = sum(1 for r in body if r[c] and cell_number(r[c], v) is None and r[c] not in v.empty)
        if any(x in v.codes for x in heads):
            roles.append("code")
        elif any(x in v.unit_columns for x in heads):
            roles.append("unit")
        elif texts > nums or (any(x in v.label_headings for x in heads) and texts >= nums):
            roles.append("label")
        else:
            roles.append("data")
    label_cols = [c for c, r in enumerate(roles) if r == "label"]
    unit_col = next((c for c, r in enumerate(roles) if r == "unit"), None)
    cells: list[Cell] = []
    row_page = lambda i: raw.row_pages[i] if i < len(raw.row_pages) else raw.page  # noqa: E731
    for i in range(h):
        for c in range(ncols):
            cells.append(Cell(i, c, grid[i][c], "header", (), paths[c], page=row_page(i)))
    prev: dict[int, _Node | None] = {c: None for c in label_cols}
    coded: dict[int, list[_Node]] = {c: [] for c in label_cols}
    root: _Node | None = None
    for i in range(h, len(grid)):
        row = grid[i]
        filled = [x for x in row if x]
        nums = _row_numbers(row, v)
        # a row spanning the width names a section; a row of headings starts new columns
        if not nums and filled and len(set(filled)) == 1 and (len(filled) == ncols or len(filled) > 1):
            root = None                          # a section row is not part of the row paths
            prev = {c: None for c in label_cols}
            for c in range(ncols):
                cells.append(Cell(i, c, row[c], "section", (), (), page=row_page(i)))
            continue
        if not nums and len(set(filled)) >= 2 and any(x in v.label_headings for x in filled):
            paths = col_paths([row])
            for c in range(ncols):
                cells.append(Cell(i, c, row[c], "header", root.path() if root else (), paths[c], page=row_page(i)))
            prev = {c: None for c in label_cols}
            continue
        nodes: dict[int, _Node] = {}
        for c in label_cols:
            if not row[c]:
                continue
            if c - 1 in label_cols and row[c] == row[c - 1]:
                prev[c] = None                   # a label merged across columns belongs to the first
                continue
            indent = raw.indent[i] if c == label_cols[0] and i < len(raw.indent) and raw.indent else \
                leading_indent(raw_grid[i][c])
            code = _code(row, c, roles)
            if code:
                nodes[c] = _by_code(row[c], code, coded[c], root, v)
                coded[c].append(nodes[c])
            else:
                nodes[c] = _place(row[c], indent, prev[c], root, v)
            prev[c] = nodes[c]
        for c in range(ncols):
            role = roles[c]
            text = row[c]
            if role != "data":
                rp = nodes[c].path() if c in nodes else ()
                cells.append(Cell(i, c, text, role, rp, paths[c], page=row_page(i)))
                continue
            if c and roles[c - 1] == "data" and text and text == row[c - 1] and paths[c] == paths[c - 1]:
                cells.append(Cell(i, c, text, "span", (), paths[c], page=row_page(i)))
                continue                                  # a merged cell, read once at its first column
            rp = _row_path(c, roles, nodes, label_cols, root)
            cells.append(_data_cell(i, c, text, rp, paths[c], row, unit_col, t_unit, t_period, v, rules,
                                    row_page(i)))
    return Table(index=index, caption=f"{number} {title}".strip(), number=number, title=title, period=t_period,
                 unit=t_unit, header_rows=h, cells=tuple(cells), page=raw.page, pages=raw.pages,
                 origin=raw.origin, start=start, notes=raw.notes, n_rows=len(grid), n_cols=ncols)


def document_tables(doc: Any, rules: RuleSet) -> tuple[Table, ...]:
    """The tables of a :class:`~govextract.structure.document.Document`, each placed at its
    mark in the text and dated by the report's period when its caption gives no year."""
    from ..markup import TABLE

    if not doc.tables:
        return ()
    marks = [m.start() for m in re.finditer(TABLE, doc.text)]
    return tuple(read_table(raw, rules, index=i, period=doc.meta.period, start=marks[i] if i < len(marks) else None)
                 for i, raw in enumerate(doc.tables))


def _code(row: tuple[str, ...], c: int, roles: list[str]) -> str:
    """The classification code of a row, from the code columns just left of label column ``c``
    (类/款/项: 201 | 06 | 01 → 2010601)."""
    parts: list[str] = []
    k = c - 1
    while k >= 0 and roles[k] == "code":
        parts.insert(0, row[k].replace(" ", ""))
        k -= 1
    code = "".join(parts)
    return code if code.isdigit() and len(code) >= 3 else ""


def _by_code(label: str, code: str, seen: list[_Node], root: _Node | None, v: Vocab) -> _Node:
    """A coded row goes under the nearest row above whose code begins its own (201 → 20106)."""
    _, text = _strip_marker(label, v)
    parent = next((n for n in reversed(seen) if code.startswith(n.code) and code != n.code), root)
    level = _ordinal(text, v)
    if level is not None:
        text = v.ordinals[level].sub("", text, count=1).strip() or text
    return _Node(text, 0, "", parent, code=code)


def _row_path(c: int, roles: list[str], nodes: dict[int, _Node], label_cols: list[int],
              root: _Node | None) -> tuple[str, ...]:
    """The row path of a figure in column ``c``: the label columns just left of it (a unit or
    code column between is skipped), their paths joined, merged repeats dropped."""
    block: list[int] = []
    k = c - 1
    while k >= 0 and roles[k] != "label":
        k -= 1                           # the nearest label column to the left …
    while k >= 0 and roles[k] != "data":
        if roles[k] == "label":
            block.insert(0, k)           # … and the label columns just left of it
        k -= 1
    if not block and label_cols:
        block = [label_cols[0]]
    parts: list[str] = []
    for k in block:
        if k in nodes:
            parts.extend(nodes[k].path())
    if not parts and root is not None:
        parts = list(root.path())
    return _collapse(parts)


def _data_cell(i: int, c: int, text: str, row_path: tuple[str, ...], col_path: tuple[str, ...],
               row: tuple[str, ...], unit_col: int | None, t_unit: str, t_period: int | None, v: Vocab,
               rules: RuleSet, page: int | None) -> Cell:
    label = row_path[-1] if row_path else ""
    measure = _measure(col_path, v) or _measure((label,), v)
    year = _year(col_path, v) or _year((label,), v)
    num = cell_number(text, v)
    if measure is None:
        measure = "level"
    surface = next((u for hd in reversed(col_path) if (u := bracket_unit(hd, v, rules))), "")
    if not surface and unit_col is not None and row[unit_col] and measure in ("level", "index"):
        surface = row[unit_col]
    if not surface and col_path and measure == "level":
        surface = _count_unit(col_path[-1], v, rules)
    if not surface and label:
        surface = bracket_unit(label, v, rules) or ""
    if not surface and num is not None and num[1]:
        surface = "%"
    if not surface:
        surface = v.default_units.get(measure, "") or (t_unit if measure == "level" else "")
    reading = read_unit(surface, rules) if surface else None
    if measure == "index":
        reading = None
    unit, kind, dim = (reading.unit, reading.kind, reading.dimension) if reading else \
        ((surface if measure != "index" else ""), "other" if surface else "", "")
    value = None
    if num is not None:
        value = num[0]
        if reading is not None and reading.unit not in ("%", "‰", "百分点"):
            value = num[0] * reading.factor
        value = _tidy(value)
    return Cell(i, c, text, "data", row_path, col_path, value, unit or "", kind or "", dim or "", measure,
                year or t_period, page)


def _count_unit(header: str, v: Vocab, rules: RuleSet) -> str:
    """The measure word of a count header: 本年制发件数 → 件 (指数, 系数: none).

    >>> rules = load_rules(); v = vocab(rules)
    >>> _count_unit("本年制发件数", v, rules), _count_unit("参保人数", v, rules), _count_unit("指数", v, rules)
    ('件', '人', '')
    """
    for suffix in v.count_suffixes:
        if header.endswith(suffix) and len(header) > len(suffix):
            word = header[-len(suffix) - 1]
            reading = read_unit(word, rules)
            if reading is not None and reading.kind == "count" and reading.factor == 1:
                return word
    return ""


def _tidy(d: Decimal) -> Decimal:
    """A Decimal without exponent noise: 9026100, not 9.0261E+6."""
    q = d.normalize()
    if q == q.to_integral_value():
        return q.quantize(Decimal(1))
    return q

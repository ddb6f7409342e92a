"""Small frozen record types shared by every stage.

Offsets (``start``, ``end``) always index the normalised text of the report.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class DocumentMeta:
    """公文 elements (GB/T 9704) of one report."""

    issuer: str | None = None          # 发文机关
    doc_number: str | None = None      # 发文字号, e.g. 嘉环〔2025〕3号
    title: str | None = None           # the document's title (the 通知 wrapping a report, if any)
    report_title: str | None = None    # the title of the report itself
    recipients: str | None = None      # 主送机关
    date: str | None = None            # 成文日期, ISO
    period: int | None = None          # the year the report reviews
    region: str | None = None          # canonical full name, e.g. 上海市嘉定区
    region_code: str | None = None     # 6-digit 行政区划代码, e.g. 310114 (None for a place not in the table)
    kind: str | None = None            # 工作总结, 政府工作报告, 公报 ...
    speaker: str | None = None         # who delivered a work report, if stated
    notes: str | None = None           # where the clues disagree ("region: title says …, occasion says …")

    def as_record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Item:
    """One outline item: a numbered heading or a bold lead phrase."""

    level: int
    marker: str            # as written: 一、 （一） 1. （1） 一是, "" for a bold lead
    number: int | None     # the marker's number as an int, None for a bold lead
    title: str
    start: int             # offset of the marker (or of the bold lead)
    end: int               # offset where the item's section ends
    bold_lead: bool = False
    style: str = ""        # cn_dun, cn_paren, arabic_dot, arabic_paren, cn_shi, bold
    parent: int | None = None   # index of the parent item in the outline
    page: int | None = None

    @property
    def label(self) -> str:
        return f"{self.marker}{self.title}"


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quantity:
    """One number that measures or counts something.

    ``value`` is in the unit's normal form with multipliers applied
    (9.5万余个 → 95000 个). ``text`` is the surface as written.
    """

    text: str
    start: int
    end: int
    value: Decimal
    unit: str
    kind: str                    # percent, pp, money, physical, count, other
    value_max: Decimal | None = None
    approx: str = ""             # 余 多 近 约 超 逾 以上 左右 不足 ...
    change: str = ""             # up / down / ""
    subject: str = ""
    indicator: str | None = None
    measure: str | None = None   # level, growth_pct, growth_pp, share, target_level, ...
    target: bool = False
    dimension: str = ""
    confidence: float = 1.0      # below 1 when OCR read the digits with doubt
    also_indicators: tuple[str, ...] = ()   # other indicators one value is said of (A和B均达100%)
    notes: tuple[str, ...] = field(default=())
    period: int | None = None    # the year the value is for (set by indicator linking; None: the report's)
    five_year: bool = False      # from a five-year review or plan (年均, 十四五时期): an end-year value
    source: str = "text"         # text (a sentence) or table (a table cell)
    table: str = ""              # for a table cell: the table's caption
    row: str = ""                # for a table cell: its row path (一般公共预算支出 > 教育)
    column: str = ""             # for a table cell: its column path (2023年 > 绝对数)
    # Typed facts (issue 11/14): what the sentence says about the figure, as fields
    # compare branches on. ``notes`` are text for people only.
    base_period: int | None = None   # the year a change is measured from (比2010年增加 → 2010)
    basis: str = ""              # real (按可比价格计算) or nominal, when the text says
    average: bool = False        # an average rate over several years (年均增长)
    cumulative: bool = False     # a total over several years (累计完成, 五年来共)
    estimate: bool = False       # an estimate or preliminary figure (预计, 初步核算)
    threshold: bool = False      # a count of units past a line (超200亿元县2个), or a line crossed (突破)
    start_point: bool = False    # a starting point, not a result (起点, 基数)
    scope: str = ""              # a remark that narrows the figure (区本级, 规模以上, 剔除…后)
    place: str = ""              # a named part the figure is about (a city, county, zone), not the report's region


@dataclass(frozen=True)
class Exclusion:
    """A number that was seen and deliberately not taken as a quantity."""

    text: str
    start: int
    end: int
    rule: str                    # which exclusion rule matched, e.g. exclusions.yaml:names


@dataclass(frozen=True)
class RawTable:
    """A table as ingest read it: a grid of cell texts, before any meaning.

    Every form (text-layer PDF, DOCX, HTML, OCR, aligned plain text) produces
    these; :mod:`govextract.structure.tables` gives them captions, header rows,
    row paths, units and measures. A merged cell's text stands in every grid
    position it covers (gridSpan/vMerge, colspan/rowspan), so a two-level header
    reads ``("2023年", "2023年")`` over ``("绝对数", "增长%")``. An empty cell is ``""``.

    In :attr:`govextract.ingest.Source.text` the table stands as one
    :data:`govextract.markup.TABLE` mark on a line of its own, at the place the
    table had in the flow; the n-th mark is the n-th table of ``Source.tables``.
    """

    grid: tuple[tuple[str, ...], ...]     # rows of cell texts, all rows the same length
    page: int | None = None               # 1-based page of the first row (PDF/OCR/explicit DOCX breaks)
    caption: str = ""                     # 表3 2023年主要农产品产量, when the form gives it
    notes: tuple[str, ...] = ()           # lines said with the table: 单位：万元, 注：…
    indent: tuple[int, ...] = ()          # per row, the indent level of the first cell (0 = none), if known
    origin: str = ""                      # pdf-ruled, pdf-lines, pdf-aligned, docx, html, text, ocr
    pages: tuple[int, ...] = ()           # every page the table spans (a 续表 continued over a break)
    header_rows: int | None = None        # rows of column headings, when the form says (a 三线表's header rule)
    row_pages: tuple[int, ...] = ()       # per row, its 1-based page, when known


@dataclass(frozen=True)
class Cell:
    """One cell of a table, with its meaning.

    ``value`` is in the unit's normal form with multipliers applied (a level of
    2,940.05 under 单位：万元 is 29400500 元); a growth keeps its sign (-3.2 % is a
    fall). Blank, —, … and - cells have no value (they are not zero).
    """

    row: int                             # row index in the grid (0-based, header rows included)
    col: int                             # column index in the grid
    text: str                            # the cell as printed
    role: str                            # header, label, unit, code, data
    row_path: tuple[str, ...] = ()       # the row's label with its ancestors: (一般公共预算支出, 教育)
    column_path: tuple[str, ...] = ()    # the column's headings, top to bottom: (2023年, 绝对数)
    value: Decimal | None = None
    unit: str = ""                       # the unit's normal form (元, 吨, %, …)
    kind: str = ""                       # money, percent, pp, physical, count, other
    dimension: str = ""
    measure: str | None = None           # level, growth_pct, growth_pp, share, index
    period: int | None = None            # the year the figure is for
    page: int | None = None              # 1-based page of the row, when known

    @property
    def change(self) -> str:
        """up / down for a growth, from its sign."""
        if self.value is None or self.measure not in ("growth_pct", "growth_pp"):
            return ""
        return "down" if self.value < 0 else "up" if self.value > 0 else ""


@dataclass(frozen=True)
class Table:
    """A table read for meaning: its caption, period, unit and cells.

    ``start`` is the offset of the table's mark in the normalised text (where it
    stood in the flow); the n-th table of a report is the n-th mark.
    """

    index: int
    caption: str
    number: str                          # 表3, 续表3, "" when unnumbered
    title: str                           # the caption without its number
    period: int | None                   # the year in the caption (or the report's)
    unit: str                            # the unit said for the whole table (万元), as written
    header_rows: int
    cells: tuple[Cell, ...]
    page: int | None = None
    pages: tuple[int, ...] = ()
    origin: str = ""
    start: int | None = None
    notes: tuple[str, ...] = ()
    n_rows: int = 0
    n_cols: int = 0

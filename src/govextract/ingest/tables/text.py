"""Plain-text tables: consecutive lines cut into the same number of cells by tabs or by
runs of two or more spaces, most of them holding a figure.

>>> from govextract.rules import load_rules
>>> text, tables = find_text_tables("正文。\\n表1 产量\\n品种\\t产量（万吨）\\n粮食\\t902.61\\n  夏粮\\t508.58\\n结语。", load_rules())
>>> text.split("\\n")
['正文。', '表1 产量', '\\ue002', '结语。']
>>> tables[0].grid, tables[0].caption, tables[0].indent
((('品种', '产量（万吨）'), ('粮食', '902.61'), ('夏粮', '508.58')), '表1 产量', (0, 0, 1))
"""
from __future__ import annotations

import re
from typing import Any

from ...markup import TABLE
from ...models import RawTable

_CUT = re.compile(r"""
    \t+                      # tabs
  | [ \u00a0]{2,}            # two or more spaces
  | \u3000+                  # full-width spaces inside a line
""", re.VERBOSE)


_MAYBE = re.compile(r"\t|[ \u00a0]{2}|\u3000")    # anything a column gap could be


def _cells(line: str) -> list[str]:
    body = line.strip()
    if not body:
        return []
    return [c.strip() for c in _CUT.split(body)]


def find_text_tables(text: str, rules: Any) -> tuple[str, list[RawTable]]:
    """Replace aligned blocks of ``text`` by TABLE marks; return the text and the grids."""
    if not _MAYBE.search(text):
        return text, []
    from ...structure.tables import cell_number, leading_indent, table_caption, vocab

    v = vocab(rules)
    lines = text.split("\n")
    out: list[str] = []
    tables: list[RawTable] = []
    i = 0
    while i < len(lines):
        cells = _cells(lines[i])
        j = i
        block: list[list[str]] = []
        while j < len(lines):
            cs = _cells(lines[j])
            if len(cs) < 2 or max(len(c) for c in cs) > 40 or (block and len(cs) != len(block[-1])
                                                               and len(cs) != len(block[0])):
                break
            block.append(cs)
            j += 1
        numeric = sum(1 for row in block if any(cell_number(c, v) is not None for c in row[1:]))
        if len(block) >= 2 and numeric >= max(1, len(block) // 2) and cells:
            n = max(len(r) for r in block)
            grid = tuple(tuple(r + [""] * (n - len(r))) for r in block)
            indent = tuple(leading_indent(lines[k].lstrip("\t")) if not lines[k].startswith("\t") else 0
                           for k in range(i, j))
            base = min(indent)
            caption, notes = table_caption(out[-3:], rules)
            tables.append(RawTable(grid=grid, caption=caption, notes=notes,
                                   indent=tuple(x - base for x in indent), origin="text"))
            out.append(TABLE)
            i = j
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out), tables

"""Three-line tables (``pdf-lines``, 三线表: long horizontal rules, columns from the few
vertical rules or the white gutters between glyphs) and unruled tables under a numbered
caption (``pdf-aligned``: lines whose glyphs stand in aligned columns).
"""
from __future__ import annotations

from ...structure.tables import Vocab
from .pdf_glyphs import Char, PageTable, is_caption, line_box, line_text, segments
from .pdf_ruled import snap

__all__ = ["aligned_table", "rule_groups", "three_line"]


def rule_groups(hs: list[dict], lines: list[list[Char]], v: Vocab, size: float) -> list[list[dict]]:
    """Long horizontal rules grouped into tables: same horizontal extent, and no caption
    line between them."""
    hs = sorted(hs, key=lambda e: e["top"])
    groups: list[list[dict]] = []
    for e in hs:
        if groups:
            last = groups[-1][-1]
            if e["top"] - last["top"] < 1.5:
                continue                                      # a double rule
            same = abs(e["x0"] - last["x0"]) < 2 * size and abs(e["x1"] - last["x1"]) < 2 * size
            between = [ln for ln in lines if last["top"] < line_box(ln)[1] and line_box(ln)[3] < e["top"]]
            caption = any(is_caption(line_text(ln), v) for ln in between)
            if same and not caption:
                groups[-1].append(e)
                continue
        groups.append([e])
    return [g for g in groups if len(g) >= 2]


def _gutters(lines: list[list[Char]], x0: float, x1: float, size: float) -> list[float]:
    """Column boundaries: x positions in white gutters that no body line crosses."""
    step = 1.0
    n = int((x1 - x0) / step) + 2
    cover = [0] * n
    for ln in lines:
        for c in ln:
            a, b = int((c["x0"] - x0) / step), int((c["x1"] - x0) / step)
            for k in range(max(a, 0), min(b + 1, n)):
                cover[k] += 1
    bounds = [x0]
    k = 0
    while k < n:
        if cover[k] == 0:
            j = k
            while j < n and cover[j] == 0:
                j += 1
            if (j - k) * step >= 1.2 * size and k > 0 and j < n:
                bounds.append(x0 + (k + j) / 2 * step)
            k = j
        else:
            k += 1
    bounds.append(x1)
    return bounds


def _cells(ln: list[Char], cols: list[float]) -> list[list[Char]]:
    out: list[list[Char]] = [[] for _ in range(len(cols) - 1)]
    for c in ln:
        mid = (c["x0"] + c["x1"]) / 2
        k = max(0, min(len(cols) - 2, next((i for i in range(len(cols) - 1) if mid < cols[i + 1]), len(cols) - 2)))
        out[k].append(c)
    return out


def _header_rows(lines: list[list[Char]], cols: list[float]) -> list[list[str]]:
    """Header lines → header rows: a text spanning several columns is a level of its own
    (repeated over the columns it spans); lines that only wrap a heading are joined."""
    rows: list[list[str]] = []
    joining = False
    for ln in lines:
        segs = segments(ln)
        spanning = []
        for seg in segs:
            a, b = line_box(seg)[0], line_box(seg)[2]
            covered = [i for i in range(len(cols) - 1)
                       if min(b, cols[i + 1]) - max(a, cols[i]) > 0.25 * (b - a)]
            spanning.append(covered)
        if any(len(cv) > 1 for cv in spanning):
            row = [""] * (len(cols) - 1)
            for seg, cv in zip(segs, spanning):
                for i in cv:
                    row[i] = (row[i] + line_text(seg)).strip()
            rows.append(row)
            joining = False
            continue
        cells = [line_text(c) if c else "" for c in _cells(ln, cols)]
        if joining and rows:
            rows[-1] = [(a + b) for a, b in zip(rows[-1], cells)]
        else:
            rows.append(cells)
            joining = True
    return rows


def _grid_from_lines(header: list[list[Char]], body: list[list[Char]], cols: list[float],
                     size: float) -> tuple[list[list[str]], list[int]]:
    hrows = _header_rows(header, cols) if header else []
    rows = [[line_text(c) if c else "" for c in _cells(ln, cols)] for ln in body]
    firsts = [min((c["x0"] for c in ln if (c["x0"] + c["x1"]) / 2 < cols[1]), default=None) for ln in body]
    base = min((f for f in firsts if f is not None), default=0.0)
    indent = [0] * len(hrows) + [int(round((f - base) / size)) if f is not None else 0 for f in firsts]
    return hrows + rows, indent


def three_line(group: list[dict], lines: list[list[Char]], vs: list[dict], size: float) -> PageTable | None:
    top, bottom = group[0]["top"], group[-1]["bottom"]
    x0, x1 = min(e["x0"] for e in group), max(e["x1"] for e in group)
    inside = [ln for ln in lines if top < (line_box(ln)[1] + line_box(ln)[3]) / 2 < bottom
              and x0 - size < line_box(ln)[0] and line_box(ln)[2] < x1 + size]
    if len(inside) < 2:
        return None
    split = group[1]["top"] if len(group) >= 3 else None
    header = [ln for ln in inside if split is not None and (line_box(ln)[1] + line_box(ln)[3]) / 2 < split]
    body = [ln for ln in inside if ln not in header]
    if not body:
        return None
    cross = sorted({round(e["x0"], 1) for e in vs if x0 + size < e["x0"] < x1 - size
                    and min(e["bottom"], bottom) - max(e["top"], top) > 0.6 * (bottom - top)})
    cols = [x0, *snap(cross, 2.0), x1] if cross else _gutters(body, x0, x1, size)
    if len(cols) < 3:
        return None
    grid, indent = _grid_from_lines(header, body, cols, size)
    return PageTable(x0, top, x1, bottom, grid, "pdf-lines", len(_header_rows(header, cols)) if header else None,
                     indent, cols=cols)


def aligned_table(lines: list[list[Char]], start: int, v: Vocab, size: float, width: float) -> tuple[PageTable, int] | None:
    """An unruled table under the caption line ``lines[start]``: the lines after it that
    fall into aligned columns. Returns the table and the index of its last line."""
    body: list[list[Char]] = []
    k = start + 1
    while k < len(lines):
        ln = lines[k]
        text = line_text(ln)
        if is_caption(text, v) or v.unit_notes.match(text.replace(" ", "")):
            if body:
                break
            k += 1
            continue
        if len(segments(ln)) < 2:
            break
        if body and line_box(ln)[1] - line_box(body[-1])[3] > 2.5 * size:
            break
        body.append(ln)
        k += 1
    if len(body) < 2:
        return None
    x0 = min(line_box(ln)[0] for ln in body)
    x1 = max(line_box(ln)[2] for ln in body)
    cols = _gutters(body, x0, x1, size)
    if len(cols) < 3:
        return None
    grid, indent = _grid_from_lines([], body, cols, size)
    top, bottom = line_box(body[0])[1], line_box(body[-1])[3]
    return PageTable(x0, top, x1, bottom, grid, "pdf-aligned", None, indent, cols=cols), k - 1

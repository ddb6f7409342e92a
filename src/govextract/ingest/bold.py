"""Bold runs: tidy the ``**`` markup of one paragraph under a bold policy, and the
outline markers (一、 （一） 1. ① 一是) that make bold in a heading redundant.
"""
from __future__ import annotations

import re

from ..markup import BOLD, PAGE

__all__ = ["OUTLINE_START", "tidy_bold"]


OUTLINE_START = re.compile(r"""
    ^ (?: [一二三四五六七八九十百]+ [、.．]                 # 一、
        | [（(] [一二三四五六七八九十百\d]+ [）)]            # （一） (1)
        | \d{1,3} [.．、] (?!\d)                          # 1. 1．  1、 (not 1.5)
        | [①-⑳]                                          # ①
        | [一二三四五六七八九十]+ 是                         # 一是
        | 第 [一二三四五六七八九十]+ [,，、]                   # 第一，
    )
""", re.VERBOSE)

_PUNCT_EDGE = "，。、；：！？,.;:!? \u3000"   # sentence punctuation ends a bold run; brackets and quotes stay inside


def tidy_bold(para: str, policy: str = "leads") -> str:
    """Tidy the ``**`` runs of one paragraph and apply the bold ``policy``.

    Runs are merged when adjacent and emptied when blank; trailing punctuation
    moves out of a run. ``all`` keeps every run; ``none`` drops them; ``leads``
    keeps runs that are evidence of a bold-lead outline item, and drops runs in the
    heading of a paragraph that begins with a numbered marker (up to its first 。):
    the number already makes it an outline item.

    >>> tidy_bold("**（一）加强建设。**持续开展。**推进VOCs综合治理。**开展检查。")
    '（一）加强建设。持续开展。**推进VOCs综合治理**。开展检查。'
    >>> tidy_bold("（**二）加强**建设。**推进治理**，开展检查。"), tidy_bold("三、高水平推进污**染防治攻**坚")
    ('（二）加强建设。**推进治理**，开展检查。', '三、高水平推进污染防治攻坚')
    >>> tidy_bold("**甲****乙**丙**  **")
    '**甲乙**丙  '
    >>> tidy_bold("**推进治理**，开展检查", "none")
    '推进治理，开展检查'
    """
    if BOLD not in para:
        return para
    parts = para.split(BOLD)
    if len(parts) % 2 == 0:          # unbalanced: close the last run at the end
        parts.append("")
    # parts: plain, bold, plain, bold, ..., plain
    runs: list[tuple[str, bool]] = []
    for i, chunk in enumerate(parts):
        if chunk:
            b = i % 2 == 1
            if runs and runs[-1][1] == b:
                runs[-1] = (runs[-1][0] + chunk, b)
            else:
                runs.append((chunk, b))
    # a paragraph that opens with a numbered marker: its heading runs to the first
    # full stop (or is the whole paragraph); bold there adds nothing to the number
    plain = "".join(r[0] for r in runs)
    lead = len(plain) - len(plain.lstrip(" \u3000" + PAGE))
    heading_end = 0
    if OUTLINE_START.match(plain[lead:]):
        stop = plain.find("。", lead)
        heading_end = stop + 1 if stop >= 0 else len(plain)
    out: list[str] = []
    offset = 0
    for i, (chunk, b) in enumerate(runs):
        offset += len(runs[i - 1][0]) if i else 0
        if not b:
            out.append(chunk)
            continue
        core = chunk.rstrip(_PUNCT_EDGE)
        tail = chunk[len(core):]
        lead = core[: len(core) - len(core.lstrip(" \u3000"))]
        core = core[len(lead):]
        keep = bool(core.strip(PAGE)) and policy != "none"
        if keep and policy == "leads" and heading_end and offset < heading_end:
            keep = False                  # bold inside the heading of a numbered item
        if keep:
            # a page mark at either edge stays outside the run
            pre = core[: len(core) - len(core.lstrip(PAGE))]
            post = core[len(core.rstrip(PAGE)):]
            out.append(lead + pre + BOLD + core.strip(PAGE) + BOLD + post + tail)
        else:
            out.append(lead + core + tail)
    return "".join(out)

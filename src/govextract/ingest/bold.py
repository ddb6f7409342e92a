"""Bold runs: tidy the ``**`` markup of one paragraph under a bold policy, and the
outline markers (一、 （一） 1. ① 一是) that make bold in a heading redundant.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..markup import BOLD, PAGE
from ..structure.grammar import grammar, words

if TYPE_CHECKING:  # pragma: no cover
    import regex

    from ..rules import RuleSet

__all__ = ["outline_start", "tidy_bold"]


def outline_start(rules: RuleSet | None = None) -> "regex.Pattern[str]":
    """The start of a numbered or 一是 item, however loosely set: ``grammar.outline_start`` of
    rules/documents.yaml (the shipped rules without ``rules``).

    >>> [bool(outline_start().match(s)) for s in ("（一）加强", "1.5%", "第一，", "二是", "加强")]
    [True, False, True, True, False]
    """
    return grammar(rules.documents if rules is not None else None, "outline_start")


def tidy_bold(para: str, policy: str = "leads", rules: RuleSet | None = None) -> str:
    """Tidy the ``**`` runs of one paragraph and apply the bold ``policy``.

    Runs are merged when adjacent and emptied when blank; trailing punctuation
    moves out of a run. ``all`` keeps every run; ``none`` drops them; ``leads``
    keeps runs that are evidence of a bold-lead outline item, and drops runs in the
    heading of a paragraph that begins with a numbered marker (up to its first 。):
    the number already makes it an outline item. The marker (``grammar.outline_start``), the
    full stop (``full_stop``) and the punctuation that leaves a run (``bold_trim``) are those of
    rules/documents.yaml in ``rules`` (the shipped rules without it).

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
    doc = rules.documents if rules is not None else None
    spaces = "".join(words(doc, "line_spaces", ()))
    lead = len(plain) - len(plain.lstrip(spaces + PAGE))
    heading_end = 0
    if outline_start(rules).match(plain[lead:]):
        full_stop = words(doc, "full_stop")
        stop = plain.find(full_stop, lead) if full_stop else -1
        heading_end = stop + 1 if stop >= 0 else len(plain)
    out: list[str] = []
    offset = 0
    for i, (chunk, b) in enumerate(runs):
        offset += len(runs[i - 1][0]) if i else 0
        if not b:
            out.append(chunk)
            continue
        core = chunk.rstrip(words(doc, "bold_trim"))
        tail = chunk[len(core):]
        lead = core[: len(core) - len(core.lstrip(spaces))]
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

"""The words between an indicator's name and its numbers."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .lexicon import Lexicon, _year

@dataclass(frozen=True)
class Gap:
    cats: frozenset[str]
    words: tuple[str, ...]
    year: int | None          # an explicit year written in the gap (2025年的)
    base_year: int | None     # 比2002年: compared with another year
    only_list: bool           # nothing but a list separator (、 和)
    remarks: tuple[str, ...] = ()   # remarks skipped between name and value (剔除虚增空转因素后)


def read_gap(gap: str, lex: Lexicon) -> Gap | None:
    """Tokenise the words between a name and a number; None when an unknown word occurs.

    >>> from govextract.rules import load_rules
    >>> from govextract.extract.indicators import lexicon, region_names
    >>> lex = lexicon(load_rules())
    >>> g = read_gap("，按可比价计算，同比增长", lex)
    >>> sorted(g.cats)
    ['comparison', 'punctuation', 'real', 'up']
    >>> read_gap("，没收违法所得", lex) is None
    True
    >>> read_gap("比2002年增长", lex).base_year
    2002
    """
    i, n = 0, len(gap)
    cats: set[str] = set()
    words: list[str] = []
    year = base = None
    while i < n:
        if gap[i].isspace():
            i += 1
            continue
        ym = lex.year_re.match(gap, i)
        if ym:
            y = _year(ym.group("y"))
            if words and lex.words.get(words[-1]) == "base_year":
                base = y
            else:
                year = y
            words.append(ym.group())
            i = ym.end()
            continue
        for L in range(min(lex.max_word, n - i), 0, -1):
            w = gap[i:i + L]
            if w in lex.words:
                cats.add(lex.words[w])
                words.append(w)
                i += L
                break
        else:
            return None
    if "base_year" in cats and base is None:
        cats.discard("base_year")  # 比 / 较 alone: 比上年 is matched whole; a stray 比 is harmless
    only_list = bool(words) and all(lex.words.get(w) in ("list", "punctuation", "respectively") for w in words) \
        and any(lex.words.get(w) == "list" for w in words)
    return Gap(frozenset(cats), tuple(words), year, base, only_list)


def _aside(gap: str, lex: Lexicon) -> Gap | None:
    """地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%: skip short remarks without
    numbers when the last piece is pure linking vocabulary with a growth or level word."""
    pieces = lex.aside_re.split(gap)
    if len(pieces) < 3 or len(pieces) > 4 or any(len(p) > 16 for p in pieces[1:-1]):
        return None
    g = read_gap(pieces[-1], lex)
    if g is None or not g.cats & {"up", "down", "improve", "growth_noun"}:
        return None
    return Gap(g.cats | {"punctuation"}, (*lex.commas[:1], *g.words), g.year, g.base_year, False)


def read_link_gap(gap: str, lex: Lexicon) -> Gap | None:
    """The words between a name (or the value before) and a value, as linking reads them:
    linking words only, or short remarks then linking words (:func:`_aside`), or a remark that
    narrows the figure (剔除虚增空转因素后, （全口径）), skipped and kept in ``remarks``.

    >>> from govextract.rules import load_rules
    >>> from govextract.extract.indicators import lexicon
    >>> g = read_link_gap("剔除虚增空转因素后完成", lexicon(load_rules()))
    >>> sorted(g.cats), g.remarks
    (['level'], ('剔除虚增空转因素后',))
    """
    g = read_gap(gap, lex) or _aside(gap, lex)
    if g is not None:
        return g
    remarks = tuple(m.group() for m in lex.remark_re.finditer(gap))
    if not remarks:
        return None
    g = read_gap(lex.remark_re.sub("", gap), lex)
    return replace(g, remarks=remarks) if g is not None else None

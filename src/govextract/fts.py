"""Words for full-text search: jieba words, with chemical and unit tokens kept whole.

One :class:`Segmenter` cuts everything the store touches: the text that goes
into the FTS5 index, the query of ``govextract search``, the query typed into
Datasette's search box (the plugin in :mod:`govextract.datasette_plugin`), and
the snippet that highlights the hits. The tokens listed under ``tokens:`` in
``rules/terms.yaml`` (PM2.5, μg/m3, SO2, 5G …) and decimal numbers (15.4) are
cut out first and kept whole; jieba cuts the rest. FTS5's ``unicode61``
tokenizer is told to keep the symbols inside those tokens (``tokenchars``), so
"PM2.5" is one token in the index and in the query, and a "5" never matches it.

>>> from govextract.rules import load_rules
>>> seg = Segmenter.from_rules(load_rules())
>>> seg.index_tokens("PM2.5平均浓度为29.4μg/m3")
'PM2.5 平均 浓度 为 29.4 μg/m3'
>>> seg.query_terms("蓝天保卫战 PM2.5")
['蓝天', '保卫战', 'PM2.5']
>>> seg.query_terms("营商环境")
['营商', '环境']
>>> seg.highlight("PM2.5浓度15.4μg/m3，下降5%", ["PM2.5"])
'[PM2.5]浓度15.4μg/m3，下降5%'
>>> seg.highlight("PM2.5浓度15.4μg/m3，下降5%", ["5"])
'PM2.5浓度15.4μg/m3，下降[5]%'
>>> seg.highlight("全面完成入河排污口整治。", ["排污口", "整治"])
'全面完成入河[排污口][整治]。'
>>> seg.fts5_tokenize()
"unicode61 tokenchars './'"
>>> to_fts_query(["入河排污口", "整治"])
'"入河排污口" AND "整治"'
>>> to_fts_query([])
''
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Sequence

import regex as re

if TYPE_CHECKING:  # pragma: no cover
    import jieba

    from .rules import RuleSet

#: a decimal number, kept whole so that "15.4" is one word, not "15" and "4"
_DECIMAL = r"""
    (?<![0-9A-Za-z.])             # not inside a longer number or word
    [0-9]+ (?: \. [0-9]+ )+       # digits, a point, digits
    (?![0-9A-Za-z])               # and nothing alphanumeric straight after
"""


def _wordlike(tok: str) -> bool:
    return any(c.isalnum() for c in tok)


def whole_tokens(rules: "RuleSet") -> tuple[str, ...]:
    """The tokens that search keeps whole (``tokens:`` in ``rules/terms.yaml``).

    >>> from govextract.rules import load_rules
    >>> "PM2.5" in whole_tokens(load_rules())
    True
    """
    return tuple(rules.terms.get("tokens", ()))


@dataclass(frozen=True)
class Segmenter:
    """jieba (with the domain terms) plus the whole tokens; build with :meth:`from_rules`."""

    tokenizer: "jieba.Tokenizer"
    tokens: tuple[str, ...]
    whole: "re.Pattern[str]"

    @classmethod
    def from_rules(cls, rules: "RuleSet", tokenizer: "jieba.Tokenizer | None" = None) -> "Segmenter":
        from .structure.segment import make_tokenizer

        tokens = whole_tokens(rules)

        def alts(keep) -> str:
            return "|".join(re.escape(t) for t in sorted(filter(keep, tokens), key=len, reverse=True)) or "(?!)"
        listed = rf"""
            | (?<![0-9A-Za-z.])       # a listed token that starts with a digit (5G), not after one
              (?: {alts(lambda t: t[:1].isdigit())} )
              (?![0-9A-Za-z])         # nor followed by one
            | (?<![A-Za-z])           # a listed token that starts otherwise (NO2, μg/m3 after 29.4)
              (?: {alts(lambda t: not t[:1].isdigit())} )
              (?![0-9A-Za-z])         # not the head of a longer word
        """ if tokens else ""
        whole = re.compile(_DECIMAL + listed, re.VERBOSE | re.IGNORECASE)
        return cls(tokenizer or make_tokenizer(rules), tokens, whole)

    def description(self) -> str:
        """What the index was built with, stored in the store's ``meta`` table."""
        return (f"jieba search mode HMM=False, whole: decimals {' '.join(self.tokens)}; "
                f"fts5 (tokens, section) {self.fts5_tokenize()}")

    def fts5_tokenize(self) -> str:
        """The FTS5 ``tokenize`` option: unicode61, keeping the symbols inside whole tokens."""
        chars = {"."} | {c for t in self.tokens for c in t if not c.isalnum() and not c.isspace()}
        return "unicode61 tokenchars '" + "".join(sorted(chars)).replace("'", "''") + "'"

    def words(self, text: str, *, search: bool = True) -> Iterator[tuple[str, int, int]]:
        """``(word, start, end)`` for every word of ``text``; in search mode also the shorter
        dictionary words inside a long one (入河排污口 → 排污, 排污口, 入河排污口)."""
        mode = "search" if search else "default"
        pos = 0
        for m in [*self.whole.finditer(text), None]:
            stop = m.start() if m else len(text)
            if stop > pos:
                for w, s, e in self.tokenizer.tokenize(text[pos:stop], mode=mode, HMM=False):
                    if _wordlike(w):
                        yield w, pos + s, pos + e
            if m:
                yield m.group(), m.start(), m.end()
                pos = m.end()

    def index_tokens(self, text: str) -> str:
        """The text as it goes into FTS: search-mode words, space-joined."""
        return " ".join(w for w, _, _ in self.words(text or ""))

    def query_terms(self, query: str) -> list[str]:
        """The words of a query: each space-separated part cut in precise mode."""
        terms: list[str] = []
        for part in query.split():
            for w, _, _ in self.words(part, search=False):
                if w not in terms:
                    terms.append(w)
        return terms

    def hit_spans(self, text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
        """Where the text has a word equal to a term (as the index sees it); overlaps merge."""
        want = {t.lower() for t in terms}
        found = sorted((s, e) for w, s, e in self.words(text) if w.lower() in want)
        spans: list[tuple[int, int]] = []
        for s, e in found:
            if spans and s < spans[-1][1]:
                spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
            else:
                spans.append((s, e))
        return spans

    def highlight(self, text: str, terms: Sequence[str], *, open_: str = "[", close: str = "]",
                  width: int = 0) -> str:
        """``text`` with every word that matched a term wrapped; cut to about ``width``
        characters around the first hit when ``width`` is set."""
        return mark(text, self.hit_spans(text, terms), open_=open_, close=close, width=width)


def mark(text: str, spans: list[tuple[int, int]], *, open_: str = "[", close: str = "]", width: int = 0) -> str:
    """Wrap the spans of ``text``; cut to about ``width`` characters around the first one.

    >>> mark("全面完成入河排污口整治。", [(4, 9)], width=8)
    '…完成[入河排污口]整…'
    >>> mark("abc", [])
    'abc'
    """
    dots = chr(0x2026)  # the ellipsis
    if width and len(text) > width:
        first = spans[0][0] if spans else 0
        lo = max(0, min(first - width // 3, len(text) - width))
        hi = min(len(text), lo + width)
        spans = [(max(s, lo) - lo, min(e, hi) - lo) for s, e in spans if e > lo and s < hi]
        text = (dots if lo else "") + text[lo:hi] + (dots if hi < len(text) else "")
        shift = 1 if lo else 0
        spans = [(s + shift, e + shift) for s, e in spans]
    out, pos = [], 0
    for s, e in spans:
        out += [text[pos:s], open_, text[s:e], close]
        pos = e
    out.append(text[pos:])
    return "".join(out)


def to_fts_query(terms: Sequence[str], op: str = "AND") -> str:
    """An FTS5 query that needs every term (or, with ``op="OR"``, any); each term quoted,
    so no operator syntax leaks in."""
    return f" {op} ".join('"' + t.replace('"', '""') + '"' for t in terms)

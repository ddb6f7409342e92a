"""OCR glyph repairs: what a recogniser gets wrong in Chinese text, put right on each line.

* ``‰`` read as ``%o`` (:func:`permille`);
* ASCII punctuation beside Chinese text, where the page printed the full-width form
  (:func:`fullwidth_punctuation`);
* numbers: letters read for digits are repaired, and numbers that are malformed or
  read with low confidence are marked as doubtful (:func:`mark_doubts`).

Characters are named by code point: the full-width form of an ASCII character is
its code point plus 0xFEE0 (Unicode's Halfwidth and Fullwidth Forms block).
"""
from __future__ import annotations

import re

from .layout import Glyph


def fullwidth(ch: str) -> str:
    """The full-width form of a printable ASCII character.

    >>> fullwidth("(") == "\\uff08", fullwidth(",") == "\\uff0c"
    (True, True)
    """
    return chr(ord(ch) + 0xFEE0)


_PERMILLE = re.compile(r"""
    (?<= [0-9] ) % [oO0] (?! [0-9A-Za-z] )   # 8.47%o: the recogniser reads ‰ as % and a small o
""", re.VERBOSE)


def permille(glyphs: list[Glyph]) -> None:
    """``‰`` read as ``%o`` (or ``%0``) after a number becomes ``‰`` again (in place).

    >>> gs = [Glyph(c, i, i + 1) for i, c in enumerate("出生率8.47%o；增长5%。")]
    >>> permille(gs); "".join(g.text for g in gs)
    '出生率8.47‰；增长5%。'
    """
    text = "".join(g.text for g in glyphs)
    if "%" not in text or len(text) != len(glyphs):
        return
    for m in reversed(list(_PERMILLE.finditer(text))):
        s = m.start()
        glyphs[s].text = "‰"
        glyphs[s].x1 = glyphs[s + 1].x1
        del glyphs[s + 1]


#: ASCII punctuation → the form printed in Chinese text: full-width, and for < > the CJK
#: angle brackets (U+3008, U+3009), which a recogniser reads as less-than and greater-than
_FULLWIDTH = {c: fullwidth(c) for c in "():,;!?"} | {"<": chr(0x3008), ">": chr(0x3009)}
_OPEN, _CLOSE = ("(", fullwidth("(")), (")", fullwidth(")"))
#: Chinese text beside a mark: CJK ideographs, CJK punctuation (with the book-title marks and
#: the enumeration comma), full-width forms, and curly quotes
_CJK_SIDE = re.compile(r"""[\u3400-\u9fff\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d]""")


def fullwidth_punctuation(glyphs: list[Glyph]) -> None:
    """OCR cannot tell ( from （: punctuation next to Chinese text is the full-width
    form, as the document printed it (in place). Between digits it stays ASCII.

    A closing bracket takes the form of the bracket it closes.

    >>> gs = [Glyph(c, 0, 1) for c in "(一)加强建设:完成1,234个,增长5%;《方案>框架》a>1"]
    >>> fullwidth_punctuation(gs); "".join(g.text for g in gs)
    '（一）加强建设：完成1,234个，增长5%；《方案〉框架》a>1'
    >>> gs = [Glyph(c, 0, 1) for c in "指数(以上年为100)"]
    >>> fullwidth_punctuation(gs); "".join(g.text for g in gs)
    '指数（以上年为100）'
    """
    text = [g.text for g in glyphs]
    opened: list[str] = []                  # the brackets open so far, as now written
    for i, ch in enumerate(text):
        if ch in _OPEN:
            opened.append(ch)
        elif ch in _CLOSE and opened:
            if opened.pop() != "(" and ch == ")":
                glyphs[i].text = _FULLWIDTH[ch]
                continue
        if ch not in _FULLWIDTH:
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if prev.isdigit() and nxt.isdigit():
            continue
        if ch in "<>":                      # 〈 〉 only inside Chinese text on both sides
            if _CJK_SIDE.match(prev) and _CJK_SIDE.match(nxt):
                glyphs[i].text = _FULLWIDTH[ch]
            continue
        opening = ch == "("
        if (opening and (_CJK_SIDE.match(nxt) or _CJK_SIDE.match(prev) or not prev)) or \
                (not opening and (_CJK_SIDE.match(prev) or _CJK_SIDE.match(nxt) or prev in ("%", _CLOSE[1]))):
            glyphs[i].text = _FULLWIDTH[ch]
            if opening:
                opened[-1] = glyphs[i].text


#: letters read for digits; U+3007 is the ideographic number zero
_CONFUSABLE = {"O": "0", "o": "0", chr(0x3007): "0", "l": "1", "I": "1", "|": "1"}
#: the full-width comma and full stop: never right inside a number
_FULL_SEPARATORS = (fullwidth(","), fullwidth("."))
_TO_ASCII = str.maketrans({fullwidth(c): c for c in ",."})

_NUMBER = re.compile(r"""
    [0-9]                                   # starts with a digit
    (?: [0-9.,\uff0c\uff0e:]                 # digits and separators (also the full-width , and .)
      | [Ool\u3007I|] (?=[.,]?[0-9])         # a letter that looks like a digit, before a digit
    )*
    (?<! [.,\uff0c\uff0e:] )                  # not ending in a separator
    %?                                      # a percent sign belongs to the number
""", re.VERBOSE)

_WELL_FORMED = re.compile(r"""
    ^ (?: \d{1,3} (?: ,\d{3} )+ | \d+ )      # 1234 or 1,234
      (?: \. \d+ )?                          # one decimal part
      %? $
""", re.VERBOSE)


def mark_doubts(glyphs: list[Glyph], confs: list[float], doubt_below: float, doubt_ids: list[int]) -> None:
    """Find the numbers in a line; repair letters read for digits; wrap numbers
    that are malformed or read with low confidence as doubtful (in place).

    ``doubt_ids`` is a one-element counter shared by the whole document.

    >>> gs = [Glyph(c, i, i + 1) for i, c in enumerate("优良率为88.6%，增长1O.5个")]
    >>> mark_doubts(gs, [0.99] * 8 + [0.70] + [0.99] * 12, 0.9, [0])
    >>> "".join(g.text for g in gs), [(g.text, round(g.doubt, 2)) for g in gs if g.doubt_id]
    ('优良率为88.6%，增长10.5个', [('8', 0.7), ('8', 0.7), ('.', 0.7), ('6', 0.7), ('%', 0.7), ('1', 0.5), ('0', 0.5), ('.', 0.5), ('5', 0.5)])
    """
    text = "".join(g.text for g in glyphs)
    if len(text) != len(glyphs):          # multi-character glyphs: leave the line alone
        return
    for m in _NUMBER.finditer(text):
        s, e = m.span()
        token = text[s:e]
        conf = min(confs[s:e]) if confs[s:e] else 1.0
        repaired = "".join(_CONFUSABLE.get(ch, ch) for ch in token)
        malformed = repaired != token or not _WELL_FORMED.match(repaired.translate(_TO_ASCII))
        if repaired != token:
            for k, ch in enumerate(repaired):
                glyphs[s + k].text = ch
        if any(c in token for c in _FULL_SEPARATORS) or token.count(".") > 1 or ":" in token:
            malformed = True
        if malformed:
            conf = min(conf, 0.5)
        if conf < doubt_below:
            doubt_ids[0] += 1
            for k in range(s, e):
                glyphs[k].doubt = conf
                glyphs[k].doubt_id = doubt_ids[0]

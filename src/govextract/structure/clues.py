"""Clues to a report's metadata, each read from one place in its front matter.

Every reader returns :class:`Clue` rows (field, value, where it was read);
:mod:`govextract.structure.metadata` reconciles them, so a clue that is missing
never blanks what the others say. The words are in ``rules/documents.yaml``.

>>> from govextract.rules import load_rules
>>> lines = ["2023年周口市国民经济和社会发展统计公报", "周口市统计局2024年4月29日"]
>>> [(c.field, c.value) for c in signature_clues(lines, load_rules().documents)]
[('issuer', '周口市统计局'), ('date', '2024-04-29')]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import regex as re

from ..extract.numbers import parse_int
from ..rules import shipped_rules
from .grammar import grammar

def _date(doc: Mapping | None) -> "re.Pattern[str]":
    return grammar(doc, "date")


@dataclass(frozen=True)
class Clue:
    """One reading of one field: ``where`` names the place (title, signature, …)."""

    field: str
    value: Any
    where: str


def parse_date(s: str, doc: Mapping | None = None) -> str | None:
    """ISO date of a Chinese date, in Arabic or Chinese numerals, spaces allowed
    (``grammar.date`` of the documents rules ``doc``; without it, the shipped rules').

    >>> parse_date("二〇二五年二月二十八日"), parse_date("2024 年 4 月 29 日"), parse_date("今年")
    ('2025-02-28', '2024-04-29', None)
    """
    m = _date(doc).search(s)
    if not m:
        return None
    # one numeral reader for every written form (extract/numbers.py; issue 14)
    year, month, day = (parse_int(m.group(k)) for k in ("y", "m", "d"))
    if year is None or month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _alt(words: Sequence[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)"


def split_issuers(line: str, doc: Mapping) -> str:
    """Joint issuers printed on one line, joined by 、.

    >>> split_issuers("黔东南州统计局国家统计局黔东南调查队", {"joint_issuer_heads": ["国家统计局"], "issuer_joiner": "、"})
    '黔东南州统计局、国家统计局黔东南调查队'
    """
    heads = doc.get("joint_issuer_heads", ())
    if not heads:
        return line
    return re.sub(rf"(?<=\p{{Han}})(?=(?:{_alt(heads)}))", doc.get("issuer_joiner", ", "), line)


def _ends_as_issuer(name: str, doc: Mapping) -> bool:
    return any(name.endswith(s) for s in doc.get("issuer_suffixes", ()))


def signature_clues(lines: Sequence[str], doc: Mapping) -> list[Clue]:
    """The issuer and date of a 落款 or of a bulletin's line under its title:
    ``ISSUER`` then ``DATE`` on the next line, or both on one line."""
    out: list[Clue] = []
    date = _date(doc)
    for i, ln in enumerate(lines[:40]):
        bare = ln.replace(" ", "")
        m = date.search(bare)
        if not m or m.end() != len(bare):
            continue
        head = bare[: m.start()]
        if head and not (len(head) <= 40 and _ends_as_issuer(head, doc)):
            continue                                  # a date that ends a sentence
        who = head or (lines[i - 1].replace(" ", "") if i > 0 else "")
        if who and len(who) <= 40 and _ends_as_issuer(who, doc) and not date.search(who):
            out.append(Clue("issuer", split_issuers(who, doc), "signature"))
        out.append(Clue("date", parse_date(m.group(), doc), "signature"))
        break
    return out


def mark_clues(lines: Sequence[str], doc: Mapping) -> list[Clue]:
    """The 公文 block: 发文机关标志 (…文件), 发文字号, cover labels (预算主管部门：…)."""
    out: list[Clue] = []
    mark = doc.get("issuer_mark")
    labels = grammar(doc, "cover_label", labels=_alt(doc.get("issuer_labels", ())))
    number = grammar(doc, "doc_number")
    for ln in lines[:40]:
        if mark and ln.endswith(mark) and 4 <= len(ln) <= 40:
            out.append(Clue("issuer", ln[: -len(mark)], "mark"))
        m = number.search(ln)
        if m and len(ln) <= 40:
            out.append(Clue("doc_number", re.sub(r"\s+", "", m.group("num")), "mark"))
        m = labels.match(ln)
        if m:
            out.append(Clue("issuer", m.group("who").replace(" ", ""), "cover"))
    return out


def recipient_clue(lines: Sequence[str], doc: Mapping, web_words: Sequence[str]) -> list[Clue]:
    """主送: a short line ending with a colon, never a line of page chrome (分享：)."""
    stop = {*doc.get("not_recipients", ()), *web_words}
    recipient = grammar(doc, "recipient")
    for ln in lines[:40]:
        m = recipient.fullmatch(ln)
        if m and m.group("to").strip() not in stop and not any(m.group("to").startswith(s) for s in stop):
            return [Clue("recipients", m.group("to").strip(), "block")]
    return []


def occasion_clues(lines: Sequence[str], doc: Mapping, titles: str) -> list[Clue]:
    """"——DATE在REGION第N届人民代表大会第M次会议上", even when the line breaks
    inside it; a speaker named before 在 or after 会议上 comes too."""
    congress, national = doc.get("congress"), doc.get("national_congress")
    if not congress:
        return []
    honor = _alt(doc.get("speaker_honorifics", ()))
    joined = "".join(ln.replace(" ", "") for ln in lines[:12])
    date = (doc.get("grammar") or {}).get("date") or "(?!)"
    m = grammar(doc, "occasion", date=date, national=re.escape(national) if national else "(?!)",
                congress=re.escape(congress), honor=honor).search(joined)
    if not m:
        return []
    out = [Clue("date", parse_date(m.group("date"), doc), "occasion")]
    if m.group("nat"):
        out.append(Clue("region", national, "occasion"))
    elif m.group("where"):
        out.append(Clue("region", m.group("where"), "occasion"))
    for who in (m.group("who1"), m.group("who2")):
        if who and titles and re.search(rf"(?:{titles})", who):
            out.append(Clue("speaker", re.sub(rf"(?:{honor})$", "", who), "occasion"))
    return out


def speaker_clue(lines: Sequence[str], titles: str, doc: Mapping | None = None) -> list[Clue]:
    """The speaker line: 陕西省省长 赵刚, 省人民政府省长王清宪, 自治区主席韦韬."""
    if not titles:
        return []
    if doc is None:
        doc = shipped_rules().documents
    speaker = grammar(doc, "speaker", titles=titles)
    spaces = tuple(doc.get("line_spaces", (" ",)))
    stop = doc.get("full_stop") or "\n"
    for ln in lines[:20]:
        bare = ln
        for sp in spaces:
            bare = bare.replace(sp, "")
        if len(bare) <= 30 and speaker.search(bare) and stop not in bare:
            return [Clue("speaker", bare, "speaker")]
    return []


def delegate_clue(text: str, doc: Mapping) -> list[Clue]:
    """"我代表省人民政府" / "我代表省政府" / "我代表国务院": whom the report speaks for.
    The value is the name as said; a bare level (省, 自治区) is completed later."""
    marks = _alt(doc.get("delegate_marks", ()))
    govs = _alt(doc.get("government_names", ()))
    national = _alt(doc.get("report_issuers", ()))
    m = re.search(rf"(?:{marks})(?P<who>{national}|\p{{Han}}{{0,12}}?(?:{govs}))", text)
    if not m:
        return []
    out = [Clue("issuer", m.group("who"), "delegate")]
    if doc.get("delegate_kind"):
        out.append(Clue("kind", doc["delegate_kind"], "delegate"))
    return out


def period_clues(text: str, lines: Sequence[str], doc: Mapping) -> list[Clue]:
    """The period said outright: 统计期限自2024年1月1日至2024年12月31日, or a review
    heading near the top (一、2023年工作回顾, 一、“十四五”时期和2025年工作回顾)."""
    out: list[Clue] = []
    labels = _alt(doc.get("period_labels", ()))
    m = grammar(doc, "period_term", labels=labels).search(text[:6000])
    if m and m.group("a") == m.group("b"):
        out.append(Clue("period", int(m.group("a")), "term"))
    words = _alt(doc.get("review_words", ()))
    stop = doc.get("full_stop") or "\n"
    review_year = grammar(doc, "review_year")
    for ln in text[:12000].split("\n"):
        ln = ln.strip()
        if len(ln) <= 40 and stop not in ln and re.search(words, ln):
            years = [int(y) for y in review_year.findall(ln)]
            if years:
                out.append(Clue("period", max(years), "review"))
                break
    return out


def title_year(title: str | None, doc: Mapping | None = None) -> int | None:
    """The year named in a title: 2024年度部门决算 → 2024."""
    m = grammar(doc, "year").search(title or "")
    return int(m.group("y")) if m else None

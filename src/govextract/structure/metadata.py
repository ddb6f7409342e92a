"""Document metadata: the 公文 elements of GB/T 9704, read from every clue in a
report's front matter and reconciled.

Fields: issuer (发文机关), doc_number (发文字号), title, report_title, recipients
(主送), date (成文日期, ISO), period (the year reviewed), region and region_code
(the 6-digit 行政区划代码, see :mod:`govextract.structure.regions`), kind, speaker,
and notes (where clues disagree). The clues (:mod:`govextract.structure.clues`):
PDF/DOCX layout hints and web source lines, the 公文 block (…文件, 发文字号, 落款),
cover labels (预算主管部门：…), the title, the occasion line (——DATE在REGION第N届
人民代表大会…), the speaker line, "我代表…人民政府", and the review heading. Each
field takes the first clue in a fixed order, so a missing clue never blanks the
others. The vocabulary is in ``rules/documents.yaml``.

>>> from govextract.rules import load_rules
>>> m = read_metadata("上海市嘉定区生态环境局文件\\n嘉环〔2025〕3号\\n关于印发《2024年嘉定区生态环境局工作总结》的通知\\n局机关各科室：\\n上海市嘉定区生态环境局\\n二〇二五年二月二十八日\\n一、总体", load_rules())
>>> m.issuer, m.doc_number, m.date, m.period, m.region, m.region_code, m.kind
('上海市嘉定区生态环境局', '嘉环〔2025〕3号', '2025-02-28', 2024, '上海市嘉定区', '310114', '工作总结')
>>> m = read_metadata("政府工作报告\\n——2026年1月26日在河北省第十四届\\n人民代表大会第四次会议上\\n河北省省长 王正谱\\n各位代表：\\n现在，我代表省政府向大会报告工作。", load_rules())
>>> m.issuer, m.date, m.period, m.region, m.region_code, m.speaker
('河北省人民政府', '2026-01-26', 2025, '河北省', '130000', '河北省省长王正谱')
>>> read_metadata("", load_rules()).kind is None
True
"""
from __future__ import annotations

from typing import Mapping, Sequence

import regex as re

from ..models import DocumentMeta
from ..rules import RuleSet
from .clues import (Clue, delegate_clue, mark_clues, occasion_clues, parse_date, period_clues, recipient_clue,
                    signature_clues, speaker_clue, title_year)
from .grammar import grammar
from .regions import Region, RegionTable, region_table

__all__ = ["read_metadata", "parse_date"]

# the order in which clues speak for each field: the first present one wins
ISSUER_ORDER = ("header", "mark", "signature", "cover", "title", "delegate", "source")
REGION_ORDER = ("issuer", "title", "occasion", "speaker", "delegate", "source")
DATE_ORDER = ("signature", "occasion")


def _alt(words: Sequence[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _fallback_region(name: str, doc: Mapping) -> str | None:
    """A place the code table does not know, from administrative suffixes
    (某某县某某镇财政所 → 某某县某某镇); a bare level word (自治区), a government's
    own name or a zone (经济开发区) is no place.

    >>> _fallback_region("某某县某某镇财政所", {"region_suffixes": ["县", "镇"]})
    '某某县某某镇'
    """
    govs = tuple(doc.get("government_names", ()))
    suffixes = sorted(doc.get("region_suffixes", ()), key=len, reverse=True)
    if not suffixes:
        return None
    unit = re.compile(rf"^(\p{{Han}}{{2,6}}?(?:{_alt(suffixes)}))")
    region, rest = "", name
    while rest:
        m = unit.match(rest)
        seg = m.group(1) if m else ""
        if not seg or seg in suffixes or any(g in seg or seg.startswith(g[:2]) for g in govs) \
                or seg.endswith(tuple(doc.get("zone_suffixes", ()))):
            break
        region += seg
        rest = rest[len(seg):]
    return region or None


class _Regions:
    """Names → regions for one document: the code table, then the suffix fallback."""

    def __init__(self, table: RegionTable, doc: Mapping):
        self.table, self.doc = table, doc
        self.prefixes = tuple(doc.get("issuer_prefixes", ()))

    def head(self, name: str | None, fallback: bool = True) -> Region | str | None:
        """The region at the head of a name (a body, a title, a speaker line); with
        ``fallback``, a place the table does not know, named by its suffixes."""
        if not name:
            return None
        for short, full in (self.doc.get("national") or {}).items():
            if name.startswith(short):
                return self.table.resolve(full) or full
        for p in self.prefixes:
            name = name.removeprefix(p)
        found = self.table.match_prefix(name)
        if not found:
            return _fallback_region(name, self.doc) if fallback else None
        region, end = found
        below = _fallback_region(name[end:], self.doc) if fallback else None
        if below:
            return region.name + below          # a unit the table lacks, inside a known one: no code
        return region

    def covers(self, name: str) -> bool:
        """Whether the whole name is a region and nothing else (上海市普陀区)."""
        found = self.table.match_prefix(name)
        return bool(found) and found[1] == len(name)


def _title(lines: Sequence[str], header: Mapping, doc: Mapping, regions: _Regions) -> str | None:
    kinds = doc.get("kinds", ())
    marks = tuple(doc.get("title_marks", ()))
    title, at = header.get("title"), None
    number, ends = grammar(doc, "doc_number"), grammar(doc, "sentence_end")
    for i, ln in enumerate(lines[:30]):
        if title and ln.replace(" ", "") == title.replace(" ", ""):
            at = i
            break
        if title or len(ln) > 60 or number.fullmatch(ln) or _marked(ln, doc) or ends.search(ln):
            continue
        if ln.startswith(marks) or any(k in ln for k in kinds):
            title, at = ln, i
            break
    if title and at is not None:
        title = _join_cover_lines(lines, at, title, doc)
    # a region printed on its own line above the title: 黔东南苗族侗族自治州 / 2016年…统计公报
    if title and at is not None and at + 1 < len(lines) and regions.covers(title.replace(" ", "")) \
            and any(k in lines[at + 1] for k in kinds):
        title = title + lines[at + 1]
    return title


def _join_cover_lines(lines: Sequence[str], at: int, title: str, doc: Mapping) -> str:
    """A cover title broken over short lines at the top of the page is one title:
    上海市普陀区规划和自然 / 资源局 / 2024年度部门决算, 中共上海市普陀区委 / 社会工作部2024年度 / 部门决算."""
    skip = tuple(doc.get("title_skip", ()))
    top = lines[:at]
    if not top or at > 4 or len(title) > 40:
        return title
    punct, number, date = grammar(doc, "cover_punctuation"), grammar(doc, "doc_number"), grammar(doc, "date")
    for ln in top:
        if len(ln) > 20 or punct.search(ln) or ln.startswith(skip) or number.search(ln) \
                or _marked(ln, doc) or date.search(ln):
            return title
    joined = "".join(top) + title
    return joined if len(joined) <= 60 else title


def _marked(line: str, doc: Mapping) -> bool:
    """The line is a 发文机关标志: a name followed by the issuer mark (…文件)."""
    mark = doc.get("issuer_mark")
    return bool(mark) and line.endswith(mark)


def _pick(clues: Sequence[Clue], field: str, order: Sequence[str]) -> list[Clue]:
    found = [c for c in clues if c.field == field and c.value not in (None, "")]
    return sorted(found, key=lambda c: order.index(c.where) if c.where in order else len(order))


def _disagree(field: str, kept: Clue, others: Sequence[Clue]) -> list[str]:
    """One note per field whose clues differ: "period: review says 2024, date says 2025"."""
    differ = [c for c in others if c.value != kept.value]
    if not differ:
        return []
    return [f"{field}: " + ", ".join(f"{c.where} says {c.value}" for c in (kept, *differ))]


def _complete_issuer(who: str, region: Region | str | None, doc: Mapping) -> str:
    """省人民政府 / 省政府 / 自治区人民政府 → 安徽省人民政府 once the region is known."""
    govs = sorted(doc.get("government_names", ()), key=len, reverse=True)
    canon = doc.get("government", govs[0] if govs else "")
    gov = next((g for g in govs if who.endswith(g)), None)
    if gov is None:
        return who
    head = who[: -len(gov)]
    if head and head not in doc.get("region_suffixes", ()):
        return head + canon                         # 吉林省政府 → 吉林省人民政府
    if region is None:
        return head + canon                         # 省政府 → 省人民政府, the place still unknown
    return _name(region) + canon


def _period(kind: str | None, clues: Sequence[Clue], title: str | None, date: str | None,
            doc: Mapping) -> tuple[int | None, list[str]]:
    rule = (doc.get("period_rule") or {}).get(kind or "", "title_year")
    cands: list[Clue] = []
    ty, dy = title_year(title, doc), int(date[:4]) if date else None
    said = [c for c in clues if c.field == "period"]
    if rule == "previous_year":
        cands += said + ([Clue("period", dy - 1, "date")] if dy else []) \
            + ([Clue("period", ty - 1, "title")] if ty else [])
    else:
        cands += ([Clue("period", ty, "title")] if ty else []) + said \
            + ([Clue("period", dy - 1, "date")] if dy else [])
    if not cands:
        return None, []
    return cands[0].value, _disagree("period", cands[0], cands[1:])


def read_metadata(text: str, rules: RuleSet, header: Mapping[str, str] | None = None,
                  body_start: int | None = None) -> DocumentMeta:
    """Metadata from the front matter of a normalised text.

    ``header`` holds layout hints from a reader (issuer, doc_number, title; a web
    page's source), which win over guesses from text. ``body_start`` is where the
    first outline item begins; the front matter is the text before it.
    """
    doc = rules.documents
    header = dict(header or {})
    regions = _Regions(region_table(rules), doc)
    front = text[: body_start if body_start else 3000][:4000]
    lines = [ln.strip() for ln in front.split("\n") if ln.strip()]
    if len(lines) < 6:                        # a body that starts at once: look a little further
        lines = [ln.strip() for ln in text[:3000].split("\n") if ln.strip()][:12]
    titles = _alt(doc.get("speaker_titles", ()))
    web = rules.web
    web_words = [*web.get("lines", ()), *(web.get("labels") or {})]

    clues: list[Clue] = [Clue(k, header[k], "header") for k in ("issuer", "doc_number") if header.get(k)]
    clues += mark_clues(lines, doc) + signature_clues(lines, doc) + recipient_clue(lines, doc, web_words)
    clues += occasion_clues(lines, doc, titles) + speaker_clue(lines, titles, doc)
    clues += delegate_clue(text[:6000], doc) + period_clues(text, lines, doc)
    clues += _source_clues(header, lines, doc, web)

    title = _title(lines, header, doc, regions)
    report_title = None
    if title:
        inner = grammar(doc, "inner_title").search(title)
        report_title = inner.group("t") if inner and title.startswith(tuple(doc.get("title_marks", ()))) else title
        clues += _title_clues(report_title, doc, regions)
    kinds = sorted(doc.get("kinds", ()), key=len, reverse=True)
    kind = next((k for cand in (report_title, title) if cand for k in kinds if k in cand), None)
    kind = kind or next((c.value for c in clues if c.field == "kind"), None)

    issuers = _pick(clues, "issuer", ISSUER_ORDER)
    region, notes = _reconcile_region(clues, issuers, regions)
    issuer = None
    if issuers:
        done = [Clue("issuer", _complete_issuer(c.value, region, doc), c.where) for c in issuers]
        issuer = done[0].value
        notes += _disagree("issuer", done[0], [c for c in done[1:] if c.where != "source"])
    dates = _pick(clues, "date", DATE_ORDER)
    date = dates[0].value if dates else None
    if dates:
        notes += _disagree("date", dates[0], dates[1:])
    period, period_notes = _period(kind, clues, report_title or title, date, doc)
    notes += period_notes
    first = {f: next((c.value for c in clues if c.field == f), None) for f in ("doc_number", "recipients")}
    speakers = _pick(clues, "speaker", ("speaker", "occasion"))
    return DocumentMeta(issuer=issuer, doc_number=first["doc_number"], title=title, report_title=report_title,
                        recipients=first["recipients"], date=date, period=period,
                        region=_name(region), kind=kind, speaker=speakers[0].value if speakers else None,
                        region_code=region.code if isinstance(region, Region) else None,
                        notes="; ".join(dict.fromkeys(notes)) or None)


def _reconcile_region(clues: Sequence[Clue], issuers: Sequence[Clue],
                      regions: _Regions) -> tuple[Region | str | None, list[str]]:
    """The region: the issuer's, else the title's, the occasion line's, the speaker's, the
    delegate's; a reading that is neither the same place nor inside it is noted."""
    readings: list[tuple[str, Region | str | None]] = []
    if issuers:
        readings.append(("issuer", regions.head(issuers[0].value, fallback=issuers[0].where != "delegate")))
    for c in clues:
        if c.field == "region":
            readings.append((c.where, regions.head(c.value)))
        elif c.field == "speaker" or (c.field == "issuer" and c.where in ("delegate", "source")):
            readings.append((c.where if c.field == "issuer" else "speaker", regions.head(c.value, fallback=False)))
    found = sorted(((w, r) for w, r in readings if r is not None),
                   key=lambda wr: REGION_ORDER.index(wr[0]) if wr[0] in REGION_ORDER else len(REGION_ORDER))
    if not found:
        return None, []
    where, region = found[0]
    notes = [f"region: {where} says {_name(region)}, {w} says {_name(r)}"
             for w, r in found[1:] if w != "source" and not _nested(region, r)]
    return region, notes


def _name(region: Region | str | None) -> str | None:
    return region.name if isinstance(region, Region) else region


def _nested(a: Region | str | None, b: Region | str | None) -> bool:
    """Whether two readings of a region are the same place or one lies in the other."""
    if isinstance(a, Region) and isinstance(b, Region):
        return a.within(b.code) or b.within(a.code)
    na, nb = _name(a) or "", _name(b) or ""
    return na.startswith(nb) or nb.startswith(na)


def _title_clues(title: str, doc: Mapping, regions: _Regions) -> list[Clue]:
    """A title's head names its issuer (淮安市人民政府2024年…, 上海市普陀区财政局2024年度…)
    unless it is only a region (上海市2025年…); after the year, its region (2023年周口市…)."""
    out: list[Clue] = []
    m = grammar(doc, "year").search(title)
    head = title[: m.start()].replace(" ", "") if m else ""
    if head and not grammar(doc, "date").match(title[m.start():] if m else ""):
        if not regions.covers(head):
            out.append(Clue("issuer", head, "title"))
        out.append(Clue("region", head, "title"))
    rest = title[m.end():] if m and not head else title
    out.append(Clue("region", rest.replace(" ", ""), "title"))
    return out


def _source_clues(header: Mapping, lines: Sequence[str], doc: Mapping, web: Mapping) -> list[Clue]:
    """A web page's source (来源：江西省人民政府) names the issuer only when it is a body."""
    labels = [k for k, v in (web.get("labels") or {}).items() if v == "source"]
    source = header.get("source")
    if not source and labels:
        for ln in lines[:12]:
            m = grammar(doc, "source_label", labels=_alt(labels)).match(ln)
            if m:
                source = m.group("s").strip()
                break
    if source and any(source.endswith(s) for s in doc.get("issuer_suffixes", ())):
        return [Clue("issuer", source, "source")]
    return []


"""Document metadata: the 公文 elements of GB/T 9704, read from a report's front matter.

Fields: issuer (发文机关), doc_number (发文字号), title, report_title, recipients
(主送), date (成文日期, ISO), period (the year reviewed), region and kind. The
vocabulary (kinds, suffixes, provinces, period rules) is in ``rules/documents.yaml``.

>>> from govextract.rules import load_rules
>>> m = read_metadata("上海市嘉定区生态环境局文件\\n嘉环〔2025〕3号\\n关于印发《2024年嘉定区生态环境局工作总结》的通知\\n局机关各科室：\\n上海市嘉定区生态环境局\\n二〇二五年二月二十八日\\n一、总体", load_rules())
>>> m.issuer, m.doc_number, m.date, m.period, m.region, m.kind
('上海市嘉定区生态环境局', '嘉环〔2025〕3号', '2025-02-28', 2024, '上海市嘉定区', '工作总结')
>>> read_metadata("", load_rules()).kind is None
True
"""
from __future__ import annotations

from typing import Mapping

import regex as re

from ..models import DocumentMeta
from ..rules import RuleSet

_DOC_NUMBER = re.compile(r"""
    (?P<num>
      \p{Han}{1,10}                   # 机关代字, e.g. 嘉环, 国办发
      [〔\[【（(] \s* \d{4} \s* [〕\]】）)]   # year in any bracket variant
      \s* 第? \d{1,4} \s* 号          # serial number
    )
""", re.VERBOSE)

_CN_YEAR = "〇零一二三四五六七八九"
_DATE = re.compile(r"""
    (?P<y> \d{4} | [〇零一二三四五六七八九]{4} ) \s* 年 \s*
    (?P<m> \d{1,2} | [一二三四五六七八九十]{1,2} ) \s* 月 \s*
    (?P<d> \d{1,2} | [一二三四五六七八九十]{1,3} ) \s* 日
""", re.VERBOSE)

_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年?")
_SPEECH = re.compile(r"""
    ^ (?:——)? \s*                     # an optional dash before the occasion line
    (?P<date> .{6,16}? 日) \s* 在       # the date the report was delivered
    (?P<where> \p{Han}*?)              # the place, e.g. 安徽省 (none for the national congress)
    第? [一二三四五六七八九十]{1,3} 届    # the congress's term, 第十四届 or 十四届
    (?:全国)? 人民代表大会               # at the (national) people's congress
""", re.VERBOSE)


def _cn_small(s: str) -> int:
    if s.isascii():
        return int(s)
    vals = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    vals["零"] = 0
    if "十" in s:
        a, _, b = s.partition("十")
        return (vals.get(a, 1) if a else 1) * 10 + (vals.get(b, 0) if b else 0)
    return vals[s]


def parse_date(s: str) -> str | None:
    """ISO date of a Chinese date, in Arabic or Chinese numerals.

    >>> parse_date("二〇二五年二月二十八日"), parse_date("2026年1月27日"), parse_date("今年")
    ('2025-02-28', '2026-01-27', None)
    """
    m = _DATE.search(s)
    if not m:
        return None
    y = m.group("y")
    digits = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
    digits["零"] = "0"
    year = int(y) if y.isascii() else int("".join(digits[c] for c in y))
    try:
        return f"{year:04d}-{_cn_small(m.group('m')):02d}-{_cn_small(m.group('d')):02d}"
    except (KeyError, ValueError):
        return None


def _region_of(name: str, doc: Mapping) -> str | None:
    """The administrative region at the head of a body's name: 上海市嘉定区生态环境局 → 上海市嘉定区."""
    provinces: Mapping[str, str] = doc.get("provinces", {})
    gov = doc.get("government", "人民政府")
    suffixes = sorted(doc.get("region_suffixes", ()), key=len, reverse=True)
    for short, full in (doc.get("national") or {}).items():
        if name.startswith(short):
            return full
    region = ""
    rest = name
    for short, full in sorted(provinces.items(), key=lambda kv: -len(kv[0])):
        if rest.startswith(full):
            region, rest = full, rest[len(full):]
            break
        if rest.startswith(short):
            region, rest = full, rest[len(short):]
            break
    # then lower-level units: two to six characters closed by an administrative suffix
    unit = re.compile(r"^(\p{Han}{2,6}?(?:" + "|".join(map(re.escape, suffixes)) + r"))")
    while rest:
        m = unit.match(rest)
        if not m or m.group(1).startswith((gov[:2], gov[-2:])):
            break
        seg = m.group(1)
        if any(seg.endswith(bad) for bad in ("管理区", "开发区")) and region:
            break
        region += seg
        rest = rest[len(seg):]
    return region or None


def read_metadata(text: str, rules: RuleSet, header: Mapping[str, str] | None = None,
                  body_start: int | None = None) -> DocumentMeta:
    """Metadata from the front matter of a normalised text.

    ``header`` holds layout hints from a PDF reader (issuer, doc_number, title),
    which win over guesses from text. ``body_start`` is where the first outline
    item begins; the front matter is the text before it.
    """
    doc = rules.documents
    header = dict(header or {})
    gov = doc.get("government", "人民政府")
    mark = doc.get("issuer_mark", "文件")
    national = "|".join(map(re.escape, doc.get("report_issuers", ())))
    delegate = re.compile(rf"我代表(?P<who>\p{{Han}}{{1,12}}?{re.escape(gov)}" + (f"|{national})" if national else ")"))
    titles = "|".join(map(re.escape, doc.get("speaker_titles", ())))
    speaker_re = re.compile(rf"(?:{titles})\s*\p{{Han}}{{2,4}}$") if titles else None
    front = text[: body_start if body_start else 3000][:4000]
    lines = [ln.strip() for ln in front.split("\n") if ln.strip()]
    kinds = sorted(doc.get("kinds", ()), key=len, reverse=True)

    issuer = header.get("issuer")
    doc_number = header.get("doc_number")
    title = header.get("title")
    recipients = None
    date = None
    speech_date = None
    speaker = None
    report_title = None

    for i, ln in enumerate(lines[:40]):
        if not doc_number:
            m = _DOC_NUMBER.search(ln)
            if m and len(ln) <= 40:
                doc_number = re.sub(r"\s+", "", m.group("num"))
        if not issuer and ln.endswith(mark) and 4 <= len(ln) <= 40:
            issuer = ln[:-len(mark)]
        if date is None and _DATE.fullmatch(ln.replace(" ", "")):
            date = parse_date(ln)
            if not issuer and i > 0 and len(lines[i - 1]) <= 30 and not _DATE.search(lines[i - 1]):
                prev = lines[i - 1]
                if any(prev.endswith(s) for s in doc.get("issuer_suffixes", ())):
                    issuer = prev
        if speech_date is None and _SPEECH.search(ln):
            speech_date = parse_date(_SPEECH.search(ln).group("date"))
        if (recipients is None and re.search(r"[：:]$", ln) and len(ln) <= 80 and "。" not in ln
                and re.match(r"\p{Han}", ln)):
            recipients = ln[:-1].strip()
        if speaker is None and speaker_re and speaker_re.search(ln) and len(ln) <= 30:
            speaker = ln
    if not title:
        for ln in lines[:30]:
            if len(ln) > 60 or _DOC_NUMBER.fullmatch(ln) or ln.endswith(mark) or re.search(r"[。；]$", ln):
                continue
            if ln.startswith("关于") or any(k in ln for k in kinds):
                title = ln
                break
    if title:
        inner = re.search(r"《(?P<t>[^》]+)》", title)
        report_title = inner.group("t") if inner and title.startswith("关于") else title
    kind = None
    for cand in (report_title, title):
        if cand and not kind:
            kind = next((k for k in kinds if k in cand), None)
    if date is None:
        date = speech_date

    # issuer of a work report: "我代表省人民政府"
    region = _region_of(issuer, doc) if issuer else None
    if not region and title and kind:
        head = re.sub(r"^\s*(?:19|20)\d{2}\s*年?", "", report_title or title)
        head = head.split(kind)[0]
        head = re.sub(rf"(?:{re.escape(gov)}|{re.escape(gov[-2:])})$", "", head)
        if head:
            region = _region_of(head, doc)
    if not issuer:
        m = delegate.search(text[:6000])
        if m:
            who = m.group("who")
            if not who.endswith(gov):
                issuer = who                      # the national issuer: 国务院
            elif region and not who.startswith(region[:2]):
                issuer = region + gov             # 我代表省人民政府 → 安徽省人民政府
            else:
                issuer = who
    if issuer and not region:
        region = _region_of(issuer, doc)
    if not region:
        for ln in lines[:20]:
            m = _SPEECH.search(ln)
            if m and m.group("where"):
                region = _region_of(m.group("where"), doc)
                break
    if not region and issuer == "国务院":
        region = _region_of(issuer, doc)
    if issuer and region and issuer.endswith(gov) and len(issuer) <= len(gov) + 3:
        issuer = region + gov                     # 省人民政府 with the region found later

    period = _period(kind, report_title or title, date, doc)
    return DocumentMeta(issuer=issuer, doc_number=doc_number, title=title, report_title=report_title,
                        recipients=recipients, date=date, period=period, region=region, kind=kind,
                        speaker=speaker)


def _period(kind: str | None, title: str | None, date: str | None, doc: Mapping) -> int | None:
    rule = (doc.get("period_rule") or {}).get(kind or "", "title_year")
    title_year = None
    if title:
        m = _YEAR.search(title)
        if m:
            title_year = int(m.group("y"))
    doc_year = int(date[:4]) if date else None
    if rule == "previous_year":
        base = doc_year or title_year
        return base - 1 if base else None
    return title_year or (doc_year - 1 if doc_year else None)

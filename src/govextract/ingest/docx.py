"""DOCX with python-docx: paragraphs and tables in order, automatic numbering
written out (``（一）``, ``1.``), bold runs kept as ``**``, explicit page breaks as ``\\f``.

The 公文 header block is recognised as in PDFs, from run sizes and colours.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import InputError
from ..extract.numbers import to_chinese
from ..markup import BOLD, PAGE, TABLE
from ..rules import shipped_rules
from ..structure.tables import table_caption
from .layout import Glyph, Line, Para, header_hints, is_rule_line, tidy_bold

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _roman(n: int) -> str:
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def format_number(n: int, fmt: str, write: Mapping[str, Any] | None = None) -> str:
    """A counter in one of Word's number formats (w:numFmt). ``write`` is the ``write`` part
    of rules/numerals.yaml: its ``sequences`` (甲乙丙…) and ``digit_forms`` (full-width digits)
    by format name; without it, the shipped one.

    >>> [format_number(3, f) for f in ("decimal", "chineseCounting", "decimalEnclosedCircle", "lowerLetter", "upperRoman")]
    ['3', '三', '③', 'c', 'III']
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
               "taiwaneseCounting", "ideographLegalTraditional"):
        return to_chinese(n)
    if write is None:
        write = shipped_rules().numerals.get("write") or {}
    seq = (write.get("sequences") or {}).get(fmt)
    if seq and 1 <= n <= len(seq):
        return seq[n - 1]
    if fmt.startswith("decimalEnclosed") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    forms = (write.get("digit_forms") or {}).get(fmt)
    if forms:
        return str(n).translate(str.maketrans("0123456789", forms))
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.lower() if fmt == "lowerRoman" else s
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass
class _Numbering:
    """Word's automatic numbering, counted as the document is read."""

    levels: dict[str, dict[int, tuple[int, str, str]]]   # numId → ilvl → (start, numFmt, lvlText)
    abstract_of: dict[str, str]
    write: Mapping[str, Any] | None = None               # numerals.yaml write: sequences, digit forms
    counters: dict[str, list[int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        lv = self.levels.get(num_id, {})
        if ilvl not in lv:
            return ""
        key = self.abstract_of.get(num_id, num_id)
        counts = self.counters.setdefault(key, [0] * 9)
        start, fmt, text = lv[ilvl]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        for k in range(ilvl + 1, 9):
            counts[k] = 0
        if fmt == "bullet":
            return ""
        out = text
        for k in range(9):
            if f"%{k + 1}" in out:
                s, f, _ = lv.get(k, (1, "decimal", ""))
                out = out.replace(f"%{k + 1}", format_number(counts[k] or s, f, self.write))
        return out


def _numbering(doc, write: Mapping[str, Any] | None = None) -> _Numbering:
    from docx.oxml.ns import qn

    levels: dict[str, dict[int, tuple[int, str, str]]] = {}
    abstract_of: dict[str, str] = {}
    try:
        root = doc.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return _Numbering(levels, abstract_of, write)
    abstracts: dict[str, dict[int, tuple[int, str, str]]] = {}
    for an in root.findall(qn("w:abstractNum")):
        aid = an.get(qn("w:abstractNumId"))
        lv: dict[int, tuple[int, str, str]] = {}
        for lvl in an.findall(qn("w:lvl")):
            ilvl = int(lvl.get(qn("w:ilvl"), "0"))
            start = lvl.find(qn("w:start"))
            fmt = lvl.find(qn("w:numFmt"))
            text = lvl.find(qn("w:lvlText"))
            lv[ilvl] = (int(start.get(qn("w:val"), "1")) if start is not None else 1,
                        fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                        text.get(qn("w:val"), "") if text is not None else "")
        abstracts[aid] = lv
    for num in root.findall(qn("w:num")):
        nid = num.get(qn("w:numId"))
        ref = num.find(qn("w:abstractNumId"))
        aid = ref.get(qn("w:val")) if ref is not None else None
        lv = dict(abstracts.get(aid, {}))
        for ov in num.findall(qn("w:lvlOverride")):
            ilvl = int(ov.get(qn("w:ilvl"), "0"))
            so = ov.find(qn("w:startOverride"))
            if so is not None and ilvl in lv:
                lv[ilvl] = (int(so.get(qn("w:val"), "1")),) + lv[ilvl][1:]
        levels[nid] = lv
        abstract_of[nid] = aid or nid
    return _Numbering(levels, abstract_of, write)


def _style_chain(style) -> Iterator:
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = style.base_style
        seen += 1


def _num_pr(paragraph) -> tuple[str, int] | None:
    from docx.oxml.ns import qn

    ppr = paragraph._p.pPr
    candidates = [ppr] if ppr is not None else []
    candidates += [s.element.pPr for s in _style_chain(paragraph.style) if s.element.pPr is not None]
    for pp in candidates:
        num = pp.find(qn("w:numPr"))
        if num is None:
            continue
        nid = num.find(qn("w:numId"))
        ilvl = num.find(qn("w:ilvl"))
        if nid is None:
            continue
        if nid.get(qn("w:val")) == "0":
            return None
        return nid.get(qn("w:val")), int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0
    return None


def _effective(run, paragraph, attr: str):
    v = getattr(run.font, attr)
    if v is not None:
        return v
    if run.style is not None:
        for s in _style_chain(run.style):
            v = getattr(s.font, attr)
            if v is not None:
                return v
    for s in _style_chain(paragraph.style):
        v = getattr(s.font, attr)
        if v is not None:
            return v
    return None


def _is_red(run) -> bool:
    try:
        rgb = run.font.color.rgb if run.font.color is not None and run.font.color.type is not None else None
    except (ValueError, AttributeError):
        return False
    if rgb is None:
        return False
    r, g, b = rgb[0], rgb[1], rgb[2]
    return r > 0xB0 and g < 0x60 and b < 0x60


@dataclass
class _Piece:
    text: str
    bold: bool
    size: float | None
    red: bool


def _runs(paragraph) -> Iterator[_Piece]:
    """The runs of a paragraph in order, with hyperlinks and insertions, without
    deletions and field codes; page breaks come out as PAGE pieces."""
    from docx.oxml.ns import qn
    from docx.text.run import Run

    W_R, W_T, W_TAB, W_BR, W_DEL = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:del")
    for r in paragraph._p.iter(W_R):
        anc = r.getparent()
        skip = False
        while anc is not None and anc is not paragraph._p:
            if anc.tag in (W_DEL, qn("w:moveFrom")):
                skip = True
                break
            anc = anc.getparent()
        if skip:
            continue
        run = Run(r, paragraph)
        bold = bool(_effective(run, paragraph, "bold"))
        size = _effective(run, paragraph, "size")
        size_pt = size.pt if size is not None else None
        red = _is_red(run)
        for child in r:
            if child.tag == W_T:
                yield _Piece(child.text or "", bold, size_pt, red)
            elif child.tag == W_TAB:
                yield _Piece(" ", False, size_pt, False)
            elif child.tag == W_BR:
                kind = child.get(qn("w:type"))
                yield _Piece(PAGE if kind == "page" else "\n", False, size_pt, False)


def _page_break_before(paragraph) -> bool:
    from docx.oxml.ns import qn

    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    pb = ppr.find(qn("w:pageBreakBefore"))
    return pb is not None and pb.get(qn("w:val"), "true") not in ("false", "0")


def _section_break_after(paragraph) -> bool:
    from docx.oxml.ns import qn

    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    sect = ppr.find(qn("w:sectPr"))
    if sect is None:
        return False
    kind = sect.find(qn("w:type"))
    return kind is None or kind.get(qn("w:val")) in ("nextPage", "oddPage", "evenPage")


def _blocks(doc) -> Iterator:
    """Paragraphs and tables of the body, in document order."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, doc)
        elif child.tag == qn("w:tbl"):
            yield Table(child, doc)


def _plain(pieces: list[_Piece]) -> str:
    return "".join(pc.text for pc in pieces)


#: how much of each XML part is looked at for a DTD (Word writes none; an entity bomb needs one)
_DTD_PEEK = 4096


def check_zip_parts(z, infos, path: str, max_bytes: int) -> None:
    """Refuse a zip (DOCX, xlsx) whose parts expand past ``max_bytes`` in all, or whose XML
    declares a DTD: both are checked before any part is parsed (issue 15: a 600 KB DOCX
    expanded to 340 MB). The sizes are the ones the zip declares; Python's zipfile never
    inflates a part past its declared size."""
    total = sum(i.file_size for i in infos)
    if total > max_bytes:
        raise InputError(f"its parts expand to {total} bytes, over the {max_bytes}-byte limit (a zip bomb?)",
                         path=path, fix="raise --max-bytes if the file is genuine")
    for i in infos:
        if i.filename.endswith((".xml", ".rels")):
            with z.open(i) as f:
                head = f.read(_DTD_PEEK)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise InputError(f"{i.filename} declares a DTD or XML entities, which Word never writes "
                                 "(an entity bomb?)", path=path, fix="open and re-save it in Word or WPS")


def read_docx(path: str, options, rules=None):
    """Read a DOCX file into a :class:`~govextract.ingest.Source`."""
    import zipfile

    from . import Source

    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            check_zip_parts(z, infos, path, options.max_bytes)
    except zipfile.BadZipFile:
        raise InputError("corrupt or truncated zip/DOCX file", path=path, fix="download or export the file again") from None
    if "word/document.xml" not in names:
        raise InputError("zip archive but not a DOCX (no word/document.xml)", path=path,
                         fix="pass the report itself, not an archive; unzip it first")
    import docx

    try:
        doc = docx.Document(path)
    except Exception as e:
        raise InputError(f"corrupt DOCX ({type(e).__name__})", path=path, fix="open and re-save it in Word or WPS") from None
    if rules is None:
        from ..rules import load_rules

        rules = load_rules()
    numbering = _numbering(doc, rules.numerals.get("write"))
    rows: list[tuple[list[_Piece], bool, bool]] = []   # pieces, page break before, page break after
    tables: list = []
    for block in _blocks(doc):
        if block.__class__.__name__ == "Table":
            from .tables.docx import read_table

            caption, notes = table_caption([_plain(r[0]) for r in rows[-3:]], rules)
            raw = read_table(block, caption, notes)
            if raw is not None:
                tables.append(raw)
                rows.append(([_Piece(TABLE, False, None, False)], False, False))
            continue
        pieces = []
        num = _num_pr(block)
        if num:
            label = numbering.label(*num)
            if label:
                first = next(_runs(block), None)
                pieces.append(_Piece(label, bool(first and first.bold), first.size if first else None, False))
        pieces.extend(_runs(block))
        rows.append((pieces, _page_break_before(block), _section_break_after(block)))
    sizes: dict[float, int] = {}
    for pieces, _, _ in rows:
        for pc in pieces:
            if pc.size and pc.text.strip():
                sizes[pc.size] = sizes.get(pc.size, 0) + len(pc.text)
    body = max(sizes.items(), key=lambda kv: kv[1])[0] if sizes else 12.0
    out: list[str] = []
    fake: list[Para] = []
    pending = 0
    page = 0
    for pieces, before, after in rows:
        if before:
            pending += 1
        buf: list[str] = []
        bold = False
        for pc in pieces:
            if pc.text == PAGE:
                pending += 1
                continue
            b = pc.bold and options.bold != "none" and not (
                options.bold == "leads" and pc.size is not None and pc.size > 1.15 * body)
            segs = pc.text.split("\n")
            for k, seg in enumerate(segs):
                if k:
                    if bold:
                        buf.append(BOLD)
                        bold = False
                    buf.append("\n")
                if not seg:
                    continue
                if pending and (out or buf):
                    if bold:
                        buf.append(BOLD)
                        bold = False
                    buf.append(PAGE * pending)
                    page += pending
                pending = 0
                if b != bold:
                    buf.append(BOLD)
                    bold = b
                buf.append(seg)
        if bold:
            buf.append(BOLD)
        text = "".join(buf)
        if is_rule_line(text.replace(BOLD, "").strip(PAGE), rules):     # the 公文 red rule ━━━━
            text = PAGE * text.count(PAGE)
        if text.replace(BOLD, "").strip(" \n" + PAGE):
            out.extend(tidy_bold(t, options.bold, rules) for t in text.split("\n") if t.replace(BOLD, "").strip())
            if page == 0 and len(fake) < 10:
                size = max((pc.size or body for pc in pieces if pc.text.strip()), default=body)
                plain = text.replace(BOLD, "").strip()
                red = sum(len(pc.text) for pc in pieces if pc.red) > 0.5 * len(plain)
                fake.append(Para([Line([Glyph(ch, 0, 1, red=red) for ch in plain], 0, size, size)], [0]))
        if after:
            pending += 1
    text = "\n".join(out)
    if not text.strip():
        raise InputError("no text in DOCX", path=path, fix="the document is empty")
    return Source(path=path, form="docx", text=text, encoding=None, warnings=(), pages=None,
                  header=header_hints(fake, body, rules), tables=tuple(tables))

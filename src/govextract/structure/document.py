"""The document model: one object that the structure stage builds and every later
stage reads, so that no stage splits or re-detects what an earlier one found.

ingest gives a :class:`~govextract.ingest.Source` (raw text with markup, header
hints, raw tables); normalise gives the clean text and where the markup stood;
:func:`structure` then finds, once, the paragraphs, the sentences, the outline
and the 公文 metadata, and returns a frozen :class:`Document`. The extractors
(:mod:`govextract.extract`) take the ``Document`` and add quantities to it; the
tables stage turns both into frames.

>>> doc = Document.from_text("一、总体情况\\n优良率为88.6%。同比上升2.8个百分点。\\n二、下一步")
>>> doc.paragraphs
((0, 7), (7, 30), (30, 35))
>>> [s.text for s in doc.sentences]
['一、总体情况', '优良率为88.6%。', '同比上升2.8个百分点。', '二、下一步']
>>> [it.title for it in doc.outline], doc.section_of(10)
(['总体情况', '下一步'], '一、总体情况')
>>> doc.sentence_at(20).text, doc.paragraph_at(20)
('同比上升2.8个百分点。', (7, 30))
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..markup import page_at
from ..models import DocumentMeta, Item, RawTable, Sentence
from .outline import parse_outline, section_path
from .segment import split_sentences

if TYPE_CHECKING:  # pragma: no cover
    from ..ingest import Source
    from ..normalise import Normalised
    from ..rules import RuleSet

__all__ = ["Document", "split_paragraphs", "structure"]

_PARAGRAPH_END = re.compile(r"\n+")   # a paragraph is a line; blank lines belong to the one before


def split_paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """Paragraph spans ``(start, end)`` that tile ``text``: each ends after its line breaks.

    >>> split_paragraphs("甲。\\n\\n乙\\n丙")
    ((0, 4), (4, 6), (6, 7))
    >>> split_paragraphs("")
    ()
    """
    out, start = [], 0
    for m in _PARAGRAPH_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return tuple(out)


@dataclass(frozen=True)
class Document:
    """One report, structured. Offsets (``start``, ``end``) index :attr:`text`."""

    path: str
    form: str
    text: str                                        # normalised; every offset points into it
    meta: DocumentMeta
    outline: tuple[Item, ...]
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[tuple[int, int], ...]
    page_starts: tuple[int, ...] = (0,)
    pages: int | None = None                         # None where the form has no pages (text, HTML)
    bold: tuple[tuple[int, int], ...] = ()
    doubts: tuple[tuple[int, int, float], ...] = ()  # OCR spans read with doubt, with their confidence
    tables: tuple[RawTable, ...] = ()
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    fixes: tuple[str, ...] = ()                      # the normalisation fixes that changed the text
    header: dict = field(default_factory=dict, compare=False)  # ingest's layout hints

    @classmethod
    def from_text(cls, text: str, rules: "RuleSet | None" = None, *, path: str = "<text>",
                  meta: DocumentMeta | None = None) -> "Document":
        """A document from clean text (tests, doctests, other front ends); metadata is read
        from the text unless ``meta`` is given."""
        from ..ingest import Source
        from ..normalise import Normalised

        norm = Normalised(text, (), (0,), (), ())
        return structure(Source(path=path, form="text", text=text), norm, rules, meta=meta)

    # --- where an offset is --------------------------------------------------------------
    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p[0] for p in self.paragraphs]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[i] if i >= 0 else None

    def paragraph_at(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        return self.paragraphs[i] if i >= 0 else None

    def section_of(self, offset: int) -> str:
        """The outline path at ``offset`` (``三、… > （八）…``), ``""`` before the first heading."""
        return section_path(self.outline, offset)

    def page_of(self, offset: int) -> int | None:
        return page_at(self.page_starts, offset) if self.pages else None


def structure(source: "Source", norm: "Normalised", rules: "RuleSet | None" = None, *,
              meta: DocumentMeta | None = None) -> Document:
    """The structure stage: paragraphs, sentences, outline and metadata of normalised text,
    each found once."""
    from .metadata import read_metadata

    if rules is None:
        from ..rules import load_rules

        rules = load_rules()
    text = norm.text
    outline = tuple(parse_outline(text, norm.bold, norm.page_starts, rules))
    if meta is None:
        numbered = [it for it in outline if not it.bold_lead]
        meta = read_metadata(text, rules, header=source.header,
                             body_start=numbered[0].start if numbered else None)
    doubts = tuple((s, e, source.doubts[i] if i < len(source.doubts) else 0.5)
                   for i, (s, e) in enumerate(norm.doubt))
    return Document(path=source.path, form=source.form, text=text, meta=meta, outline=outline,
                    sentences=tuple(split_sentences(text, rules)), paragraphs=split_paragraphs(text),
                    page_starts=norm.page_starts, pages=source.pages, bold=norm.bold, doubts=doubts,
                    tables=tuple(source.tables), encoding=source.encoding,
                    warnings=tuple(source.warnings), fixes=norm.fixes, header=dict(source.header))

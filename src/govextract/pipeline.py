"""The whole flow for one report: ingest → normalise → structure → extract → tables.

>>> rep = parse_text("2024年，区环境空气质量优良率为88.6%，同比上升2.8个百分点。")
>>> rep.quantities[["text", "value", "unit", "change"]].values.tolist()
[['88.6%', 88.6, '%', ''], ['2.8个百分点', 2.8, '百分点', 'up']]
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .extract.indicators import link_indicators
from .extract.tables import table_quantities
from .structure.tables import document_tables
from .ingest import ReadOptions, Source, read
from .normalise import normalise
from .rules import RuleSet, load_rules
from .structure.document import structure
from .extract.quantities import find_quantities
from .structure.segment import SENTENCES_KEY, TEXT_KEY, make_nlp, make_tokenizer
from .tables import Report

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc


class Pipeline:
    """Rules, read options, the jieba segmenter and the spaCy pipeline, set up once
    and reused for many files.

    Build one per process (or per batch worker): the jieba dictionary (and spaCy,
    when asked for) load here, on first use, never per file.

    Extraction runs the extractors straight on the normalised text. The spaCy
    pipeline (:attr:`nlp`: blank ``zh``, the same jieba segmenter, and the
    ``govextract_sentences`` / ``govextract_quantities`` components) gives the same
    quantities as a spaCy ``Doc`` (:meth:`spacy_doc`); it is built only when used,
    because a ``Doc`` costs a full segmentation of the text that no table needs.
    """

    def __init__(self, rules: RuleSet | None = None, options: ReadOptions | None = None):
        self.rules = rules or load_rules()
        self.options = options or ReadOptions()
        self._nlp: Language | None = None
        self._tokenizer: Any = None

    @property
    def tokenizer(self) -> Any:
        """The jieba ``Tokenizer`` with the rules' domain terms (loaded once)."""
        if self._tokenizer is None:
            self._tokenizer = make_tokenizer(self.rules)
        return self._tokenizer

    @property
    def nlp(self) -> "Language":
        """The spaCy pipeline, sharing :attr:`tokenizer` (built once, on first use)."""
        if self._nlp is None:
            self._nlp = make_nlp(self.rules, tokenizer=self.tokenizer)
        return self._nlp

    def spacy_doc(self, report: Report | str) -> "Doc":
        """A spaCy ``Doc`` of a report's normalised text (or of raw text, normalised here),
        with sentences and ``doc.spans["quantities"]`` set by the govextract components."""
        if isinstance(report, Report):
            text, sentences = report.text, list(report.sentence_list)
        else:
            structured = structure(Source(path="<text>", form="text", text=report), normalise(report, rules=self.rules),
                                   self.rules)
            text, sentences = structured.text, list(structured.sentences)
        doc = self.nlp.make_doc(text)
        # components read these instead of rebuilding them from the tokens
        doc.user_data[TEXT_KEY] = text
        doc.user_data[SENTENCES_KEY] = sentences
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return doc

    def parse(self, path: str | Path, *, progress: Callable[[int, int], None] | None = None) -> Report:
        """Read and parse one file. Raises :class:`govextract.errors.InputError` on bad input.

        ``progress(done, total)`` is called as pages are read (PDF and OCR).
        """
        source = read(path, self.options, rules=self.rules, progress=progress)
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
        return self.parse_source(source, doc_id=digest)

    def parse_text(self, text: str, *, path: str = "<text>") -> Report:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        return self.parse_source(Source(path=path, form="text", text=text, encoding="utf-8"), doc_id=digest)

    def parse_source(self, source: Source, *, doc_id: str) -> Report:
        """normalise → structure → extract, each stage handing the next what it found."""
        doc = structure(source, normalise(source.text, rules=self.rules), self.rules)
        quantities, exclusions = find_quantities(doc.text, self.rules, tokenizer=self.tokenizer)
        quantities = link_indicators(quantities, doc, self.rules)
        if doc.doubts:
            quantities = [_with_confidence(q, doc.doubts) for q in quantities]
        tables = document_tables(doc, self.rules)
        if tables:
            quantities = sorted([*quantities, *table_quantities(tables, self.rules)], key=lambda q: q.start)
        return Report(path=source.path, doc_id=doc_id, document=doc, quantity_list=tuple(quantities),
                      exclusions=tuple(exclusions), table_list=tables)


def _with_confidence(q, doubts):
    conf = min((c for s, e, c in doubts if s < q.end and q.start < e), default=None)
    return replace(q, confidence=min(q.confidence, conf)) if conf is not None else q


@lru_cache(maxsize=8)
def default_pipeline(rules_dirs: tuple[str, ...] = (), options: ReadOptions | None = None) -> Pipeline:
    """A pipeline per (rules, options), built on first use and then reused."""
    return Pipeline(load_rules(*rules_dirs), options or ReadOptions())


def parse(path: str | Path, *, rules: RuleSet | str | Path | None = None,
          options: ReadOptions | None = None) -> Report:
    """Parse one report in any supported form.

    ``rules`` is a :class:`RuleSet` or a directory of user rules to merge over
    the shipped ones.
    """
    if isinstance(rules, RuleSet):
        return Pipeline(rules, options).parse(path)
    return default_pipeline((str(rules),) if rules else (), options).parse(path)


def parse_text(text: str, *, rules: RuleSet | str | Path | None = None, path: str = "<text>") -> Report:
    """Parse a report given as a string (PDF-converter output, a pasted page …)."""
    if isinstance(rules, RuleSet):
        return Pipeline(rules).parse_text(text, path=path)
    return default_pipeline((str(rules),) if rules else ()).parse_text(text, path=path)

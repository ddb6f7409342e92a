"""spaCy components, so that spaCy users can reuse govextract's extractors::

    import spacy, govextract.spacy_components
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("govextract_sentences")
    nlp.add_pipe("govextract_quantities")
    doc = nlp("区环境空气质量优良率为88.6%，同比上升2.8个百分点。")
    [(s.text, s._.value, s._.unit) for s in doc.spans["quantities"]]

``govextract_quantities`` writes ``doc.spans["quantities"]``; every field of
:class:`govextract.models.Quantity` is a span extension (``span._.value``,
``span._.unit``, ``span._.kind`` …), and ``span._.quantity`` is the record.
"""
from __future__ import annotations

from dataclasses import fields

from spacy.language import Language
from spacy.tokens import Doc, Span

from .models import Quantity
from .structure.segment import SENTENCES_KEY, TEXT_KEY, split_sentences

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)


def _field_getter(name: str):
    return lambda span: getattr(span._.quantity, name, None) if span._.quantity is not None else None


for _f in fields(Quantity):
    if _f.name not in ("text", "start", "end") and not Span.has_extension(_f.name):
        Span.set_extension(_f.name, getter=_field_getter(_f.name))
if not Doc.has_extension("exclusions"):
    Doc.set_extension("exclusions", default=None)


def doc_text(doc: Doc) -> str:
    """The doc's text; taken from ``doc.user_data`` when the caller left it there (no rebuild)."""
    return doc.user_data.get(TEXT_KEY) or doc.text


@Language.component("govextract_sentences")
def set_sentences(doc: Doc) -> Doc:
    """Sentence starts at Chinese sentence punctuation and line breaks."""
    import numpy

    from spacy.attrs import IDX, SENT_START

    if not len(doc):
        return doc
    sentences = doc.user_data.get(SENTENCES_KEY) or split_sentences(doc_text(doc))
    starts = numpy.fromiter((s.start for s in sentences), dtype="int64")
    idx = doc.to_array([IDX]).astype("int64")
    flags = numpy.where(numpy.isin(idx, starts), 1, -1)
    flags[0] = 1
    # one array write: setting token.is_sent_start one by one is quadratic in spaCy
    doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
    return doc


class QuantitiesComponent:
    """Runs :func:`govextract.extract.quantities.find_quantities` over the doc.

    ``rules`` is loaded from ``rules_dir`` (or the shipped rules) on first use,
    unless the owner sets it first, as :func:`govextract.structure.segment.make_nlp` does.
    """

    def __init__(self, nlp: Language, name: str, rules_dir: str | None, rules_fingerprint: str | None):
        self.name = name
        self.rules_dir = rules_dir
        self.rules = None
        self.tokenizer = getattr(nlp.tokenizer, "jieba_seg", None)

    def __call__(self, doc: Doc) -> Doc:
        from .extract.quantities import find_quantities

        if self.rules is None:
            from .rules import load_rules

            self.rules = load_rules(self.rules_dir) if self.rules_dir else load_rules()
        quantities, exclusions = find_quantities(doc_text(doc), self.rules, tokenizer=self.tokenizer)
        spans = []
        for q in quantities:
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None:
                continue
            span._.quantity = q  # every field reads through it: span._.value, span._.unit …
            spans.append(span)
        doc.spans["quantities"] = spans
        doc._.exclusions = exclusions
        return doc


@Language.factory("govextract_quantities", default_config={"rules_dir": None, "rules_fingerprint": None})
def make_quantities(nlp: Language, name: str, rules_dir: str | None, rules_fingerprint: str | None) -> QuantitiesComponent:
    return QuantitiesComponent(nlp, name, rules_dir, rules_fingerprint)

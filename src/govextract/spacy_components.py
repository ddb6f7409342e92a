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
from .structure.segment import split_sentences

for _f in fields(Quantity):
    if _f.name not in ("text", "start", "end") and not Span.has_extension(_f.name):
        Span.set_extension(_f.name, default=None)
if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)
if not Doc.has_extension("exclusions"):
    Doc.set_extension("exclusions", default=None)


@Language.component("govextract_sentences")
def set_sentences(doc: Doc) -> Doc:
    """Sentence starts at Chinese sentence punctuation and line breaks."""
    import numpy

    from spacy.attrs import SENT_START

    starts = {s.start for s in split_sentences(doc.text)}
    # one array write: setting token.is_sent_start one by one is quadratic in spaCy
    flags = numpy.array([1 if tok.i == 0 or tok.idx in starts else -1 for tok in doc], dtype="int64").astype("uint64")
    if len(flags):
        doc.from_array([SENT_START], flags.reshape(-1, 1))
    return doc


class QuantitiesComponent:
    """Runs :func:`govextract.extract.quantities.find_quantities` over the doc."""

    def __init__(self, nlp: Language, name: str, rules_dir: str | None, rules_fingerprint: str | None):
        from .rules import load_rules

        self.name = name
        self.rules = load_rules(rules_dir) if rules_dir else load_rules()
        self.tokenizer = getattr(nlp.tokenizer, "jieba_seg", None)

    def __call__(self, doc: Doc) -> Doc:
        from .extract.quantities import find_quantities

        quantities, exclusions = find_quantities(doc.text, self.rules, tokenizer=self.tokenizer)
        spans = []
        for q in quantities:
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is None:
                continue
            span._.quantity = q
            for f in fields(Quantity):
                if f.name not in ("text", "start", "end"):
                    span._.set(f.name, getattr(q, f.name))
            spans.append(span)
        doc.spans["quantities"] = spans
        doc._.exclusions = exclusions
        return doc


@Language.factory("govextract_quantities", default_config={"rules_dir": None, "rules_fingerprint": None})
def make_quantities(nlp: Language, name: str, rules_dir: str | None, rules_fingerprint: str | None) -> QuantitiesComponent:
    return QuantitiesComponent(nlp, name, rules_dir, rules_fingerprint)

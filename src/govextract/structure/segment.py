"""Segmentation: sentences by Chinese punctuation, and a spaCy blank ``zh``
pipeline whose jieba segmenter knows the domain terms in ``rules/``.

>>> [s.text for s in split_sentences("优良率为88.6%。PM2.5浓度下降；\\n一、总体情况")]
['优良率为88.6%。', 'PM2.5浓度下降；', '一、总体情况']
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping


from ..models import Sentence
from ..rules import RuleSet, iter_terms, shipped_rules
from .grammar import grammar

if TYPE_CHECKING:  # pragma: no cover
    import jieba
    from spacy.language import Language

#: where a caller that already holds a doc's text puts it (``doc.user_data``), so
#: components need not rebuild it from the tokens
TEXT_KEY = "govextract.text"
#: and its sentences, when the caller has split them already
SENTENCES_KEY = "govextract.sentences"

def split_sentences(text: str, rules: RuleSet | None = None) -> list[Sentence]:
    """Sentences with exact offsets; a line break always ends a sentence. What closes one is
    ``grammar.sentence`` of rules/documents.yaml (without ``rules``, the shipped rules)."""
    out: list[Sentence] = []
    for m in grammar((rules or shipped_rules()).documents, "sentence").finditer(text):
        s, e = m.span()
        # trim surrounding spaces but keep offsets exact
        while s < e and text[s] in " \n":
            s += 1
        while e > s and text[e - 1] in " \n":
            e -= 1
        if e > s:
            out.append(Sentence(len(out), s, e, text[s:e]))
    return out


def cache_dir() -> Path:
    """Where the jieba dictionary cache lives: the user cache folder."""
    from platformdirs import user_cache_dir

    d = Path(os.environ.get("GOVEXTRACT_CACHE") or user_cache_dir("govextract"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def make_tokenizer(rules: RuleSet) -> "jieba.Tokenizer":
    """A private jieba ``Tokenizer`` with the rules' domain terms added.

    Its prefix-dictionary cache lives in :func:`cache_dir`, so a worker loads it
    once, quickly. The global ``jieba`` tokenizer is left untouched.
    """
    import jieba

    jieba.setLogLevel(60)  # jieba prints to stderr on load; silence only jieba's own logger
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())
    tok.cache_file = "jieba.main.cache"
    tok.initialize()
    for term in iter_terms(rules):
        tok.add_word(term, freq=max(tok.suggest_freq(term, tune=False), 1000))
    return tok


def word_tags(tokenizer: "jieba.Tokenizer", keep: Iterable[str]) -> "Mapping[str, str]":
    """The words of the tokenizer's dictionary whose part-of-speech tag (its third
    column: n, v, vn, d, p …) is one of ``keep``, with their tag. Domain terms
    added from the rules have none.

    Read once per process, and kept on disk beside jieba's own cache.
    """
    path = getattr(tokenizer, "dictionary", None)
    if not path:
        import jieba

        path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    return _dictionary_tags(os.path.abspath(path), frozenset(keep))


@functools.lru_cache(maxsize=4)
def _dictionary_tags(path: str, keep: frozenset[str]) -> "Mapping[str, str]":
    import hashlib
    import marshal
    from types import MappingProxyType

    st = os.stat(path)
    key = hashlib.sha1(f"{path}|{st.st_size}|{st.st_mtime}|{sorted(keep)}".encode()).hexdigest()[:16]
    cache = cache_dir() / f"jieba.tags.{key}.marshal"
    try:
        return MappingProxyType(marshal.loads(cache.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        pass
    tags: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[2] in keep:
                tags[parts[0]] = parts[2]
    tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(marshal.dumps(tags))
        os.replace(tmp, cache)
    except OSError:  # a read-only cache folder: keep the tags for this process only
        pass
    return MappingProxyType(tags)


def make_nlp(rules: RuleSet, *, components: bool = True, tokenizer: "jieba.Tokenizer | None" = None) -> "Language":
    """A spaCy blank ``zh`` pipeline with the jieba segmenter (with domain terms),
    sentence boundaries from :func:`split_sentences` and, when ``components``,
    the ``govextract_quantities`` component.
    """
    import spacy

    # Built with the char segmenter, then switched to our private jieba tokenizer:
    # spaCy's own jieba set-up would also load jieba's global dictionary (a second
    # ~0.5 s dictionary load in every process and batch worker, never used).
    nlp = spacy.blank("zh")
    nlp.tokenizer.segmenter = "jieba"
    nlp.tokenizer.jieba_seg = tokenizer or make_tokenizer(rules)
    import importlib

    importlib.import_module("govextract.spacy_components")   # registers the factories

    nlp.add_pipe("govextract_sentences")
    if components:
        nlp.add_pipe("govextract_quantities", config={"rules_fingerprint": rules.fingerprint})
        nlp.get_pipe("govextract_quantities").rules = rules
    return nlp

"""The Python API: parse() → Report with DataFrames; the spaCy component; offsets and provenance."""
from __future__ import annotations

import govextract
from conftest import JIADING_TXT


def test_parse_gives_three_dataframes(jiading):
    assert list(jiading.documents["issuer"]) == ["上海市嘉定区生态环境局"]
    assert len(jiading.items) == 43
    q = jiading.quantities
    assert {"text", "value", "unit", "section", "sentence", "start", "end"} <= set(q.columns)
    assert (q["doc"] == str(JIADING_TXT)).all()


def test_offsets_point_at_text(jiading):
    for q in jiading.quantity_list:
        assert jiading.text[q.start:q.end] == q.text


def test_section_path_on_quantities(jiading):
    q = jiading.quantities
    row = q[q["text"] == "34轮次"].iloc[0]
    assert row["section"] == "三、高水平推进污染防治攻坚 > （八）打好蓝天保卫战"


def test_toplevel_parse_function():
    rep = govextract.parse(JIADING_TXT)
    assert rep.meta.doc_number == "嘉环〔2025〕3号"


def test_spacy_component_reusable():
    import spacy

    import govextract.spacy_components  # noqa: F401

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("govextract_sentences")
    nlp.add_pipe("govextract_quantities")
    doc = nlp("区环境空气质量优良率为88.6%，同比上升2.8个百分点。")
    got = [(s.text, float(s._.value), s._.unit, s._.change) for s in doc.spans["quantities"]]
    assert got == [("88.6%", 88.6, "%", ""), ("2.8个百分点", 2.8, "百分点", "up")]
    assert [s.text for s in doc.sents] == ["区环境空气质量优良率为88.6%，同比上升2.8个百分点。"]


def test_jieba_keeps_domain_terms_whole(pipeline):
    words = [t.text for t in pipeline.nlp.make_doc("持续推进入河排污口排查，核发排污许可证")]
    assert words == list(pipeline.tokenizer.cut("持续推进入河排污口排查，核发排污许可证"))
    assert "入河排污口" in words and "排污许可证" in words


def test_spacy_doc_gives_the_same_quantities_as_the_tables(pipeline, jiading):
    doc = pipeline.spacy_doc(jiading)
    spans = doc.spans["quantities"]
    assert [(s._.quantity.start, s._.quantity.text) for s in spans] == [
        (q.start, q.text) for q in jiading.quantity_list]
    assert all(s._.unit == s._.quantity.unit for s in spans)


def test_pipeline_does_not_import_spacy_until_asked():
    import subprocess
    import sys

    code = ("import sys, govextract; rep = govextract.parse_text('优良率为88.6%。'); "
            "print(len(rep.quantity_list), 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["1", "False"], out.stderr

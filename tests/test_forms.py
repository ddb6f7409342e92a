"""Every form of the reference document, end to end, scored against the gold with the shared scorer (govextract.evaluate.score)."""
from __future__ import annotations

import json

import pytest

from conftest import CORPORA, GOLD, load_jsonl


@pytest.fixture(scope="module")
def parsed(parse_once):
    """Each form parsed once per session, with two OCR workers."""
    return lambda name: parse_once(CORPORA / "jiading" / name)


FORMS = [
    # id, file, min full F1 (issue 3/4 acceptance), has pages
    pytest.param("jiading_2024.txt", 0.98, False, id="converter-text"),
    pytest.param("jiading_2024.pdf", 0.97, True, id="text-layer-pdf"),
    pytest.param("jiading_2024.docx", 0.98, False, id="docx"),
    pytest.param("jiading_2024_scanned.pdf", 0.93, True, id="scanned-pdf-ocr", marks=pytest.mark.slow),
]


@pytest.mark.parametrize("name,min_f1,paged", FORMS)
def test_quantities_score_against_gold(parsed, score, name, min_f1, paged):
    rep = parsed(name)
    sc = score
    gold = sc.gold_in_order(load_jsonl(GOLD / "jiading_2024.quantities.jsonl"), str(GOLD / "jiading_2024.paras.txt"))
    pred = json.loads(rep.quantities.to_json(orient="records", force_ascii=False))
    res = sc.score(gold, pred)
    assert res["full"][2] >= min_f1, (res["missed"][:5], res["wrong"][:5])
    if paged:
        assert rep.quantities["page"].notna().all()
        assert rep.quantities["page"].between(1, 14).all()


@pytest.mark.parametrize("name", ["jiading_2024.txt", "jiading_2024.pdf", "jiading_2024.docx",
                                  pytest.param("jiading_2024_scanned.pdf", marks=pytest.mark.slow)])
def test_outline_and_metadata_match_gold(parsed, name):
    rep = parsed(name)
    gold_items = load_jsonl(GOLD / "jiading_2024.outline.jsonl")
    numbered = [(i.level, i.title) for i in rep.outline if not i.bold_lead]
    assert len(numbered) == 37
    assert [(i.level, i.title) for i in rep.outline] == [(g["level"], g["title"]) for g in gold_items]
    meta = json.loads((GOLD / "jiading_2024.meta.json").read_text(encoding="utf-8"))
    got = rep.meta.as_record()
    for key in ("issuer", "doc_number", "title", "date", "period", "region", "kind"):
        assert got[key] == meta[key], (name, key)


def test_pdf_items_and_quantities_carry_pages(parsed):
    rep = parsed("jiading_2024.pdf")
    assert rep.pages == 14
    assert rep.items["page"].notna().all()
    q = rep.quantities
    assert q.loc[q["text"] == "88.6%", "page"].iloc[0] == 2

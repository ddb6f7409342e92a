"""The pdfium path and the pdfplumber path give the same report for every
text-layer PDF in the repository: text, outline, metadata, quantities, table
grids and cells.

Where the two engines differ, a row of EXPECTED_DIFFERENCES names the file, the
table and the difference, and says which engine is right (none so far: every file
agrees in full).
"""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, TEXT_LAYER_PDFS
from govextract.ingest import ReadOptions
from govextract.pipeline import Pipeline

# (file id, part) -> why the engines differ and which is right; such a part is
# asserted to differ (a strict expectation, like xfail(strict=True)).
EXPECTED_DIFFERENCES: dict[tuple[str, str], str] = {}

PARTS = ("text", "documents", "items", "quantities", "tables", "cells")


@pytest.fixture(scope="module")
def pipelines():
    return {engine: Pipeline(options=ReadOptions(pdf_engine=engine, ocr="never"))
            for engine in ("pdfium", "pdfplumber")}


def _records(df) -> list[dict]:
    return json.loads(df.to_json(orient="records", force_ascii=False, double_precision=12))


def report_parts(rep) -> dict[str, object]:
    """Everything a user gets from a report, as plain comparable values."""
    return {
        "text": rep.document.text,
        "documents": _records(rep.documents),
        "items": _records(rep.items),
        "quantities": _records(rep.quantities),
        "tables": [(t.page, t.pages, t.caption, t.origin, t.grid, t.notes) for t in rep.document.tables],
        "cells": _records(rep.cells),
    }


@pytest.mark.parametrize("path", TEXT_LAYER_PDFS)
def test_pdfium_and_pdfplumber_give_the_same_report(pipelines, path):
    fid = next(p.id for p in TEXT_LAYER_PDFS if p.values[0] == path)
    got = {engine: report_parts(pipe.parse(ROOT / path)) for engine, pipe in pipelines.items()}
    same = {part: got["pdfium"][part] == got["pdfplumber"][part] for part in PARTS}
    expected = {part: (fid, part) not in EXPECTED_DIFFERENCES for part in PARTS}
    assert same == expected
    assert got["pdfium"]["quantities"], "every file here has quantities: the comparison is not vacuous"
    assert got["pdfium"]["text"].count("\f") == got["pdfplumber"]["text"].count("\f")


def test_reference_pdf_through_pdfium_keeps_pages_outline_and_header(pipelines):
    """The reference PDF on the default engine: 43 outline items (37 numbered),
    every quantity with its page, the 公文 header read from the red 发文机关标志."""
    rep = pipelines["pdfium"].parse(ROOT / "corpora/jiading/jiading_2024.pdf")
    assert len(rep.outline) == 43 and sum(not i.bold_lead for i in rep.outline) == 37
    assert rep.quantities["page"].notna().all() and rep.quantities["page"].between(1, 14).all()
    meta = rep.meta.as_record()
    assert (meta["issuer"], meta["doc_number"]) == ("上海市嘉定区生态环境局", "嘉环〔2025〕3号")


@pytest.mark.parametrize("path, n_tables", [
    pytest.param("corpora/real/henan_zhoukou_2023_tjgb.pdf", 6, id="zhoukou_tjgb-表1-表6"),
    pytest.param("corpora/real/jiangsu_huaian_2024_zfxxgk_ndbg.pdf", 3, id="huaian_ndbg-three-tables"),
])
def test_table_cells_compared_are_there(pipelines, path, n_tables):
    """The table comparison is not vacuous: the ruled tables are found on both engines."""
    for engine, pipe in pipelines.items():
        rep = pipe.parse(ROOT / path)
        assert len(rep.document.tables) == n_tables and len(rep.cells) > 50, engine


def test_fake_bold_leads_and_red_header_on_both_engines(pipelines):
    """Leads printed twice over themselves are bold on both engines (pdfium drops
    the copy from its text page; the reader finds it among the page objects)."""
    for engine, pipe in pipelines.items():
        rep = pipe.parse(ROOT / "tests/fixtures/ingest/notice_fakebold.pdf")
        assert [(i.title, i.bold_lead, i.page) for i in rep.outline] == [
            ("总体情况", False, 1), ("推进污染防治", True, 1), ("加强生态保护", True, 1),
            ("强化执法监管", True, 2)], engine
        meta = rep.meta.as_record()
        assert (meta["issuer"], meta["doc_number"]) == ("某某区生态环境局", "某环〔2025〕3号"), engine


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_text_layer_without_unicode_is_garbage_on_both_engines(engine):
    """A font with no Unicode map: (cid:NN) on both engines, so the page is not text."""
    from govextract.errors import InputError
    from govextract.ingest import read

    with pytest.raises(InputError, match="no usable text layer"):
        read(ROOT / "tests/fixtures/ingest/cid_garbage.pdf", ReadOptions(pdf_engine=engine, ocr="never"))


def test_default_engine_is_pdfium():
    assert ReadOptions().pdf_engine == "pdfium"
    with pytest.raises(ValueError, match="pdf_engine"):
        ReadOptions(pdf_engine="mupdf")

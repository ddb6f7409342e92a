"""OCR on real scans: a two-page excerpt of the scanned reference PDF.

Slow (RapidOCR on CPU): the excerpt is read twice, once with the default doubt
threshold and once with a threshold no digit can meet, and an image crop once.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from govextract.errors import InputError
from govextract.ingest import ReadOptions, read
from govextract.markup import strip_marks
from govextract.normalise import normalise

ROOT = Path(__file__).resolve().parents[1]
EXCERPT = ROOT / "tests" / "fixtures" / "ingest" / "jiading_scanned_p2-3.pdf"
PDF = ROOT / "corpora" / "jiading" / "jiading_2024.pdf"

pytestmark = pytest.mark.slow


def clean(text: str) -> str:
    return re.sub(r"\n+", "\n", normalise(text).text).strip()


@pytest.fixture(scope="module")
def expected() -> str:
    """Pages 2 and 3 of the text-layer PDF, as the scan should read."""
    n = normalise(read(PDF).text)
    return re.sub(r"\n+", "\n", n.text[n.page_starts[1]:n.page_starts[3]]).strip()


@pytest.fixture(scope="module")
def scanned():
    seen: list[tuple[int, int]] = []
    src = read(EXCERPT, ReadOptions(workers=2), progress=lambda done, total: seen.append((done, total)))
    return src, seen


def test_scan_reads_like_the_text_layer(scanned, expected):
    src, seen = scanned
    assert (src.form, src.pages) == ("ocr", 2)
    got = clean(src.text)
    ratio = difflib.SequenceMatcher(None, got, expected, autojunk=False).ratio()
    assert ratio >= 0.99, ratio
    assert seen == [(1, 2), (2, 2)]


def test_scan_page_offsets_and_footer(scanned):
    src, _ = scanned
    n = normalise(src.text)
    assert len(n.page_starts) == 2
    assert n.text[n.page_starts[1]:].startswith("（二）加强基层党组织建设")
    assert "一" not in n.text[-3:] and not re.search(r"-\s*\d\s*[一—-]", n.text)   # "— 2 —" footers dropped


NUMBERS = ["88.6%", "2.8个百分点", "29.4微克/立方米", "5.2%", "100%", "20次", "817个次", "6大重点区域",
           "11555个次", "990个次", "26批133项"]


@pytest.mark.parametrize("surface", NUMBERS, ids=NUMBERS)
def test_scan_numbers_exact(scanned, surface):
    assert surface in clean(scanned[0].text)


def test_doubt_markup_carries_confidences(scanned):
    src = read(EXCERPT, ReadOptions(workers=2, doubt_below=1.01))
    marks = strip_marks(src.text)
    spans = [marks.text[a:b] for a, b in marks.doubt]
    assert len(spans) == len(src.doubts) > 20
    assert all(0.0 < c <= 1.0 for c in src.doubts)
    assert all(re.fullmatch(r"[0-9.,%]+", s) for s in spans), spans
    assert "88.6%" in spans and "11555" in spans
    # the doubt marks change nothing else
    assert marks.text == strip_marks(scanned[0].text).text
    # and the normaliser carries them to final offsets
    n = normalise(src.text)
    assert len(n.doubt) == len(src.doubts)


def test_image_input(tmp_path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(EXCERPT))
    img = doc[0].render(scale=2.0, grayscale=True).to_pil()
    w, h = img.size
    crop = tmp_path / "crop.png"
    img.crop((0, int(h * 0.40), w, int(h * 0.62))).save(crop)
    src = read(crop)
    assert src.form == "image" and src.pages == 1
    assert "PM2.5平均浓度为29.4微克/立方米" in clean(src.text)


def test_ocr_deadline():
    with pytest.raises(InputError, match="second limit"):
        read(EXCERPT, ReadOptions(workers=2, timeout=0.5))


def test_scan_has_no_false_bold(scanned):
    # pages 2-3 print only numbered headings in bold, which are not bold leads
    assert "**" not in scanned[0].text


def test_scan_header_is_not_a_title_mistaken_for_an_issuer(scanned):
    # the excerpt starts with the report title, not with a 发文机关标志
    assert "issuer" not in scanned[0].header


def test_mixed_pdf_reads_text_pages_and_ocrs_scanned_ones(tmp_path):
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(str(PDF)), [0])
    mixed.import_pages(pdfium.PdfDocument(str(EXCERPT)), [0])
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    src = read(path)
    assert (src.form, src.pages) == ("pdf", 2)
    assert any("pages 2 read by OCR" in w for w in src.warnings)
    n = normalise(src.text)
    assert n.text.startswith("上海市嘉定区生态环境局文件")
    assert n.text[n.page_starts[1]:].startswith("2024年嘉定区生态环境局工作总结")


@pytest.mark.parametrize("threads", [1, 2], ids=["one-thread", "two-threads"])
def test_engine_threads_sleep_when_idle(threads):
    """onnxruntime's threads spin by default, taking the CPU of batch workers and OCR pages
    beside them (measured: 5 rasterised table pages took 23 s instead of 10 s with another
    job on the machine); the engine's sessions run on the threads asked for, and sleep."""
    from govextract.ingest.ocr import engine

    ocr = engine(threads)
    ocr._load_det_model()   # rapidocr builds its parts on first use
    ocr._load_rec_model()
    for part in (ocr.text_det, ocr.text_rec):
        opts = part.session.session.get_session_options()
        assert opts.intra_op_num_threads == threads
        assert opts.get_session_config_entry("session.intra_op.allow_spinning") == "0"

"""Reading every form of a report: tables of real files, each with an id.

Text forms (encodings, HTML, web clutter) and bad inputs are fast; the PDF and
DOCX of the reference report are compared with its text form. OCR lives in
tests/test_ingest_ocr.py.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from govextract.errors import InputError
from govextract.ingest import ReadOptions, read, read_bytes, sniff
from govextract.markup import strip_marks
from govextract.normalise import normalise

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
FIX = ROOT / "tests" / "fixtures"
ING = FIX / "ingest"
BAD = FIX / "bad"
JIADING = CORPORA / "jiading"


def clean(text: str) -> str:
    """Normalised text with blank lines folded, the form compared across inputs."""
    return re.sub(r"\n+", "\n", normalise(text).text).strip()


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@pytest.fixture(scope="module")
def jiading_txt() -> str:
    return clean(read(JIADING / "jiading_2024.txt").text)


# --- encodings ------------------------------------------------------------------------
EXCERPT = (ING / "excerpt.utf8.txt").read_text(encoding="utf-8")

ENCODINGS = [
    pytest.param("excerpt.utf8.txt", "utf-8", id="utf8"),
    pytest.param("excerpt.utf8-bom.txt", "utf-8-sig", id="utf8-bom"),
    pytest.param("excerpt.utf16le.txt", "utf-16-le", id="utf16le-no-bom"),
    pytest.param("excerpt.utf16be.txt", "utf-16-be", id="utf16be-no-bom"),
    pytest.param("excerpt.utf16-bom.txt", "utf-16-le", id="utf16-bom"),
    pytest.param("excerpt.gb18030.txt", "gbk", id="gb18030-as-gbk"),
]


@pytest.mark.parametrize("name, encoding", ENCODINGS)
def test_encoding_detected(name, encoding):
    src = read(ING / name)
    assert (src.form, src.encoding, src.warnings) == ("text", encoding, ())
    assert src.text == EXCERPT.strip()


def test_state_council_gbk():
    src = read(ING / "state_council_2015.gbk.txt")
    assert (src.form, src.encoding, src.warnings) == ("text", "gbk", ())
    text = normalise(src.text).text
    assert text.startswith("2015年政府工作报告")
    assert "国内生产总值达到63.6万亿元" in text


def test_encoding_override():
    # forcing a wrong encoding is obeyed, and the damage is reported
    src = read(ING / "excerpt.utf8.txt", ReadOptions(encoding="gbk"))
    assert src.encoding == "gbk"
    assert src.text != EXCERPT.strip()
    forced = read(ING / "excerpt.gb18030.txt", ReadOptions(encoding="gb18030"))
    assert (forced.encoding, forced.text) == ("gb18030", EXCERPT.strip())


def test_replacement_characters_warn():
    src = read(ING / "excerpt.gbk-broken.txt")
    assert "\ufffd" in src.text
    assert len(src.warnings) == 1 and "replacement character" in src.warnings[0]
    assert str(ING / "excerpt.gbk-broken.txt") in src.warnings[0]
    forced = read(ING / "excerpt.gbk-broken.txt", ReadOptions(encoding="utf-8"))
    assert forced.warnings and "decoding as utf-8 needed" in forced.warnings[0]


def test_unknown_encoding_is_an_input_error():
    with pytest.raises(InputError, match="unknown encoding"):
        read(ING / "excerpt.utf8.txt", ReadOptions(encoding="no-such-codec"))


# --- sniffing -------------------------------------------------------------------------
SNIFF = [
    pytest.param(JIADING / "jiading_2024.pdf", "pdf", id="pdf"),
    pytest.param(JIADING / "jiading_2024.docx", "zip", id="docx"),
    pytest.param(BAD / "blank.png", "image", id="png"),
    pytest.param(ING / "jiangsu_2026.html", "html", id="html"),
    pytest.param(ING / "state_council_2015.gbk.txt", "text", id="gbk-text"),
    pytest.param(BAD / "legacy.doc", "ole", id="ole"),
]


@pytest.mark.parametrize("path, form", SNIFF)
def test_sniff_by_content(path, form):
    assert sniff(path.read_bytes()[:8192], str(path)) == form


def test_extension_does_not_decide(tmp_path):
    fake = tmp_path / "report.txt"
    fake.write_bytes((JIADING / "jiading_2024.docx").read_bytes())
    assert read(fake).form == "docx"


# --- web pages and their text renderings -----------------------------------------------
def test_html_page_reads_like_its_text_rendering():
    html = read(ING / "jiangsu_2026.html")
    text = read(CORPORA / "provinces-2026" / "jiangsu_2026.txt")
    assert html.form == "html"
    assert clean(html.text) == clean(text.text)
    assert html.header == {"title": "2026年江苏省政府工作报告", "published": "2026-02-09", "source": "新华日报"}
    # the <strong> lead survives as bold; nothing of the chrome does
    marks = strip_marks(html.text)
    assert [marks.text[a:b] for a, b in marks.bold] == ["打造具有国际竞争力的先进制造业基地交出“硬核答卷”"]
    for chrome in ("打印", "关闭", "字号", "分享", "扫一扫", "当前位置", "相关报道", "本报记者", "网站标识码",
                   "首页", "热点推荐"):
        assert chrome not in html.text, chrome


CLUTTER = [
    pytest.param("anhui_2026.txt", {"source": "安徽日报", "published": "2026-02-11"}, id="anhui"),
    pytest.param("hebei_2026.txt", {"source": "河北日报", "published": "2026-02-02"}, id="hebei-caption"),
    pytest.param("ningxia_2026.txt", {"source": "宁夏日报客户端", "published": "2026-02-09"}, id="ningxia-breadcrumb"),
    pytest.param("qinghai_2026.txt", {"source": "青海日报", "published": "2026-01-31", "editor": "何继红"},
                 id="qinghai-tail"),
    pytest.param("yunnan_2026.txt", {"source": "云南日报", "published": "2026-02-03"}, id="yunnan-share"),
    pytest.param("hainan_2026.txt", {}, id="hainan-clean"),
]

CHROME_LINES = {"下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "【字号：", "】", "相关报道：", "相关文档：",
                "分享到:", "分享到微信", "扫一扫在手机打开当前页", "打印本页", "关闭窗口", "首页", ">", "|", "×"}


@pytest.mark.parametrize("name, header", CLUTTER)
def test_provincial_text_rendering_is_cleaned(name, header):
    path = CORPORA / "provinces-2026" / name
    raw = path.read_text(encoding="utf-8").split("\n")
    src = read(path)
    lines = src.text.split("\n")
    assert src.header == header
    assert not CHROME_LINES & set(lines)
    assert not any(ln.startswith(("来源：", "时间：", "编辑：")) or ln.endswith("摄") for ln in lines)
    # the report itself is untouched: every line from 各位代表 to the end survives
    start = raw.index("各位代表：")
    body = [ln for ln in raw[start:] if len(ln) > 40]
    assert all(ln in lines for ln in body)


def test_clean_text_keeps_a_report_without_chrome():
    path = JIADING / "jiading_2024.txt"
    assert read(path).text == path.read_text(encoding="utf-8").strip()


def test_html_fragment():
    frag = "<p>　　2024年，区环境空气质量优良率为88.6%。</p><p><b>推进VOCs综合治理</b>，开展检查。</p>".encode()
    src = read_bytes(frag, "frag.html")
    assert src.form == "html"
    assert src.text == "2024年，区环境空气质量优良率为88.6%。\n**推进VOCs综合治理**，开展检查。"


# --- PDF and DOCX of the reference report -------------------------------------------
FORMS = [
    pytest.param("jiading_2024.pdf", "pdf", 14, id="pdf"),
    pytest.param("jiading_2024.docx", "docx", None, id="docx"),
]

HEADER = {"issuer": "上海市嘉定区生态环境局", "doc_number": "嘉环〔2025〕3号",
          "title": "关于印发《2024年嘉定区生态环境局工作总结》的通知"}


@pytest.mark.parametrize("name, form, pages", FORMS)
def test_form_reads_like_the_text(name, form, pages, jiading_txt):
    src = read(JIADING / name)
    assert (src.form, src.pages, src.warnings) == (form, pages, ())
    assert src.header == HEADER
    got = clean(src.text)
    assert similarity(got, jiading_txt) == 1.0
    assert got == jiading_txt


@pytest.mark.parametrize("name", ["jiading_2024.txt", "jiading_2024.pdf", "jiading_2024.docx"])
def test_bold_leads_match_the_text(name):
    n = normalise(read(JIADING / name).text)
    assert [n.text[a:b] for a, b in n.bold] == [
        "推进VOCs综合治理", "强化移动源污染管控", "加强扬尘面源污染防治", "加强河道水质监管力度",
        "推进工业园区水污染排查整治", "做好土壤污染状况调查报告评审工作"]


def test_bold_policy_all_keeps_numbered_headings():
    n = normalise(read(JIADING / "jiading_2024.pdf", ReadOptions(bold="all")).text)
    bold = [n.text[a:b] for a, b in n.bold]
    assert "（一）加强政治思想建设" in bold and "推进VOCs综合治理" in bold
    assert normalise(read(JIADING / "jiading_2024.pdf", ReadOptions(bold="none")).text).bold == ()


# Each page of the PDF starts with these characters (its first printed line).
PAGE_STARTS = ["上海市嘉定区生态环境局文件", "2024年嘉定区生态环境局工作总结", "（二）加强基层党组织建设",
               "14个批次，受理转办信访", "（七）不断优化生态环境考核", "处。加强扬尘面源污染防治",
               "目，问题整改完成率100%", "生态红线管理工作中进一步", "块、吉利新能源等一批重点",
               "（二十）推进“无废城市”建设", "环境风险，落实各项法律制", "评事中事后辅助监管，共完",
               "工作，共开展检查各类环境", "学生共4364人。推进我"]


def test_pdf_page_offsets():
    src = read(JIADING / "jiading_2024.pdf")
    assert not src.text.startswith("\f")
    n = normalise(src.text)
    assert len(n.page_starts) == 14
    for page, (start, head) in enumerate(zip(n.page_starts, PAGE_STARTS), 1):
        assert n.text[start:start + len(head)] == head, page


def test_pdf_joins_paragraphs_across_pages():
    text = read(JIADING / "jiading_2024.pdf").text
    # page 3 ends mid-sentence and page 4 continues it: one paragraph, the mark inside
    assert "陪同督察组下沉检查\f14个批次" in text
    # running footers (— 3 —) are gone
    assert not re.search(r"—\s*\d+\s*—", text)


def test_docx_page_break_and_rule_line():
    text = read(JIADING / "jiading_2024.docx").text
    assert text.count("\f") == 1 and "\f2024年嘉定区生态环境局工作总结" in text
    assert "━" not in text


def test_docx_automatic_numbering(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("总体情况", style="List Number")
    p = d.add_paragraph(style="List Number")
    p.add_run("推进VOCs综合治理").bold = True
    p.add_run("，开展检查。")
    path = tmp_path / "numbered.docx"
    d.save(path)
    assert read(path).text == "1.总体情况\n2.推进VOCs综合治理，开展检查。"
    assert read(path, ReadOptions(bold="all")).text == "1.总体情况\n**2.推进VOCs综合治理**，开展检查。"


# --- bad input ----------------------------------------------------------------------
BAD_INPUTS = [
    pytest.param(BAD / "encrypted.pdf", ReadOptions(), "encrypted PDF", id="encrypted-pdf"),
    pytest.param(BAD / "truncated.pdf", ReadOptions(), "corrupt or truncated PDF", id="truncated-pdf"),
    pytest.param(BAD / "no_pages.pdf", ReadOptions(), "PDF has no pages", id="no-pages-pdf"),
    pytest.param(BAD / "empty.txt", ReadOptions(), "empty file", id="empty"),
    pytest.param(BAD / "random.bin", ReadOptions(), "unknown binary format", id="random-bytes"),
    pytest.param(BAD / "legacy.doc", ReadOptions(), "legacy Word", id="legacy-doc"),
    pytest.param(BAD / "not_docx.zip", ReadOptions(), "not a DOCX", id="zip-not-docx"),
    pytest.param(BAD / "blank_page.pdf", ReadOptions(ocr="never"), "no usable text layer", id="blank-pdf-no-ocr"),
    pytest.param(JIADING / "jiading_2024_scanned.pdf", ReadOptions(ocr="never"), "no usable text layer",
                 id="scan-with-ocr-never"),
    pytest.param(JIADING / "jiading_2024.pdf", ReadOptions(max_pages=10), "over the 10-page limit", id="too-many-pages"),
    pytest.param(JIADING / "jiading_2024.pdf", ReadOptions(max_bytes=1000), "over the 1000-byte limit", id="too-big"),
    pytest.param(JIADING / "jiading_2024.pdf", ReadOptions(timeout=0.0), "second limit", id="timeout"),
    pytest.param(FIX / "no-such-file.pdf", ReadOptions(), "no such file", id="missing"),
    pytest.param(FIX, ReadOptions(), "is a directory", id="directory"),
]


@pytest.mark.parametrize("path, options, reason", BAD_INPUTS)
def test_bad_input_is_one_clear_line(path, options, reason):
    with pytest.raises(InputError) as e:
        read(path, options)
    msg = str(e.value)
    assert reason in msg
    assert msg.startswith(str(path) + ": ")
    assert "\n" not in msg and e.value.fix


def test_read_options_are_checked():
    with pytest.raises(ValueError):
        ReadOptions(ocr="sometimes")
    with pytest.raises(ValueError):
        ReadOptions(bold="some")


def test_garbage_text_layer_counts_as_unusable():
    from govextract.ingest.pdf import read_page

    class FakePage:
        chars = [dict(text="(cid:%d)" % i, x0=i, x1=i + 1, top=0, bottom=10, size=10, fontname="X") for i in range(40)]

    assert not read_page(FakePage()).usable


def test_hostile_pdf_page_is_cut_off(monkeypatch):
    """A page that never finishes parsing is interrupted at the time limit."""
    import signal
    import time

    if signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        pytest.skip("another timer (pytest-timeout --timeout-method=signal) owns SIGALRM")

    import govextract.ingest.pdf as pdfmod

    def hang(page, rules=None):
        time.sleep(30)

    monkeypatch.setattr(pdfmod, "read_page", hang)
    t0 = time.monotonic()
    with pytest.raises(InputError, match="took longer than the 0.5-second limit"):
        read(JIADING / "jiading_2024.pdf", ReadOptions(timeout=0.5))
    assert time.monotonic() - t0 < 5


def test_garbage_text_layer_goes_to_ocr(monkeypatch):
    """A text layer of mostly non-CJK noise is not trusted: the PDF counts as scanned."""
    import govextract.ingest.pdf as pdfmod

    monkeypatch.setattr(pdfmod, "read_page", lambda page, rules=None: pdfmod.PageText([], True, 500, 3))
    with pytest.raises(InputError, match="no usable text layer"):
        read(JIADING / "jiading_2024.pdf", ReadOptions(ocr="never"))


def test_tiff_and_jpeg_are_images(tmp_path):
    from PIL import Image

    im = Image.new("L", (40, 40), 255)
    for name in ("page.tif", "page.jpg"):
        im.save(tmp_path / name)
        assert sniff((tmp_path / name).read_bytes()[:16], name) == "image"

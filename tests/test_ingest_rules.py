"""The readers' page-layout vocabulary comes from the rule set they are given (issue 14).

The 发文字号 pattern (documents.yaml ``grammar.doc_number``) has one source: the readers' 公文
header, the front-matter metadata and the exclusion of its digits from quantities all read it,
so a user's pattern changes all three. The page-number patterns (web.yaml ``furniture``) are
shared by normalise (lines in the flow of text) and the PDF and OCR readers (lines at a page's
top or bottom, which also take ``margin_page_numbers``). A user's ``bold_font_names`` reach
both PDF engines. Each row: the shipped rules, then a user's rule set.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from govextract.extract.quantities import find_quantities
from govextract.ingest import ReadOptions, read
from govextract.ingest.bold import tidy_bold
from govextract.ingest.doc_header import header_hints
from govextract.ingest.glyphs import is_bold_font
from govextract.ingest.layout import Glyph, Line, Para, assemble
from govextract.ingest.running import is_page_number, is_rule_line
from govextract.markup import BOLD
from govextract.normalise import explain, fixes_for, normalise
from govextract.pipeline import Pipeline
from govextract.errors import RulesError
from govextract.rules import load_rules, shipped_rules
from govextract.text_fixes import drop_footnote_marks, rejoin_page_breaks

ROOT = Path(__file__).resolve().parents[1]

#: a user's 发文字号 with the year in 〖〗: 嘉环〖2025〗3号
USER_DOC_NUMBER = r"""grammar:
  doc_number: |
    (?P<num> \p{Han}{1,10} 〖 \d{4} 〗 \d{1,5} 号 )
"""
#: a user's page number in brackets: （3）
USER_PAGE_NUMBER = "furniture:\n  page_numbers:\n    - '[(（]\\s*\\d{1,4}\\s*[)）]'\n"


def user_rules(tmp_path: Path, **files: str):
    for name, body in files.items():
        (tmp_path / f"{name}.yaml").write_text(body, encoding="utf-8")
    return load_rules(tmp_path)


def para(text: str, size: float, red: bool = False) -> Para:
    return Para([Line([Glyph(c, 0, 1, red=red) for c in text], 0, size, size)], [0])


HEADER = [para("上海市某局文件", 30, True), para("某环〖2025〗3号", 16), para("关于印发的通知", 22), para("各单位：", 16)]
NOTICE = "上海市某局文件\n某环〖2025〗3号\n关于印发某某工作要点的通知\n各单位：\n全年完成治理项目5项。"


# --- the 发文字号: one source, three consumers -----------------------------------------
@pytest.mark.parametrize("user,expected", [
    # the number line is then body text, and a title comes only straight after the issuer
    pytest.param(False, {"issuer": "上海市某局"}, id="shipped-no-number"),
    pytest.param(True, {"issuer": "上海市某局", "doc_number": "某环〖2025〗3号", "title": "关于印发的通知"},
                 id="user-number"),
])
def test_header_reads_the_users_doc_number(tmp_path, user, expected):
    rules = user_rules(tmp_path, documents=USER_DOC_NUMBER) if user else None
    assert header_hints(HEADER, 16, rules) == expected


@pytest.mark.parametrize("user,doc_number", [
    pytest.param(False, None, id="shipped"),
    pytest.param(True, "某环〖2025〗3号", id="user"),
])
def test_metadata_reads_the_users_doc_number(tmp_path, user, doc_number):
    rules = user_rules(tmp_path, documents=USER_DOC_NUMBER) if user else load_rules()
    assert Pipeline(rules).parse_text(NOTICE).meta.doc_number == doc_number


@pytest.mark.parametrize("text,user,excluded", [
    pytest.param("根据嘉环〔2025〕3号文件", False, [("2025", "doc_numbers"), ("3", "doc_numbers")], id="shipped-brackets"),
    pytest.param("根据沪财预［2024］12号文件", False, [("2024", "doc_numbers"), ("12", "doc_numbers")],
                 id="shipped-square-brackets"),
    pytest.param("根据国办发〔2024〕第18号文件", False, [("2024", "doc_numbers"), ("18", "doc_numbers")],
                 id="shipped-di"),
    # 〖〗 is no 发文字号 bracket of the shipped rules: 3号 reads as a day of the month
    pytest.param("根据嘉环〖2025〗3号文件", False, [("2025", "units"), ("3", "dates")], id="shipped-other-bracket"),
    pytest.param("根据嘉环〖2025〗3号文件", True, [("2025", "doc_numbers"), ("3", "doc_numbers")], id="user-bracket"),
])
def test_exclusion_reads_the_users_doc_number(tmp_path, text, user, excluded):
    rules = user_rules(tmp_path, documents=USER_DOC_NUMBER) if user else load_rules()
    qs, ex = find_quantities(text, rules)
    assert qs == []
    assert [(e.text, e.rule.split(":")[-1]) for e in ex] == excluded


# --- page numbers: shared by normalise and the page layout ------------------------------
USER_RULE_LINE = {"web": "furniture:\n  rule_line: '[\\s＝]{5,}'\n"}
USER_BOLD = {"documents": "bold_font_names: [楷体]\n"}

#: one line, one font name: what the shipped rules say of it, then a user's
PREDICATES = [
    # id, predicate, user rule files (None: the shipped rules), argument, expected
    ("page-dashes", is_page_number, None, "— 3 —", True),
    ("page-di-ye", is_page_number, None, "第 3 页 共 14 页", True),
    ("page-of", is_page_number, None, "Page 3 of 14", True),
    ("page-margin-bare-digits", is_page_number, None, "3", True),
    ("page-margin-dash-read-as-yi", is_page_number, None, "-2一", True),
    ("page-shipped-brackets-are-text", is_page_number, None, "（3）", False),
    ("page-user-brackets", is_page_number, {"web": USER_PAGE_NUMBER}, "（3）", True),
    ("page-user-year-is-text", is_page_number, {"web": USER_PAGE_NUMBER}, "2024年", False),
    ("rule-red-line", is_rule_line, None, "━━━━━━━━━━", True),
    ("rule-shipped-fullwidth-equals", is_rule_line, None, "＝＝＝＝＝＝", False),
    ("rule-user-fullwidth-equals", is_rule_line, USER_RULE_LINE, "＝＝＝＝＝＝", True),
    ("bold-style-word", is_bold_font, None, "ABCDEF+SimHei-Bold", True),
    ("bold-shipped-heiti", is_bold_font, None, "方正黑体", True),
    ("bold-shipped-kaiti-regular", is_bold_font, None, "楷体_GB2312", False),
    ("bold-user-kaiti", is_bold_font, USER_BOLD, "楷体_GB2312", True),
]


@pytest.mark.parametrize("predicate,user,arg,expected", [p[1:] for p in PREDICATES], ids=[p[0] for p in PREDICATES])
def test_predicate_reads_the_users_rules(tmp_path, predicate, user, arg, expected):
    rules = user_rules(tmp_path, **user) if user else None
    assert predicate(arg, rules) is expected


@pytest.mark.parametrize("text,user,expected", [
    pytest.param("全年增长5%。\n— 3 —\n下一页。", False, "全年增长5%。\n\n下一页。", id="shipped-dashes"),
    pytest.param("全年增长5%。\n（3）\n下一页。", False, "全年增长5%。\n（3）\n下一页。", id="shipped-keeps-brackets"),
    pytest.param("全年增长5%。\n（3）\n下一页。", True, "全年增长5%。\n\n下一页。", id="user-drops-brackets"),
    pytest.param("全年增长5%。\n3\n下一页。", False, "全年增长5%。\n3\n下一页。", id="flow-keeps-bare-digits"),
])
def test_page_number_in_the_flow(tmp_path, text, user, expected):
    rules = user_rules(tmp_path, web=USER_PAGE_NUMBER) if user else load_rules()
    assert normalise(text, rules=rules).text == expected


@pytest.mark.parametrize("user,expected", [
    pytest.param(False, "正文。\n（1）\x0c正文。\n（2）", id="shipped-keeps-footer"),
    pytest.param(True, "正文。\x0c正文。", id="user-drops-footer"),
])
def test_layout_drops_the_users_page_number(tmp_path, user, expected):
    def line(text: str, x: float, top: float) -> Line:
        return Line([Glyph(c, x + 10 * i, x + 10 * (i + 1)) for i, c in enumerate(text)], top, top + 10, 10.0)
    # two pages: too few for a running footer, so only a page number's pattern drops the footer
    pages = [[line("正文。", 10, 300), line(f"（{n}）", 100, 760)] for n in (1, 2)]
    rules = user_rules(tmp_path, web=USER_PAGE_NUMBER) if user else None
    assert assemble(pages, page_height=800.0, rules=rules).text == expected


# --- bold faces and bold runs ----------------------------------------------------------
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_pdf_reader_passes_the_users_bold_faces(tmp_path, engine):
    """shanghai_czj_2025_dwys.pdf sets a few lines in 楷体_GB2312: a user's rules that name 楷体 a
    bold face make them bold runs, through either PDF engine."""
    pdf = str(ROOT / "corpora" / "real" / "shanghai_czj_2025_dwys.pdf")
    options = ReadOptions(ocr="never", pdf_engine=engine, bold="all")
    shipped = read(pdf, options, rules=load_rules()).text
    user = read(pdf, options, rules=user_rules(tmp_path, **USER_BOLD)).text
    assert (shipped.count(BOLD), user.count(BOLD)) == (0, 4)
    assert f"{BOLD}预算单位：上海市财政局{BOLD}" in user and user.replace(BOLD, "") == shipped


# --- the text fixes ------------------------------------------------------------------
USER_FOOTNOTE = {"documents": "grammar:\n  footnote_mark: '(?<=\\p{Han})\\*(?=[0-9])'\n"}


def test_fixes_for_binds_the_users_rules_and_explain_lists_them(tmp_path):
    rules = user_rules(tmp_path, **USER_FOOTNOTE)
    assert "drop_footnote_marks" not in explain("地区生产总值*1329.65亿元", load_rules())
    assert "drop_footnote_marks" in explain("地区生产总值*1329.65亿元", rules)
    assert [f.__name__ for f in fixes_for(rules)] == [f.__name__ for f in fixes_for(shipped_rules())]


USER_ITEMS = {"documents": "grammar:\n  outline_start: '^[甲乙丙丁]、'\n  break_start: '^[甲乙丙丁]、'\n"}


def leads(text: str, rules=None) -> str:
    return tidy_bold(text, "leads", rules)


#: one paragraph or text through a step that reads the rule set: the shipped rules, then a user's
STEPS = [
    # id, step, user rule files (None: the shipped rules), text, expected
    ("bold-shipped-marker", leads, None, "**（一）加强建设。**持续开展。", "（一）加强建设。持续开展。"),
    ("bold-shipped-jia-is-no-marker", leads, None, "**甲、加强建设。**持续开展。", "**甲、加强建设**。持续开展。"),
    ("bold-user-jia-marker", leads, USER_ITEMS, "**甲、加强建设。**持续开展。", "甲、加强建设。持续开展。"),
    ("footnote-shipped-bracket", drop_footnote_marks, None, "地区生产总值[2]1329.65亿元", "地区生产总值1329.65亿元"),
    ("footnote-shipped-keeps-star", drop_footnote_marks, None, "地区生产总值*1329.65亿元", "地区生产总值*1329.65亿元"),
    ("footnote-user-star", drop_footnote_marks, USER_FOOTNOTE, "地区生产总值*1329.65亿元", "地区生产总值1329.65亿元"),
    ("break-shipped-joins", rejoin_page_breaks, None, "全年完成重点任务，整治问\n\n题990个次。",
     "全年完成重点任务，整治问题990个次。"),
    ("break-shipped-jia-joins", rejoin_page_breaks, None, "全年完成重点任务，整治问\n\n甲、下一步工作",
     "全年完成重点任务，整治问甲、下一步工作"),
    ("break-user-jia-starts-an-item", rejoin_page_breaks, USER_ITEMS, "全年完成重点任务，整治问\n\n甲、下一步工作",
     "全年完成重点任务，整治问\n\n甲、下一步工作"),
]


@pytest.mark.parametrize("step,user,text,expected", [s[1:] for s in STEPS], ids=[s[0] for s in STEPS])
def test_step_reads_the_users_rules(tmp_path, step, user, text, expected):
    rules = user_rules(tmp_path, **user) if user else None
    assert step(text, rules) == expected


# --- a broken user pattern fails when the rules load, naming its file and key (a user list
# follows the shipped one: its first entry here is the third)
@pytest.mark.parametrize("name,body,problem", [
    pytest.param("web", "furniture:\n  margin_page_numbers: ['(\\d+']\n",
                 "web.yaml:furniture.margin_page_numbers[2]: not a valid regular expression", id="margin-page-number"),
    pytest.param("web", "furniture:\n  rule_line: '[━'\n", "web.yaml:furniture.rule_line: not a valid regular expression",
                 id="rule-line"),
    pytest.param("documents", "grammar:\n  footnote_mark: '(?<=\\p{Han})[①'\n",
                 "documents.yaml:grammar.footnote_mark: not a valid regular expression", id="footnote-mark"),
    pytest.param("documents", "grammar:\n  doc_number_line: '^{doc_number}{signer}$'\n",
                 "documents.yaml:grammar.doc_number_line: {signer} is filled by no reader", id="doc-number-line-name"),
])
def test_broken_user_pattern_is_reported_on_load(tmp_path, name, body, problem):
    with pytest.raises(RulesError) as e:
        user_rules(tmp_path, **{name: body})
    assert problem in str(e.value)

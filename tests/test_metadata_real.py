"""Metadata of every shipped report against tests/golden/metadata.csv (written by reading
each file's front page before the code was changed), the real layouts of issue 10, the
metadata failures of issue 11, and the documents table's integer and region columns."""
from __future__ import annotations

import csv
import json
import sqlite3

import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import CORPORA, ROOT
from govextract.cli import main
from govextract.errors import InputError
from govextract.ingest import ReadOptions, read
from govextract.rules import load_rules
from govextract.structure.metadata import read_metadata

RULES = load_rules()
FIELDS = ("issuer", "date", "period", "region", "region_code", "kind")
GOLDEN = list(csv.DictReader((ROOT / "tests" / "golden" / "metadata.csv").open(encoding="utf-8")))
SLOW = {"henan_zhoukou_2023_tjgb_p1-5_rasterized.pdf", "jiading_2024_scanned.pdf"}


def test_golden_table_covers_every_shipped_report():
    shipped = {str(p.relative_to(ROOT)) for p in CORPORA.glob("*/*") if p.suffix not in (".md", ".csv")}
    assert {r["file"] for r in GOLDEN} == shipped


@pytest.mark.parametrize("row", [pytest.param(r, id=r["file"].removeprefix("corpora/"),
                                              marks=[pytest.mark.slow] if r["file"].split("/")[-1] in SLOW else [])
                                 for r in GOLDEN])
def test_metadata_matches_golden(row, parse_once):
    meta = parse_once(ROOT / row["file"]).meta.as_record()
    got = {k: "" if meta[k] is None else str(meta[k]) for k in FIELDS}
    assert got == {k: row[k] for k in FIELDS}
    assert meta["notes"] is None                 # the clues of every shipped report agree


def test_image_only_page_without_ocr_is_a_clean_error():
    # the flowchart has no text layer: with OCR off, one error naming the file and the fix
    path = CORPORA / "real" / "tobacco_monopoly_lingshou_xuke_flowchart_imageonly.pdf"
    with pytest.raises(InputError) as e:
        read(path, ReadOptions(ocr="never"))
    assert path.name in str(e.value) and "--ocr" in str(e.value)


def meta(text: str) -> dict:
    return {k: v for k, v in read_metadata(text, RULES).as_record().items() if v is not None}


# issue 10 part 5: the layouts of real covers and title pages (source: the file each copies)
LAYOUTS = [
    pytest.param(  # henan_zhoukou_2023_tjgb.pdf, as pdftotext -layout prints its first page
        "2023 年周口市国民经济和社会发展统计公报\n周口市统计局\n2024 年 4 月 29 日\n2023 年，全市经济运行持续向好。\n一、综合",
        {"issuer": "周口市统计局", "date": "2024-04-29", "period": 2023, "region": "河南省周口市",
         "region_code": "411600", "kind": "统计公报"}, id="bulletin-spaced-date"),
    pytest.param(  # the same lines glued by a reader that joins centred lines
        "2023年周口市国民经济和社会发展统计公报\n周口市统计局2024年4月29日\n一、综合",
        {"issuer": "周口市统计局", "date": "2024-04-29", "period": 2023, "region_code": "411600"},
        id="bulletin-issuer-and-date-on-one-line"),
    pytest.param(  # henan_luoyang_2023_tjgb.docx (a 黔东南 bulletin): joint issuers, region line above the title
        "黔东南苗族侗族自治州\n2016年国民经济和社会发展统计公报\n黔东南州统计局国家统计局黔东南调查队\n2017年3月16日\n一、综合",
        {"issuer": "黔东南州统计局、国家统计局黔东南调查队", "date": "2017-03-16", "period": 2016,
         "region": "贵州省黔东南苗族侗族自治州", "region_code": "522600", "kind": "统计公报"}, id="bulletin-joint-issuers"),
    pytest.param(  # jiangsu_huaian_2024_zfxxgk_ndbg.pdf: first-line issuer, 统计期限
        "淮安市人民政府\n2024 年政府信息公开工作年度报告\n本报告由淮安市人民政府办公室编制。报告所列统计期限自 2024 年 1 月 1 日"
        "至 2024 年 12 月 31 日。\n一、总体情况",
        {"issuer": "淮安市人民政府", "period": 2024, "region": "江苏省淮安市", "region_code": "320800",
         "kind": "政府信息公开工作年度报告"}, id="disclosure-report"),
    pytest.param(  # a 普陀 final-accounts cover with the issuer broken over two lines (issue 10 "Why")
        "上海市普陀区规划和自然\n资源局\n2024年度部门决算\n目 录\n一、主要职能",
        {"issuer": "上海市普陀区规划和自然资源局", "period": 2024, "region": "上海市普陀区",
         "region_code": "310107", "kind": "部门决算"}, id="accounts-cover-issuer-split"),
    pytest.param(  # shanghai_putuo_qwshgzb_2024_bmjs.pdf, as pdftotext -layout prints its cover
        "中共上海市普陀区委\n社会工作部 2024 年度\n部门决算\n目 录",
        {"issuer": "中共上海市普陀区委社会工作部", "period": 2024, "region_code": "310107", "kind": "部门决算"},
        id="accounts-cover-party-body"),
    pytest.param(  # shanghai_putuo_wanlijiedao_2024_bmys.pdf: 预算主管部门 names the issuer, the title only the region
        "上海市普陀区2024年区级部门预算\n预算主管部门：上海市普陀区人民政府万里街道办事处\n目录",
        {"issuer": "上海市普陀区人民政府万里街道办事处", "period": 2024, "region_code": "310107", "kind": "部门预算"},
        id="budget-cover-主管部门"),
    pytest.param(  # shanghai_czj_2025_dwys.pdf: 预算单位
        "上海市2025年市级单位预算\n预算单位：上海市财政局\n目录",
        {"issuer": "上海市财政局", "period": 2025, "region": "上海市", "region_code": "310000", "kind": "单位预算"},
        id="budget-cover-预算单位"),
    pytest.param(  # a district work report with no header: the period from its review heading
        "各位代表：\n现在，我代表区人民政府，向大会报告工作，请予审议。\n一、2023年工作回顾\n过去一年，全区经济平稳。",
        {"issuer": "区人民政府", "period": 2023, "kind": "政府工作报告", "recipients": "各位代表"},
        id="no-header-review-heading"),
]


@pytest.mark.parametrize("text,expected", LAYOUTS)
def test_real_layouts(text, expected):
    got = meta(text)
    assert {k: got.get(k) for k in expected} == expected


# issue 11 "Why" point 5 and part 4: every clue, reconciled
FAILURES = [
    pytest.param(  # issuer 省人民政府 and nothing else: occasion line broken before 人民代表大会, "XX省省长 某某"
        "政府工作报告\n——2026年1月26日在河北省第十四届\n人民代表大会第四次会议上\n河北省省长 王正谱\n各位代表：\n"
        "现在，我代表省人民政府向大会报告工作，请予审议。\n一、2025年工作回顾",
        {"issuer": "河北省人民政府", "date": "2026-01-26", "period": 2025, "region": "河北省",
         "region_code": "130000", "kind": "政府工作报告", "speaker": "河北省省长王正谱"}, id="occasion-split-over-lines"),
    pytest.param(  # 我代表省政府 gave no issuer, and compare printed "nan" (2025年吉林省政府工作报告.docx)
        "2025年吉林省政府工作报告\n——2025年1月14日在吉林省第十四届人民代表大会第四次会议上\n省长胡玉亭\n各位代表：\n"
        "现在，我代表省政府，向大会报告工作，请予审议。",
        {"issuer": "吉林省人民政府", "region_code": "220000", "period": 2024}, id="delegate-省政府"),
    pytest.param(  # recipients came out as 分享 (web clutter)
        "2026年安徽省政府工作报告\n分享：\n——2026年2月5日在安徽省第十四届人民代表大会第四次会议上\n各位代表：\n"
        "现在，我代表省人民政府，向大会报告政府工作。",
        {"recipients": "各位代表", "issuer": "安徽省人民政府"}, id="recipients-not-web-clutter"),
    pytest.param(  # a 陕西省省长 speaker line missed; here it is the only clue to the place
        "政府工作报告\n——2026年1月27日在第十四届人民代表大会第四次会议上\n陕西省省长　赵　刚\n各位代表：\n"
        "我代表省人民政府报告工作。",
        {"speaker": "陕西省省长赵刚", "region": "陕西省", "region_code": "610000", "issuer": "陕西省人民政府"},
        id="speaker-line-陕西省省长"),
    pytest.param(  # date, then speaker, then 在 (2025年上海市政府工作报告.docx)
        "2025年上海市政府工作报告\n----2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议的政府工作报告\n"
        "来源：解放日报\n各位代表：\n现在，我代表上海市人民政府，向大会报告工作。",
        {"date": "2025-01-15", "issuer": "上海市人民政府", "speaker": "龚正市长"}, id="occasion-speaker-before-在"),
    pytest.param(  # speaker after 会议上 (2025年北京市政府工作报告.docx)
        "2025年北京市政府工作报告\n来源：北京日报\n2025年1月14日在北京市第十六届人民代表大会第三次会议上北京市市长殷勇同志作政府工作报告。\n"
        "各位代表：\n现在，我代表北京市人民政府，向大会报告政府工作。",
        {"date": "2025-01-14", "speaker": "北京市市长殷勇", "region_code": "110000"}, id="occasion-speaker-after-会议上"),
    pytest.param(  # a news dateline before the occasion line is not the report's date (state_council_2006.txt)
        "2006年国务院政府工作报告\n新华社北京2006年3月15日电\n政府工作报告\n——2006年3月5日在第十届全国人民代表大会第四次会议上\n"
        "国务院总理温家宝\n各位代表：\n现在，我代表国务院，向大会作政府工作报告。",
        {"date": "2006-03-05", "issuer": "国务院", "region": "中华人民共和国", "region_code": "100000", "period": 2005},
        id="national-congress"),
    pytest.param(  # a web source line that names a body is a clue to the issuer (2025年江西省政府工作报告.docx)
        "政府工作报告\n来源：江西省人民政府\n各位代表：\n现在，我们向大会报告工作。",
        {"issuer": "江西省人民政府", "region_code": "360000"}, id="web-source-line"),
    pytest.param(  # a source line naming a newspaper is no issuer and no place
        "2025年云南省政府工作报告\n来源：北京日报\n各位代表：\n现在，我代表省人民政府，向大会报告工作。",
        {"issuer": "云南省人民政府", "region": "云南省"}, id="web-source-newspaper"),
]


@pytest.mark.parametrize("text,expected", FAILURES)
def test_metadata_from_every_clue(text, expected):
    got = meta(text)
    assert {k: got.get(k) for k in expected} == expected
    assert "notes" not in got


@pytest.mark.parametrize("text,expected,note", [
    pytest.param("2026年河北省政府工作报告\n——2026年1月26日在河南省第十四届人民代表大会第四次会议上\n各位代表：\n"
                 "我代表省人民政府报告工作。",
                 {"region": "河北省", "issuer": "河北省人民政府"}, "region: title says 河北省, occasion says 河南省",
                 id="title-vs-occasion"),
    pytest.param("2026年政府工作报告\n——2026年1月26日在河北省第十四届人民代表大会第四次会议上\n各位代表：\n"
                 "我代表省人民政府报告工作。\n一、2024年工作回顾",
                 {"period": 2024}, "period: review says 2024, date says 2025, title says 2025",
                 id="review-vs-date"),
], )
def test_disagreeing_clues_are_noted(text, expected, note):
    got = meta(text)
    assert {k: got.get(k) for k in expected} == expected
    assert got["notes"] == note


@pytest.fixture(scope="module")
def documents_out(tmp_path_factory):
    """The documents table of a report with a period and of one without (an image-only page's
    text layer), written in every format and indexed into the store."""
    out = tmp_path_factory.mktemp("docs")
    files = [str(CORPORA / "provinces-2026" / "hebei_2026.txt"),
             str(CORPORA / "real" / "shanghai_yangpu_2025_xinzhixiudai_layoutmap_imageonly.pdf")]
    runner = CliRunner()
    for ext in ("jsonl", "csv", "parquet", "xlsx"):
        res = runner.invoke(main, ["extract", *files, "--table", "documents", "-o", str(out / f"documents.{ext}")])
        assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["index", *files, "--db", str(out / "store.db")])
    assert res.exit_code == 0, res.output
    return out


def test_period_is_an_integer_in_every_output(documents_out):
    out = documents_out
    rows = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["period"] for r in rows] == [2025, None]
    assert [r["region_code"] for r in rows] == ["130000", None]
    csv_rows = list(csv.DictReader((out / "documents.csv").open(encoding="utf-8-sig")))
    assert [r["period"] for r in csv_rows] == ["2025", ""]
    parquet = pd.read_parquet(out / "documents.parquet")
    assert str(parquet["period"].dtype) == "Int64" and parquet["period"].tolist()[0] == 2025
    import openpyxl

    sheet = openpyxl.load_workbook(out / "documents.xlsx").active
    header = [c.value for c in sheet[1]]
    col = header.index("period")
    assert [row[col] for row in sheet.iter_rows(min_row=2, values_only=True)] == [2025, None]
    assert isinstance(sheet.cell(2, col + 1).value, int)
    con = sqlite3.connect(out / "store.db")
    got = con.execute("SELECT period, typeof(period), region_code, notes FROM documents ORDER BY doc").fetchall()
    assert got == [(2025, "integer", "130000", None), (None, "null", None, None)]


def test_documents_frame_period_is_nullable_int(parse_once):
    from govextract.tables import concat

    reps = [parse_once(CORPORA / "state-council" / "state_council_2016.txt"),
            parse_once(CORPORA / "real" / "shanghai_yangpu_2025_xinzhixiudai_layoutmap_imageonly.pdf")]
    df = concat(reps, "documents")
    assert str(df["period"].dtype) == "Int64"
    assert df["period"].tolist()[0] == 2015 and pd.isna(df["period"].tolist()[1])
    assert "2015.0" not in df.to_csv(index=False)


@pytest.mark.parametrize("text,region,code", [
    pytest.param("安徽省某某县人民政府\n2024年工作总结\n", "安徽省某某县", None, id="county-not-in-table"),
    pytest.param("某某市经济开发区管委会\n2024年工作总结\n", "某某市", None, id="zone-is-no-region"),
    pytest.param("上海市普陀区人民政府万里街道办事处\n2024年工作总结\n", "上海市普陀区", "310107", id="street-office-in-district"),
    pytest.param("呼伦贝尔市海拉尔区人民政府\n2024年工作总结\n", "内蒙古自治区呼伦贝尔市海拉尔区", "150702", id="海拉尔区-with-city"),
    pytest.param("海拉尔区人民政府\n2024年工作总结\n", "内蒙古自治区呼伦贝尔市海拉尔区", "150702", id="海拉尔区-alone"),
])
def test_region_of_places_in_and_out_of_the_code_table(text, region, code):
    got = meta(text)
    assert (got.get("region"), got.get("region_code")) == (region, code)

"""The HTML review report in a real browser: headless Chromium (Debian's ``chromium``
package) driven by Playwright, with the page opened from disk and the network blocked.

Checks through the DOM that the page shows exactly as many highlighted quantities
as the quantities table has rows, and as many navigation entries as the items
table; that details, filter, sorting and CSV downloads work; saves screenshots as
test artifacts (``$PYTEST_ARTIFACTS`` or ``tests/artifacts/``).

Where Chromium or Playwright is missing the tests are skipped and say why — except
under CI (``$CI`` set), where that is a failure.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from conftest import CORPORA, ROOT

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1200, "height": 800}


def unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser test cannot run in CI: {reason}")
    pytest.skip(reason)


def chromium_path() -> str | None:
    for cand in (os.environ.get("GOVEXTRACT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser")):
        if cand and Path(cand).is_file():
            return cand
    return None


@pytest.fixture(scope="module")
def artifacts() -> Path:
    d = Path(os.environ.get("PYTEST_ARTIFACTS") or ROOT / "tests" / "artifacts")
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install 'govextract[test]')")
    exe = chromium_path()
    if exe is None:
        unavailable("Chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    """A page opened from disk with every non-file request blocked and recorded."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_load_state("load")

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()

    def shown(self, selector: str) -> int:
        """Elements that are laid out (take space on the page)."""
        return self.page.evaluate(
            "s => Array.from(document.querySelectorAll(s)).filter(e => e.getClientRects().length > 0).length",
            selector)


@pytest.fixture(scope="module")
def jiading_html(jiading, artifacts) -> Path:
    from govextract.report import write_report

    return write_report(jiading, artifacts / "jiading_2024.report.html")


@pytest.fixture(scope="module")
def opened(browser, jiading_html):
    o = Opened(browser, jiading_html)
    yield o
    o.page.close()


def test_highlights_and_navigation_match_the_tables(opened, jiading, artifacts):
    n_q, n_items = len(jiading.quantities), len(jiading.items)
    assert n_q > 50 and n_items > 20
    assert opened.count("#doc-body mark.q") == n_q
    assert opened.shown("#doc-body mark.q") == n_q            # each one is laid out, none hidden
    assert opened.count("#table-quantities tbody tr") == n_q
    assert opened.count("#outline a.nav-item") == n_items
    assert opened.shown("#outline a.nav-item") == n_items
    assert opened.count("#table-items tbody tr") == n_items
    assert opened.requests == [], "the page must need no network"
    assert opened.errors == []
    opened.page.screenshot(path=str(artifacts / "report.png"))


def test_metadata_shown(opened):
    meta = opened.page.inner_text("#meta")
    for value in ("上海市嘉定区生态环境局", "嘉环〔2025〕3号", "2025-02-28", "2024", "上海市嘉定区"):
        assert value in meta


def test_details_on_click(opened, jiading, artifacts):
    page = opened.page
    i = next(k for k, q in enumerate(jiading.quantity_list) if q.text == "88.6%")
    page.locator(f"#q-{i}").scroll_into_view_if_needed()
    page.click(f"#q-{i}")
    pop = page.locator("#pop")
    assert pop.is_visible()
    text = pop.inner_text()
    for label in ("value", "unit", "qualifier", "change", "subject", "indicator", "target", "page", "confidence"):
        assert label in text
    assert "88.6" in text
    page.screenshot(path=str(artifacts / "report-details.png"))
    page.keyboard.press("Escape")
    assert not pop.is_visible()


def test_navigation_jumps_to_section(opened, jiading):
    page = opened.page
    k = next(i for i, it in enumerate(jiading.outline) if it.marker == "三、")
    page.click(f'#outline a.nav-item[href="#item-{k}"]')
    page.wait_for_function(f"location.hash === '#item-{k}'")
    # smooth scrolling: wait until the section's start is in view
    page.wait_for_function(f"(t => t >= 0 && t < innerHeight)"
                           f"(document.getElementById('item-{k}').getBoundingClientRect().top)", timeout=5000)
    assert page.locator(f'#outline li.active a[href="#item-{k}"]').count() == 1   # and it is marked in the outline


def test_only_warnings_filter_on_a_clean_report(opened):
    """The reference text has nothing to check: its 78 excluded years and dates are no warnings."""
    page = opened.page
    assert page.inner_text("#n-warnings") == "0" and page.inner_text("#n-excluded") == "78"
    assert "Nothing to check" in page.inner_text("#warnings")
    before = opened.shown("#doc-body .blk")
    page.check("#only-flagged")
    assert opened.shown("#doc-body .blk") == 0
    page.uncheck("#only-flagged")
    assert opened.shown("#doc-body .blk") == before


@pytest.fixture(scope="module")
def web(browser, pipeline, artifacts):
    """A provincial government work report from the web (its page text), as a review page."""
    from govextract.report import write_report

    rep = pipeline.parse(CORPORA / "provinces-2026" / "anhui_2026.txt")
    o = Opened(browser, write_report(rep, artifacts / "anhui_2026.report.html"))
    yield o, rep
    o.page.close()


WEB_FILTERS = [  # id, filter, the blocks it leaves, what it marks; source: anhui_2026.txt (provinces-2026)
    pytest.param("#only-flagged", ".flagged", "mark.q.low", id="only-warnings"),
    pytest.param("#only-excluded", ".has-excluded", ".x", id="only-excluded"),
]


def test_web_report_counts_warnings_apart_from_excluded(web):
    o, rep = web
    page = o.page
    assert page.inner_text("#n-excluded") == str(len(rep.exclusions)) == "180"
    # one warning: 城镇新增就业 set as a 2026 target twice, with two values
    assert page.inner_text("#n-warnings") == "1" and o.count("#warnings li.w") == 1
    assert o.count("#warnings li.w-conflict") == 1 and "城镇新增就业" in page.inner_text("#warnings li.w-conflict")
    assert o.count("#warnings li.w-excluded") == 0 and o.count("#excluded li.w-excluded") == 180
    assert not o.errors and not o.requests


@pytest.mark.parametrize("box,keeps,marks", WEB_FILTERS)
def test_web_report_filters(web, artifacts, box, keeps, marks):
    o, _ = web
    page = o.page
    before = o.shown("#doc-body .blk")
    page.check(box)
    shown = o.shown("#doc-body .blk")
    assert 0 < shown < before and o.shown(f"#doc-body .blk:not({keeps})") == 0
    assert o.shown(f"#doc-body {marks}") == o.count(f"#doc-body {marks}") > 0   # every mark of the kind is in view
    page.screenshot(path=str(artifacts / f"anhui_2026.{box.lstrip('#')}.png"))
    other = "#only-excluded" if box == "#only-flagged" else "#only-flagged"
    page.check(other)                      # one filter at a time
    assert not page.is_checked(box) and o.shown(f"#doc-body .blk:not({keeps})") > 0
    page.uncheck(other)
    assert o.shown("#doc-body .blk") == before


def test_sort_and_csv(opened, jiading):
    page = opened.page
    col = page.eval_on_selector_all("#table-quantities thead th", "ths => ths.map(t => t.textContent)")
    idx = col.index("value") + 1
    page.click(f"#table-quantities thead th:nth-child({idx})")
    values = page.eval_on_selector_all(f"#table-quantities tbody tr td:nth-child({idx})",
                                       "tds => tds.map(t => parseFloat(t.dataset.v))")
    assert values == sorted(values) and len(values) == len(jiading.quantities)
    with page.expect_download() as dl:
        page.click('button.csv[data-table="quantities"]')
    data = Path(dl.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == len(jiading.quantities)
    assert rows[0]["doc_id"] == jiading.doc_id and "confidence" in rows[0]


def test_compare_page(browser, artifacts):
    import glob

    from govextract.compare import compare
    from govextract.report import render_compare, write_html

    paths = sorted(glob.glob(str(CORPORA / "state-council" / "*.txt")))
    long = compare(paths)
    out = write_html(render_compare(long), artifacts / "state_council.compare.html")
    o = Opened(browser, out)
    try:
        n_charts = o.count("svg.chart")
        assert n_charts == o.count(".chart-card") >= 1
        assert o.requests == [] and o.errors == []
        first = o.page.locator(".chart-card h3").first.inner_text()
        assert "生产总值" in first                     # GDP comes first: the most values
        link = o.page.locator(".chart-card svg a").first
        href = link.get_attribute("href")
        assert href.startswith("#quote-") and o.count(href) == 1
        o.page.screenshot(path=str(artifacts / "compare.png"))
    finally:
        o.page.close()


LEGEND_BOXES = """() => Array.from(document.querySelectorAll("svg.chart g.panel")).map(panel => {
    const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    return {title: box(panel.querySelector("text.ptitle")),
            legend: Array.from(panel.querySelectorAll("g.legend")).map(box),
            svg: box(panel.closest("svg")),
            grid: Array.from(panel.querySelectorAll("line.grid, line.axis")).map(box)};
})"""


def test_compare_page_legends_clear_titles_and_plots(browser, pipeline, artifacts):
    """Issue 11 (Why 8): the SVG legend once ran over the panel title. Measured in the browser:
    no legend entry overlaps its panel title, another entry or the plot area, and none leaves the chart."""
    from govextract.compare import compare
    from govextract.report import render_compare, write_html

    paths = sorted((CORPORA / "provinces-2026").glob("*.txt"))[:12]
    out = write_html(render_compare(compare([pipeline.parse(p) for p in paths], indicators=["GDP"],
                                            rules=pipeline.rules), by="period"),
                     artifacts / "provinces.compare.html")
    o = Opened(browser, out)
    try:
        panels = o.page.evaluate(LEGEND_BOXES)
        o.page.screenshot(path=str(artifacts / "provinces.compare.png"), full_page=True)
    finally:
        o.page.close()

    def overlap(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    assert panels and max(len(p["legend"]) for p in panels) >= 10
    for p in panels:
        plot = [min(g[0] for g in p["grid"]), min(g[1] for g in p["grid"]),
                max(g[2] for g in p["grid"]), max(g[3] for g in p["grid"])]
        for k, e in enumerate(p["legend"]):
            assert not overlap(e, p["title"]) and not overlap(e, plot)
            assert not any(overlap(e, f) for f in p["legend"][k + 1:])
            assert p["svg"][0] <= e[0] and e[2] <= p["svg"][2]


# --- tables of the document (issue 10): drawn as tables, their figures highlighted like prose ---
@pytest.fixture(scope="module")
def zhoukou(pipeline):
    return pipeline.parse(CORPORA / "real" / "henan_zhoukou_2023_tjgb.pdf")


@pytest.fixture(scope="module")
def zhoukou_page(browser, zhoukou, artifacts):
    from govextract.report import write_report

    o = Opened(browser, write_report(zhoukou, artifacts / "henan_zhoukou_2023_tjgb.report.html"))
    yield o
    o.page.close()


TABLE_ROWS = [
    # id, caption (henan_zhoukou_2023_tjgb.pdf), a row label, the figure shown in its row, what its details say
    ("table-1", "表1 2023年末周口市常住人口数及其构成", "其中：城镇", "392.66", "万人"),
    ("table-3", "表3 2023年周口市主要农产品产量及增速", "其中：夏粮", "-8.6", "growth_pct"),
]


def test_tables_drawn_with_every_figure_highlighted(zhoukou_page, zhoukou, artifacts):
    page = zhoukou_page
    n_table = sum(1 for q in zhoukou.quantity_list if q.source == "table")
    assert len(zhoukou.table_list) >= 6 and n_table >= 100
    assert page.count("#doc-body figure.doc-table") == len(zhoukou.table_list)
    assert page.count("#doc-body figure.doc-table mark.q") == n_table
    assert page.count("#doc-body mark.q") == len(zhoukou.quantity_list)   # prose and table figures, once each
    assert page.shown("#doc-body figure.doc-table mark.q") == n_table
    assert page.requests == [] and page.errors == []
    fig = page.page.locator("#doc-body figure.doc-table").nth(2)
    fig.scroll_into_view_if_needed()
    fig.screenshot(path=str(artifacts / "report-table.png"))


@pytest.mark.parametrize("caption,label,figure,detail", [r[1:] for r in TABLE_ROWS], ids=[r[0] for r in TABLE_ROWS])
def test_table_figure_details(zhoukou_page, caption, label, figure, detail):
    page = zhoukou_page.page
    fig = page.locator("#doc-body figure.doc-table", has=page.locator("figcaption", has_text=caption))
    row = fig.locator("tr", has=page.locator("td", has_text=label)).first
    mark = row.locator("mark.q", has_text=figure).first
    mark.scroll_into_view_if_needed()
    mark.click()
    pop = page.locator("#pop")
    assert pop.is_visible()
    text = pop.inner_text()
    assert detail in text and label.removeprefix("其中：") in text
    page.keyboard.press("Escape")

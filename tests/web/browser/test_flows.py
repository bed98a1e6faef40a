"""What a reader does on the portal, in a real Chromium: follow, filter, share, search, scan,
download, enlarge the text, and do it all from the keyboard."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser

from luoshi.ledger.services.open_data import FIGURE_COLUMNS, LEDGER_COLUMNS
from tests.web.browser.pages import (
    CommitmentPage,
    IllustrationPage,
    LedgerPage,
    Portal,
    ReportPage,
)

REPORT = 1  # the demo ledger holds one report, the 武威 2022 work report


def test_a_target_figure_leads_to_its_commitment_and_back(desktop: Portal) -> None:
    report = ReportPage.open(desktop, REPORT)
    assert "政府工作报告" in report.title()
    desktop.screenshot("flow-report")

    commitment = report.follow_figure("城镇新增就业")
    desktop.screenshot("flow-commitment")
    assert "城镇新增就业" in commitment.title()
    assert "1.5万人" in commitment.source()
    assert commitment.explanation().strip(), "the status is not explained in words"

    back = commitment.follow_source_link()
    anchor = urlsplit(desktop.address()).fragment
    paragraph = back.page.locator(f"#{anchor}")
    assert "城镇新增就业" in paragraph.inner_text()
    assert paragraph.is_visible()


def test_filtering_the_ledger_with_the_form_gives_an_address_to_share(
    desktop: Portal, browser: Browser
) -> None:
    ledger = LedgerPage.open(desktop, REPORT)
    everything = ledger.rows()
    expected = ledger.count_shown_for("欠进度")

    ledger.filter_with_form(状态="欠进度")
    desktop.screenshot("flow-ledger-filtered")
    filtered = ledger.rows()
    assert parse_qs(urlsplit(desktop.address()).query)["status"] == ["欠进度"]
    assert 0 < len(filtered) < len(everything)
    assert len(filtered) == expected
    assert {row.status for row in filtered} == {"欠进度"}

    # The address, opened by someone else, shows the same rows.
    shared = browser.new_context()
    try:
        other = shared.new_page()
        other.goto(desktop.address())
        titles = other.locator("table.ledger tbody tr td:first-child a").all_inner_texts()
    finally:
        shared.close()
    assert titles == [row.title for row in filtered]


def test_the_form_combines_status_and_department(desktop: Portal) -> None:
    ledger = LedgerPage.open(desktop, REPORT)
    lead = ledger.rows()[0].lead
    ledger.filter_with_form(牵头单位=lead)
    by_department = ledger.rows()
    assert by_department and {row.lead for row in by_department} == {lead}

    status = by_department[0].status
    ledger.filter_with_form(状态=status)
    both = ledger.rows()
    assert both and {(row.lead, row.status) for row in both} == {(lead, status)}
    query = parse_qs(urlsplit(desktop.address()).query)
    assert query["department"] == [lead] and query["status"] == [status]


def test_a_status_link_filters_the_ledger(desktop: Portal) -> None:
    ledger = LedgerPage.open(desktop, REPORT)
    expected = ledger.count_shown_for("超进度")
    ledger.filter_by_status_link("超进度")
    desktop.screenshot("flow-ledger-status-link")
    rows = ledger.rows()
    assert len(rows) == expected > 0
    assert {row.status for row in rows} == {"超进度"}
    current = desktop.page.locator('.quick-filters a[aria-current="true"]')
    assert current.inner_text().endswith("超进度")


def test_searching_finds_the_commitment_and_the_sentence_highlighted(desktop: Portal) -> None:
    ReportPage.open(desktop, REPORT)
    results = desktop.search("高标准农田")
    desktop.screenshot("flow-search")
    hits = results.hits()
    assert {hit.kind for hit in hits} == {"台账事项", "报告原文"}
    assert all(hit.highlighted == "高标准农田" for hit in hits)
    assert any("新建高标准农田30万亩" in hit.text for hit in hits)
    assert results.highlight_colour() not in ("rgba(0, 0, 0, 0)", "transparent")

    commitment = results.follow_commitment_hit()
    assert "高标准农田" in commitment.title()


def test_the_qr_code_holds_the_page_address(desktop: Portal) -> None:
    report = ReportPage.open(desktop, REPORT)
    assert report.qr_code_address() == f"{desktop.url}/reports/{REPORT}"


READER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


def test_a_report_visit_is_counted_once_per_reader_and_never_for_a_headless_browser(
    desktop: Portal, browser: Browser
) -> None:
    before = ReportPage.open(desktop, REPORT).view_count()
    assert ReportPage.open(desktop, REPORT).view_count() == before  # HeadlessChrome: a bot

    reader = browser.new_context(base_url=desktop.url, user_agent=READER_AGENT)
    try:
        tab = reader.new_page()
        counts = []
        for _ in range(2):  # the same reader opening the page again is not a new visit
            tab.goto(f"/reports/{REPORT}")
            counts.append(int(tab.locator("#views").inner_text()))
    finally:
        reader.close()
    assert counts == [before + 1, before + 1]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        f"/reports/{REPORT}/ledger",
        f"/reports/{REPORT}/illustration",
        "/commitments/50",
        "/departments/6",  # 市发改委, the lead of several commitments
    ],
)
def test_every_chart_draws_something(desktop: Portal, path: str) -> None:
    desktop.visit(path)
    charts = desktop.charts()
    assert charts, f"{path} has no chart"
    for chart in charts:
        assert chart.drawn_shapes() > 3, f"the {chart.name} chart on {path} is empty"
        assert chart.node.get_attribute("data-drawn") == "true"


def test_a_department_without_commitments_shows_no_empty_chart(desktop: Portal) -> None:
    desktop.visit("/departments/1")  # 市交通运输局 leads nothing in the demo
    assert "没有符合条件的事项" in desktop.page.locator("table.ledger").inner_text()
    assert desktop.charts() == []


def _csv_rows(content: bytes) -> list[dict[str, str]]:
    assert content.startswith("\ufeff".encode()), "the CSV lacks the BOM Excel needs"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx_rows(content: bytes) -> tuple[list[str], int, list[str]]:
    """A workbook's header, number of data rows and the 说明 sheet's column names."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    data = list(book.worksheets[0].iter_rows(values_only=True))
    notes = list(book["说明"].iter_rows(values_only=True))
    return [str(c) for c in data[0]], len(data) - 1, [str(row[0]) for row in notes[1:]]


def test_the_report_figures_download_as_csv_xlsx_and_json(desktop: Portal) -> None:
    report = ReportPage.open(desktop, REPORT)
    columns = [name for name, _ in FIGURE_COLUMNS]

    as_csv = report.download_figures("CSV")
    assert as_csv.filename == f"report-{REPORT}-figures.csv"
    rows = _csv_rows(as_csv.content)
    assert list(rows[0]) == columns
    assert any(r["indicator"] == "城镇新增就业" and r["kind"] == "target" for r in rows)

    as_xlsx = report.download_figures("XLSX")
    assert as_xlsx.filename.endswith(".xlsx")
    header, count, described = _xlsx_rows(as_xlsx.content)
    assert header == columns == described
    assert count == len(rows)

    as_json = report.open_figures_json()
    assert len(as_json) == len(rows)
    assert [str(r["figure_id"]) for r in as_json] == [r["figure_id"] for r in rows]


def test_the_ledger_downloads_as_csv_xlsx_and_json(desktop: Portal) -> None:
    ledger = LedgerPage.open(desktop, REPORT)
    shown = ledger.rows()
    columns = [name for name, _ in LEDGER_COLUMNS]

    rows = _csv_rows(ledger.download("CSV").content)
    assert list(rows[0]) == columns
    assert sorted((r["title"], r["status"]) for r in rows) == sorted(
        (row.title, row.status) for row in shown
    )

    header, count, described = _xlsx_rows(ledger.download("XLSX").content)
    assert header == columns == described and count == len(shown)

    page = ledger.open_json()
    assert len(page["rows"]) == len(shown)
    assert {row["title"] for row in page["rows"]} == {r["title"] for r in rows}


def test_the_filtered_ledger_json_keeps_the_filter(desktop: Portal) -> None:
    ledger = LedgerPage.open(desktop, REPORT, "status=欠进度")
    shown = len(ledger.rows())
    page = ledger.open_json()
    assert page["filtered"] is True
    assert len(page["rows"]) == shown
    assert {row["status"] for row in page["rows"]} == {"欠进度"}


def test_the_illustration_downloads_as_one_long_svg(desktop: Portal) -> None:
    illustration = IllustrationPage.open(desktop, REPORT)
    targets = illustration.main_targets()
    assert any("地区生产总值" in target for target in targets)
    saved = illustration.download_long_image()
    root = ElementTree.fromstring(saved.content)
    assert root.tag.endswith("svg")
    assert int(root.get("height", "0")) > int(root.get("width", "0"))
    drawn = "".join(root.itertext())
    assert "地区生产总值" in drawn


def test_the_font_size_switch_enlarges_the_text_and_is_remembered(desktop: Portal) -> None:
    ReportPage.open(desktop, REPORT)
    middle = desktop.text_size()
    desktop.choose_font_size("大")
    desktop.screenshot("flow-font-large")
    large = desktop.text_size()
    desktop.choose_font_size("小")
    small = desktop.text_size()
    assert small < middle < large

    desktop.choose_font_size("大")
    LedgerPage.open(desktop, REPORT)  # another page, no ?font= in its address
    assert desktop.text_size() == large


def test_the_keyboard_reaches_the_skip_link_and_the_figures_with_visible_focus(
    desktop: Portal,
) -> None:
    ReportPage.open(desktop, REPORT)
    first = desktop.press_tab()
    assert first.text == "跳到正文" and first.visible and first.outline > 0
    desktop.screenshot("flow-keyboard-skip")

    desktop.page.keyboard.press("Enter")
    assert urlsplit(desktop.address()).fragment == "main"

    # Tab on from the skip link's target until the first marked figure has the focus.
    for _ in range(80):
        focus = desktop.press_tab()
        if "fig" in focus.class_name:
            break
    else:
        pytest.fail("80 presses of Tab did not reach a figure in the report text")
    assert focus.visible and focus.outline > 0
    assert focus.href.startswith("/commitments/")
    desktop.screenshot("flow-keyboard-figure")

    desktop.page.keyboard.press("Enter")
    desktop.page.wait_for_url(f"**{focus.href}")
    assert CommitmentPage(desktop).title()


def test_the_json_twin_matches_the_page(desktop: Portal) -> None:
    commitment = CommitmentPage.open(desktop, 50)
    title = commitment.title()
    twin = json.loads(desktop.page.request.get("/commitments/50.json").text())
    assert twin["title"] == title
    assert twin["status"] == commitment.status()

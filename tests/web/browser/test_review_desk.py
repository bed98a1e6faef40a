"""The office's review of a new report in a real Chromium: import it, correct a figure, reject
one, merge two, add a task by selecting text, work the queue from the keyboard, publish — and
the public commitment page shows the corrected value."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from luoshi.ledger import demo
from luoshi.web import create_app
from tests.web.browser.conftest import serve
from tests.web.browser.desk_pages import Office
from tests.web.browser.pages import Portal, Viewport
from tests.web.conftest import DemoLedger

REPORT = (
    "2023年政府工作报告\n"
    "今年主要预期目标是：地区生产总值增长6.5%左右，城镇新增就业1.6万人，"
    "居民收入增长6%和7%之间。\n"
    "新建改建农村公路1000公里。开工建设民勤通用机场。\n"
)


@pytest.fixture
def office_tab(
    browser: Browser, demo_ledger: DemoLedger, screenshots: Path, tmp_path: Path
) -> Iterator[Portal]:
    """A tab on a server of its own (this flow publishes a report; the portal's tests read
    theirs unchanged)."""
    database = tmp_path / "desk.db"
    with sqlite3.connect(demo_ledger.database) as source, sqlite3.connect(database) as target:
        source.backup(target)
    shutil.copytree(demo_ledger.evidence, tmp_path / "evidence")
    with serve(create_app(demo_ledger.settings(database))) as url:
        context = browser.new_context(
            base_url=url, viewport={"width": 1280, "height": 900}, locale="zh-CN"
        )
        try:
            yield Portal(context.new_page(), url, screenshots, Viewport.DESKTOP)
        finally:
            context.close()


def test_the_office_reviews_a_new_report_and_the_portal_shows_the_corrections(
    office_tab: Portal, demo_ledger: DemoLedger, tmp_path: Path
) -> None:
    upload = tmp_path / "2023年政府工作报告.txt"
    upload.write_text(REPORT, encoding="utf-8")
    office = Office.sign_in(office_tab, demo.ADMIN, demo_ledger.built.passwords[demo.ADMIN])
    queue = office.import_report(demo.GOVERNMENT, upload)
    office_tab.screenshot("desk-imported")
    assert office_tab.accessibility_violations() == []
    assert queue.fact("城镇新增就业", "数值") == "1.6"
    assert queue.item("城镇新增就业").locator("p.paragraph mark").inner_text() == "1.6万"

    queue.correct("城镇新增就业", 数值="1.8")
    office_tab.screenshot("desk-corrected")
    assert queue.fact("城镇新增就业", "数值") == "1.8"
    assert "value" in queue.fact("城镇新增就业", "已更正")

    income = queue.item("居民收入")
    assert income.count() == 2  # the extractor read 6%和7%之间 as two figures
    first, second = (int((income.nth(i).get_attribute("id") or "")[1:]) for i in (0, 1))
    queue.merge(first, second)
    office_tab.screenshot("desk-merged")
    assert queue.fact(first, "数值") == "6至7"
    assert queue.review_state(second) == f"已驳回：已并入第 {first} 项"

    note = queue.select_text("农村公路", "开工建设民勤通用机场")
    assert "开工建设民勤通用机场" in note
    queue.add_selected_task("农村公路")
    office_tab.screenshot("desk-task-added")
    task = queue.item("开工建设民勤通用机场")
    assert task.count() == 1 and "定性任务" in task.inner_text()

    queue.key_to("地区生产总值")
    queue.press_to_submit("c")
    assert queue.review_state("地区生产总值") == "已确认"
    queue.key_to("农村公路")
    queue.press("x")  # asks for the reason first
    queue.type("重复统计，示例驳回")
    queue.press_to_submit("Enter")
    office_tab.screenshot("desk-keyboard")
    assert queue.review_state("农村公路").startswith("已驳回：重复统计")

    queue.confirm_all()
    queue.publish()
    office_tab.screenshot("desk-published")
    jobs = queue.id_of("城镇新增就业")
    office_tab.visit(f"/commitments/{jobs}")
    office_tab.screenshot("desk-public-commitment")
    target = office_tab.page.locator("dt:text-is('目标') + dd").inner_text()
    assert "1.8万人" in target  # the office's value; the report's own words stay as quoted

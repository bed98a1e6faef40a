"""A department files its progress with evidence, the office returns it, the department refiles,
the office approves, and the portal shows the new status — in a real Chromium."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import pytest
from playwright.sync_api import Browser, Page

from tests.web.browser.conftest import serve_copy
from tests.web.conftest import DemoLedger

LEAD = "市农业农村局"


@pytest.fixture(scope="module")
def desk_url(demo_ledger: DemoLedger, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own: this flow changes the ledger the portal's tests read."""
    yield from serve_copy(demo_ledger, tmp_path_factory.mktemp("desk"))


@pytest.fixture(scope="module")
def commitment(demo_ledger: DemoLedger) -> tuple[int, str]:
    """A commitment with a target that 市农业农村局 (demo-lead) leads: its id and title."""
    with sqlite3.connect(demo_ledger.database) as db:
        found = db.execute(
            "SELECT c.id, c.title FROM commitments c JOIN assignments a ON a.commitment_id = c.id "
            "JOIN departments d ON d.id = a.lead_id WHERE d.name = ? AND c.target IS NOT NULL "
            "ORDER BY c.id LIMIT 1",
            (LEAD,),
        ).fetchone()
    return int(found[0]), str(found[1])


@dataclass
class Desk:
    """One staff member's browser tab on the workspace."""

    page: Page
    screenshots: Path

    @classmethod
    def sign_in(cls, browser: Browser, url: str, shots: Path, name: str, password: str) -> Self:
        context = browser.new_context(
            base_url=url, locale="zh-CN", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("用户名").fill(name)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url("**/work")
        return cls(page, shots)

    def screenshot(self, step: str) -> None:
        self.page.screenshot(path=self.screenshots / f"{step}-1280.png", full_page=True)

    def inbox(self) -> None:
        self.page.goto("/work/progress")

    def file(self, commitment_id: int, value: str, done: str, evidence: Path) -> None:
        task = self.page.locator(f"#t{commitment_id}")
        if task.locator("details[open]").count() == 0:
            task.locator("summary").click()
        task.get_by_label("截至日期").fill("2022-09-30")
        task.get_by_label("完成数值").fill(value)
        task.get_by_label("进展情况").fill(done)
        task.get_by_label("佐证材料").set_input_files(evidence)
        task.get_by_role("button", name="保存草稿").click()
        self.page.wait_for_url("**/work/progress/*")

    def open_report(self, title: str) -> None:
        self.page.get_by_role("link", name=title).first.click()
        self.page.wait_for_url("**/work/progress/*")

    def state(self) -> str:
        return self.page.locator("dd.state").inner_text()


def test_a_department_is_returned_refiles_and_the_portal_shows_the_approval(
    browser: Browser,
    desk_url: str,
    screenshots: Path,
    demo_ledger: DemoLedger,
    commitment: tuple[int, str],
    tmp_path: Path,
) -> None:
    commitment_id, title = commitment
    passwords = demo_ledger.built.passwords
    evidence = tmp_path / "三季度台账.txt"
    evidence.write_text("三季度工作台账（演示）", encoding="utf-8")

    lead = Desk.sign_in(browser, desk_url, screenshots, "demo-lead", passwords["demo-lead"])
    lead.inbox()
    lead.screenshot("desk-inbox")
    lead.file(commitment_id, "40", "完成三季度任务，<b>超额</b>推进", evidence)
    lead.screenshot("desk-draft")
    assert "本报告审核通过后" in lead.page.inner_text("section.preview")
    assert "<b>超额</b>" in lead.page.get_by_label("进展情况").input_value()
    assert lead.page.get_by_role("link", name="三季度台账.txt").count() == 1
    lead.page.get_by_role("button", name="报送督查室").click()
    assert "已报送" in lead.state()

    office = Desk.sign_in(
        browser, desk_url, screenshots, "demo-reviewer", passwords["demo-reviewer"]
    )
    office.inbox()
    office.screenshot("desk-office-queue")
    office.open_report(title)
    office.page.get_by_label("退回意见").fill("请补充县区分解数据")
    office.page.get_by_role("button", name="退回修改").click()
    assert "已退回" in office.page.inner_text("main")

    lead.inbox()
    returned = lead.page.locator("#returned-h + .table-wrap")
    assert "请补充县区分解数据" in returned.inner_text()
    lead.screenshot("desk-returned")
    returned.get_by_role("link", name=title).click()
    lead.page.get_by_label("完成数值").fill("42")
    lead.page.get_by_label("进展情况").fill("已补充县区分解数据，完成三季度任务")
    lead.page.get_by_role("button", name="保存草稿").click()
    lead.page.get_by_role("button", name="报送督查室").click()
    assert "已报送" in lead.state()

    office.inbox()
    office.open_report(title)
    office.screenshot("desk-office-decide")
    preview = office.page.locator("section.preview p").nth(1).inner_text()
    office.page.get_by_role("button", name="审核通过并公开").click()
    assert "已审核通过" in office.page.inner_text("main")

    portal = office.page.context.new_page()
    portal.goto(f"/commitments/{commitment_id}")
    office.page = portal
    office.screenshot("desk-portal-after")
    shown = portal.inner_text("main")
    assert "已补充县区分解数据" in shown and "42" in shown
    status = preview.split("：", 1)[1].split()[0]  # the status the preview announced
    assert status in shown

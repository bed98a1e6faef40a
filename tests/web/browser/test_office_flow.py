"""The office's 分工 in a real Chromium: the admin adds a department and its liaison officer, the
office assigns in bulk with the suggestions shown, round-trips the Excel 分工表 through its dry
run, and the new user signs in and must set a password first."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page

from tests.web.browser.conftest import serve_copy
from tests.web.conftest import DemoLedger

REPORT = 1
NEW_DEPARTMENT = "市审计局"
NEW_USER = "audit-liaison"


@pytest.fixture
def workspace_url(demo_ledger: DemoLedger, tmp_path: Path) -> Iterator[str]:
    """A workspace of its own (this flow changes the ledger the portal tests read)."""
    yield from serve_copy(demo_ledger, tmp_path)


@dataclass
class Workspace:
    """One staff member's browser tab: signs in, fills the workspace's forms."""

    page: Page
    screenshots: Path

    def shot(self, step: str) -> None:
        self.page.screenshot(path=self.screenshots / f"office-{step}.png", full_page=True)

    def sign_in(self, name: str, password: str) -> None:
        self.page.goto("/login")
        self.page.get_by_label("用户名").fill(name)
        self.page.get_by_label("密码").fill(password)
        with self.page.expect_navigation(wait_until="domcontentloaded"):
            self.page.get_by_role("button", name="登录").click()
        assert "/login" not in self.page.url, self.page.locator("main").inner_text()

    def note(self) -> str:
        return self.page.locator("p.note").first.inner_text()


def tab(browser: Browser, url: str, screenshots: Path) -> Workspace:
    context = browser.new_context(
        base_url=url, viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True
    )
    return Workspace(context.new_page(), screenshots)


def test_admin_adds_a_user_office_assigns_in_bulk_and_round_trips_the_sheet(
    browser: Browser, workspace_url: str, demo_ledger: DemoLedger, screenshots: Path
) -> None:
    office = tab(browser, workspace_url, screenshots)
    page = office.page
    office.sign_in("demo-admin", demo_ledger.built.passwords["demo-admin"])
    page.locator("a[href='/work/admin']").click()

    # The admin adds a department, then its liaison officer with a first password.
    page.get_by_label("部门名称").fill(NEW_DEPARTMENT)
    page.get_by_role("button", name="添加部门").click()
    assert f"已添加部门 武威市 {NEW_DEPARTMENT}" in office.note()
    page.get_by_label("用户名").fill(NEW_USER)
    page.get_by_label("角色").first.select_option("reporter")
    page.get_by_label("部门（联络员必填）").select_option(label=f"武威市 {NEW_DEPARTMENT}")
    page.get_by_role("button", name="添加用户").click()
    first_password = page.locator(".first-password code").inner_text()
    assert len(first_password) >= 10
    office.shot("1-admin-user-added")

    # The office assigns three commitments to the new department at once.
    page.goto(f"/work/reports/{REPORT}/assignments")
    suggestions = page.locator(".suggestion")
    assert suggestions.count() > 10
    assert (
        "（过往分工" in suggestions.first.inner_text() or "关键词" in suggestions.first.inner_text()
    )
    boxes = page.locator("input[name='pick']")
    for i in range(3):
        boxes.nth(i).check()
    page.locator("#bulk select[name='lead']").select_option(NEW_DEPARTMENT)
    office.shot("2-bulk-picked")
    page.get_by_role("button", name="分配所选事项").click()
    assert f"已将 3 项分配给 {NEW_DEPARTMENT}" in office.note()
    rows = page.locator("table.assignments tbody tr")
    assert [
        rows.nth(i).locator("select[name='lead'] option:checked").inner_text() for i in range(3)
    ] == [NEW_DEPARTMENT] * 3
    office.shot("3-bulk-assigned")

    # The 分工表: download, change one lead in the sheet, upload, see the dry run, apply.
    with page.expect_download() as waiting:
        page.get_by_role("link", name="下载分工表（.xlsx）").click()
    book = load_workbook(io.BytesIO(waiting.value.path().read_bytes()))
    sheet = book.active
    assert sheet is not None and sheet["D2"].value == NEW_DEPARTMENT  # 牵头单位 of row 2
    sheet["D2"] = "市财政局"
    edited = io.BytesIO()
    book.save(edited)
    page.locator("input[type='file']").set_input_files(
        {"name": "分工表.xlsx", "mimeType": "application/octet-stream", "buffer": edited.getvalue()}
    )
    page.get_by_role("button", name="预览改动", exact=True).click()
    diff = page.locator("table.sheet-diff tbody tr").first.inner_text()
    assert NEW_DEPARTMENT in diff and "市财政局" in diff and "牵头单位" in diff
    assert "台账尚未改动" in page.content()
    office.shot("4-sheet-dry-run")
    page.get_by_role("button", name="确认导入这些改动").click()
    assert "分工表已导入：1 行有改动" in office.note()
    office.shot("5-sheet-applied")

    # The new liaison officer signs in and must set their own password first.
    newcomer = tab(browser, workspace_url, screenshots)
    newcomer.sign_in(NEW_USER, first_password)
    assert newcomer.page.url.endswith("/work/password")
    newcomer.shot("6-first-sign-in")
    newcomer.page.get_by_label("原密码").fill(first_password)
    newcomer.page.get_by_label("新密码（至少 10 个字符，含两类字符）").fill("Audit-own-2022")
    newcomer.page.get_by_label("再次输入新密码").fill("Audit-own-2022")
    newcomer.page.get_by_role("button", name="保存").click()
    assert newcomer.page.url.split("?")[0].endswith("/work") and "密码已修改" in newcomer.note()
    inbox = newcomer.page.locator("table tbody tr")
    assert inbox.count() == 2  # three assigned, one moved to 市财政局 by the sheet
    newcomer.shot("7-new-user-inbox")
    newcomer.page.context.close()
    page.context.close()

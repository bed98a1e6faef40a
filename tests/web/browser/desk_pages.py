"""Page helpers of the staff workspace's review desk, in the office's words: sign in, import a
report, and on its review queue correct, merge, select text for a task, use the keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Self

from playwright.sync_api import Locator

from tests.web.browser.pages import Portal

# How far the keyboard walks the queue looking for an item before giving up.
MOST_KEY_PRESSES = 50


class Office:
    """A signed-in office user in one browser tab."""

    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.page = portal.page

    @classmethod
    def sign_in(cls, portal: Portal, name: str, password: str) -> Self:
        portal.visit("/login")
        portal.page.get_by_label("用户名").fill(name)
        portal.page.get_by_label("密码").fill(password)
        portal.page.get_by_role("button", name="登录").click()
        portal.page.wait_for_url(lambda url: url.endswith("/work") and "login" not in url)
        portal.screenshot("desk-signed-in")
        return cls(portal)

    def import_report(self, government: str, file: Path) -> ReviewQueue:
        self.page.locator("select[name=government]").select_option(government)
        self.page.locator("input[name=file]").set_input_files(str(file))
        self.page.get_by_role("button", name="导入并提取数字").click()
        self.page.wait_for_url("**/work/reports/*")
        return ReviewQueue(self.portal)


class ReviewQueue:
    """A report's review queue."""

    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.page = portal.page

    def item(self, words: str | int) -> Locator:
        """The queue item whose figure's indicator (or task's title) holds ``words``, or the
        item of that id."""
        if isinstance(words, int):
            return self.page.locator(f"#c{words}")
        return self.page.locator("li.queue-item").filter(
            has=self.page.locator("dd.title, dd.indicator", has_text=words)
        )

    def id_of(self, words: str) -> int:
        return int((self.item(words).get_attribute("id") or "c0")[1:])

    def fact(self, words: str | int, term: str) -> str:
        facts = self.item(words).locator("dl.facts")
        return facts.locator(f"dt:text-is('{term}') + dd").inner_text()

    def correct(self, words: str, **fields: str) -> None:
        """Open the item's correction form, change fields (by their labels), save."""
        item = self.item(words)
        item.locator("details.correct summary").click()
        form = item.locator("details.correct form")
        for label, value in fields.items():
            form.get_by_label(label, exact=True).fill(value)
        form.get_by_role("button", name="保存更正").click()
        self.page.wait_for_load_state()

    def merge(self, keep_id: int, other_id: int) -> None:
        """Merge the figure ``other_id`` into ``keep_id`` with the keep's merge form."""
        item = self.page.locator(f"#c{keep_id}")
        item.locator("details.merge-split summary").click()
        select = item.locator("select[name=other]")
        value = select.locator(f"option[value^='{other_id}:']").get_attribute("value")
        select.select_option(value)
        item.get_by_role("button", name="合并").click()
        self.page.wait_for_load_state()

    def select_text(self, words: str, text: str) -> str:
        """Select ``text`` in the item's paragraph as a mouse would; the note the page shows."""
        paragraph = self.item(words).locator("p.paragraph")
        paragraph.evaluate(
            """(node, wanted) => {
                const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
                let seen = "";
                const nodes = [];
                while (walker.nextNode()) { nodes.push([walker.currentNode, seen.length]);
                    seen += walker.currentNode.data; }
                const at = seen.indexOf(wanted);
                const place = (offset) => { for (let i = nodes.length - 1; i >= 0; i--) {
                    if (nodes[i][1] <= offset) { return [nodes[i][0], offset - nodes[i][1]]; } } };
                const range = document.createRange();
                range.setStart(...place(at));
                range.setEnd(...place(at + wanted.length));
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                node.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
            }""",
            text,
        )
        return self.item(words).locator(".selection-note").inner_text()

    def add_selected_task(self, words: str) -> None:
        self.item(words).get_by_role("button", name="添加任务").click()
        self.page.wait_for_load_state()

    def key_to(self, words: str) -> None:
        """Press j (next) or k (previous) until the item holding ``words`` is the current one."""
        target = self.item(words)
        wanted = int(target.evaluate("node => [...node.parentNode.children].indexOf(node)"))
        for _ in range(MOST_KEY_PRESSES):
            if "current" in (target.get_attribute("class") or ""):
                return
            now = int(
                self.page.evaluate(
                    "[...document.querySelectorAll('li.queue-item')]"
                    ".findIndex(node => node.classList.contains('current'))"
                )
            )
            self.page.keyboard.press("j" if now < wanted else "k")
        raise AssertionError(f"the keys never reached the item of {words}")

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def press_to_submit(self, key: str) -> None:
        """Press a key that submits a form, and wait for the page the server answers with:
        a key press, unlike a click, does not wait for the navigation it starts."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def review_state(self, words: str | int) -> str:
        return self.fact(words, "审核")

    def confirm_all(self) -> None:
        self.page.get_by_role("button", name="全部确认待审核项").click()
        self.page.wait_for_load_state()

    def publish(self) -> None:
        self.page.get_by_role("button", name="公开报告与已确认事项").click()
        self.page.wait_for_load_state()

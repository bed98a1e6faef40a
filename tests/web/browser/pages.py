"""Page helpers: what a reader does on each portal page, in a reader's words.

A test reads as steps (``ReportPage.open(portal, 1).follow_figure("城镇新增就业")``); the
selectors live here, once. Every helper can save a screenshot of the step it is at.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Self

import zxingcpp
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import Locator, Page

AXE = Axe()
# axe-core's impact levels that fail a page.
BLOCKING_IMPACTS = ("serious", "critical")


class Viewport(Enum):
    """The widths the portal is checked at: a desktop and a small phone."""

    DESKTOP = (1280, 800)
    PHONE = (375, 740)

    @property
    def width(self) -> int:
        return self.value[0]

    @property
    def height(self) -> int:
        return self.value[1]


@dataclass(frozen=True)
class Download:
    """A file the reader saved: its suggested name and its bytes."""

    filename: str
    content: bytes


@dataclass
class Portal:
    """One browser tab on the portal, at one viewport width."""

    page: Page
    url: str
    screenshots: Path
    viewport: Viewport

    def screenshot(self, step: str) -> Path:
        """The whole page as it looks now, kept as ``<step>-<width>.png``."""
        path = self.screenshots / f"{step}-{self.viewport.width}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    def visit(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None, f"no response for {path}"

    def address(self) -> str:
        return self.page.url

    def page_width(self) -> int:
        """How wide the page's content is (more than the viewport means a horizontal scroll)."""
        width: int = self.page.evaluate("document.documentElement.scrollWidth")
        return width

    def widest_elements(self) -> list[str]:
        """The elements that stick out past the viewport's right edge (to say what overflows)."""
        found: list[str] = self.page.evaluate(
            """(limit) => Array.from(document.querySelectorAll('body *'))
                .filter(e => e.getBoundingClientRect().right > limit + 0.5)
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                    + ' right=' + Math.round(e.getBoundingClientRect().right))""",
            self.viewport.width,
        )
        return found

    def accessibility_violations(self) -> list[str]:
        """axe-core's serious and critical violations on the page, one line each."""
        results = AXE.run(self.page)
        return [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in results.response["violations"]
            if violation["impact"] in BLOCKING_IMPACTS
        ]

    def charts(self) -> list[Chart]:
        return [Chart(node) for node in self.page.locator("[data-chart]").all()]

    def download(self, link: Locator) -> Download:
        """Click a link that serves a file and keep what the browser saved."""
        with self.page.expect_download() as started:
            link.click()
        saved = started.value
        path = saved.path()
        return Download(saved.suggested_filename, Path(path).read_bytes())

    def open_json(self, link: Locator) -> Any:
        """Follow a link to JSON and read what the browser shows."""
        link.click()
        self.page.wait_for_load_state()
        return json.loads(self.page.locator("body").inner_text())

    def search(self, words: str) -> SearchPage:
        """Type into the header's search box and press Enter."""
        box = self.page.get_by_role("searchbox", name="检索报告与台账")
        box.fill(words)
        box.press("Enter")
        self.page.wait_for_url(re.compile(r"/search\?"))
        return SearchPage(self)

    def choose_font_size(self, label: str) -> None:
        """Click 大, 中 or 小 in the header."""
        self.page.get_by_role("navigation", name="字号").get_by_role("link", name=label).click()
        self.page.wait_for_load_state()

    def text_size(self) -> float:
        size: str = self.page.evaluate("getComputedStyle(document.body).fontSize")
        return float(size.removesuffix("px"))

    def press_tab(self) -> Focus:
        self.page.keyboard.press("Tab")
        return self.focus()

    def focus(self) -> Focus:
        found: dict[str, Any] = self.page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
                const box = e.getBoundingClientRect();
                return { tag: e.tagName.toLowerCase(), text: e.textContent.trim(),
                    class_name: String(e.className || ''), href: e.getAttribute('href') || '',
                    outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth),
                    visible: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
                        && box.left < innerWidth && box.top < innerHeight }; }"""
        )
        return Focus(**found)


@dataclass(frozen=True)
class Focus:
    """The element that has the keyboard focus, and whether a reader can see it."""

    tag: str
    text: str
    class_name: str
    href: str
    outline: float
    visible: bool


@dataclass(frozen=True)
class Chart:
    """A [data-chart] box on the page and what ECharts drew in it."""

    node: Locator

    @property
    def name(self) -> str:
        return self.node.get_attribute("data-chart") or ""

    def drawn_shapes(self) -> int:
        """Paths, rectangles and text ECharts drew inside the chart's svg (0: an empty box)."""
        self.node.locator("svg").first.wait_for(state="attached", timeout=5000)
        return self.node.locator("svg path, svg rect, svg text").count()


class PortalPage:
    """A page of the portal, open in the reader's tab."""

    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.page = portal.page


class ReportPage(PortalPage):
    """A report as a 政务公开 page: metadata, the text with its figures marked, QR code."""

    @classmethod
    def open(cls, portal: Portal, report_id: int, *, print_view: bool = False) -> Self:
        portal.visit(f"/reports/{report_id}" + ("?print=1" if print_view else ""))
        return cls(portal)

    def title(self) -> str:
        return self.page.locator("h1.doc-title").inner_text()

    def figure(self, indicator: str) -> Locator:
        """The first target figure marked for ``indicator`` (its title names the indicator)."""
        return self.page.locator(f'a.fig-target[title*="{indicator}"]').first

    def follow_figure(self, indicator: str) -> CommitmentPage:
        self.figure(indicator).click()
        self.page.wait_for_url(re.compile(r"/commitments/\d+$"))
        return CommitmentPage(self.portal)

    def qr_code_address(self) -> str:
        """The address the page's QR code holds, read from the image as a phone would."""
        image = Image.open(io.BytesIO(self.page.locator("img#qr").screenshot()))
        # Scaled up, as a camera close to the screen would see it.
        image = image.resize((image.width * 4, image.height * 4), Image.Resampling.NEAREST)
        codes = zxingcpp.read_barcodes(image)
        assert codes, "no QR code could be read from the page's image"
        return str(codes[0].text)

    def view_count(self) -> int:
        return int(self.page.locator("#views").inner_text())

    def download_figures(self, kind: str) -> Download:
        return self.portal.download(self._figures_link(kind))

    def open_figures_json(self) -> Any:
        return self.portal.open_json(self._figures_link("JSON"))

    def _figures_link(self, kind: str) -> Locator:
        return self.page.locator(".doc-tools").get_by_role("link", name=kind, exact=True)


@dataclass(frozen=True)
class LedgerRow:
    title: str
    status: str
    lead: str


class LedgerPage(PortalPage):
    """亮底晒单: counts, filters (a form and links) and the table of commitments."""

    @classmethod
    def open(cls, portal: Portal, report_id: int, query: str = "") -> Self:
        portal.visit(f"/reports/{report_id}/ledger" + (f"?{query}" if query else ""))
        return cls(portal)

    def filter_with_form(self, **choices: str) -> None:
        """Pick options in the 筛选 form (label → option) and press 筛选."""
        form = self.page.get_by_role("form", name="筛选")
        for label, option in choices.items():
            form.get_by_label(label).select_option(label=option)
        form.get_by_role("button", name="筛选").click()
        self.page.wait_for_load_state()

    def filter_by_status_link(self, status: str) -> None:
        self.page.get_by_role("navigation", name="按状态查看").get_by_role(
            "link", name=status
        ).click()
        self.page.wait_for_url(re.compile(r"status="))

    def rows(self) -> list[LedgerRow]:
        found = []
        for row in self.page.locator("table.ledger tbody tr").all():
            cells = row.locator("td")
            if cells.count() < 6:
                continue  # the "nothing matches" row
            found.append(
                LedgerRow(
                    title=cells.nth(0).locator("a").inner_text(),
                    status=cells.nth(4).locator(".badge").inner_text(),
                    lead=cells.nth(5).inner_text(),
                )
            )
        return found

    def count_shown_for(self, status: str) -> int:
        """The number the counts list gives for ``status``."""
        item = self.page.locator("ul.counts").first.locator("li", has_text=status)
        return int(item.locator("strong").inner_text())

    def download(self, kind: str) -> Download:
        return self.portal.download(self._link(kind))

    def open_json(self) -> Any:
        return self.portal.open_json(self._link("JSON"))

    def _link(self, kind: str) -> Locator:
        return self.page.locator("p.downloads").get_by_role("link", name=kind, exact=True)


class CommitmentPage(PortalPage):
    """One commitment: its source sentence, status explained, progress and history."""

    @classmethod
    def open(cls, portal: Portal, commitment_id: int) -> Self:
        portal.visit(f"/commitments/{commitment_id}")
        return cls(portal)

    def title(self) -> str:
        return self.page.locator("h1").inner_text()

    def source(self) -> str:
        return self.page.locator("blockquote.source").inner_text()

    def status(self) -> str:
        return self.page.locator(".status-line .badge").inner_text()

    def explanation(self) -> str:
        return self.page.locator("p.explanation").inner_text()

    def follow_source_link(self) -> ReportPage:
        self.page.get_by_role("link", name="在报告全文中查看").click()
        self.page.wait_for_url(re.compile(r"/reports/\d+#"))
        return ReportPage(self.portal)


@dataclass(frozen=True)
class Hit:
    kind: str
    highlighted: str
    text: str


class SearchPage(PortalPage):
    """Search results, each with the words found highlighted."""

    def hits(self) -> list[Hit]:
        return [
            Hit(
                kind=hit.locator("a").first.inner_text(),
                highlighted=hit.locator("mark").inner_text(),
                text=hit.locator("p").inner_text(),
            )
            for hit in self.page.locator("ol.hits > li").all()
            if hit.locator("mark").count()
        ]

    def highlight_colour(self) -> str:
        colour: str = self.page.locator("ol.hits mark").first.evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        return colour

    def follow_commitment_hit(self) -> CommitmentPage:
        self.page.locator("ol.hits").get_by_role("link", name="台账事项").first.click()
        self.page.wait_for_url(re.compile(r"/commitments/\d+$"))
        return CommitmentPage(self.portal)


class IllustrationPage(PortalPage):
    """图解: the year's main targets, before → after pairs, 为民实事 and cards."""

    @classmethod
    def open(cls, portal: Portal, report_id: int) -> Self:
        portal.visit(f"/reports/{report_id}/illustration")
        return cls(portal)

    def main_targets(self) -> list[str]:
        return self.page.locator("ul.target-grid li").all_inner_texts()

    def download_long_image(self) -> Download:
        return self.portal.download(self.page.get_by_role("link", name="下载长图（SVG）"))

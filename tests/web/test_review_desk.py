"""The review desk in the web app: the queue shows each figure in its paragraph with its fields;
correct, merge, split and add a task through the forms (CSRF, stale versions, markup as text);
the review downloads as gold that the project's own scorer reads."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import html

import luoshi
from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, unit_of_work
from luoshi.ledger.models import Commitment
from luoshi.web import create_app
from tests.extraction._shared import SCORER

from .conftest import DemoLedger
from .test_workspace import Staff, staff

REPORT = (
    "2023年政府工作报告\n"
    "今年主要预期目标是：地区生产总值增长6.5%左右，城镇新增就业1.6万人。\n"
    "新建高标准农田35万亩，其中<script>alert(1)</script>示范区2至3个。\n"
)
App = tuple[TestClient, Path]


@pytest.fixture
def app(ledger_copy: Path, demo_ledger: DemoLedger) -> Iterator[App]:
    """The staff app over a private copy of the demo ledger, and the copy's file."""
    with TestClient(
        create_app(demo_ledger.settings(ledger_copy)), base_url="https://testserver"
    ) as client:
        yield client, ledger_copy


class Queue:
    """The review page of one report, as the office reads it."""

    def __init__(self, client: TestClient, report_id: int) -> None:
        self.report_id = report_id
        self.body = client.get(f"/work/reports/{report_id}").text
        self.page = html.fromstring(self.body)

    def items(self) -> list[Any]:
        return list(self.page.xpath("//li[contains(@class,'queue-item')]"))

    def item(self, indicator: str) -> Any:
        found = [i for i in self.items() if indicator in _text(i, ".//dd[@class='indicator']")]
        assert len(found) == 1, f"{len(found)} items of {indicator}"
        return found[0]

    def id_of(self, indicator: str) -> int:
        return int(self.item(indicator).get("id")[1:])

    def version_of(self, indicator: str) -> str:
        return str(self.item(indicator).xpath(".//input[@name='version']/@value")[0])


def _text(element: Any, path: str) -> str:
    return "".join(node.text_content() for node in element.xpath(path))


def imported(admin: Staff) -> int:
    response = admin.post(
        "/work/reports",
        government=demo.GOVERNMENT,
        files={"file": ("2023.txt", REPORT.encode(), "text/plain")},
    )
    assert response.status_code == 303, response.text[:300]
    return int(response.headers["location"].split("?")[0].rsplit("/", 1)[1])


def _commitment(database: Path, commitment_id: int) -> Commitment:
    with unit_of_work(session_factory(make_engine(f"sqlite:///{database}"))) as session:
        found = session.get(Commitment, commitment_id)
        assert found is not None
        session.expunge(found)
        return found


def test_the_queue_shows_each_figure_in_its_paragraph_with_all_its_fields(
    app: App, demo_ledger: DemoLedger
) -> None:
    client, _ = app
    admin = staff(app, demo_ledger, demo.ADMIN)
    queue = Queue(client, imported(admin))
    text = luoshi.read(REPORT.encode(), name="2023.txt").text
    for item in queue.items():
        paragraph = item.xpath(".//p[@class='paragraph']")[0]
        start = int(paragraph.get("data-start"))
        assert paragraph.text_content() == text[start:].split("\n", 1)[0]  # the whole paragraph
        mark = paragraph.xpath("./mark")[0]
        at = start + len(paragraph.text or "")
        assert mark.text_content() == text[at : at + len(mark.text_content())]
    jobs = queue.item("城镇新增就业")
    terms, values = jobs.xpath(".//dt/text()"), [d.text_content() for d in jobs.xpath(".//dd")]
    facts = dict(zip(terms, values, strict=True))
    assert facts["数值"] == "1.6" and facts["单位"] == "万人" and facts["口径"] == "总量"
    assert facts["类别"] == "目标" and facts["比较"] == "等于" and facts["时期"] == "2023"
    assert facts["位置"].startswith(f"第 {text.index('1.6万')}–")
    assert 'src="/static/review.js?v=' in queue.body
    assert not queue.page.xpath("//script[not(@src)]")  # the CSP allows no inline script
    assert "j</kbd> 下一项" in queue.body


def test_markup_in_the_report_and_in_a_correction_renders_as_text(
    app: App, demo_ledger: DemoLedger
) -> None:
    client, _ = app
    admin = staff(app, demo_ledger, demo.ADMIN)
    queue = Queue(client, imported(admin))
    jobs = queue.id_of("城镇新增就业")
    admin.post(
        f"/work/commitments/{jobs}/correct",
        version=queue.version_of("城镇新增就业"),
        report_id=queue.report_id,
        start=REPORT.index("1.6万"),
        end=REPORT.index("1.6万") + 4,
        period="2023",
        value="1.6",
        unit="万人",
        indicator="城镇新增就业<img src=x onerror=alert(2)>",
        measure="level",
        kind="target",
        comparator="=",
    )
    body = client.get(f"/work/reports/{queue.report_id}").text
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)" in body
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(2)&gt;" in body


def test_a_correction_is_shown_and_a_stale_one_is_a_conflict(
    app: App, demo_ledger: DemoLedger
) -> None:
    client, database = app
    admin = staff(app, demo_ledger, demo.ADMIN)
    queue = Queue(client, imported(admin))
    jobs, read = queue.id_of("城镇新增就业"), queue.version_of("城镇新增就业")
    start = REPORT.index("1.6万")
    form = dict(
        version=read,
        report_id=queue.report_id,
        start=start,
        end=start + 4,
        period="2023",
        value="1.7",
        value_max="",
        unit="万人",
        indicator="城镇新增就业",
        measure="level",
        kind="target",
        comparator=">=",
    )
    response = admin.post(f"/work/commitments/{jobs}/correct", **form)
    assert response.status_code == 303 and response.headers["location"].endswith(f"#c{jobs}")
    item = Queue(client, queue.report_id).item("城镇新增就业")
    assert _text(item, ".//dd[@class='value']") == "1.7"
    assert "value" in _text(item, ".//dd[@class='changed']")
    stale = admin.post(f"/work/commitments/{jobs}/correct", **(form | {"value": "9"}))
    assert stale.status_code == 409 and "reload it" in stale.text
    kept = _commitment(database, jobs)
    assert kept.target == Decimal("1.7") and kept.comparator == ">=" and kept.figure is not None
    assert kept.figure["value"] == 1.6  # the extractor's figure is kept beside the correction


def test_merge_split_and_a_task_from_selected_text_through_the_forms(
    app: App, demo_ledger: DemoLedger
) -> None:
    client, database = app
    admin = staff(app, demo_ledger, demo.ADMIN)
    queue = Queue(client, imported(admin))
    gdp, jobs = queue.id_of("地区生产总值"), queue.id_of("城镇新增就业")
    merged = admin.post(
        f"/work/commitments/{gdp}/merge",
        version=queue.version_of("地区生产总值"),
        other=f"{jobs}:{queue.version_of('城镇新增就业')}",
        report_id=queue.report_id,
    )
    assert merged.status_code == 303
    assert _commitment(database, jobs).review_state == "rejected"
    ranged = queue.id_of("示范区")
    three = REPORT.index("3个")
    split = admin.post(
        f"/work/commitments/{ranged}/split-figure",
        version=queue.version_of("示范区"),
        report_id=queue.report_id,
        start=three,
        end=three + 1,
    )
    assert split.status_code == 303
    part = int(split.headers["location"].rsplit("#c", 1)[1])
    original = _commitment(database, ranged)
    assert REPORT[original.start : original.end] == "2"  # 至 left between the two
    assert _commitment(database, part).target == 3
    sentence = "新建高标准农田35万亩"
    start = REPORT.index(sentence)
    added = admin.post(
        f"/work/reports/{queue.report_id}/tasks", start=start, end=start + len(sentence)
    )
    assert added.status_code == 303
    task = _commitment(database, int(added.headers["location"].rsplit("#c", 1)[1]))
    assert task.quote == sentence and task.target is None and task.review_state == "proposed"
    page = Queue(client, queue.report_id)
    assert len(page.items()) == len(queue.items()) + 2
    outside = admin.post(f"/work/reports/{queue.report_id}/tasks", start=5, end=99999)
    assert outside.status_code == 422 and "not inside the report" in outside.text


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/work/commitments/{c}/correct", {"start": 0, "end": 3, "period": "2023"}),
        ("/work/commitments/{c}/merge", {"other": "{o}:1"}),
        ("/work/commitments/{c}/split-figure", {"start": 0, "end": 3}),
        ("/work/reports/{r}/tasks", {"start": 0, "end": 3}),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_every_review_desk_form_refuses_a_forged_csrf_token(
    app: App, demo_ledger: DemoLedger, path: str, form: dict[str, Any]
) -> None:
    client, database = app
    admin = staff(app, demo_ledger, demo.ADMIN)
    queue = Queue(client, imported(admin))
    first, other = queue.id_of("地区生产总值"), queue.id_of("城镇新增就业")
    admin.csrf = "forged"
    url = path.format(c=first, r=queue.report_id)
    data = {k: str(v).format(o=other) for k, v in form.items()}
    response = admin.post(url, version=1, report_id=queue.report_id, **data)
    assert response.status_code == 403 and "CSRF" in response.text
    assert len(Queue(client, queue.report_id).items()) == len(queue.items())
    assert _commitment(database, first).version == 1
    assert _commitment(database, other).review_state == "proposed"


def test_the_review_downloads_as_gold_that_the_projects_scorer_reads(
    app: App, demo_ledger: DemoLedger, tmp_path: Path
) -> None:
    client, _ = app
    admin = staff(app, demo_ledger, demo.ADMIN)
    queue = Queue(client, imported(admin))
    ids = {k: queue.id_of(k) for k in ("地区生产总值", "城镇新增就业", "新建高标准农田", "示范区")}
    start = REPORT.index("1.6万")
    admin.post(
        f"/work/commitments/{ids['城镇新增就业']}/correct",
        version=queue.version_of("城镇新增就业"),
        report_id=queue.report_id,
        start=start,
        end=start + 4,
        period="2023",
        value="1.7",
        unit="万人",
        indicator="城镇新增就业",
        measure="level",
        kind="target",
        comparator="=",
    )
    for name, decision in (("地区生产总值", "confirmed"), ("新建高标准农田", "rejected")):
        admin.post(
            f"/work/commitments/{ids[name]}/review",
            decision=decision,
            reason="不是数字" if decision == "rejected" else "",
            version=queue.version_of(name),
            report_id=queue.report_id,
        )
    admin.post(
        f"/work/commitments/{ids['城镇新增就业']}/review",
        decision="confirmed",
        version=int(queue.version_of("城镇新增就业")) + 1,
        report_id=queue.report_id,
    )
    download = client.get(f"/work/reports/{queue.report_id}/gold.jsonl")
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    gold = [json.loads(line) for line in download.text.splitlines()]
    assert [(g["indicator"], g["value"]) for g in gold] == [
        ("地区生产总值", 6.5),
        ("城镇新增就业", 1.7),
    ]

    document = luoshi.read(REPORT.encode(), name="2023.txt")
    (tmp_path / "gold.jsonl").write_text(download.text, encoding="utf-8")
    (tmp_path / "text.txt").write_text(document.text, encoding="utf-8")
    (tmp_path / "pred.jsonl").write_text(
        "".join(
            json.dumps(f.to_record(), ensure_ascii=False) + "\n" for f in luoshi.extract(document)
        ),
        encoding="utf-8",
    )
    scored = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--json",
            "--text",
            str(tmp_path / "text.txt"),
            "--gold",
            str(tmp_path / "gold.jsonl"),
            "--pred",
            str(tmp_path / "pred.jsonl"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(scored.stdout)
    # The extractor found both reviewed figures, gave 4 targets, and 1.6 where the office read 1.7.
    assert result["detection"]["true"] == 2 and result["detection"]["predicted"] == 4
    assert result["target_recall"] == 1.0
    assert result["exact_targets"]["true"] == 1 and result["field_accuracy"]["value"] == 0.5

    pairs = [
        json.loads(line)
        for line in client.get(
            f"/work/reports/{queue.report_id}/corrections.jsonl"
        ).text.splitlines()
    ]
    jobs = next(p for p in pairs if p["commitment"] == ids["城镇新增就业"])
    assert jobs["extracted"]["value"] == 1.6 and jobs["corrected"]["value"] == 1.7
    assert jobs["changed"] == ["value"]
    assert {p["commitment"] for p in pairs} == {
        ids[k] for k in ("地区生产总值", "城镇新增就业", "新建高标准农田")
    }


def test_the_public_report_shows_a_published_figure_as_the_office_corrected_it(
    app: App, demo_ledger: DemoLedger
) -> None:
    client, _ = app
    admin = staff(app, demo_ledger, demo.ADMIN)
    queue = Queue(client, imported(admin))
    jobs = queue.id_of("城镇新增就业")
    start = REPORT.index("城镇新增就业1.6万")
    admin.post(
        f"/work/commitments/{jobs}/correct",
        version=queue.version_of("城镇新增就业"),
        report_id=queue.report_id,
        start=start,  # a wider span than the extractor's: the link to the figure must hold
        end=start + 10,
        period="2023",
        value="1.8",
        unit="万人",
        indicator="城镇新增就业",
        measure="level",
        kind="target",
        comparator="=",
    )
    assert admin.post(f"/work/reports/{queue.report_id}/confirm-all").status_code == 303
    version = Queue(client, queue.report_id).page.xpath(
        "//form[contains(@action,'publish')]//input[@name='version']/@value"
    )[0]
    admin.post(f"/work/reports/{queue.report_id}/publish", version=version)
    report = html.fromstring(client.get(f"/reports/{queue.report_id}").text)
    (link,) = report.xpath(f"//a[@href='/commitments/{jobs}']")
    assert link.text == "城镇新增就业1.6万" and "1.8万人" in link.get("title")
    commitment = html.fromstring(client.get(f"/commitments/{jobs}").text)
    assert "1.8万人" in commitment.xpath("string(//blockquote[@class='source'])")

"""Nothing unpublished reaches the public side: pages, JSON twins, search, exports, evidence.

The routes are read from the app's route table, so a new public route is checked the day it is
added: each of its path parameters must be given an unpublished object below, or this fails.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.extraction.figure import Figure
from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, unit_of_work
from luoshi.ledger.models import Commitment, Evidence
from luoshi.ledger.services import assignment, imports, progress, review
from luoshi.ledger.services.policy import actor_for
from luoshi.reading.document import Document, Metadata
from luoshi.web import create_app

from .conftest import DemoLedger

SECRET_REPORT = "未公开草稿甲"
SECRET_TASK = "未审核事项乙"
SECRET_REPORTING = "未审核报送丙"
DRAFT_TEXT = (
    f"2023年政府工作报告（{SECRET_REPORT}）\n"
    "今年主要预期目标是：地区生产总值增长6.5%左右，城镇新增就业1.6万人。\n"
    f"新建高标准农田35万亩，{SECRET_TASK}稳步推进。\n"
)


@dataclass(frozen=True)
class Hidden:
    """Ids of what the public must not see."""

    draft_report: int
    draft_commitment: int  # confirmed, assigned and reported on — but its report is a draft
    proposed_task: int  # in the published report, never confirmed
    unapproved_evidence: int  # evidence of a submitted, not approved, progress report
    draft_evidence: int  # evidence of an approved report of the draft's commitment
    unapproved_report: int  # a submitted, not approved, progress report


@pytest.fixture
def hidden_world(ledger_copy: Path, demo_ledger: DemoLedger) -> tuple[TestClient, Hidden]:
    settings = demo_ledger.settings(ledger_copy)
    settings.evidence_dir = ledger_copy.parent / "evidence"
    factory = session_factory(make_engine(settings.database_url))
    sample = ledger_copy.parent / "secret.txt"
    sample.write_text(SECRET_REPORTING, encoding="utf-8")
    with unit_of_work(factory) as session:
        admin = actor_for(session, demo.ADMIN)
        document = Document(
            text=DRAFT_TEXT,
            format="txt",
            metadata=Metadata(title="2023年政府工作报告", plan_year=2023),
        )
        draft = imports.import_document(
            session, admin, document, demo_figures(document), demo.GOVERNMENT
        )
        first = session.scalars(select(Commitment).where(Commitment.report_id == draft.id)).first()
        assert first is not None
        review.decide(session, admin, first.id, "confirmed")
        assignment.assign(session, admin, first.id, "市发改委", starts=dt.date(2023, 1, 1))
        filed = progress.file_progress(
            session,
            admin,
            first.id,
            dt.date(2023, 3, 31),
            value=first.target,
            narrative={"done": SECRET_REPORTING},
            evidence=[sample],
            evidence_dir=settings.evidence_dir,
        )
        progress.submit(session, admin, filed.id)
        progress.decide(session, admin, filed.id, "approved")
        published = session.scalars(select(Commitment).where(Commitment.report_id == 1)).first()
        assert published is not None
        line = demo_ledger_text(session)
        at = line.index("新建高标准农田")
        task = imports.add_task(session, admin, 1, at, at + 7, title=SECRET_TASK)
        pending = progress.file_progress(
            session,
            admin,
            published.id,
            dt.date(2022, 10, 31),  # the demo's approved report is of 30 September
            value=published.target,
            narrative={"done": SECRET_REPORTING},
            evidence=[sample],
            evidence_dir=settings.evidence_dir,
        )
        progress.submit(session, admin, pending.id)
        ids = Hidden(
            draft_report=draft.id,
            draft_commitment=first.id,
            proposed_task=task.id,
            unapproved_evidence=evidence_of(session, pending.id),
            draft_evidence=evidence_of(session, filed.id),
            unapproved_report=pending.id,
        )
    return TestClient(create_app(settings)), ids


def demo_figures(document: Document) -> list[Figure]:
    import luoshi

    figures = luoshi.extract(document)
    assert any(f.kind == "target" for f in figures)
    return figures


def demo_ledger_text(session: Session) -> str:
    from luoshi.ledger.models import Report

    report = session.get(Report, 1)
    return report.text


def evidence_of(session: Session, report_id: int) -> int:
    return session.scalars(
        select(Evidence.id).where(Evidence.progress_report_id == report_id)
    ).one()


def unpublished_values(ids: Hidden) -> dict[str, list[int | str]]:
    """Per path parameter, the ids of objects the public must not reach."""
    return {
        "report_id": [ids.draft_report],
        "commitment_id": [ids.draft_commitment, ids.proposed_task],
        "evidence_id": [ids.unapproved_evidence, ids.draft_evidence],
        "progress_id": [ids.unapproved_report],
        # A department is public; what it shows is checked below.
        "department_id": [],
        # A user's journal (staff only) holds what they did to drafts too.
        "name": [demo.ADMIN, "demo-reviewer"],
    }


def public_get_routes() -> list[APIRoute]:
    """Every GET route with a path parameter, included routers opened up."""
    app = create_app(
        DemoLedger(Path(tempfile.gettempdir()) / "x.db", Path("x"), demo.Demo(0, 0, 0)).settings()
    )

    def walk(routes: list[Any]) -> list[APIRoute]:
        found: list[APIRoute] = []
        for route in routes:
            included = getattr(route, "original_router", None)  # FastAPI's include_router
            if included is not None:
                found += walk(included.routes)
            elif isinstance(route, APIRoute) and "GET" in route.methods:
                found.append(route)
        return found

    routes = walk(app.routes)
    assert len(routes) > 10, "the route table was not read"
    return [route for route in routes if route.param_convertors]


@pytest.mark.parametrize("route", public_get_routes(), ids=lambda r: r.path)
def test_no_route_serves_an_unpublished_object(
    route: APIRoute, hidden_world: tuple[TestClient, Hidden]
) -> None:
    client, ids = hidden_world
    values = unpublished_values(ids)
    unknown = set(route.param_convertors) - set(values)
    assert not unknown, f"{route.path}: say which unpublished ids {unknown} must be refused"
    for name in set(route.param_convertors):
        for value in values[name]:
            path = route.path.replace("{" + name + "}", str(value))
            response = client.get(path, follow_redirects=False)
            if route.path.startswith("/work"):  # the staff's pages send the public to sign in
                assert response.status_code == 303, (path, response.status_code)
                assert response.headers["location"].startswith("/login")
            else:
                assert response.status_code == 404, (path, response.status_code)
            for secret in (SECRET_REPORT, SECRET_TASK, SECRET_REPORTING):
                assert secret not in response.text


def test_published_pages_search_and_exports_leave_out_what_is_not_public(
    hidden_world: tuple[TestClient, Hidden],
) -> None:
    client, ids = hidden_world
    for secret in (SECRET_REPORT, SECRET_TASK, SECRET_REPORTING):
        assert client.get("/search.json", params={"q": secret}).json()["hits"] == []
    department = client.get("/reports/1/ledger.json").json()["rows"][0]["lead_id"]
    paths = [
        "/",
        "/index.json",
        "/reports/1",
        "/reports/1.json",
        "/reports/1/ledger",
        "/reports/1/ledger.json",
        "/reports/1/ledger.csv",
        "/reports/1/figures.json",
        "/reports/1/figures.csv",
        "/reports/1/illustration.json",
        f"/departments/{department}",
        f"/departments/{department}.json",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        for secret in (SECRET_REPORT, SECRET_TASK, SECRET_REPORTING):
            assert secret not in response.text, (path, secret)
    ledger = client.get("/reports/1/ledger.json").json()
    assert ids.proposed_task not in {row["id"] for row in ledger["rows"]}
    home = client.get("/index.json").json()
    listed = [r["id"] for g in home["governments"] for r in g["reports"]]
    assert 1 in listed and ids.draft_report not in listed


def test_a_report_text_with_markup_is_shown_as_text(
    ledger_copy: Path, demo_ledger: DemoLedger
) -> None:
    settings = demo_ledger.settings(ledger_copy)
    factory = session_factory(make_engine(settings.database_url))
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with unit_of_work(factory) as session:
        admin = actor_for(session, demo.ADMIN)
        document = Document(
            text=f"2023年政府工作报告\n{attack}\n今年主要预期目标是：地区生产总值增长6.5%左右。新建高标准农田35万亩。\n",
            format="txt",
            metadata=Metadata(title=f"报告{attack}", plan_year=2023),
        )
        report = imports.import_document(
            session, admin, document, demo_figures(document), demo.GOVERNMENT
        )
        for commitment in session.scalars(
            select(Commitment).where(Commitment.report_id == report.id)
        ):
            review.decide(session, admin, commitment.id, "confirmed")
        imports.publish_report(session, admin, report.id)
        report_id = report.id
    client = TestClient(create_app(settings))
    for path in (f"/reports/{report_id}", f"/reports/{report_id}/ledger", "/", "/search?q=script"):
        body = client.get(path).text
        assert "<script>alert" not in body and "<img src=x" not in body, path
        assert "&lt;script&gt;" in body or path == "/", path


def test_a_draft_is_never_compared_nor_offered_for_comparison(
    hidden_world: tuple[TestClient, Hidden],
) -> None:
    client, ids = hidden_world  # the draft is 武威市's report of 2023, after the published 2022
    for path in (
        f"/reports/1/diff.json?against={ids.draft_report}",
        f"/reports/1/diff?against={ids.draft_report}",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert SECRET_REPORT not in response.text
    diff = client.get("/reports/1/diff.json").json()
    assert diff["against"] is None and ids.draft_report not in [r["id"] for r in diff["others"]]
    assert client.get("/reports/1/scorecard.json").json()["later"] is None


def test_a_verdict_from_a_draft_next_year_stays_off_the_public_commitment_page(
    hidden_world: tuple[TestClient, Hidden], ledger_copy: Path
) -> None:
    from luoshi.ledger.services import closing
    from luoshi.ledger.status import Tolerance

    client, ids = hidden_world
    factory = session_factory(make_engine(f"sqlite:///{ledger_copy}"))
    with unit_of_work(factory) as session:
        admin = actor_for(session, demo.ADMIN)
        stored = closing.close_year(session, admin, ids.draft_report, Tolerance()).verdicts
        judged = [v.commitment_id for v in stored]
    assert judged  # the draft reviews 2022: report 1's commitments got verdicts
    for commitment_id in judged[:3]:
        response = client.get(f"/commitments/{commitment_id}.json")
        assert response.status_code == 200  # report 1's confirmed commitments are public
        assert response.json()["closing"] is None
        assert SECRET_REPORT not in response.text

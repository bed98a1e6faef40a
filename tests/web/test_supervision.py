"""The workspace's supervision pages: the office reminds a late department, the department
reads it (and only its own), mails go out after the request commits, and no route can change
the journal."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from lxml import html
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import DBAPIError

from luoshi.ledger import demo
from luoshi.ledger.db import make_engine, session_factory, unit_of_work
from luoshi.ledger.models import Assignment, AuditEvent, Commitment, Department, Reminder
from luoshi.ledger.services import assignment, notifications
from luoshi.ledger.services.policy import actor_for
from luoshi.web import create_app
from tests.smtp_sink import Sink

from .conftest import DemoLedger
from .test_workspace import FORMS, PATH_VALUES, Staff, staff_routes

# Two months after the demo's date: the report as of 31 October of a monthly commitment is late.
LATER = dt.date(2022, 11, 30)
LEAD = "市农业农村局"  # demo-lead's department


@dataclasses.dataclass
class Office:
    client: TestClient
    database: Path
    late: int  # a commitment of LEAD made monthly, so its October report is overdue
    department: int


def _factory(database: Path) -> Any:
    return session_factory(make_engine(f"sqlite:///{database}"))


@pytest.fixture
def office(ledger_copy: Path, demo_ledger: DemoLedger) -> Iterator[Office]:
    with unit_of_work(_factory(ledger_copy)) as session:
        admin = actor_for(session, demo.ADMIN)
        department = session.scalars(select(Department.id).where(Department.name == LEAD)).one()
        late = session.scalars(
            select(Commitment.id)
            .join(Commitment.assignment)
            .where(Commitment.report_id == demo_ledger.built.report_id)
            .where(Assignment.lead_id == department)
            .order_by(Commitment.id)
        ).first()
        assert late is not None
        assignment.change(session, admin, late, cycle="monthly")
    settings = demo_ledger.settings(ledger_copy).model_copy(update={"status_date": LATER})
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        yield Office(client, ledger_copy, late, department)


def _sign_in(client: TestClient, demo_ledger: DemoLedger, name: str) -> Staff:
    browser = Staff(TestClient(client.app, base_url="https://testserver"))
    assert browser.sign_in(name, demo_ledger.built.passwords[name]).status_code == 303
    return browser


def _page(browser: Staff, path: str) -> Any:
    response = browser.client.get(path)
    assert response.status_code == 200, response.text[:300]
    return html.fromstring(response.text)


def test_the_office_reminds_a_late_department_which_alone_is_told(
    office: Office, demo_ledger: DemoLedger
) -> None:
    reviewer = _sign_in(office.client, demo_ledger, "demo-reviewer")
    board = _page(reviewer, "/work/supervision")
    row = board.xpath(f"//table[@class='supervision-board']//tr[th='{LEAD}']")[0]
    assert int(row.xpath("td[3]")[0].text_content()) >= 1  # 逾期未报
    assert board.xpath(f"//tr[@id='late-{office.late}']")
    assert board.xpath("//div[@data-chart='supervision']")
    sent = reviewer.post(
        "/work/supervision/remind",
        department_id=office.department,
        commitment_id=office.late,
        message="请于本周五前报送<b>十月</b>进展",
    )
    assert sent.status_code == 303 and "已催办" in unquote(sent.headers["location"])
    again = _page(reviewer, "/work/supervision")
    assert "已催办" in again.xpath(f"//tr[@id='late-{office.late}']")[0].text_content()

    lead = _sign_in(office.client, demo_ledger, "demo-lead")
    work = _page(lead, "/work")
    assert work.xpath("//a[@class='inbox-link']/span[@class='unread']")
    inbox = lead.client.get("/work/notifications").text
    assert "请于本周五前报送&lt;b&gt;十月&lt;/b&gt;进展" in inbox  # shown as text, not markup
    assert "催办" in inbox
    reminders = _page(lead, "/work/reminders")
    assert len(reminders.xpath("//tr[contains(@class,'reminder')]")) == 1

    partner = _sign_in(office.client, demo_ledger, "demo-partner")  # 市统计局, not the lead
    assert "请于本周五前报送" not in partner.client.get("/work/notifications").text
    assert _page(partner, "/work/reminders").xpath("//tr[contains(@class,'reminder')]") == []
    assert partner.client.get("/work/supervision").status_code == 403


def test_a_notification_is_marked_read_by_its_owner_only(
    office: Office, demo_ledger: DemoLedger
) -> None:
    admin = _sign_in(office.client, demo_ledger, demo.ADMIN)
    admin.post("/work/supervision/remind", department_id=office.department)
    lead = _sign_in(office.client, demo_ledger, "demo-lead")
    unread = _page(lead, "/work/notifications").xpath("//li[contains(@class,'unread')]")
    assert "催办" in unread[0].text_content()  # newest first; the assignment's came before
    number = unread[0].get("id")[1:]
    partner = _sign_in(office.client, demo_ledger, "demo-partner")
    assert partner.post(f"/work/notifications/{number}/read").status_code == 404
    lead.csrf = "forged"
    assert lead.post(f"/work/notifications/{number}/read").status_code == 403
    lead = _sign_in(office.client, demo_ledger, "demo-lead")
    assert lead.post(f"/work/notifications/{number}/read").status_code == 303
    page = _page(lead, "/work/notifications")
    left = page.xpath("//li[contains(@class,'unread')]/@id")
    assert f"n{number}" not in left and len(left) == len(unread) - 1
    assert lead.post("/work/notifications/read-all").status_code == 303
    page = _page(lead, "/work/notifications")
    assert page.xpath("//li[contains(@class,'unread')]") == []
    assert page.xpath("//a[@class='inbox-link']/span[@class='unread']") == []


def test_a_forged_reminder_is_refused_and_sends_nothing(
    office: Office, demo_ledger: DemoLedger
) -> None:
    admin = _sign_in(office.client, demo_ledger, demo.ADMIN)
    admin.csrf = "forged"
    refused = admin.post("/work/supervision/remind", department_id=office.department)
    assert refused.status_code == 403 and "CSRF" in refused.text
    with unit_of_work(_factory(office.database)) as session:
        assert session.scalar(select(func.count()).select_from(Reminder)) == 0


def test_the_journal_shows_a_commitments_and_a_users_actions(
    office: Office, demo_ledger: DemoLedger
) -> None:
    reviewer = _sign_in(office.client, demo_ledger, "demo-reviewer")
    reviewer.post(
        "/work/supervision/remind", department_id=office.department, commitment_id=office.late
    )
    journal = _page(reviewer, f"/work/journal/commitments/{office.late}").text_content()
    assert "催办" in journal and "分工" in journal and "审核通过" in journal
    mine = _page(reviewer, "/work/journal/users/demo-reviewer")
    done = [a.text_content() for a in mine.xpath("//table[@class='journal']//td[3]")]
    assert done == ["催办", "设置密码"]  # newest first: the reminder, then the demo's password
    lead = _sign_in(office.client, demo_ledger, "demo-lead")
    assert lead.client.get(f"/work/journal/commitments/{office.late}").status_code == 403


def test_a_reminder_is_mailed_after_the_request(
    ledger_copy: Path, demo_ledger: DemoLedger, smtp_sink: Sink
) -> None:
    with unit_of_work(_factory(ledger_copy)) as session:
        admin = actor_for(session, demo.ADMIN)
        notifications.set_email(session, admin, "demo-lead", "nongye@wuwei.example.gov.cn")
    settings = demo_ledger.settings(ledger_copy).model_copy(
        update={
            "status_date": LATER,
            "smtp_host": smtp_sink.host,
            "smtp_port": smtp_sink.port,
            "smtp_starttls": False,
            "base_url": "https://duban.example.gov.cn",
        }
    )
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        office = _sign_in(client, demo_ledger, demo.ADMIN)
        board = _page(office, "/work/supervision")
        forms = board.xpath(f"//tr[th='{LEAD}']//form")
        if not forms:
            pytest.fail(f"{LEAD} has no overdue report on {LATER} in the demo")
        department = forms[0].xpath(".//input[@name='department_id']/@value")[0]
        assert office.post("/work/supervision/remind", department_id=department).status_code == 303
        client.app.state.mailer.flush()  # type: ignore[attr-defined]
    [message] = smtp_sink.to("nongye@wuwei.example.gov.cn")
    assert "催办" in message["Subject"] and LEAD in message["Subject"]
    assert "https://duban.example.gov.cn/work/reminders" in message.get_content()


def test_no_route_edits_or_deletes_the_journal(office: Office, demo_ledger: DemoLedger) -> None:
    """Every staff route, as the admin (who may do most), appends to the journal at most: no
    UPDATE or DELETE of audit_events is ever sent, and the rows before are unchanged."""
    client, database = office.client, office.database
    engine = client.app.state.sessions.kw["bind"]  # type: ignore[attr-defined]
    statements: list[str] = []

    def watch(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if re.search(r"\b(UPDATE|DELETE\s+FROM)\s+audit_events\b", statement, re.IGNORECASE):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", watch)
    with unit_of_work(_factory(database)) as session:
        before = [(e.id, e.action, e.before, e.after) for e in session.scalars(select(AuditEvent))]
    admin = _sign_in(client, demo_ledger, demo.ADMIN)
    for method, path in staff_routes():
        url = path
        for parameter, value in PATH_VALUES.items():
            url = url.replace(parameter, value)
        if path == "/logout":
            continue
        if method == "GET":
            assert admin.client.get(url).status_code < 500
        else:
            assert admin.post(url, **dict(FORMS.get(path, {}))).status_code < 500
    event.remove(engine, "before_cursor_execute", watch)
    assert statements == []
    with unit_of_work(_factory(database)) as session:
        after = [(e.id, e.action, e.before, e.after) for e in session.scalars(select(AuditEvent))]
    assert after[: len(before)] == before and len(after) > len(before)


def test_the_database_refuses_to_change_the_journal(ledger_copy: Path) -> None:
    engine = make_engine(f"sqlite:///{ledger_copy}")
    for statement in ("UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    engine.dispose()


def test_no_code_of_the_app_builds_a_journal_update_or_delete() -> None:
    """Beside the routes exercised above: no module (migrations aside) writes an UPDATE or a
    DELETE of the journal, in the ORM or in SQL text."""
    source = Path(create_app.__code__.co_filename).parents[1]
    forbidden = re.compile(
        r"(update|delete)\(\s*AuditEvent\b|AuditEvent\.__table__\.(update|delete)"
        r"|(UPDATE|DELETE\s+FROM)\s+audit_events",
        re.IGNORECASE,
    )
    offenders = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if "migrations" not in path.parts and forbidden.search(path.read_text("utf-8"))
    ]
    assert offenders == []

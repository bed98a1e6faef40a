"""Supervision through the services: overdue and long-unreported commitments, 催办 and its
escalation (sent once however often the scheduler runs), the dashboard, notifications and
their mails (an SMTP sink), and the journal of a commitment and of a user."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from luoshi.config import Settings
from luoshi.errors import NotFound, PermissionDenied, ValidationFailed
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import Notification, Reminder, User
from luoshi.ledger.services import audit, mail, notifications, progress, supervision
from luoshi.ledger.status import Tolerance
from tests.smtp_sink import Sink, free_port

from .conftest import Run, World
from .test_flow import confirm_and_assign

RULES = supervision.Rules(Tolerance(), stale_days=40, escalate_after_days=3)
TODAY = dt.date(2022, 3, 20)  # monthly reports from January: the one as of 28 February is late
DUE = dt.date(2022, 2, 28)
SENT = dt.datetime(2022, 3, 20, 9, 0)


def _late(world: World) -> int:
    return confirm_and_assign(world, "城镇新增就业", "市人社局", ("市统计局",))


def _file(world: World, cid: int, as_of: dt.date) -> int:
    with unit_of_work(world.factory) as session:
        report = progress.file_progress(
            session, world.actor("hr"), cid, as_of, value=Decimal("0.3"), today=TODAY
        )
        progress.submit(session, world.actor("hr"), report.id)
        return report.id


def _inbox(world: World, name: str, kinds: tuple[str, ...] = ()) -> list[Notification]:
    """A user's notifications, newest first (only those of ``kinds`` when given)."""
    with unit_of_work(world.factory) as session:
        found = notifications.inbox(session, world.actor(name)).items
        return [n for n in found if not kinds or n.kind in kinds]


def test_an_unreported_cycle_is_overdue_and_a_filed_one_is_not(world: World) -> None:
    cid = _late(world)
    with unit_of_work(world.factory) as session:
        [late] = supervision.owed(session, world.actor("reviewer"), RULES, TODAY)
        assert (late.commitment_id, late.department, late.due) == (cid, "市人社局", DUE)
        assert late.overdue and late.stale  # nothing since 1 January: more than 40 days
        page = supervision.board(session, world.actor("reviewer"), RULES, TODAY)
        assert [(r.name, r.commitments, r.overdue, r.on_time) for r in page.departments] == [
            ("市人社局", 1, 1, 0)
        ]
    _file(world, cid, DUE)
    with unit_of_work(world.factory) as session:
        [late] = supervision.owed(session, world.actor("reviewer"), RULES, TODAY)
        assert not late.overdue and not late.stale
        page = supervision.board(session, world.actor("admin"), RULES, TODAY)
        assert (page.totals.on_time, page.totals.overdue, page.late) == (1, 0, [])


def test_a_department_sees_no_supervision_board(world: World) -> None:
    _late(world)
    with pytest.raises(PermissionDenied), unit_of_work(world.factory) as session:
        supervision.board(session, world.actor("hr"), RULES, TODAY)


def test_a_reminder_is_journaled_and_told_to_the_department_only(world: World) -> None:
    cid = _late(world)
    with unit_of_work(world.factory) as session:
        department = world.departments["市人社局"]
        sent = supervision.remind(
            session, world.actor("reviewer"), RULES, TODAY, department, message="请本周内报送"
        )
        assert len(sent.reminded) == 1
    [note] = [n for n in _inbox(world, "hr") if n.kind != "assigned"]
    assert note.kind == "reminder" and "市人社局 1 项进展逾期未报" in note.title
    assert "请本周内报送" in note.body and "2022-02-28" in note.body
    assert _inbox(world, "transport") == [] and _inbox(world, "ndrc") == []
    with unit_of_work(world.factory) as session:
        [event] = [
            e
            for e in audit.of_commitment(session, world.actor("admin"), cid)
            if e.action == "remind"
        ]
        assert event.actor == "reviewer" and event.reason == "请本周内报送"
        with pytest.raises(ValidationFailed, match="已催办过"):
            supervision.remind(session, world.actor("admin"), RULES, TODAY, department, cid)
        with pytest.raises(PermissionDenied):
            supervision.remind(session, world.actor("hr"), RULES, TODAY, department, cid)
        with pytest.raises(ValidationFailed, match="没有逾期"):
            supervision.remind(
                session, world.actor("admin"), RULES, TODAY, world.departments["市交通局"]
            )


def test_the_scheduler_reminds_then_escalates_once_however_often_it_runs(world: World) -> None:
    cid = _late(world)
    office = world.actor("admin")
    with unit_of_work(world.factory) as session:
        first = supervision.run_due(session, office, RULES, TODAY, SENT)
        assert len(first.reminded) == 1 and first.escalated == []
    with unit_of_work(world.factory) as session:
        session.get(Reminder, first.reminded[0]).sent_at = SENT  # type: ignore[union-attr]
        assert supervision.run_due(session, office, RULES, TODAY, SENT) == supervision.Outcome()
        soon = SENT + dt.timedelta(days=2)
        assert supervision.run_due(session, office, RULES, TODAY, soon) == supervision.Outcome()
    later = SENT + dt.timedelta(days=3)
    with unit_of_work(world.factory) as session:
        escalated = supervision.run_due(session, office, RULES, TODAY, later)
        assert escalated.reminded == [] and len(escalated.escalated) == 1
    with unit_of_work(world.factory) as session:
        assert supervision.run_due(session, office, RULES, TODAY, later) == supervision.Outcome()
        second = session.get(Reminder, escalated.escalated[0])
        assert second is not None
        assert (second.level, second.escalates_id, second.due) == (2, first.reminded[0], DUE)
        page = supervision.board(session, office, RULES, TODAY)
        assert (page.totals.reminders, page.totals.escalations) == (1, 1)
        actions = [e.action for e in audit.of_commitment(session, office, cid)]
        assert actions.count("remind") == 1 and actions.count("escalate") == 1
    kinds = ("reminder", "escalation")
    assert [n.kind for n in _inbox(world, "hr", kinds)] == ["escalation", "reminder"]
    assert "升级" in _inbox(world, "hr")[0].title
    assert [n.kind for n in _inbox(world, "admin")] == ["escalation"]  # the office's admin too
    assert [n.kind for n in _inbox(world, "reviewer")] == []


def test_an_answered_reminder_is_not_escalated(world: World) -> None:
    cid = _late(world)
    with unit_of_work(world.factory) as session:
        supervision.run_due(session, world.actor("admin"), RULES, TODAY, SENT)
    _file(world, cid, DUE)
    with unit_of_work(world.factory) as session:
        later = SENT + dt.timedelta(days=10)
        assert (
            supervision.run_due(session, world.actor("admin"), RULES, TODAY, later)
            == supervision.Outcome()
        )
        [shown] = supervision.reminders(session, world.actor("hr"), TODAY)
        assert shown.answered and shown.level == 1


def test_a_department_sees_only_its_own_reminders(world: World) -> None:
    _late(world)
    confirm_and_assign(world, "地区生产总值", "市交通局")
    with unit_of_work(world.factory) as session:
        supervision.run_due(session, world.actor("admin"), RULES, TODAY, SENT)
    with unit_of_work(world.factory) as session:
        assert len(supervision.reminders(session, world.actor("admin"), TODAY)) == 2
        mine = supervision.reminders(
            session, world.actor("hr"), TODAY, world.departments["市交通局"]
        )
        assert {r.department for r in mine} == {"市人社局"}  # asking for another's is ignored
        assert {
            r.department for r in supervision.reminders(session, world.actor("transport"), TODAY)
        } == {"市交通局"}
        assert supervision.reminders(session, world.actor("ndrc"), TODAY) == []


def test_decisions_and_assignments_notify_the_departments(world: World) -> None:
    cid = _late(world)
    assert [n.kind for n in _inbox(world, "hr")] == ["assigned"]
    assert "牵头" in _inbox(world, "hr")[0].title
    report_id = _file(world, cid, DUE)
    with unit_of_work(world.factory) as session:
        progress.decide(session, world.actor("reviewer"), report_id, "returned", "数据口径不符")
    returned = _inbox(world, "hr")[0]
    assert returned.kind == "returned" and "数据口径不符" in returned.body
    assert _inbox(world, "transport") == []
    with unit_of_work(world.factory) as session:
        page = supervision.board(session, world.actor("admin"), RULES, TODAY)
        assert page.totals.returned == 1


def test_a_user_reads_and_marks_only_their_own(world: World) -> None:
    _late(world)
    [note] = _inbox(world, "hr")
    with unit_of_work(world.factory) as session:
        with pytest.raises(NotFound):
            notifications.mark_read(session, world.actor("transport"), note.id)
        assert notifications.unread_count(session, world.actor("hr")) == 1
        assert notifications.mark_read(session, world.actor("hr"), note.id) == 1
        assert notifications.unread_count(session, world.actor("hr")) == 0


def _mail_settings(port: int) -> Settings:
    return Settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_starttls=False,
        smtp_from="duban@example.gov.cn",
        base_url="https://luoshi.example.gov.cn",
    )


def test_a_reminder_is_mailed_after_the_commit(world: World, smtp_sink: Sink) -> None:
    mail.Mailer(world.factory, _mail_settings(smtp_sink.port), background=False).watch()
    hr = world.departments["市人社局"]
    with unit_of_work(world.factory) as session:
        notifications.set_email(session, world.actor("admin"), "hr", "hr@wuwei.example.gov.cn")
    _late(world)
    smtp_sink.mails.clear()  # the assignment's mail
    with pytest.raises(RuntimeError), unit_of_work(world.factory) as session:
        supervision.remind(session, world.actor("admin"), RULES, TODAY, hr)
        raise RuntimeError("the request fails after the reminder")
    assert smtp_sink.mails == []  # rolled back: no mail
    with unit_of_work(world.factory) as session:
        supervision.remind(session, world.actor("admin"), RULES, TODAY, hr)
        assert smtp_sink.mails == []  # not before the commit
    [message] = smtp_sink.to("hr@wuwei.example.gov.cn")
    assert "催办" in message["Subject"] and message["From"] == "duban@example.gov.cn"
    text = message.get_content()
    assert "城镇新增就业" in text and "https://luoshi.example.gov.cn/work/reminders" in text
    assert _inbox(world, "hr")[0].email_state == "sent"


def test_a_failed_mail_is_kept_and_sent_on_retry(world: World, smtp_sink: Sink) -> None:
    with unit_of_work(world.factory) as session:
        notifications.set_email(session, world.actor("admin"), "hr", "hr@wuwei.example.gov.cn")
    down = _mail_settings(free_port())  # nothing listens there
    mail.Mailer(world.factory, down, background=False).watch()
    _late(world)
    [note] = _inbox(world, "hr")
    assert note.email_state == "failed" and note.email_attempts == 1 and note.email_error
    assert mail.send(world.factory, _mail_settings(smtp_sink.port)).sent == 1
    assert len(smtp_sink.to("hr@wuwei.example.gov.cn")) == 1
    assert _inbox(world, "hr")[0].email_state == "sent"
    assert mail.send(world.factory, _mail_settings(smtp_sink.port)).sent == 0  # once only


def test_an_address_must_be_one(world: World) -> None:
    with pytest.raises(ValidationFailed), unit_of_work(world.factory) as session:
        notifications.set_email(session, world.actor("admin"), "hr", "not an address")
    with pytest.raises(PermissionDenied), unit_of_work(world.factory) as session:
        notifications.set_email(session, world.actor("reviewer"), "hr", "hr@example.org")
    with unit_of_work(world.factory) as session:
        user = session.scalars(select(User).where(User.name == "hr")).one()
        assert user.email is None


def test_the_journal_of_a_user_is_what_they_did(world: World) -> None:
    cid = _late(world)
    with unit_of_work(world.factory) as session:
        done = audit.of_user(session, world.actor("admin"), "reviewer")
        assert {e.action for e in done} == {"confirm", "assign"}
        assert {e.entity_id for e in done if e.action == "confirm"} == {cid}
        with pytest.raises(PermissionDenied):
            audit.of_user(session, world.actor("hr"), "reviewer")


def test_the_scheduler_command_sends_each_reminder_once(world: World, run: Run) -> None:
    _late(world)
    first = run("remind", "--as-of", "2022-03-20", "--user", "reviewer").output
    assert "reminders sent: 1, escalated: 0" in first and "mail is off" in first
    again = run("remind", "--as-of", "2022-03-20", "--user", "reviewer").output
    assert "reminders sent: 0, escalated: 0" in again
    denied = run("remind", "--as-of", "2022-03-20", "--user", "hr", code=5)
    assert "may not supervise" in denied.output
    with unit_of_work(world.factory) as session:
        [reminder] = session.scalars(select(Reminder)).all()
        assert (reminder.sent_by, reminder.due) == ("reviewer", DUE)


def test_an_admin_gives_a_user_an_address_on_the_command_line(world: World, run: Run) -> None:
    out = run("user", "email", "hr", "hr@wuwei.example.gov.cn", "--user", "admin").output
    assert "hr@wuwei.example.gov.cn" in out
    run("user", "email", "hr", "not-an-address", "--user", "admin", code=2)
    with unit_of_work(world.factory) as session:
        user = session.scalars(select(User).where(User.name == "hr")).one()
        assert user.email == "hr@wuwei.example.gov.cn"

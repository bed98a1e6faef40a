"""Supervision (督办): overdue and long-unreported commitments, reminders (催办) and their
escalation, and the office's dashboard by department.

A commitment is *overdue* when the status engine says 逾期未报: the report of a finished
reporting cycle has not come within the grace days. It is *long unreported* (长期未报) when its
lead department has filed nothing for ``stale_days``. A reminder asks the lead department for
the report due on a date; it is answered when a report as of that date or later is filed.
An unanswered reminder is escalated (升级) after ``escalate_after_days``: a second, level-2
reminder that also goes to the office's admins. ``run_due`` — what ``luoshi remind`` runs —
sends the reminders and escalations that are due, each at most once (a unique key per
commitment, date and level; one escalation per reminder).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from luoshi.errors import ValidationFailed
from luoshi.ledger import status as engine
from luoshi.ledger.models import (
    AuditEvent,
    Department,
    ProgressReport,
    Reminder,
    utcnow,
)
from luoshi.ledger.services import notifications
from luoshi.ledger.services.audit import record
from luoshi.ledger.services.notifications import short
from luoshi.ledger.services.policy import Actor, authorize, scope
from luoshi.ledger.services.tracking import ledger

# Reminder levels. Columns: level, who is told, the label the app shows.
LEVELS: dict[int, tuple[str, str]] = {
    1: ("the lead department's users", "催办"),
    2: ("the lead department's users and the office's admins", "升级催办"),
}
# Statuses for which no report is chased: done, over, not begun, or not computable.
SETTLED = ("已完成", "未完成", "未开始", "无法评估")
MESSAGE_LENGTH = 2000


@dataclass(frozen=True, slots=True)
class Rules:
    """The supervision settings: status bands, days to long-unreported, days to escalation."""

    tolerance: engine.Tolerance
    stale_days: int = 90
    escalate_after_days: int = 3


@dataclass(frozen=True, slots=True)
class Late:
    """A commitment whose lead department owes a report, as the office sees it."""

    commitment_id: int
    title: str
    department_id: int
    department: str
    due: dt.date | None  # the as-of date of the report owed (None: none owed yet)
    last_filed: dt.date | None
    overdue: bool  # 逾期未报
    stale: bool  # 长期未报
    reminded: int  # highest reminder level sent for ``due`` (0: none)


@dataclass(slots=True)
class DepartmentRow:
    department_id: int
    name: str
    commitments: int = 0
    on_time: int = 0
    overdue: int = 0
    stale: int = 0
    returned: int = 0
    reminders: int = 0
    escalations: int = 0
    unreminded: int = 0  # overdue and not yet reminded for the report owed


@dataclass(frozen=True, slots=True)
class Board:
    """The office's supervision page: what is late, and the counts by department."""

    today: dt.date
    late: list[Late]
    departments: list[DepartmentRow]
    totals: DepartmentRow


@dataclass(frozen=True, slots=True)
class ReminderView:
    id: int
    commitment_id: int
    title: str
    department: str
    due: dt.date
    level: int
    label: str
    message: str
    sent_by: str
    sent_at: dt.datetime
    answered: bool


@dataclass(frozen=True, slots=True)
class Outcome:
    """What ``run_due`` or ``remind`` sent: reminders and escalations, by id."""

    reminded: list[int] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)


def _last_filed(session: Session, commitment_ids: list[int], today: dt.date) -> dict[int, dt.date]:
    """Each commitment's latest as-of date of a lead's submitted or approved report."""
    rows = session.execute(
        select(ProgressReport.commitment_id, func.max(ProgressReport.as_of))
        .where(
            ProgressReport.commitment_id.in_(commitment_ids),
            ProgressReport.contribution.is_(False),
            ProgressReport.state.in_(("submitted", "approved")),
            ProgressReport.as_of <= today,
        )
        .group_by(ProgressReport.commitment_id)
    )
    return {commitment_id: last for commitment_id, last in rows}


def _levels(session: Session) -> dict[tuple[int, dt.date], int]:
    rows = session.execute(
        select(Reminder.commitment_id, Reminder.due, func.max(Reminder.level)).group_by(
            Reminder.commitment_id, Reminder.due
        )
    )
    return {(commitment_id, due): level for commitment_id, due, level in rows}


def owed(session: Session, actor: Actor, rules: Rules, today: dt.date) -> list[Late]:
    """Every assigned commitment with its report owed, overdue or long unreported first."""
    authorize(actor, "supervise")
    confirmed = ledger(session, actor, rules.tolerance, today, review_state="confirmed")
    entries = [e for e in confirmed if e.commitment.assignment]
    last = _last_filed(session, [e.commitment.id for e in entries], today)
    levels = _levels(session)
    names = {i: name for i, name in session.execute(select(Department.id, Department.name))}
    found = []
    for entry in entries:
        commitment, assignment = entry.commitment, entry.commitment.assignment
        assert assignment is not None
        settled = entry.status.code in SETTLED
        inputs = engine.Inputs(
            today=today,
            period=commitment.period,
            cycle=assignment.cycle,
            reporting_starts=assignment.starts,
        )
        due = engine.report_due(inputs, rules.tolerance)
        filed = last.get(commitment.id)
        since = filed or assignment.starts
        stale = not settled and (today - since).days > rules.stale_days
        overdue = not settled and due is not None and (filed is None or filed < due)
        found.append(
            Late(
                commitment_id=commitment.id,
                title=commitment.title,
                department_id=assignment.lead_id,
                department=names.get(assignment.lead_id, ""),
                due=due,
                last_filed=filed,
                overdue=overdue,
                stale=stale,
                reminded=levels.get((commitment.id, due or today), 0),
            )
        )
    return found


def board(session: Session, actor: Actor, rules: Rules, today: dt.date) -> Board:
    """The late commitments and, by lead department: on time, overdue, long unreported,
    reports returned, reminders and escalations sent."""
    everything = owed(session, actor, rules, today)
    rows: dict[int, DepartmentRow] = {}
    for item in everything:
        row = rows.setdefault(
            item.department_id, DepartmentRow(item.department_id, item.department)
        )
        row.commitments += 1
        row.overdue += item.overdue
        row.stale += item.stale
        row.on_time += not item.overdue
        row.unreminded += item.overdue and not item.reminded
    for department_id, count in _returned(session).items():
        _row(session, rows, department_id).returned += count
    for department_id, level, count in session.execute(
        select(Reminder.department_id, Reminder.level, func.count()).group_by(
            Reminder.department_id, Reminder.level
        )
    ):
        row = _row(session, rows, department_id)
        if level == 1:
            row.reminders += count
        else:
            row.escalations += count
    ordered = sorted(rows.values(), key=lambda r: (-r.overdue, -r.stale, r.name))
    totals = DepartmentRow(0, "合计")
    for row in ordered:
        for name in ("commitments", "on_time", "overdue", "stale", "returned", "reminders"):
            setattr(totals, name, getattr(totals, name) + getattr(row, name))
        totals.escalations += row.escalations
    late = [item for item in everything if item.overdue or item.stale]
    late.sort(key=lambda i: (i.department, i.due or today, i.commitment_id))
    return Board(today, late, ordered, totals)


def _row(session: Session, rows: dict[int, DepartmentRow], department_id: int) -> DepartmentRow:
    if department_id not in rows:
        department = session.get(Department, department_id)
        rows[department_id] = DepartmentRow(department_id, department.name if department else "")
    return rows[department_id]


def _returned(session: Session) -> Counter[int]:
    """How many times each department's reports were returned (from the journal: a report
    edited after its return no longer shows it in its state)."""
    returned_ids = session.scalars(
        select(AuditEvent.entity_id).where(
            AuditEvent.entity == "progress_reports", AuditEvent.action == "return"
        )
    ).all()
    counts: Counter[int] = Counter()
    if returned_ids:
        departments = {
            report_id: department_id
            for report_id, department_id in session.execute(
                select(ProgressReport.id, ProgressReport.department_id).where(
                    ProgressReport.id.in_(set(returned_ids))
                )
            )
        }
        counts.update(departments[i] for i in returned_ids if i in departments)
    return counts


def remind(
    session: Session,
    actor: Actor,
    rules: Rules,
    today: dt.date,
    department_id: int,
    commitment_id: int | None = None,
    message: str = "",
) -> Outcome:
    """The office reminds a department of one commitment's owed report, or of all its overdue
    ones; each is journaled and the department's users are notified once."""
    authorize(actor, "supervise")
    if len(message) > MESSAGE_LENGTH:
        raise ValidationFailed(f"a reminder's message is at most {MESSAGE_LENGTH} characters")
    mine = [i for i in owed(session, actor, rules, today) if i.department_id == department_id]
    if commitment_id is not None:
        chosen = [i for i in mine if i.commitment_id == commitment_id]
        if not chosen or not (chosen[0].overdue or chosen[0].stale):
            raise ValidationFailed(f"事项 {commitment_id} 不是该单位逾期或长期未报的事项，无需催办")
    else:
        chosen = [i for i in mine if i.overdue]
        if not chosen:
            raise ValidationFailed("该单位没有逾期未报的事项，无需催办")
    fresh = [i for i in chosen if i.reminded == 0]
    if not fresh:
        raise ValidationFailed(
            f"已催办过；{rules.escalate_after_days} 天内仍未报送的，将自动升级催办"
        )
    made = _send(session, actor, fresh, today, 1, message)
    return Outcome(reminded=[r.id for r in made])


def _send(
    session: Session,
    actor: Actor,
    items: list[Late],
    today: dt.date,
    level: int,
    message: str,
    escalates: dict[int, int] | None = None,
) -> list[Reminder]:
    """Reminders of one level for some late commitments, journaled, with one notification per
    department's user."""
    made: list[Reminder] = []
    by_department: dict[int, list[Late]] = defaultdict(list)
    for item in items:
        reminder = Reminder(
            commitment_id=item.commitment_id,
            department_id=item.department_id,
            due=item.due or today,
            level=level,
            escalates_id=(escalates or {}).get(item.commitment_id),
            message=message,
            sent_by=actor.name,
            sent_at=utcnow(),
        )
        session.add(reminder)
        record(session, actor, "escalate" if level > 1 else "remind", reminder, None, message)
        made.append(reminder)
        by_department[item.department_id].append(item)
    kind = "escalation" if level > 1 else "reminder"
    for department_id, owing in by_department.items():
        lines = "\n".join(
            f"· {short(i.title)}（应报送截至 {i.due or today} 的进展，"
            f"最近报送 {i.last_filed or '无'}）"
            for i in owing
        )
        note = f"\n督查室留言：{message}" if message else ""
        escalated = "（已升级，同时告知督查室负责人）" if level > 1 else ""
        notifications.notify(
            session,
            notifications.department_users(session, [department_id], office_admins=level > 1),
            kind,
            f"{LEVELS[level][1]}：{owing[0].department} {len(owing)} 项进展逾期未报{escalated}",
            f"请尽快报送以下事项的进展：\n{lines}{note}",
            "/work/reminders",
        )
    return made


def run_due(
    session: Session, actor: Actor, rules: Rules, today: dt.date, now: dt.datetime | None = None
) -> Outcome:
    """Send the reminders that are due (every overdue report not yet reminded) and escalate
    reminders left unanswered for ``escalate_after_days``. Running it twice sends nothing twice."""
    authorize(actor, "supervise")
    now = now or utcnow()
    items = owed(session, actor, rules, today)
    first = [i for i in items if i.overdue and i.reminded == 0 and i.due is not None]
    reminded = _send(session, actor, first, today, 1, "系统自动催办：本期进展逾期未报")
    by_commitment = {i.commitment_id: i for i in items}
    cutoff = now - dt.timedelta(days=rules.escalate_after_days)
    escalated_ids = select(Reminder.escalates_id).where(Reminder.escalates_id.is_not(None))
    ignored = session.scalars(
        select(Reminder)
        .where(Reminder.level == 1, Reminder.sent_at <= cutoff, Reminder.id.not_in(escalated_ids))
        .order_by(Reminder.id)
    ).all()
    targets: list[Late] = []
    escalates: dict[int, int] = {}
    for reminder in ignored:
        item = by_commitment.get(reminder.commitment_id)
        answered = item is None or (item.last_filed is not None and item.last_filed >= reminder.due)
        if answered or item is None or item.department_id != reminder.department_id:
            continue
        targets.append(replace(item, due=reminder.due))  # the date the reminder asked for
        escalates[reminder.commitment_id] = reminder.id
    escalated = _send(session, actor, targets, today, 2, "提醒后逾期仍未报送，升级催办", escalates)
    return Outcome([r.id for r in reminded], [r.id for r in escalated])


def reminders(
    session: Session, actor: Actor, today: dt.date, department_id: int | None = None
) -> list[ReminderView]:
    """Reminders sent, newest first: a department reporter only their own department's."""
    if scope(actor, "view_reminders") == "own":
        department_id = actor.department_id
    authorize(actor, "view_reminders", {department_id or 0})
    query = (
        select(Reminder)
        .options(selectinload(Reminder.commitment), selectinload(Reminder.department))
        .order_by(Reminder.id.desc())
    )
    if department_id is not None:
        query = query.where(Reminder.department_id == department_id)
    found = list(session.scalars(query))
    last = _last_filed(session, list({r.commitment_id for r in found}), today)
    return [
        ReminderView(
            id=r.id,
            commitment_id=r.commitment_id,
            title=r.commitment.title,
            department=r.department.name,
            due=r.due,
            level=r.level,
            label=LEVELS[r.level][1],
            message=r.message,
            sent_by=r.sent_by,
            sent_at=r.sent_at,
            answered=(last.get(r.commitment_id) or dt.date.min) >= r.due,
        )
        for r in found
    ]

"""The ledger's tables (SQLAlchemy 2 ORM).

Every mutable table carries a ``version`` column used for optimistic locking:
SQLAlchemy adds ``WHERE version = :old`` to each UPDATE and raises
``StaleDataError`` when someone else changed the row first (mapped to
``Conflict`` by the unit of work). Status is not a column: it is computed on
read by ``luoshi.ledger.status``; manual judgements live in their own table.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.orm.base import NO_VALUE
from sqlalchemy.types import TypeDecorator

from luoshi.errors import ValidationFailed

# Labels the office and the public read; stored as written.
COMMITMENT_TYPES = ("量化指标", "为民实事", "重大项目", "工作任务")
REVIEW_STATES = ("proposed", "confirmed", "rejected")
ROLES = ("admin", "reviewer", "reporter", "public")
REPORT_VERSIONS = ("draft", "final")  # 征求意见稿 / 正式稿
REPORT_STATES = ("draft", "published")
CYCLES = ("monthly", "quarterly")
PROGRESS_STATES = ("draft", "submitted", "approved", "returned")
NOTIFICATION_KINDS = ("reminder", "escalation", "returned", "approved", "assigned")
EMAIL_STATES = ("none", "pending", "sent", "failed")  # none: the user has no address
MILESTONES = ("none", "started", "completed")  # ordered: each reaches the ones before it


# Database objects the migrations make beside the models (0003's search indexes: SQLite's FTS5
# table and its shadow tables, PostgreSQL's trigram index); comparisons of schema and models
# leave them alone.
OUTSIDE_MODELS = ("search_fts", "ix_search_entries_trgm")


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's filter: whether schema comparison looks at the object called ``name``."""
    return not (name or "").startswith(OUTSIDE_MODELS)


def utcnow() -> dt.datetime:
    """Now in UTC, naive, so SQLite and PostgreSQL store the same value."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal stored as its text, exact on every backend (SQLite has no decimal type)."""

    impl = String(64)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class Base(DeclarativeBase):
    """Declarative base of every ledger table."""


class Versioned:
    """Mixin: a version column bumped on every UPDATE (optimistic locking)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class User(Versioned, Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # An inactive user (one who left) keeps their name in the journal but may do nothing.
    active: Mapped[bool] = mapped_column(default=True, server_default="1")
    # The web workspace's login (argon2id); a user without one signs in only on the command line.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    # Set when an admin gives a first or new password: the user must choose their own.
    must_change_password: Mapped[bool] = mapped_column(default=True, server_default="1")
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Where notifications are mailed (none: only in the app).
    email: Mapped[str | None] = mapped_column(String(320))


class Government(Versioned, Base):
    __tablename__ = "governments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    level: Mapped[str] = mapped_column(String(20), default="")  # 国家 / 省 / 市 / 县
    region_code: Mapped[str] = mapped_column(String(12), default="")
    credit_code: Mapped[str] = mapped_column(String(18), default="")  # 统一社会信用代码

    departments: Mapped[list[Department]] = relationship(
        back_populates="government", order_by="Department.id"
    )


class Department(Versioned, Base):
    __tablename__ = "departments"
    __table_args__ = (UniqueConstraint("government_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    government_id: Mapped[int] = mapped_column(ForeignKey("governments.id"))
    name: Mapped[str] = mapped_column(String(200))

    government: Mapped[Government] = relationship(back_populates="departments")


class Report(Versioned, Base):
    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("government_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    government_id: Mapped[int] = mapped_column(ForeignKey("governments.id"), index=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    year: Mapped[int | None] = mapped_column(Integer)  # year the speech was delivered
    plan_year: Mapped[int | None] = mapped_column(Integer)
    edition: Mapped[str] = mapped_column(String(10), default="final")  # REPORT_VERSIONS
    state: Mapped[str] = mapped_column(String(10), default="draft")  # REPORT_STATES
    source: Mapped[str] = mapped_column(String(1000), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The headings as [[title, start, end, depth], …] in text order, to place tasks in sections.
    outline: Mapped[list[list[Any]]] = mapped_column(JSON, default=list)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # A final report names the draft (征求意见稿) it supersedes.
    supersedes_id: Mapped[int | None] = mapped_column(
        ForeignKey("reports.id", name="fk_reports_supersedes_id_reports")
    )

    government: Mapped[Government] = relationship()


class Commitment(Versioned, Base):
    """A promise of a report: a confirmed figure or a qualitative task, and its sub-tasks."""

    __tablename__ = "commitments"
    __table_args__ = (Index("ix_commitments_report_review", "report_id", "review_state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"))
    government_id: Mapped[int] = mapped_column(ForeignKey("governments.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"), index=True)
    weight: Mapped[Decimal] = mapped_column(ExactDecimal, default=Decimal(1))
    type: Mapped[str] = mapped_column(String(10))  # COMMITMENT_TYPES
    title: Mapped[str] = mapped_column(String(1000))
    start: Mapped[int] = mapped_column(Integer)  # span of Report.text
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    section: Mapped[list[str]] = mapped_column(JSON, default=list)
    period: Mapped[str] = mapped_column(String(20), default="")  # "2022" or "2022-2026"
    # The figure, when the commitment comes from one (all None for a qualitative task).
    figure: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    indicator: Mapped[str] = mapped_column(String(200), default="")
    measure: Mapped[str | None] = mapped_column(String(10))  # level / rate / share / rank
    # The figure's kind as reviewed (target / actual / estimate); None: as extracted (a target).
    kind: Mapped[str | None] = mapped_column(String(10))
    cumulative: Mapped[bool] = mapped_column(default=True)  # a level that accumulates
    comparator: Mapped[str | None] = mapped_column(String(2))
    target: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    target_max: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    unit: Mapped[str] = mapped_column(String(20), default="")
    baseline: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    direction: Mapped[str | None] = mapped_column(String(10))  # higher / lower; None: vocabulary
    # A qualitative task's completion criterion: the milestone that completes it.
    criterion: Mapped[str | None] = mapped_column(String(10))  # started / completed
    review_state: Mapped[str] = mapped_column(String(10), default="proposed")
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    review_reason: Mapped[str] = mapped_column(Text, default="")

    report: Mapped[Report] = relationship()
    children: Mapped[list[Commitment]] = relationship(
        order_by="Commitment.id", back_populates="parent"
    )
    parent: Mapped[Commitment | None] = relationship(
        remote_side="Commitment.id", back_populates="children"
    )
    assignment: Mapped[Assignment | None] = relationship(back_populates="commitment")

    @property
    def effective_assignment(self) -> Assignment | None:
        """Its own assignment, or a sub-task's parent's (sub-tasks go to the parent's units)."""
        if self.assignment is None and self.parent is not None:
            return self.parent.assignment
        return self.assignment


class Assignment(Versioned, Base):
    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_lead", "lead_id", "commitment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), unique=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))  # 牵头单位
    due: Mapped[dt.date | None] = mapped_column(Date)  # 完成时限
    cycle: Mapped[str] = mapped_column(String(10), default="quarterly")
    starts: Mapped[dt.date] = mapped_column(Date)  # reporting is due from here on

    commitment: Mapped[Commitment] = relationship(back_populates="assignment")
    lead: Mapped[Department] = relationship()
    partners: Mapped[list[AssignmentPartner]] = relationship(
        cascade="all, delete-orphan", order_by="AssignmentPartner.department_id"
    )


class AssignmentPartner(Base):
    """A 配合单位 of an assignment."""

    __tablename__ = "assignment_partners"

    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id"), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), primary_key=True)

    department: Mapped[Department] = relationship()


class ProgressReport(Versioned, Base):
    """One department's report on one commitment as of a date.

    The lead's report (``contribution`` False) consolidates the partners'
    contributions (``consolidated_into_id`` set when the lead submits).
    """

    __tablename__ = "progress_reports"
    __table_args__ = (
        Index("ix_progress_commitment_state_asof", "commitment_id", "state", "as_of"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    contribution: Mapped[bool] = mapped_column(default=False)
    consolidated_into_id: Mapped[int | None] = mapped_column(ForeignKey("progress_reports.id"))
    as_of: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    milestone: Mapped[str] = mapped_column(String(10), default="none")  # MILESTONES
    done: Mapped[str] = mapped_column(Text, default="")  # 已完成工作
    next_steps: Mapped[str] = mapped_column(Text, default="")  # 下一步计划
    problems: Mapped[str] = mapped_column(Text, default="")  # 存在问题
    support: Mapped[str] = mapped_column(Text, default="")  # 需要支持
    state: Mapped[str] = mapped_column(String(10), default="draft")  # PROGRESS_STATES
    state_reason: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    evidence: Mapped[list[Evidence]] = relationship(order_by="Evidence.id")


class Evidence(Base):
    """A file (stored under its sha256) or a link supporting a progress report."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    progress_report_id: Mapped[int] = mapped_column(ForeignKey("progress_reports.id"), index=True)
    sha256: Mapped[str | None] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(500), default="")
    size: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(String(2000))


class Judgement(Base):
    """A manual status judgement, kept beside the computed status (never replacing it)."""

    __tablename__ = "judgements"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class YearVerdict(Versioned, Base):
    """A commitment of a closed year judged against the next year's report (the 成绩单).

    Kept beside the status its progress reports gave at the year's end; ``disagrees`` flags the
    two apart for the office (missed but 已完成, met but 未完成). ``carried_to_id``: the
    commitment of the new year's ledger an unmet one was carried over to.
    """

    __tablename__ = "year_verdicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), unique=True)
    outcomes_report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(15))  # luoshi.reconcile's VERDICTS
    reason: Mapped[str] = mapped_column(Text, default="")
    # The outcome as the later report states it: written, quote, start, end, sentence.
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10))  # the computed status at the year's end
    disagrees: Mapped[bool] = mapped_column(default=False)
    carried_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", name="fk_year_verdicts_carried_to_id_commitments"),
        unique=True,
    )

    commitment: Mapped[Commitment] = relationship(foreign_keys=[commitment_id])


class AuditEvent(Base):
    """One change: who, when, what, before/after, why. Rows are only ever inserted."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text, default="")


class Snapshot(Base):
    """The statuses of a government's commitments at the end of a month."""

    __tablename__ = "snapshots"
    __table_args__ = (UniqueConstraint("government_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    government_id: Mapped[int] = mapped_column(ForeignKey("governments.id"))
    month: Mapped[str] = mapped_column(String(7))  # 2022-03
    as_of: Mapped[dt.date] = mapped_column(Date)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    taken_by: Mapped[str] = mapped_column(String(100))
    # {commitment id: {"code": 达进度, "value": "12.5", "title": …}}
    entries: Mapped[dict[str, Any]] = mapped_column(JSON)


@event.listens_for(Report.text, "set")
def _freeze_published_text(target: Report, value: str, old: Any, _initiator: Any) -> None:
    """A published report's text never changes (its offsets anchor every commitment)."""
    if target.state == "published" and old is not NO_VALUE and value != old:
        raise ValidationFailed(f"report {target.id} is published: its text cannot change")


class StatusCache(Base):
    """The computed status of each commitment as last refreshed, for the portal's filters.

    Written only by ``tracking.refresh_cache`` from the status engine — never typed in. It
    holds no foreign keys (migration 0010): checking them doubled the cost of a full refresh's
    writes, and a commitment whose row changes is marked stale, so the next refresh replaces
    or drops its row.
    """

    __tablename__ = "status_cache"
    # A page of a government (optionally of one status) walks an index in id order.
    __table_args__ = (
        Index("ix_status_cache_government", "government_id", "commitment_id"),
        Index("ix_status_cache_government_code", "government_id", "code", "commitment_id"),
    )

    commitment_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    government_id: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(10))
    colour: Mapped[str] = mapped_column(String(10))
    as_of: Mapped[dt.date] = mapped_column(Date)
    explanation: Mapped[str] = mapped_column(Text)
    value: Mapped[Decimal | None] = mapped_column(ExactDecimal)  # latest approved value
    reported_as_of: Mapped[dt.date | None] = mapped_column(Date)
    # The last day the status holds if nothing it reads changes (None: for good); a refresh on a
    # later day computes it again (``status.stable_until``).
    valid_until: Mapped[dt.date | None] = mapped_column(Date, index=True)


class StatusStale(Base):
    """A commitment whose status may have changed since the cache was refreshed.

    Written by database triggers (migration 0008) on every change to a commitment, its
    assignment or its progress reports, whoever makes it; read and emptied by ``refresh``.
    """

    __tablename__ = "status_stale"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(Integer)  # no foreign key: it may be deleted


class StatusRefresh(Base):
    """The day and tolerance of the last status refresh (one row); a change of either: full."""

    __tablename__ = "status_refresh"

    id: Mapped[int] = mapped_column(primary_key=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    tolerance: Mapped[str] = mapped_column(String(100))


class StatusCount(Base):
    """How many of a government's commitments have each cached status (written with the cache)."""

    __tablename__ = "status_counts"

    government_id: Mapped[int] = mapped_column(ForeignKey("governments.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class ReportFigure(Base):
    """Every figure extracted from a report (targets, results, estimates), as read at import.

    Targets also become commitments; this table keeps the rest, so the portal can mark every
    figure in the text and draw the 图解 (before → after pairs) from results.
    """

    __tablename__ = "report_figures"
    __table_args__ = (Index("ix_report_figures_report", "report_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))  # target / actual / estimate
    indicator: Mapped[str] = mapped_column(String(200), default="")
    measure: Mapped[str] = mapped_column(String(10))
    comparator: Mapped[str] = mapped_column(String(2))
    value: Mapped[Decimal] = mapped_column(ExactDecimal)
    value_max: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    unit: Mapped[str] = mapped_column(String(20), default="")
    period: Mapped[str] = mapped_column(String(20), default="")
    quote: Mapped[str] = mapped_column(Text, default="")
    rule: Mapped[str] = mapped_column(Text, default="")


class SearchEntry(Base):
    """A paragraph of a report or a commitment's title and quote, as the public search reads it.

    Written when a report is published; queries still check the report's and commitment's
    current state, so nothing unpublished is ever returned. SQLite indexes ``text`` with FTS5's
    trigram tokenizer, PostgreSQL with pg_trgm (migration 0003): Chinese without a segmenter.
    """

    __tablename__ = "search_entries"
    __table_args__ = (Index("ix_search_entries_report", "report_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"))
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"))
    start: Mapped[int] = mapped_column(Integer)  # where the paragraph or quote starts in the text
    text: Mapped[str] = mapped_column(Text)


class ReportView(Base):
    """How many times a published report's page was read (浏览次数), bots and repeats left out."""

    __tablename__ = "report_views"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class WebSession(Base):
    """A signed-in browser: the sha256 of its cookie's token (never the token), its CSRF token."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[User] = relationship()


class LeadKeyword(Versioned, Base):
    """A word of the office's keyword table: a commitment mentioning it goes to this 牵头单位."""

    __tablename__ = "lead_keywords"
    __table_args__ = (UniqueConstraint("government_id", "keyword"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    government_id: Mapped[int] = mapped_column(ForeignKey("governments.id"), index=True)
    keyword: Mapped[str] = mapped_column(String(100))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))

    department: Mapped[Department] = relationship()


class Reminder(Base):
    """A 催办: the office asks a department for a commitment's overdue report.

    ``due`` is the as-of date of the report asked for; level 1 goes to the department's users,
    level 2 (升级, ``escalates`` the ignored level-1 reminder) to them and the office's admins.
    Unique per commitment, due date and level, so the scheduler never sends one twice.
    """

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("commitment_id", "due", "level"),
        Index("ix_reminders_department", "department_id", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    due: Mapped[dt.date] = mapped_column(Date)
    level: Mapped[int] = mapped_column(Integer, default=1)
    escalates_id: Mapped[int | None] = mapped_column(ForeignKey("reminders.id"), unique=True)
    message: Mapped[str] = mapped_column(Text, default="")
    sent_by: Mapped[str] = mapped_column(String(100))
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    commitment: Mapped[Commitment] = relationship()
    department: Mapped[Department] = relationship()


class Notification(Versioned, Base):
    """A message to one user, read in the app and, when they have an address, mailed.

    The mail is sent after the transaction that made the notification commits; a failed
    sending is kept (``email_state`` failed, the error, the attempts) and retried.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user", "user_id", "read_at"),
        Index("ix_notifications_email", "email_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20))  # NOTIFICATION_KINDS
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    email_state: Mapped[str] = mapped_column(String(10), default="none")  # EMAIL_STATES
    email_attempts: Mapped[int] = mapped_column(Integer, default=0)
    email_error: Mapped[str] = mapped_column(Text, default="")
    emailed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship()

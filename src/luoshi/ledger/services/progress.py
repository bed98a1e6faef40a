"""Progress reports: departments file, the lead consolidates, the office approves or returns.

States: draft → submitted → approved, or → returned (with a reason) → edited back to draft.
Evidence files are stored once under their sha256, and only when the report's transaction
commits (``evidence``); links are kept as given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from luoshi.errors import ValidationFailed
from luoshi.ledger.models import (
    MILESTONES,
    PROGRESS_STATES,
    Commitment,
    Evidence,
    ProgressReport,
    utcnow,
)
from luoshi.ledger.services import notifications
from luoshi.ledger.services.assignment import departments_of
from luoshi.ledger.services.audit import record, row
from luoshi.ledger.services.evidence import stage, stored_path
from luoshi.ledger.services.policy import Actor, authorize, scope
from luoshi.ledger.services.records import expect_version, fetch
from luoshi.ledger.services.review import checked_decimal

NARRATIVE = ("done", "next_steps", "problems", "support")  # 已完成工作 下一步计划 存在问题 需要支持


def file_progress(
    session: Session,
    actor: Actor,
    commitment_id: int,
    as_of: dt.date,
    *,
    value: Decimal | None = None,
    milestone: str = "none",
    narrative: dict[str, str] | None = None,
    department_id: int | None = None,
    evidence: Sequence[Path] = (),
    evidence_dir: Path | None = None,
    links: Sequence[str] = (),
    today: dt.date | None = None,
    max_evidence_bytes: int | None = None,
    supersedes: int | None = None,
) -> ProgressReport:
    """A draft progress report of the actor's department (a lead's report or a contribution).

    ``evidence``: files, copied into ``evidence_dir`` under their sha256 when the session commits.
    One report a department, commitment and as-of date: a second one is refused unless it
    ``supersedes`` the first, once that is approved (a draft or a returned one is edited instead).
    """
    scope(actor, "file_progress")  # the role first: the public learns nothing from the errors
    commitment = fetch(session, Commitment, commitment_id)
    assignment = commitment.effective_assignment
    if assignment is None:
        raise ValidationFailed(f"commitment {commitment_id} is not assigned to any department yet")
    department_id = department_id or actor.department_id or assignment.lead_id
    if actor.role == "reporter":
        department_id = actor.department_id
    authorize(actor, "file_progress", departments_of(assignment))
    if department_id not in departments_of(assignment):
        raise ValidationFailed(f"department {department_id} is not assigned this commitment")
    _check(milestone, narrative or {}, links)
    _check_as_of(as_of, today)
    if value is not None:
        checked_decimal("value", value)
    report = ProgressReport(
        commitment_id=commitment.id,
        department_id=department_id,
        contribution=department_id != assignment.lead_id,
        as_of=as_of,
        value=value,
        milestone=milestone,
        author=actor.name,
        state="draft",
        **{key: text for key, text in (narrative or {}).items()},
    )
    _lock(session, commitment.id)
    session.add(report)
    session.flush()  # on SQLite the write lock is held from here: the check below sees all
    _refuse_duplicate(session, report, supersedes)
    if evidence and evidence_dir is None:
        raise ValidationFailed("evidence files need an evidence directory (setting evidence_dir)")
    for path in evidence:
        assert evidence_dir is not None
        sha, size = stage(session, evidence_dir, path, max_evidence_bytes)
        session.add(
            Evidence(progress_report_id=report.id, sha256=sha, size=size, filename=path.name)
        )
    for url in links:
        session.add(Evidence(progress_report_id=report.id, url=url))
    why = f"supersedes progress report {supersedes}" if supersedes else ""
    record(session, actor, "file_progress", report, None, why)
    return report


def _lock(session: Session, commitment_id: int) -> None:
    """Filings on one commitment wait for each other (PostgreSQL), so a duplicate is seen."""
    session.execute(select(Commitment.id).where(Commitment.id == commitment_id).with_for_update())


def _refuse_duplicate(session: Session, report: ProgressReport, supersedes: int | None) -> None:
    """Refuse a second report of a department on a commitment as of one date, unless it
    supersedes the latest of them and that one is approved."""
    others = list(
        session.scalars(
            select(ProgressReport)
            .where(
                ProgressReport.commitment_id == report.commitment_id,
                ProgressReport.department_id == report.department_id,
                ProgressReport.as_of == report.as_of,
                ProgressReport.id != report.id,
            )
            .order_by(ProgressReport.id)
        )
    )
    if not others:
        if supersedes is not None:
            raise ValidationFailed(
                f"progress report {supersedes} is not a report of this department on commitment "
                f"{report.commitment_id} as of {report.as_of}; nothing to supersede"
            )
        return
    latest = others[-1]
    if latest.state != "approved":
        raise ValidationFailed(
            f"department {report.department_id} already has progress report {latest.id} "
            f"({latest.state}) on commitment {report.commitment_id} as of {report.as_of}: "
            + (
                f"change that one (`luoshi report edit {latest.id}`)"
                if latest.state in ("draft", "returned")
                else "wait for its approval or return"
            )
        )
    if supersedes != latest.id:
        raise ValidationFailed(
            f"department {report.department_id} already has approved progress report {latest.id} "
            f"on commitment {report.commitment_id} as of {report.as_of}: a correction says "
            f"which report it replaces (--supersedes {latest.id})"
        )


def _check(milestone: str, narrative: dict[str, str], links: Sequence[str]) -> None:
    if milestone not in MILESTONES:
        raise ValidationFailed(f"milestone must be one of {', '.join(MILESTONES)}: {milestone!r}")
    unknown = set(narrative) - set(NARRATIVE)
    if unknown:
        raise ValidationFailed(f"unknown narrative parts {sorted(unknown)}; use {NARRATIVE}")
    for url in links:
        if not url.startswith(("https://", "http://")):
            raise ValidationFailed(f"evidence link {url!r} is not an http(s) address")


def _check_as_of(as_of: dt.date, today: dt.date | None = None) -> None:
    """A report speaks of a day that has come."""
    today = today or dt.date.today()
    if as_of > today:
        raise ValidationFailed(f"as-of date {as_of} is in the future (today is {today})")


def _own(session: Session, actor: Actor, report_id: int) -> tuple[ProgressReport, Commitment]:
    report = fetch(session, ProgressReport, report_id)
    commitment = fetch(session, Commitment, report.commitment_id)
    authorize(actor, "file_progress", {report.department_id})
    return report, commitment


def edit_progress(
    session: Session,
    actor: Actor,
    report_id: int,
    changes: dict[str, Any],
    expected_version: int | None = None,
) -> ProgressReport:
    """Change a draft or returned report (a returned one goes back to draft)."""
    report, _ = _own(session, actor, report_id)
    expect_version(report, expected_version)
    if report.state not in ("draft", "returned"):
        raise ValidationFailed(f"progress report {report_id} is {report.state}; it cannot change")
    allowed = {"as_of", "value", "milestone", *NARRATIVE}
    if set(changes) - allowed:
        raise ValidationFailed(f"cannot change {sorted(set(changes) - allowed)}")
    _check(changes.get("milestone", report.milestone), {}, ())
    moved = "as_of" in changes and changes["as_of"] != report.as_of
    if moved:
        _check_as_of(changes["as_of"])
        _lock(session, report.commitment_id)
    if changes.get("value") is not None:
        checked_decimal("value", changes["value"])
    before = row(report)
    for key, value in changes.items():
        setattr(report, key, value)
    report.state = "draft"
    if moved:
        session.flush()
        _refuse_duplicate(session, report, None)
    record(session, actor, "edit_progress", report, before)
    return report


def submit(
    session: Session, actor: Actor, report_id: int, expected_version: int | None = None
) -> ProgressReport:
    """Submit a draft; a lead's report consolidates the partners' submitted contributions."""
    report, _ = _own(session, actor, report_id)
    expect_version(report, expected_version)
    if report.state != "draft":
        raise ValidationFailed(f"progress report {report_id} is {report.state}, not a draft")
    before = row(report)
    report.state = "submitted"
    report.submitted_at = utcnow()
    record(session, actor, "submit", report, before)
    if not report.contribution:
        contributions = session.scalars(
            select(ProgressReport)
            .where(
                ProgressReport.commitment_id == report.commitment_id,
                ProgressReport.contribution.is_(True),
                ProgressReport.state == "submitted",
                ProgressReport.consolidated_into_id.is_(None),
            )
            # Locked: a lead's report submitted at the same time waits, then finds them taken,
            # instead of failing on their version.
            .order_by(ProgressReport.id)
            .with_for_update()
        )
        for contribution in contributions:
            old = row(contribution)
            contribution.consolidated_into_id = report.id
            record(session, actor, "consolidate", contribution, old)
    return report


def decide(
    session: Session,
    actor: Actor,
    report_id: int,
    decision: str,
    reason: str = "",
    expected_version: int | None = None,
) -> ProgressReport:
    """Approve or return (with a reason) a lead's submitted report."""
    authorize(actor, "decide_progress")
    report = fetch(session, ProgressReport, report_id)
    expect_version(report, expected_version)
    if decision not in ("approved", "returned"):
        raise ValidationFailed(f"decision must be approved or returned, not {decision!r}")
    if report.state != "submitted":
        raise ValidationFailed(f"progress report {report_id} is {report.state}, not submitted")
    if report.contribution:
        raise ValidationFailed(
            f"progress report {report_id} is a contribution; the lead's report is decided"
        )
    if decision == "returned" and not reason.strip():
        raise ValidationFailed("returning a report needs a reason")
    before = row(report)
    report.state = decision
    report.state_reason = reason
    report.decided_by = actor.name
    report.decided_at = utcnow()
    record(
        session,
        actor,
        {"approved": "approve", "returned": "return"}[decision],
        report,
        before,
        reason,
    )
    notifications.report_decided(session, report)
    return report


def evidence_of(
    session: Session, actor: Actor, evidence_id: int, evidence_dir: Path
) -> tuple[Evidence, Path | None]:
    """A piece of evidence and where its file is (None for a link), for those who may read
    its report: the department that filed it, or the office."""
    reporter = actor.role == "reporter"
    scope(actor, "file_progress" if reporter else "decide_progress")  # the public learns nothing
    evidence = fetch(session, Evidence, evidence_id)
    report = fetch(session, ProgressReport, evidence.progress_report_id)
    if reporter:
        authorize(actor, "file_progress", {report.department_id})
    if evidence.sha256 is None:
        return evidence, None
    return evidence, stored_path(evidence_dir, evidence.sha256)


def reports_of(session: Session, commitment_id: int) -> list[ProgressReport]:
    """Every progress report of a commitment, oldest as-of first."""
    return list(
        session.scalars(
            select(ProgressReport)
            .where(ProgressReport.commitment_id == commitment_id)
            .order_by(ProgressReport.as_of, ProgressReport.id)
        )
    )


def listing(
    session: Session, actor: Actor, state: str | None = None, *, waiting: bool = False
) -> list[ProgressReport]:
    """Progress reports the actor may see, oldest first: a reporter their department's, the
    office every one. ``waiting``: those waiting for the actor — submitted ones for the
    office, drafts and returned ones for a department."""
    query = select(ProgressReport).order_by(ProgressReport.id)
    if actor.role == "reporter":
        authorize(actor, "file_progress", {actor.department_id or 0})
        query = query.where(ProgressReport.department_id == actor.department_id)
    else:
        authorize(actor, "decide_progress")
    if waiting:
        mine = ("draft", "returned") if actor.role == "reporter" else ("submitted",)
        query = query.where(ProgressReport.state.in_(mine))
    if state is not None:
        if state not in PROGRESS_STATES:
            raise ValidationFailed(f"state must be one of {', '.join(PROGRESS_STATES)}: {state!r}")
        query = query.where(ProgressReport.state == state)
    return list(session.scalars(query))

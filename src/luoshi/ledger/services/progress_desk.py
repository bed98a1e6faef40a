"""The progress desk: what a department has to report and what the office has to decide.

Plain objects for the workspace's pages, built under the policy table: a department's inbox
(待办: its commitments, the report each owes this cycle, its drafts, the reports the office
returned), one progress report with the status the engine would compute were it approved, the
partners' contributions a lead consolidates, and the office's queue of submitted reports.
Evidence files arrive through ``attach``, which keeps the evidence service's limits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from luoshi.errors import Conflict, InputError, PermissionDenied
from luoshi.ledger import status as engine
from luoshi.ledger.models import Commitment, Department, Evidence, ProgressReport
from luoshi.ledger.services import progress
from luoshi.ledger.services.assignment import departments_of
from luoshi.ledger.services.audit import record, row
from luoshi.ledger.services.evidence import stage
from luoshi.ledger.services.policy import Actor, authorize, scope
from luoshi.ledger.services.public import target_text
from luoshi.ledger.services.records import expect_version, fetch
from luoshi.ledger.services.tracking import compute, ledger

# A file name as a browser sends it: no folder part, no control characters, not hidden.
UNSAFE_NAME = re.compile(r"[/\\\x00-\x1f\x7f]|^\.|\.\.")
WAITING = ("draft", "returned")  # a department's own reports that wait for it


@dataclass(frozen=True, slots=True)
class Task:
    """A commitment of the department: what it owes and where its latest report stands."""

    commitment_id: int
    title: str
    target: str
    lead: bool
    status: str
    explanation: str
    deadline: dt.date | None  # 完成时限, the assignment's due date
    due_as_of: dt.date | None  # the as-of date of the report due this cycle (None: none due)
    filed_for_due: bool  # a report for that date (or later) is submitted or approved
    open_report: int | None  # the department's draft or returned report, to carry on with


@dataclass(frozen=True, slots=True)
class ReportLine:
    id: int
    commitment_id: int
    commitment: str
    department: str
    contribution: bool
    as_of: dt.date
    value: str
    state: str
    reason: str
    author: str
    submitted_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Inbox:
    """A department's 待办, or (office) the queue of submitted reports to decide."""

    tasks: list[Task] = field(default_factory=list)
    drafts: list[ReportLine] = field(default_factory=list)
    returned: list[ReportLine] = field(default_factory=list)
    submitted: list[ReportLine] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    id: int
    filename: str
    size: int | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ReportPage:
    """One progress report as its department edits it or the office decides it."""

    report: ProgressReport
    commitment: Commitment
    department: str
    target: str
    evidence: list[EvidenceLine]
    contributions: list[ReportLine]  # the partners' (a lead's report only)
    current: engine.Status  # the status now, from approved reports
    preview: engine.Status  # the status were this report approved as it is
    editable: bool  # the actor's department may change it now
    decidable: bool  # the office may approve or return it now


def inbox(session: Session, actor: Actor, tolerance: engine.Tolerance, today: dt.date) -> Inbox:
    """A reporter's 待办; the office's queue of submitted lead reports (drafts never shown)."""
    if actor.role != "reporter":
        queue = progress.listing(session, actor, waiting=True)
        return Inbox(submitted=_lines(session, [r for r in queue if not r.contribution]))
    own = progress.listing(session, actor)
    by_commitment: dict[int, list[ProgressReport]] = defaultdict(list)
    for report in own:
        by_commitment[report.commitment_id].append(report)
    tasks = []
    for entry in ledger(session, actor, tolerance, today):
        commitment = entry.commitment
        assignment = commitment.effective_assignment
        mine = by_commitment[commitment.id]
        inputs = entry.status.inputs
        due = engine.report_due(inputs, tolerance) if inputs else None
        tasks.append(
            Task(
                commitment_id=commitment.id,
                title=commitment.title,
                target=_target(commitment),
                lead=assignment is not None and assignment.lead_id == actor.department_id,
                status=entry.status.code,
                explanation=entry.status.explanation,
                deadline=assignment.due if assignment else None,
                due_as_of=due,
                filed_for_due=due is None
                or any(r.as_of >= due and r.state in ("submitted", "approved") for r in mine),
                open_report=next((r.id for r in reversed(mine) if r.state in WAITING), None),
            )
        )
    # One look-up of names and titles for every line (not one per list).
    lines = _lines(session, [r for r in own if r.state in ("draft", "returned", "submitted")])
    return Inbox(
        tasks=tasks,
        drafts=[line for line in lines if line.state == "draft"],
        returned=[line for line in lines if line.state == "returned"],
        submitted=[line for line in lines if line.state == "submitted"],
    )


def page(
    session: Session,
    actor: Actor,
    report_id: int,
    tolerance: engine.Tolerance,
    today: dt.date,
) -> ReportPage:
    """A progress report with its evidence, its partners' contributions and the status preview.

    A department sees its own reports, and a lead its partners' contributions; the office
    every report that is not a draft.
    """
    report = readable(session, actor, report_id)
    commitment = fetch(session, Commitment, report.commitment_id)
    filed = _filed(session, commitment.id, exclude=report.id)
    current = compute(commitment, filed, tolerance, today)
    preview = current
    if not report.contribution:
        approved_copy = ProgressReport(
            commitment_id=commitment.id,
            contribution=False,
            as_of=report.as_of,
            value=report.value,
            milestone=report.milestone,
            state="approved",
        )
        merged = sorted([*filed, approved_copy], key=lambda r: r.as_of)
        preview = compute(commitment, merged, tolerance, today)
    names = _department_names(session)
    return ReportPage(
        report=report,
        commitment=commitment,
        department=names.get(report.department_id, ""),
        target=_target(commitment),
        evidence=[EvidenceLine(e.id, e.filename, e.size, e.url) for e in report.evidence],
        contributions=[]
        if report.contribution
        else _lines(session, _contributions(session, report)),
        current=current,
        preview=preview,
        editable=actor.role == "reporter"
        and actor.department_id == report.department_id
        and report.state in WAITING,
        decidable=scope(actor, "view") == "all"
        and actor.role != "reporter"
        and report.state == "submitted"
        and not report.contribution,
    )


def readable(session: Session, actor: Actor, report_id: int) -> ProgressReport:
    """The report if the actor may read it: its department, its lead (a contribution), or the
    office once it is submitted. Anyone else is refused without learning what it holds."""
    report = fetch(session, ProgressReport, report_id)
    if actor.role == "reporter":
        commitment = fetch(session, Commitment, report.commitment_id)
        assignment = commitment.effective_assignment
        readers = {report.department_id}
        if report.contribution and assignment is not None and report.state != "draft":
            readers.add(assignment.lead_id)
        authorize(actor, "file_progress", readers)
        return report
    authorize(actor, "decide_progress")
    if report.state == "draft" and actor.role != "admin":
        raise PermissionDenied(f"progress report {report_id} is a department's draft")
    return report


def evidence_file(session: Session, actor: Actor, report_id: int, evidence_id: int) -> Evidence:
    """An evidence row of a report the actor may read (its file is under its sha256)."""
    report = readable(session, actor, report_id)
    found = session.get(Evidence, evidence_id)
    if found is None or found.progress_report_id != report.id:
        raise PermissionDenied(f"evidence {evidence_id} is not part of progress report {report_id}")
    return found


def checked_name(filename: str | None) -> str:
    """An uploaded evidence file's name, or InputError: no folders, no ``..``, nothing hidden."""
    name = (filename or "").strip()
    if not name:
        raise InputError(None, "佐证材料没有文件名，请选择一个文件")
    if UNSAFE_NAME.search(name) or len(name) > 200:
        raise InputError(
            name[:200], "文件名不可用：不能含有路径（/、\\、..）或控制字符，不超过 200 字"
        )
    return name


def attach(
    session: Session,
    actor: Actor,
    report_id: int,
    source: Path,
    evidence_dir: Path,
    max_bytes: int,
    expected_version: int | None = None,
) -> ProgressReport:
    """Add an evidence file to a draft or returned report of the actor's department.

    The file is stored under its sha256 only when the transaction commits (``evidence.stage``);
    a file over ``max_bytes`` is refused before anything is written.
    """
    report = fetch(session, ProgressReport, report_id)
    authorize(actor, "file_progress", {report.department_id})
    expect_version(report, expected_version)
    if report.state not in WAITING:
        raise Conflict(f"progress report {report_id} is {report.state}; it cannot change")
    sha, size = stage(session, evidence_dir, source, max_bytes)
    before = row(report)
    session.add(Evidence(progress_report_id=report.id, sha256=sha, size=size, filename=source.name))
    report.state = "draft"  # a returned report is being reworked
    flag_modified(report, "state")  # bumps the version: whoever saw the report before reloads
    record(session, actor, "attach_evidence", report, before, source.name)
    return flushed(session, report)


def flushed(session: Session, report: ProgressReport) -> ProgressReport:
    """Write the change now, so that a concurrent edit of the same version is a Conflict here."""
    try:
        session.flush()
    except StaleDataError as error:
        raise Conflict(
            f"progress report {report.id} was changed by someone else meanwhile; "
            "reload it and apply your change again"
        ) from error
    return report


def _filed(session: Session, commitment_id: int, exclude: int) -> list[ProgressReport]:
    """The lead's submitted and approved reports, as the status engine takes them."""
    return list(
        session.scalars(
            select(ProgressReport)
            .where(
                ProgressReport.commitment_id == commitment_id,
                ProgressReport.contribution.is_(False),
                ProgressReport.state.in_(("submitted", "approved")),
                ProgressReport.id != exclude,
            )
            .order_by(ProgressReport.as_of, ProgressReport.id)
        )
    )


def _contributions(session: Session, report: ProgressReport) -> list[ProgressReport]:
    """Partners' submitted contributions: those this report consolidated, or (a report not yet
    submitted) those its submission will consolidate."""
    taken = ProgressReport.consolidated_into_id == report.id
    if report.state in WAITING:
        taken = taken | ProgressReport.consolidated_into_id.is_(None)
    return list(
        session.scalars(
            select(ProgressReport)
            .where(
                ProgressReport.commitment_id == report.commitment_id,
                ProgressReport.contribution.is_(True),
                ProgressReport.state == "submitted",
                taken,
            )
            .order_by(ProgressReport.id)
        )
    )


def _lines(session: Session, reports: list[ProgressReport]) -> list[ReportLine]:
    if not reports:
        return []
    names = _department_names(session)
    titles = {
        id_: title
        for id_, title in session.execute(
            select(Commitment.id, Commitment.title).where(
                Commitment.id.in_({r.commitment_id for r in reports})
            )
        )
    }
    return [
        ReportLine(
            id=r.id,
            commitment_id=r.commitment_id,
            commitment=titles.get(r.commitment_id, ""),
            department=names.get(r.department_id, ""),
            contribution=r.contribution,
            as_of=r.as_of,
            value="" if r.value is None else format(r.value.normalize(), "f"),
            state=r.state,
            reason=r.state_reason,
            author=r.author,
            submitted_at=r.submitted_at,
        )
        for r in reports
    ]


def _department_names(session: Session) -> dict[int, str]:
    return {id_: name for id_, name in session.execute(select(Department.id, Department.name))}


def _target(commitment: Commitment) -> str:
    return target_text(
        commitment.comparator, commitment.target, commitment.target_max, commitment.unit
    )


def owned_commitment(session: Session, actor: Actor, commitment_id: int) -> Commitment:
    """A commitment the actor's department is assigned (lead or partner), for a new report."""
    commitment = fetch(session, Commitment, commitment_id)
    authorize(actor, "file_progress", departments_of(commitment.effective_assignment))
    return commitment

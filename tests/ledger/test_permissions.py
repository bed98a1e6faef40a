"""Every role against every operation: the issue's policy, enforced by each service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

import luoshi
from luoshi.errors import NotFound, PermissionDenied
from luoshi.ledger import backup, excel
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.services import (
    assignment,
    audit,
    closing,
    editions,
    imports,
    organisation,
    portal,
    progress,
    review,
    snapshots,
    supervision,
    tracking,
)
from luoshi.ledger.services.policy import POLICY, PUBLIC, Actor
from luoshi.ledger.status import Tolerance

from .conftest import FIGURES, World, make_document
from .test_closing import NEXT_YEAR

ACTORS = (
    "admin",
    "reviewer",
    "hr",
    "transport",
    "public",
    "former",
)  # hr reports for 市人社局; transport not; former is an admin who was deactivated
A, R, OWN, OTHER, P, GONE = ACTORS

# Who may do what. Columns: action, actors allowed (hr is assigned the commitment, transport not).
EXPECTED: dict[str, set[str]] = {
    "manage_users": {A},
    "change_user_access": {A},
    "manage_governments": {A},
    "import_report": {A},
    "publish_report": {A},
    "add_task": {A, R},
    "review": {A, R},
    "compare_editions": {A, R},
    "close_year": {A, R},
    "assign": {A, R},
    "file_progress": {A, OWN},
    "decide_progress": {A, R},
    "judge": {A, R},
    "view": {A, R, OWN, P},
    "view_audit": {A, R},
    "supervise": {A, R},
    "view_reminders": {A, R, OWN, OTHER},  # a department its own
    "excel_export": {A, R},
    "excel_import": {A, R},
    "snapshot": {A, R},
    "refresh_status": {A, R},
    "list_users": {A, R},
    "list_departments": {A, R, OWN, OTHER, P},
    "backup": {A},
}

Operation = Callable[[Session, Actor, World, int, Path], object]
DAY = dt.date(2022, 2, 1)


def _assigned(session: Session, world: World) -> int:
    reviewer = world.actor("reviewer")
    cid = world.commitments["城镇新增就业"]
    review.decide(session, reviewer, cid, "confirmed")
    assignment.assign(session, reviewer, cid, "市人社局", (), None, "monthly", dt.date(2022, 1, 1))
    return cid


def _submitted(session: Session, world: World, n: int = 0) -> int:
    cid = _assigned(session, world)
    day = DAY + dt.timedelta(days=n)  # one report a department and date
    report = progress.file_progress(session, world.actor("hr"), cid, day, value=Decimal(1))
    progress.submit(session, world.actor("hr"), report.id)
    return report.id


def _visible(session: Session, world: World) -> int:
    cid = _assigned(session, world)
    if session.get(imports.Report, world.report_id).state != "published":  # type: ignore[union-attr]
        imports.publish_report(session, world.actor("admin"), world.report_id)
    return cid


def _import(session: Session, actor: Actor, world: World, n: int, tmp: Path) -> object:
    document = make_document()
    document.text += f"第{n}稿"
    return imports.import_document(session, actor, document, FIGURES, "武威市")


def _excel_import(session: Session, actor: Actor, world: World, n: int, tmp: Path) -> object:
    sheet = tmp / f"{n}.xlsx"
    excel.export(session, world.actor("admin"), world.report_id, sheet)
    return excel.plan(session, actor, world.report_id, sheet)


def _carry_over(session: Session, actor: Actor, world: World, n: int, tmp: Path) -> object:
    admin = world.actor("admin")
    reports: list[imports.Report] = []
    for edition in ("draft", "final"):
        document = make_document()
        document.text += f"{edition}{n}"
        reports.append(
            imports.import_document(
                session,
                admin,
                document,
                FIGURES,
                "武威市",
                edition,
                reports[0].id if reports else None,
            )
        )
    return editions.matches(session, actor, reports[1].id)


def _close_year(session: Session, actor: Actor, world: World, n: int, tmp: Path) -> object:
    text = NEXT_YEAR + f"第{n}稿"
    document = luoshi.read(text.encode(), name=f"next{n}.txt")
    new = imports.import_document(
        session, world.actor("admin"), document, luoshi.extract(document), "武威市"
    )
    return closing.close_year(session, actor, new.id, Tolerance())


OPERATIONS: dict[str, Operation] = {
    "manage_users": lambda s, a, w, n, t: organisation.add_user(s, a, f"user{n}", "reviewer"),
    "change_user_access": lambda s, a, w, n, t: organisation.set_active(s, a, "ndrc", False),
    "manage_governments": lambda s, a, w, n, t: organisation.add_department(
        s, a, "武威市", f"局{n}"
    ),
    "import_report": _import,
    "publish_report": lambda s, a, w, n, t: imports.publish_report(s, a, w.report_id),
    "add_task": lambda s, a, w, n, t: imports.add_task(s, a, w.report_id, 0, 5),
    "review": lambda s, a, w, n, t: review.decide(s, a, w.commitments["地区生产总值"], "confirmed"),
    "compare_editions": _carry_over,
    "close_year": _close_year,
    "assign": lambda s, a, w, n, t: assignment.assign(s, a, _assigned(s, w), "市发改委"),
    "file_progress": lambda s, a, w, n, t: progress.file_progress(
        s, a, _assigned(s, w), DAY + dt.timedelta(days=n)
    ),
    "decide_progress": lambda s, a, w, n, t: progress.decide(s, a, _submitted(s, w, n), "approved"),
    "judge": lambda s, a, w, n, t: tracking.judge(s, a, _assigned(s, w), "达进度", "核实"),
    "view": lambda s, a, w, n, t: tracking.explain(s, a, _visible(s, w), Tolerance(), DAY),
    "view_audit": lambda s, a, w, n, t: audit.journal(s, a),
    "supervise": lambda s, a, w, n, t: supervision.board(s, a, supervision.Rules(Tolerance()), DAY),
    "view_reminders": lambda s, a, w, n, t: supervision.reminders(s, a, DAY),
    "excel_export": lambda s, a, w, n, t: excel.export(s, a, w.report_id, t / f"out{n}.xlsx"),
    "excel_import": _excel_import,
    "refresh_status": lambda s, a, w, n, t: portal.refresh(s, a, Tolerance(), DAY),
    "list_users": lambda s, a, w, n, t: organisation.users(s, a),
    "list_departments": lambda s, a, w, n, t: organisation.departments(s, a, "武威市"),
    "backup": lambda s, a, w, n, t: backup.backup(
        s.get_bind(),  # type: ignore[arg-type]
        t / f"backup{n}.jsonl",
        actor=a,
    ),
    "snapshot": lambda s, a, w, n, t: snapshots.take(
        s, a, "武威市", f"2022-{n + 1:02d}", Tolerance()
    ),
}


def test_policy_table_is_the_issues_roles() -> None:
    roles = {A: "admin", R: "reviewer", OWN: "reporter", P: "public"}
    granted = {
        action: {who for who, role in roles.items() if role in POLICY[action]} for action in POLICY
    }
    expected = {action: allowed - {OTHER, GONE} for action, allowed in EXPECTED.items()}
    assert granted == expected
    assert set(OPERATIONS) == set(POLICY)


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_every_role_against(action: str, world: World, tmp_path: Path) -> None:
    with unit_of_work(world.factory) as session:
        organisation.add_user(session, world.actor(A), GONE, "admin")
        organisation.set_active(session, world.actor(A), GONE, False)
    outcomes = {}
    for n, who in enumerate(ACTORS):
        try:
            # The acting user is resolved per operation, as the CLI does for each command.
            actor = PUBLIC if who == P else world.actor(who)
            with unit_of_work(world.factory) as session:
                OPERATIONS[action](session, actor, world, n, tmp_path)
            outcomes[who] = True
        except (PermissionDenied, NotFound):
            outcomes[who] = False
    assert {who for who, ok in outcomes.items() if ok} == EXPECTED[action]


def test_denied_operation_changes_nothing(world: World) -> None:
    with unit_of_work(world.factory) as session:
        before = len(audit.journal(session, world.actor("admin")))
    with pytest.raises(PermissionDenied), unit_of_work(world.factory) as session:
        progress.decide(session, world.actor("hr"), _submitted(session, world), "approved")
    with unit_of_work(world.factory) as session:
        assert len(audit.journal(session, world.actor("admin"))) == before

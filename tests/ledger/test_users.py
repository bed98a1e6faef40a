"""Deactivating a user who left: they may do nothing; the last active admin stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.errors import PermissionDenied, ValidationFailed
from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import User
from luoshi.ledger.services import audit, organisation
from luoshi.ledger.services.policy import actor_for

from .conftest import Run, World
from .test_cli import setup_ledger


def test_a_deactivated_user_may_not_act_and_the_change_is_journaled(world: World) -> None:
    with unit_of_work(world.factory) as session:
        organisation.set_active(session, world.actor("admin"), "hr", False, "退休")
    with pytest.raises(PermissionDenied, match="'hr' is deactivated"):
        world.actor("hr")
    with unit_of_work(world.factory) as session:
        events = audit.journal(session, world.actor("admin"), "users")
        last = events[-1]
        assert (last.action, last.reason) == ("deactivate_user", "退休")
        assert last.before is not None and last.after is not None
        assert (last.before["active"], last.after["active"]) == (True, False)
        organisation.set_active(session, world.actor("admin"), "hr", True)
    assert world.actor("hr").department_id == world.departments["市人社局"]


@pytest.mark.parametrize("who", ["reviewer", "hr"])
def test_only_an_admin_changes_access(world: World, who: str) -> None:
    with pytest.raises(PermissionDenied), unit_of_work(world.factory) as session:
        organisation.set_active(session, world.actor(who), "transport", False)
    with unit_of_work(world.factory) as session:
        assert session.query(User).filter_by(name="transport").one().active


def test_the_last_active_admin_stays_active(world: World) -> None:
    admin = world.actor("admin")
    with (
        pytest.raises(ValidationFailed, match="last active admin"),
        unit_of_work(world.factory) as session,
    ):
        organisation.set_active(session, admin, "admin", False)
    with unit_of_work(world.factory) as session:
        organisation.add_user(session, admin, "deputy", "admin")
    with unit_of_work(world.factory) as session:
        organisation.set_active(session, admin, "deputy", False)
    # An inactive admin does not count: "admin" is still the last active one.
    with (
        pytest.raises(ValidationFailed, match="last active admin"),
        unit_of_work(world.factory) as session,
    ):
        organisation.set_active(session, admin, "admin", False)
    with unit_of_work(world.factory) as session:
        organisation.set_active(session, admin, "deputy", True)
        organisation.set_active(session, admin, "admin", False, "调离")
    with pytest.raises(PermissionDenied), unit_of_work(world.factory) as session:
        actor_for(session, "admin")


def test_setting_the_same_state_twice_says_so(world: World) -> None:
    with (
        pytest.raises(ValidationFailed, match="active already"),
        unit_of_work(world.factory) as session,
    ):
        organisation.set_active(session, world.actor("admin"), "hr", True)


def test_deactivating_through_the_cli(run: Run, wuwei_path: Path) -> None:
    setup_ledger(run, wuwei_path)
    run("user", "set", "hr", "--user", "boss", code=2)  # nothing to change
    run("user", "set", "hr", "--inactive", "--user", "reviewer", code=5)
    run("user", "set", "hr", "--inactive", "--user", "boss", code=2)  # no --version
    out = run("user", "set", "hr", "--inactive", "--reason", "离职", "--version", "1",
              "--user", "boss").output  # fmt: skip
    assert out == "user hr is now inactive\n"
    refused = run("ledger", "--user", "hr", code=5)
    assert "'hr' is deactivated" in refused.output and "Traceback" not in refused.output
    run("report", "file", "1", "--as-of", "2022-01-31", "--user", "hr", code=5)
    last = run("user", "set", "boss", "--inactive", "--version", "1", "--user", "boss", code=2)
    assert "last active admin" in last.output
    run("user", "set", "hr", "--active", "--version", "2", "--user", "boss")
    assert run("ledger", "--user", "hr").exit_code == 0

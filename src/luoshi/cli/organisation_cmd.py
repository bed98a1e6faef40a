"""``luoshi user`` and ``luoshi gov``: the ledger's users, governments and departments."""

from __future__ import annotations

import click

from luoshi.cli import app
from luoshi.cli.ledger_cmd import ledger_session, need_version, user_option
from luoshi.cli.output import echo
from luoshi.errors import ValidationFailed
from luoshi.ledger.services import notifications, organisation
from luoshi.ledger.services.policy import scope


@app.group("user")
def user_group() -> None:
    """Users of the ledger and their roles."""


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["admin", "reviewer", "reporter"]), required=True)
@click.option("--department", help="Department name or id (reporters).")
@click.option("--government", help="The department's government, where names repeat.")
@user_option
def user_add(
    name: str, role: str, department: str | None, government: str | None, user: str | None
) -> None:
    """Add a user (the first user of an empty ledger needs no --user)."""
    with ledger_session(user) as (session, actor):
        department_id = (
            None
            if department is None
            else organisation.find_department(session, department, government)
        )
        added = organisation.add_user(session, actor, name, role, department_id)
        echo(f"user {added.name} ({added.role}) added")


@user_group.command("list")
@user_option
def user_list(user: str | None) -> None:
    """Every user: name, version, role, department, active or not."""
    with ledger_session(user) as (session, actor):
        names = {d.id: d.name for d in organisation.departments(session, actor)}
        for found in organisation.users(session, actor):
            department = names.get(found.department_id, "") if found.department_id else ""
            state = "" if found.active else "  (inactive)"
            echo(f"{found.name}  v{found.version}  {found.role}  {department}{state}")


@user_group.command("set")
@click.argument("name")
@click.option("--role", type=click.Choice(["admin", "reviewer", "reporter"]), default=None)
@click.option("--department", help="Department name or id (reporters).")
@click.option("--government", help="The department's government, where names repeat.")
@click.option(
    "--active/--inactive",
    "active",
    default=None,
    help="Reactivate, or deactivate a user who left (they may then do nothing).",
)
@click.option("--reason", default="")
@click.option("--version", "expected", type=int, help="The version `user list` shows (required).")
@user_option
def user_set(
    name: str,
    role: str | None,
    department: str | None,
    government: str | None,
    active: bool | None,
    reason: str,
    expected: int | None,
    user: str | None,
) -> None:
    """Give user NAME another role or department, or (de)activate them."""
    if role is None and active is None:
        raise ValidationFailed("say --role ROLE, --active or --inactive")
    if role is None and department is not None:
        raise ValidationFailed("--department goes with --role reporter")
    with ledger_session(user) as (session, actor):
        scope(actor, "manage_users" if role is not None else "change_user_access")
        need_version(organisation.user_named(session, name), expected, f"user {name}")
        if role is not None:
            department_id = (
                None
                if department is None
                else organisation.find_department(session, department, government)
            )
            changed = organisation.change_user(
                session, actor, name, role, department_id, reason, expected
            )
            echo(f"user {changed.name} is now {changed.role}")
            expected = None  # the role change was the version's check
        if active is not None:
            changed = organisation.set_active(session, actor, name, active, reason, expected)
            echo(f"user {changed.name} is now {'active' if active else 'inactive'}")


@app.group("gov")
def gov_group() -> None:
    """Governments and their departments."""


@gov_group.command("add")
@click.argument("name")
@click.option("--level", default="", help="国家 / 省 / 市 / 县")
@click.option("--region-code", default="", help="6-digit administrative division code.")
@click.option("--credit-code", default="", help="18-character unified social credit code.")
@user_option
def gov_add(name: str, level: str, region_code: str, credit_code: str, user: str | None) -> None:
    """Add a government."""
    with ledger_session(user) as (session, actor):
        government = organisation.add_government(
            session, actor, name, level, region_code, credit_code
        )
        echo(f"government {government.id} {government.name} added")


@gov_group.command("dept")
@click.argument("government")
@click.argument("names", nargs=-1, required=True)
@user_option
def gov_dept(government: str, names: tuple[str, ...], user: str | None) -> None:
    """Add departments NAMES to GOVERNMENT."""
    with ledger_session(user) as (session, actor):
        for name in names:
            department = organisation.add_department(session, actor, government, name)
            echo(f"department {department.id} {department.name}")


@gov_group.command("depts")
@click.argument("government", required=False)
@user_option
def gov_depts(government: str | None, user: str | None) -> None:
    """The departments (of GOVERNMENT), with the ids other commands accept."""
    with ledger_session(user) as (session, actor):
        for department in organisation.departments(session, actor, government):
            echo(f"{department.id:>5}  {department.government.name}  {department.name}")


@user_group.command("email")
@click.argument("name")
@click.argument("address")
@user_option
def user_email(name: str, address: str, user: str | None) -> None:
    """Mail user NAME's notifications to ADDRESS ("" to stop mailing them)."""
    with ledger_session(user) as (session, actor):
        changed = notifications.set_email(session, actor, name, address)
        echo(f"user {changed.name}: notifications mailed to {changed.email or 'nobody'}")

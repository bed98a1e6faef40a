"""Web accounts under load: argon2id at OWASP's parameters, and a session that costs a request
one read (its last request written at most once a minute) without outliving its timeouts."""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher, Type, extract_parameters
from sqlalchemy import select

from luoshi.ledger.db import unit_of_work
from luoshi.ledger.models import User, WebSession, utcnow
from luoshi.ledger.services import accounts

from .conftest import World

PASSWORD = "Load-test-2026"
# OWASP Password Storage Cheat Sheet, argon2id: memory (KiB) and passes that are equally strong,
# one lane. Columns: memory_cost, least time_cost.
OWASP_ARGON2ID = {47104: 1, 19456: 2, 12288: 3, 9216: 4, 7168: 5}


def _with_password(world: World, name: str) -> None:
    with unit_of_work(world.factory) as session:
        accounts.set_password(session, world.actor("admin"), name, PASSWORD)


def test_passwords_are_hashed_with_argon2id_at_owasp_strength() -> None:
    made = extract_parameters(accounts.HASHER.hash(PASSWORD))
    assert made.type is Type.ID
    least_passes = min(
        (passes for memory, passes in OWASP_ARGON2ID.items() if made.memory_cost >= memory),
        default=None,
    )
    assert least_passes is not None and made.time_cost >= least_passes, made


def test_a_hash_made_with_other_parameters_is_remade_at_sign_in(world: World) -> None:
    _with_password(world, "hr")
    old = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4).hash(PASSWORD)
    with unit_of_work(world.factory) as session:
        session.scalars(select(User).where(User.name == "hr")).one().password_hash = old
    with unit_of_work(world.factory) as session:
        accounts.authenticate(session, "hr", PASSWORD, utcnow())
    with unit_of_work(world.factory) as session:
        remade = session.scalars(select(User.password_hash).where(User.name == "hr")).one()
        assert remade is not None and remade != old
        assert extract_parameters(remade) == extract_parameters(accounts.HASHER.hash("x"))
        accounts.authenticate(session, "hr", PASSWORD, utcnow())  # the password still signs in


def _last_seen(world: World) -> dt.datetime:
    with unit_of_work(world.factory) as session:
        return session.scalars(select(WebSession.last_seen)).one()


def _signed_in(world: World) -> tuple[dt.datetime, str]:
    """hr signs in now: when, and the session's token."""
    _with_password(world, "hr")
    start = utcnow()
    with unit_of_work(world.factory) as session:
        user = accounts.authenticate(session, "hr", PASSWORD, start)
        return start, accounts.open_session(session, user, start).token


def test_a_session_writes_its_last_request_at_most_once_a_minute(world: World) -> None:
    start, token = _signed_in(world)
    timeouts = accounts.Timeouts()
    for later, seen in (
        (dt.timedelta(seconds=30), start),  # within the minute: nothing written
        (timeouts.touch, start + timeouts.touch),
        (timeouts.touch + dt.timedelta(seconds=59), start + timeouts.touch),
    ):
        with unit_of_work(world.factory) as session:
            found = accounts.session_of(session, token, start + later, timeouts)
            assert found is not None and found.user.name == "hr"
        assert _last_seen(world) == seen


def test_a_session_unwritten_for_a_while_still_ends_at_its_idle_timeout(world: World) -> None:
    start, token = _signed_in(world)
    timeouts = accounts.Timeouts()
    with unit_of_work(world.factory) as session:  # a request just before the write is due …
        assert accounts.session_of(session, token, start + timeouts.touch / 2, timeouts)
    with unit_of_work(world.factory) as session:  # … does not lengthen the session
        late = start + timeouts.idle + dt.timedelta(seconds=1)
        assert accounts.session_of(session, token, late, timeouts) is None
    with unit_of_work(world.factory) as session:
        assert session.scalars(select(WebSession)).all() == []

"""Web accounts: passwords (argon2id), lockout after failed logins, server-side sessions.

The CLI's ``--user`` is a name: whoever opens the database may act as anyone. The workspace is
for many people on a network, so there a user proves who they are with a password, and each
signed-in browser holds a random token whose sha256 is the session's key. A deactivated user's
sessions end at once: every request checks the user is still active.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, joinedload

from luoshi.errors import AuthenticationFailed, ValidationFailed
from luoshi.ledger.models import User, WebSession
from luoshi.ledger.services.audit import record, row
from luoshi.ledger.services.policy import Actor, authorize

# argon2id at OWASP's recommended parameters (Password Storage Cheat Sheet: 19 MiB, 2 passes, one
# lane). argon2-cffi's default (RFC 9106's low-memory profile: 64 MiB, 3 passes, 4 lanes) cost
# 200 ms of CPU per sign-in on the 2-core server and 64 MiB for each sign-in under way: 200
# staff arriving in a minute saturated it. A hash made with other parameters is remade with
# these at its user's next sign-in (``check_needs_rehash``).
HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
MIN_PASSWORD_CHARS = 10
# Lockout: this many failed logins in a row lock the account for LOCK_MINUTES.
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
COMMON_PASSWORDS = frozenset(
    {"1234567890", "12345678910", "password123", "qwertyuiop", "abcdefghij", "a123456789"}
)
FAILED = "用户名或密码不正确"


@dataclass(frozen=True, slots=True)
class Timeouts:
    """How long a session lives: since its last request (idle) and since sign-in (absolute)."""

    idle: dt.timedelta = dt.timedelta(minutes=30)
    absolute: dt.timedelta = dt.timedelta(hours=12)
    # How stale the stored last request may get: most requests then write nothing, and a
    # session ends up to this much before its idle timeout, never after.
    touch: dt.timedelta = dt.timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Opened:
    """A new session: the token for the cookie (shown once, stored only hashed) and its CSRF."""

    token: str
    csrf: str
    must_change_password: bool


def check_policy(name: str, password: str) -> None:
    """Refuse a password that is short, common, all one kind of character, or the user's name."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise ValidationFailed(f"密码至少 {MIN_PASSWORD_CHARS} 个字符")
    if password.lower() in COMMON_PASSWORDS or name.lower() in password.lower():
        raise ValidationFailed("密码过于常见，或包含用户名")
    kinds = sum(
        (
            any(c.isdigit() for c in password),
            any(c.isalpha() and c.isascii() and c.islower() for c in password),
            any(c.isalpha() and c.isascii() and c.isupper() for c in password),
            any(not c.isascii() or not c.isalnum() for c in password),
        )
    )
    if kinds < 2:
        raise ValidationFailed("密码须包含至少两类字符（数字、小写字母、大写字母、其他字符）")


def set_password(
    session: Session, actor: Actor, name: str, password: str, *, old: str | None = None
) -> User:
    """A user's new password: their own (with the old one), or given by an admin (to be changed)."""
    user = _user(session, name)
    own = actor.name == user.name
    if own:
        if user.password_hash is not None and not _verifies(user.password_hash, old or ""):
            raise AuthenticationFailed("原密码不正确")
    else:
        authorize(actor, "manage_users")
    check_policy(user.name, password)
    before = row(user)
    user.password_hash = HASHER.hash(password)
    user.must_change_password = not own
    user.failed_logins = 0
    user.locked_until = None
    record(session, actor, "set_password", user, before)  # the journal never holds a hash
    close_all(session, user.id)  # every browser signed in with the old password signs in again
    return user


def authenticate(session: Session, name: str, password: str, now: dt.datetime) -> User:
    """The active user with this name and password; the same refusal for every other case."""
    user = session.scalars(select(User).where(User.name == name)).one_or_none()
    if user is None or user.password_hash is None:
        HASHER.hash(password)  # the same work as a real check: no timing difference to learn from
        raise AuthenticationFailed(FAILED)
    if user.locked_until is not None and user.locked_until > now:
        raise AuthenticationFailed(
            f"登录失败次数过多，账号已锁定至 {user.locked_until:%H:%M}（UTC）"
        )
    if not _verifies(user.password_hash, password) or not user.active:
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
            user.failed_logins = 0
        raise AuthenticationFailed(FAILED)
    user.failed_logins = 0
    user.locked_until = None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    return user


def open_session(session: Session, user: User, now: dt.datetime) -> Opened:
    """A new session for ``user`` (a fresh token every sign-in: no session fixation)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    session.add(
        WebSession(id=_key(token), user_id=user.id, csrf=csrf, created_at=now, last_seen=now)
    )
    return Opened(token, csrf, user.must_change_password)


def session_of(
    session: Session, token: str, now: dt.datetime, timeouts: Timeouts = Timeouts()
) -> WebSession | None:
    """The live session of a cookie's token, with its user (one query); an expired one, or a
    deactivated user's, ends. Its last request is written when older than ``timeouts.touch``."""
    if not token:
        return None
    found = session.get(WebSession, _key(token), options=[joinedload(WebSession.user)])
    if found is None:
        return None
    expired = now - found.last_seen > timeouts.idle or now - found.created_at > timeouts.absolute
    if expired or not found.user.active:
        session.delete(found)
        return None
    if now - found.last_seen >= timeouts.touch:
        found.last_seen = now
    return found


def close_session(session: Session, token: str) -> None:
    """Sign out: the session is gone from the server, whatever the browser keeps."""
    session.execute(delete(WebSession).where(WebSession.id == _key(token)))


def close_all(session: Session, user_id: int) -> None:
    """End every session of a user (a new password, a deactivation)."""
    session.execute(delete(WebSession).where(WebSession.user_id == user_id))


def actor_of(web_session: WebSession) -> Actor:
    user = web_session.user
    return Actor(user.name, user.role, user.department_id)


def _user(session: Session, name: str) -> User:
    user = session.scalars(select(User).where(User.name == name)).one_or_none()
    if user is None:
        raise ValidationFailed(f"no user named {name!r}")
    return user


def _verifies(stored: str, password: str) -> bool:
    try:
        return HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()

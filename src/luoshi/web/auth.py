"""Who is signed in, and the CSRF check every state-changing request passes.

A session is a random token in an HttpOnly, SameSite=Lax cookie (Secure over HTTPS); the server
keeps only its sha256 (``services.accounts``). Each form carries the session's CSRF token, and
a POST whose token is missing or wrong is refused before anything is read or written. The login
form, which has no session yet, uses a double-submit cookie instead.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from luoshi.errors import LuoshiError
from luoshi.ledger.models import WebSession, utcnow
from luoshi.ledger.services import accounts, notifications
from luoshi.ledger.services.policy import Actor
from luoshi.web.deps import session

SESSION_COOKIE = "luoshi_session"
LOGIN_CSRF_COOKIE = "luoshi_login_csrf"


class SignInRequired(LuoshiError):
    """The page is for signed-in staff: the browser is sent to the login page."""

    exit_code = 5


class CsrfRefused(LuoshiError):
    """A state-changing request without the form's token: possibly forged on another site."""

    exit_code = 5


@dataclass(frozen=True, slots=True)
class SignedIn:
    """The signed-in user of a request: who acts, and the session's CSRF token for its forms."""

    actor: Actor
    csrf: str
    must_change_password: bool
    unread: int = 0  # notifications not yet read, shown in the header


def _web_session(request: Request, db: Session) -> WebSession | None:
    token = request.cookies.get(SESSION_COOKIE, "")
    return accounts.session_of(db, token, utcnow())


def signed_in(
    request: Request, db: Annotated[Session, Depends(session, scope="function")]
) -> SignedIn:
    """The signed-in user, or SignInRequired (a GET is redirected to the login page)."""
    found = _web_session(request, db)
    if found is None:
        raise SignInRequired("请先登录")
    actor = accounts.actor_of(found)
    unread = notifications.unread_count(db, actor)
    return SignedIn(actor, found.csrf, found.user.must_change_password, unread)


def checked(
    request: Request,
    user: Annotated[SignedIn, Depends(signed_in)],
    csrf: Annotated[str, Form(description="the CSRF token of the page's form")] = "",
) -> SignedIn:
    """The signed-in user of a POST whose form carries the session's CSRF token."""
    if not csrf or not hmac.compare_digest(csrf, user.csrf):
        raise CsrfRefused("表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试")
    return user


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def login_token(request: Request) -> str:
    """The login form's token: the browser's, or a new one."""
    return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)


def remember_login_token(request: Request, response: Response, token: str) -> None:
    """Set the login form's token as a cookie too: the POST must echo it (double submit)."""
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/login",
    )


def login_csrf_ok(request: Request, submitted: str) -> bool:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    return bool(expected and submitted) and hmac.compare_digest(expected, submitted)

"""The portal application: settings, database, templates, static files and error pages."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException

from luoshi.config import Settings
from luoshi.errors import (
    Conflict,
    InputError,
    LuoshiError,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from luoshi.ledger.db import make_engine, session_factory
from luoshi.ledger.services.mail import Mailer
from luoshi.ledger.status import STATUSES
from luoshi.web.auth import CsrfRefused, SignInRequired
from luoshi.web.deps import FONT_SIZES, page_context
from luoshi.web.gate import DatabaseGate

PACKAGE = resources.files("luoshi.web")
BUSY_RETRY_SECONDS = 5
STATIC = Path(str(PACKAGE / "static"))
# Every response: no inline script, nothing from another origin (no CDN, no tracker).
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@cache
def static_digest(name: str) -> str:
    """The first 10 hex digits of a static file's sha256 (its URL changes with its content)."""
    return hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:10]


def create_app(settings: Settings, *, demo: bool = False) -> FastAPI:
    """The portal over the ledger at ``settings.database_url``.

    ``demo``: every page says that the progress data is demonstration data (演示数据).
    """
    app = FastAPI(
        title="luoshi 落实 — 政府工作报告公开台账",
        description="政府工作报告、其中的数字与承诺落实台账的开放数据接口。只含已公开的内容。",
        version="1",
        docs_url=None,
        redoc_url=None,
    )
    engine = make_engine(settings.database_url, pool_size=settings.database_pool_size)
    app.state.settings = settings
    app.state.sessions = session_factory(engine)
    # Notification mails of each committed request, sent on a worker thread.
    app.state.mailer = Mailer(app.state.sessions, settings, background=True).watch()
    app.state.demo = demo
    templates = Jinja2Templates(directory=str(PACKAGE / "templates"))
    templates.env.globals.update(
        static=lambda name: f"/static/{name}?v={static_digest(name)}",
        statuses=STATUSES,
        font_sizes=FONT_SIZES,
    )
    templates.env.filters["number"] = _number
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    from luoshi.web import public, staff  # the routes use app.state, set above

    app.include_router(public.router)
    for part in staff.modules():
        app.include_router(part.router)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="luoshi 开放数据接口",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    # Added before the headers' middleware, so inside it: a 503 from the gate has them too.
    app.add_middleware(
        DatabaseGate,
        slots=settings.database_pool_size,
        wait_seconds=settings.database_queue_seconds,
        busy=lambda request: busy_page(request),
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)
        if request.url.path == "/docs":  # Swagger UI starts itself with an inline script
            response.headers["Content-Security-Policy"] = SECURITY_HEADERS[
                "Content-Security-Policy"
            ].replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        return response

    def error_page(request: Request, status: int, message: str) -> Response:
        if request.url.path.endswith(".json") or request.url.path.startswith("/api"):
            return JSONResponse({"detail": message}, status_code=status)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "message": message, **page_context(request)},
            status_code=status,
        )

    @app.exception_handler(NotFound)
    def not_found(request: Request, error: NotFound) -> Response:
        return error_page(request, 404, str(error))

    @app.exception_handler(ValidationFailed)
    def invalid(request: Request, error: ValidationFailed) -> Response:
        return error_page(request, 422, str(error))

    @app.exception_handler(InputError)
    def bad_input(request: Request, error: InputError) -> Response:
        return error_page(request, 422, str(error))

    @app.exception_handler(PermissionDenied)
    def forbidden(request: Request, error: PermissionDenied) -> Response:
        return error_page(request, 403, "无权进行此操作：" + str(error))

    @app.exception_handler(Conflict)
    def conflict(request: Request, error: Conflict) -> Response:
        return error_page(request, 409, str(error))

    @app.exception_handler(SignInRequired)
    def sign_in(request: Request, error: SignInRequired) -> Response:
        if request.method == "GET":
            target = quote(
                request.url.path + (f"?{request.url.query}" if request.url.query else "")
            )
            return RedirectResponse(f"/login?next={target}", status_code=303)
        return error_page(request, 401, str(error))

    @app.exception_handler(CsrfRefused)
    def csrf_refused(request: Request, error: CsrfRefused) -> Response:
        return error_page(request, 403, str(error))

    @app.exception_handler(LuoshiError)
    def refused(request: Request, error: LuoshiError) -> Response:
        return error_page(request, 400, str(error))

    def busy_page(request: Request) -> Response:
        # Every database connection stayed in use past the wait: the request did nothing (its
        # transaction never began), so the client may simply send it again.
        response = error_page(request, 503, "服务繁忙，请稍后重试（数据库连接已满）")
        response.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
        return response

    @app.exception_handler(PoolTimeout)
    def busy(request: Request, error: PoolTimeout) -> Response:
        return busy_page(request)

    @app.exception_handler(RequestValidationError)
    def bad_request(request: Request, error: RequestValidationError) -> Response:
        problems = "；".join(
            f"{'.'.join(str(p) for p in problem['loc'][1:])}: {problem['msg']}"
            for problem in error.errors()
        )
        return error_page(request, 422, f"请求参数有误：{problems}")

    @app.exception_handler(HTTPException)
    def http_error(request: Request, error: HTTPException) -> Response:
        message = "页面不存在" if error.status_code == 404 else str(error.detail)
        return error_page(request, error.status_code, message)

    return app


def _number(value: Any) -> str:
    """A Decimal as written in a report: no exponent, no trailing zeros."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text

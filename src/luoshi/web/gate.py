"""Requests that use the database wait for a connection in one place: here, in arrival order.

Each worker process holds ``database_pool_size`` connections. Without this gate the worker's
thread pool (40 threads) ran up to 40 requests at once, and those without a connection waited
inside the connection pool, each holding a thread, until its 30 s timeout. With it, as many
requests run as there are connections; the others wait in the event loop, first come first
served, holding neither a thread nor a connection. A request that waits longer than
``database_queue_seconds`` is answered 503 with Retry-After: nothing was done, it may be sent
again. Static files, which need no connection, pass by; so does a request whose body is large
(an evidence file on its way, which may take minutes to arrive and should not hold a turn the
while): it waits for its connection in the pool, and a full pool is a 503 too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

PASS_BY = "/static/"
LARGE_BODY_BYTES = 1 << 20


class DatabaseGate:
    """ASGI middleware: at most ``slots`` requests at once past it; ``busy`` answers the others
    once they have waited ``wait_seconds``."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        slots: int,
        wait_seconds: float,
        busy: Callable[[Request], Response],
    ) -> None:
        self.app = app
        self._slots = slots
        self._wait = wait_seconds
        self._busy = busy
        # One semaphore per event loop: a test client may run the app on several, one by one.
        self._gates: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(PASS_BY) or _large(scope):
            await self.app(scope, receive, send)
            return
        gate = self._gate()
        try:
            async with asyncio.timeout(self._wait):
                await gate.acquire()
        except TimeoutError:
            await self._busy(Request(scope, receive))(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            gate.release()

    def _gate(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            for stale in [other for other in self._gates if other.is_closed()]:
                del self._gates[stale]
            gate = self._gates[loop] = asyncio.Semaphore(self._slots)
        return gate


def _large(scope: Scope) -> bool:
    """Whether the request announces a body over LARGE_BODY_BYTES (or one of unknown length)."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            return not value.isdigit() or int(value) > LARGE_BODY_BYTES
        if name == b"transfer-encoding":
            return True
    return False

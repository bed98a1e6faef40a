"""What routes are given rather than import: the request's transaction, the page's common
context, the day statuses are computed for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from luoshi.config import Settings
from luoshi.ledger.db import unit_of_work

FONT_SIZES = {"s": "小", "m": "中", "l": "大"}


def session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back if it fails.

    Routes take it with ``scope="function"`` so that the commit happens before the response is
    sent: the page a redirect leads to sees the change, and a commit that fails (a conflict)
    is the answer, never a success already sent.
    """
    with unit_of_work(request.app.state.sessions) as opened:
        yield opened


def page_context(request: Request) -> dict[str, Any]:
    """What every page's layout needs: the font size chosen, the demo notice, the search."""
    font = request.query_params.get("font") or request.cookies.get("font") or "m"
    return {
        "font": font if font in FONT_SIZES else "m",
        "demo": request.app.state.demo,
        "query": request.query_params.get("q", ""),
    }


def today(request: Request) -> dt.date:
    """The date statuses are computed for (a setting for demos and audits, else the calendar)."""
    settings: Settings = request.app.state.settings
    return settings.status_date or dt.date.today()

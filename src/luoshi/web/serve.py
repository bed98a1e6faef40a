"""How ``luoshi serve`` starts the portal: an app factory read from the settings.

Uvicorn's worker processes each call ``app_from_settings``, so everything a worker needs is in
the environment (``LUOSHI_*``), not in the parent's memory.
"""

from __future__ import annotations

from fastapi import FastAPI

from luoshi.config import get_settings
from luoshi.web.app import create_app


def app_from_settings() -> FastAPI:
    """The portal as the settings describe it."""
    settings = get_settings()
    return create_app(settings, demo=settings.portal_demo)

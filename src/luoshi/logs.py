"""Logging, set up once by the entry point (never at import time)."""

from __future__ import annotations

import logging
import sys

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(level: str = "WARNING") -> None:
    """Send luoshi's log records to standard error at ``level``; idempotent."""
    root = logging.getLogger("luoshi")
    root.setLevel(level)
    if not any(getattr(h, "_luoshi", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler._luoshi = True  # type: ignore[attr-defined]
        root.addHandler(handler)

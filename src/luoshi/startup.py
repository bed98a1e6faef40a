"""The few settings a command needs before its work begins, without pydantic-settings.

``luoshi read`` and ``luoshi extract`` need three settings: the log level and the two input
limits. Importing pydantic-settings and validating every setting costs more than reading and
extracting a report, so when no setting is given (no ``LUOSHI_*`` variable, no ``.env`` file)
these three are their declared defaults. When any setting is given, every one is read and
validated by ``luoshi.config.Settings``, the one declaration, exactly as before.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ENV_PREFIX = "LUOSHI_"
ENV_FILE = ".env"
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


@dataclass(frozen=True, slots=True)
class StartSettings:
    """The settings read before a command's work: a view of ``Settings``, same names."""

    log_level: LogLevel
    max_input_bytes: int
    max_docx_unpacked_bytes: int


# The defaults of these three settings; ``luoshi.config.Settings`` declares its fields with them.
DEFAULTS = StartSettings(
    log_level="WARNING",
    max_input_bytes=20 * 1024 * 1024,
    max_docx_unpacked_bytes=200 * 1024 * 1024,
)


def configured() -> bool:
    """Whether any setting is given: a ``LUOSHI_*`` variable (any case) or a ``.env`` file."""
    return any(name.upper().startswith(ENV_PREFIX) for name in os.environ) or (
        Path(ENV_FILE).is_file()
    )


def start_settings() -> StartSettings:
    """The three settings: the defaults, or the validated ``Settings`` when any setting is given."""
    if not configured():
        return DEFAULTS
    from luoshi.config import get_settings

    settings = get_settings()
    return StartSettings(
        log_level=settings.log_level,
        max_input_bytes=settings.max_input_bytes,
        max_docx_unpacked_bytes=settings.max_docx_unpacked_bytes,
    )

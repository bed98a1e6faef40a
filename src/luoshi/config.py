"""Settings, declared once.

Every setting has a type, a default and a description, and can be set from the
environment with the ``LUOSHI_`` prefix (``LUOSHI_MAX_INPUT_BYTES=…``) or from a
``.env`` file. ``get_settings()`` validates them once at start.

Reading and extracting a report do not import this module unless a setting is given: they
read their three settings through ``luoshi.startup``, whose defaults these fields use.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from luoshi.startup import DEFAULTS, ENV_FILE, ENV_PREFIX, LogLevel


class Settings(BaseSettings):
    """luoshi's settings; see each field's description."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=ENV_FILE, extra="ignore")

    log_level: LogLevel = Field(
        DEFAULTS.log_level, description="Least severe log level written to standard error."
    )
    max_input_bytes: int = Field(
        DEFAULTS.max_input_bytes,
        gt=0,
        description="Largest report file luoshi will read, in bytes.",
    )
    max_docx_unpacked_bytes: int = Field(
        DEFAULTS.max_docx_unpacked_bytes,
        gt=0,
        description="Largest total unpacked size of a .docx archive (guards against zip bombs).",
    )
    database_url: str = Field(
        "sqlite:///luoshi.db",
        description="SQLAlchemy URL of the ledger (SQLite default; postgresql+psycopg://…).",
    )
    evidence_dir: Path = Field(
        Path("var/evidence"),
        description="Where evidence files are stored, content-addressed by sha256.",
    )
    status_tolerance: float = Field(
        0.05,
        ge=0,
        le=1,
        description="Share of expected progress a commitment may lag and still count as 达进度.",
    )
    status_ahead_margin: float = Field(
        0.10,
        ge=0,
        description="Share above the expected progress from which a commitment counts as 超进度.",
    )
    report_grace_days: int = Field(
        15,
        ge=0,
        description="Days after a reporting cycle ends before a missing report is 逾期未报.",
    )
    user: str | None = Field(
        None,
        description="Name of the ledger user the CLI acts as (each command's --user overrides it).",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from the environment once."""
    return Settings()

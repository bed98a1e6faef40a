"""Settings, declared once.

Every setting has a type, a default and a description, and can be set from the
environment with the ``LUOSHI_`` prefix (``LUOSHI_MAX_INPUT_BYTES=…``) or from a
``.env`` file. ``get_settings()`` validates them once at start.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """luoshi's settings; see each field's description."""

    model_config = SettingsConfigDict(env_prefix="LUOSHI_", env_file=".env", extra="ignore")

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "WARNING", description="Least severe log level written to standard error."
    )
    max_input_bytes: int = Field(
        20 * 1024 * 1024, gt=0, description="Largest report file luoshi will read, in bytes."
    )
    max_docx_unpacked_bytes: int = Field(
        200 * 1024 * 1024,
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
    status_date: dt.date | None = Field(
        None,
        description="The date the status engine and the portal treat as today (unset: the "
        "calendar's); a demo or an audit of a past year sets it.",
    )
    portal_demo: bool = Field(
        False,
        description="Whether every portal page says its progress data is demonstration data.",
    )
    reconcile_rate_band: float = Field(
        0.2,
        ge=0,
        description="Reconcile: points a rate or share may miss a 左右 target by and meet it.",
    )
    reconcile_level_band: float = Field(
        0.02,
        ge=0,
        le=1,
        description="Reconcile: share of a level (亿元, 万人…) a 左右 target may be missed by.",
    )
    user: str | None = Field(
        None,
        description="Name of the ledger user the CLI acts as (each command's --user overrides it).",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from the environment once."""
    return Settings()

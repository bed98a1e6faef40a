"""Settings, declared once.

Every setting has a type, a default and a description, and can be set from the
environment with the ``LUOSHI_`` prefix (``LUOSHI_MAX_INPUT_BYTES=…``) or from a
``.env`` file. ``get_settings()`` validates them once at start.

Reading and extracting a report do not import this module unless a setting is given: they
read their three settings through ``luoshi.startup``, whose defaults these fields use.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from luoshi.errors import SettingsError
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
    data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("luoshi", appauthor=False)),
        description="The ledger's data directory (SQLite file, evidence); never the working "
        "directory. Relative paths below are read from here.",
    )
    database_url: str = Field(
        "",
        description="SQLAlchemy URL of the ledger (default: SQLite file luoshi.db in data_dir; "
        "postgresql+psycopg://… for many users).",
    )
    database_pool_size: int = Field(
        8,
        gt=0,
        description="Database connections of each server worker process: as many requests use "
        "the database at once; the others wait their turn (see database_queue_seconds).",
    )
    database_queue_seconds: float = Field(
        30.0,
        gt=0,
        description="Longest a request waits for a database connection before it is answered "
        "503 with Retry-After (nothing done).",
    )
    evidence_dir: Path = Field(
        Path("evidence"),
        description="Where evidence files are stored, content-addressed by sha256 "
        "(relative: in data_dir).",
    )
    max_evidence_bytes: int = Field(
        50 * 1024 * 1024, gt=0, description="Largest evidence file a progress report may carry."
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
    refresh_workers: int = Field(
        0,
        ge=0,
        description="Processes a full status refresh computes in on PostgreSQL "
        "(0: one per core; SQLite always uses one).",
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
    stale_report_days: int = Field(
        90,
        gt=0,
        description="Supervision: days without any report after which a commitment counts as "
        "long unreported (长期未报).",
    )
    escalate_after_days: int = Field(
        3,
        gt=0,
        description="Supervision: days a reminder (催办) may go unanswered before `luoshi remind` "
        "escalates it (升级) to the office's admins.",
    )
    base_url: str = Field(
        "",
        description="The workspace's address as users reach it (https://…), for links in mails.",
    )
    smtp_host: str = Field(
        "", description="Mail server for notifications (unset: notifications only in the app)."
    )
    smtp_port: int = Field(587, gt=0, lt=65536, description="The mail server's port.")
    smtp_from: str = Field(
        "luoshi@localhost", description="The sender address of notification mails."
    )
    smtp_starttls: bool = Field(True, description="Whether to upgrade the connection (STARTTLS).")
    smtp_user: str = Field("", description="Mail server login (from the environment).")
    smtp_password: SecretStr = Field(
        SecretStr(""), description="Mail server password (from the environment, never logged)."
    )
    email_max_attempts: int = Field(
        5, gt=0, description="Times a failed notification mail is tried before it is left."
    )

    @model_validator(mode="after")
    def _in_data_dir(self) -> Settings:
        """Anchor relative paths in the data directory, whatever the working directory."""
        self.data_dir = self.data_dir.expanduser().absolute()
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'luoshi.db'}"
        sqlite_path = self.database_url.removeprefix("sqlite:///")
        if (
            self.database_url.startswith("sqlite:///")
            and sqlite_path
            and sqlite_path != ":memory:"
            and not Path(sqlite_path).is_absolute()
        ):
            self.database_url = f"sqlite:///{self.data_dir / sqlite_path}"
        self.evidence_dir = self.data_dir / self.evidence_dir.expanduser()
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from the environment once; a bad value is a SettingsError."""
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(
            f"LUOSHI_{'_'.join(str(part) for part in e['loc']).upper()}: {e['msg']}"
            for e in error.errors()
        )
        raise SettingsError(None, f"bad setting: {problems}") from None

"""``luoshi info``: where the ledger lives (data directory, database, evidence) and its state."""

from __future__ import annotations

from luoshi.cli import app
from luoshi.cli.output import echo
from luoshi.config import get_settings
from luoshi.errors import DatabaseUnavailable
from luoshi.ledger.db import is_current, make_engine


@app.command("info")
def info_command() -> None:
    """Where the ledger's data lives (from LUOSHI_DATA_DIR and the other settings)."""
    settings = get_settings()
    echo(f"data directory: {settings.data_dir}")
    echo(f"evidence:       {settings.evidence_dir}")
    try:
        engine = make_engine(settings.database_url)
    except DatabaseUnavailable as error:
        echo(f"database:       unusable: {error}")
        return
    try:
        echo(f"database:       {engine.url.render_as_string(hide_password=True)}")
        try:
            state = "ready" if is_current(engine) else "no tables yet: run `luoshi db upgrade`"
        except DatabaseUnavailable as error:
            state = f"unreachable: {error}"
        echo(f"ledger:         {state}")
    finally:
        engine.dispose()

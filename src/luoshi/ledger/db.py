"""Engine, sessions and migrations from one ``database_url``.

SQLite (the default) runs in WAL mode with foreign keys enforced; PostgreSQL
(``postgresql+psycopg://…``) serves many users. ``unit_of_work`` is the one
transaction boundary of every service call: it commits, or rolls back and
turns optimistic-locking and uniqueness failures into ``Conflict``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from luoshi.errors import Conflict, LedgerError


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the packaged Alembic migrations up to ``revision`` on ``engine``."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("luoshi.ledger") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def is_current(engine: Engine) -> bool:
    """Whether the ledger's tables exist (``luoshi db upgrade`` has been run)."""
    return inspect(engine).has_table("commitments")


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commit on success; on any error roll back, leaving the data as it was."""
    session = factory()
    try:
        yield session
        session.commit()
    except StaleDataError as error:
        session.rollback()
        raise Conflict(
            "someone else changed this record first; reload it and apply your change again"
        ) from error
    except IntegrityError as error:
        session.rollback()
        raise Conflict(f"the change breaks a uniqueness or reference rule: {error.orig}") from error
    except OperationalError as error:
        session.rollback()
        raise LedgerError(f"database error: {error.orig}") from error
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions bound to ``engine`` that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)

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
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, String, create_engine, event, inspect, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    IntegrityError,
    InterfaceError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from luoshi.errors import Conflict, DatabaseUnavailable, LedgerError, ValidationFailed

# Connections beyond ``pool_size`` for work outside requests (the mailer's thread).
BACKGROUND_CONNECTIONS = 2


def make_engine(url: str, *, pool_size: int | None = None) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, foreign keys and a busy timeout.

    ``pool_size``: the connections kept for requests (the server's), plus a few for background
    work; unset, SQLAlchemy's default pool. A URL SQLAlchemy cannot use is a
    DatabaseUnavailable naming it (password hidden).
    """
    pool: dict[str, Any] = {}
    if pool_size is not None and not _in_memory(url):  # one connection in memory: no queue
        pool = {"pool_size": pool_size, "max_overflow": BACKGROUND_CONNECTIONS}
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30}, **pool)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True, **pool)
    except (ArgumentError, ImportError) as error:
        raise DatabaseUnavailable(
            f"database URL {_shown(url)!r} cannot be used ({_first_line(error)}); "
            "set LUOSHI_DATABASE_URL to sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
        ) from None
    _check_place(engine)
    return engine


def _in_memory(url: str) -> bool:
    return url.startswith("sqlite") and make_url(url).database in (None, "", ":memory:")


def _check_place(engine: Engine) -> None:
    """A SQLite file's folder must exist: SQLite would say only 'unable to open database'."""
    database = engine.url.database
    if engine.url.get_backend_name() == "sqlite" and database and database != ":memory:":
        folder = Path(database).absolute().parent
        if not folder.is_dir():
            raise DatabaseUnavailable(
                f"the folder {folder} of the SQLite ledger does not exist; create it or set "
                "LUOSHI_DATA_DIR / LUOSHI_DATABASE_URL (see `luoshi info`)"
            )


def _shown(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1]  # never echo what may be a password


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def unavailable(engine: Engine, error: DBAPIError) -> DatabaseUnavailable:
    """The one-line error of a database that cannot be reached or opened."""
    return DatabaseUnavailable(
        f"cannot open the ledger at {engine.url.render_as_string(hide_password=True)}: "
        f"{_first_line(error.orig or error)}"
    )


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the packaged Alembic migrations up to ``revision`` on ``engine``."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("luoshi.ledger") / "migrations"))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except (OperationalError, InterfaceError) as error:
        raise unavailable(engine, error) from None


def is_current(engine: Engine) -> bool:
    """Whether the ledger's tables exist (``luoshi db upgrade`` has been run)."""
    try:
        return inspect(engine).has_table("commitments")
    except DBAPIError as error:
        raise unavailable(engine, error) from None


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
        raise Conflict(
            f"the change breaks a uniqueness or reference rule: {_first_line(error.orig or error)}"
        ) from error
    except DataError as error:
        session.rollback()
        raise ValidationFailed(
            f"the database refused a value: {_first_line(error.orig or error)}"
        ) from error
    except OperationalError as error:
        session.rollback()
        raise LedgerError(f"database error: {_first_line(error.orig or error)}") from error
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions bound to ``engine`` that keep loaded objects usable after commit.

    Each flush first checks that every text fits its column, so SQLite (which would
    store it) and PostgreSQL (which would fail) both refuse it with the same message.
    """
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", _check_lengths)
    return factory


def _check_lengths(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        for attr in inspect(obj).mapper.column_attrs:
            column_type = attr.columns[0].type
            value = getattr(obj, attr.key)
            if (
                isinstance(column_type, String)
                and column_type.length is not None
                and isinstance(value, str)
                and len(value) > column_type.length
            ):
                raise ValidationFailed(
                    f"{attr.key} of {obj.__tablename__.rstrip('s')} is {len(value)} characters "
                    f"long; at most {column_type.length} fit"
                )

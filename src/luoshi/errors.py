"""The exceptions luoshi raises on purpose.

Every adapter (CLI, web) maps ``LuoshiError`` to a clear one-line message and an
exit code or HTTP status in one place; anything else is a bug.
"""

from __future__ import annotations

from pathlib import Path


class LuoshiError(Exception):
    """Base of every error luoshi reports to a user."""

    exit_code = 1


class InputError(LuoshiError):
    """The input a user gave cannot be used: it names the input and the problem."""

    exit_code = 2

    def __init__(self, source: str | Path | None, problem: str) -> None:
        self.source = str(source) if source is not None else None
        self.problem = problem
        super().__init__(f"{self.source}: {problem}" if self.source else problem)


class SettingsError(InputError):
    """A ``LUOSHI_*`` setting (environment or .env) has a value luoshi cannot use."""


class ReadError(InputError):
    """A report file cannot be read into a Document."""


class ExtractionError(LuoshiError):
    """The extractor's rule data is inconsistent (a bug in the data, not in the input)."""


class LedgerError(LuoshiError):
    """Base of errors of the ledger's service layer."""


class DatabaseUnavailable(LedgerError):
    """The ledger's database cannot be opened: a bad URL, a server down, a missing database."""

    exit_code = 2


class NotFound(LedgerError):
    """The object asked for does not exist."""

    exit_code = 3


class Conflict(LedgerError):
    """Someone else changed the object first (optimistic locking) or it already exists."""

    exit_code = 4


class PermissionDenied(LedgerError):
    """The acting user's role does not allow the operation."""

    exit_code = 5


class ValidationFailed(LedgerError):
    """Data offered to the ledger is wrong; the message says which part and why."""

    exit_code = 2


class AuthenticationFailed(LedgerError):
    """A login that did not succeed: the same words whatever was wrong, so nothing is learnt."""

    exit_code = 5


class ReconcileError(LuoshiError):
    """The reconciler's rule data is inconsistent (a bug in the data, not in the input)."""


class BatchError(LuoshiError):
    """A corpus run cannot start or go on: bad inputs, an output that is no run, no cluster."""

    exit_code = 2


def writable_target(target: Path) -> None:
    """Refuse an output file whose folder is missing, or that names a folder."""
    if target.is_dir():
        raise InputError(target, "is a folder; name a file to write")
    if not target.absolute().parent.is_dir():
        raise InputError(target, f"its folder {target.absolute().parent} does not exist")

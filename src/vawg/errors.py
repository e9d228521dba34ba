"""The one error tree of vawg.

Every error a user can meet is a :class:`VawgError`; each subclass carries the context a user needs
to act (file, row, column, what was expected, what was found) as attributes, not only in the text::

    VawgError
    ├── ConfigError            a setting or configuration file is invalid
    ├── ReferenceDataError     a shipped or force-supplied reference file is invalid
    ├── StoreError             the DuckDB store is missing, locked or of another schema version
    │   └── StoreLocked        another process holds the store's lock (exit status 3)
    ├── IngestError            a bundle could not be loaded
    │   └── FileRejected       a whole file was rejected (unreadable, missing columns, not UTF-8 …)
    ├── MetricError            an unknown metric, grain or period
    ├── ReportError            a report, figure or export could not be produced
    ├── RiskError              a risk score or model could not be computed
    │   └── GovernanceError    a model is not approved for the use asked of it
    ├── AccountError           a user cannot be created or changed as asked   (vawg.accounts)
    ├── AuthenticationError    a login was refused                             (vawg.accounts)
    ├── PermissionDenied       the user's roles do not grant what was asked    (vawg.accounts)
    └── OperationsError        an unknown work list, area or as-of date        (vawg.operations)

Every command's exit status is one of :class:`ExitCode` (docs/cli.md, "Exit status"): an error of this
tree exits with its class's ``exit_code`` (2, bad input, unless the class says otherwise).
"""

from __future__ import annotations

import re
from enum import IntEnum
from pathlib import Path
from typing import Any, ClassVar


class ExitCode(IntEnum):
    """The exit status of every ``vawg`` command."""

    OK = 0  # done
    QUARANTINE = 1  # loaded, with rows set aside in quarantine (vawg ingest)
    BAD_INPUT = 2  # bad input, a bundle rejected, a refused request: the message says what to fix
    STORE_LOCKED = 3  # another process holds the store: wait for it, or stop it (its PID is named)
    INTERNAL = 4  # a bug in vawg: the traceback is in the log file the message names


# What each exit status means, as docs/cli.md prints it (rendered from here by vawg.cli._docs).
EXIT_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "done",
    ExitCode.QUARANTINE: "done, with warnings: `vawg ingest` loaded the bundle but quarantined some rows "
    "(see `vawg quarantine`)",
    ExitCode.BAD_INPUT: "bad input: a file, option, bundle, store or request that cannot be used (a bundle "
    "rejected: nothing of it loaded); the one-line message names what and how to fix it",
    ExitCode.STORE_LOCKED: "the store is in use by another process (DuckDB allows one writer per file); the "
    "message names that process's PID when DuckDB reports it. Wait for it, or stop it, and run again",
    ExitCode.INTERNAL: "an internal error (a bug in vawg): the message names a log file holding the traceback "
    "(OFFICIAL-SENSITIVE, readable by its owner only; folder: VAWG_LOG_DIR, else "
    "$XDG_STATE_HOME/vawg/logs or ~/.local/state/vawg/logs). Please attach it to a bug report",
}


class VawgError(Exception):
    """Base of every error vawg raises on purpose."""

    exit_code: ClassVar[int] = ExitCode.BAD_INPUT

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(message)
        self.message = message
        self.context = context

    def __str__(self) -> str:
        return self.message


class ConfigError(VawgError):
    """A setting or configuration file is invalid."""


class ReferenceDataError(VawgError):
    """A reference data file (codes, categories, weights) is invalid."""


class StoreError(VawgError):
    """The store cannot be opened or is not what this version expects."""


# DuckDB's text when another process holds the file: 'Could not set lock on file "P": Conflicting lock
# is held in PROGRAM (PID 123) by user U'. The PID is named when DuckDB reports it.
_LOCK = re.compile(
    r'Could not set lock on file "(?P<path>[^"]*)"(?:.*?held in (?P<program>.+?) \(PID (?P<pid>\d+)\))?'
)


class StoreLocked(StoreError):
    """Another process holds the store's lock (DuckDB allows one writer, or readers, per file)."""

    exit_code: ClassVar[int] = ExitCode.STORE_LOCKED

    def __init__(self, path: str, pid: int | None = None, program: str | None = None) -> None:
        self.path, self.pid, self.program = path, pid, program
        holder = f"process {pid} ({program})" if pid is not None else "another process"
        super().__init__(
            f"{path}: the store is in use by {holder}; wait for it to finish (or stop it) and try again",
            path=path,
            pid=pid,
            program=program,
        )

    @classmethod
    def from_exception(cls, exc: BaseException) -> StoreLocked | None:
        """The lock error in ``exc`` or its cause (a DuckDB IOException's text), else None."""
        for candidate in (exc, exc.__cause__):
            match = _LOCK.search(str(candidate)) if candidate is not None else None
            if match:
                pid = match.group("pid")
                return cls(match.group("path"), int(pid) if pid else None, match.group("program"))
        return None


class IngestError(VawgError):
    """A bundle could not be loaded."""


class FileRejected(IngestError):
    """A whole file was rejected: it cannot be read as the table it claims to be.

    ``expected`` and ``found`` say what the contract wants and what the file has.
    """

    def __init__(self, path: Path | str, expected: str, found: str, table: str | None = None) -> None:
        self.path = Path(path)
        self.expected = expected
        self.found = found
        self.table = table
        super().__init__(
            f"{self.path}: rejected: expected {expected}; found {found}",
            path=str(self.path),
            expected=expected,
            found=found,
            table=table,
        )


class MetricError(VawgError):
    """An unknown metric, grain or period, or a metric that cannot be computed."""


class ReportError(VawgError):
    """A report, figure or export could not be produced."""


class RiskError(VawgError):
    """A risk score or model could not be computed."""


class GovernanceError(RiskError):
    """A model version is not approved for the use asked of it."""


class OperationsError(VawgError):
    """A work list cannot be produced as asked: unknown list id, area or as-of date outside the data.

    ``valid`` says what would have been accepted (list ids, areas, or the first and last dates).
    """


__all__ = [
    "EXIT_MEANINGS",
    "ConfigError",
    "ExitCode",
    "FileRejected",
    "GovernanceError",
    "IngestError",
    "MetricError",
    "OperationsError",
    "ReferenceDataError",
    "ReportError",
    "RiskError",
    "StoreError",
    "StoreLocked",
    "VawgError",
]

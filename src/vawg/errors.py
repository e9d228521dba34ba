"""The one error tree of vawg.

Every error a user can meet is a :class:`VawgError`; each subclass carries the context a user needs
to act (file, row, column, what was expected, what was found) as attributes, not only in the text::

    VawgError
    ├── ConfigError            a setting or configuration file is invalid
    ├── ReferenceDataError     a shipped or force-supplied reference file is invalid
    ├── StoreError             the DuckDB store is missing, locked or of another schema version
    ├── IngestError            a bundle could not be loaded
    │   └── FileRejected       a whole file was rejected (unreadable, missing columns, not UTF-8 …)
    ├── MetricError            an unknown metric, grain or period
    ├── ReportError            a report, figure or export could not be produced
    ├── RiskError              a risk score or model could not be computed
    │   └── GovernanceError    a model is not approved for the use asked of it
    ├── AccountError           a user cannot be created or changed as asked   (vawg.accounts)
    ├── AuthenticationError    a login was refused                             (vawg.accounts)
    └── PermissionDenied       the user's roles do not grant what was asked    (vawg.accounts)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class VawgError(Exception):
    """Base of every error vawg raises on purpose."""

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


__all__ = [
    "ConfigError",
    "FileRejected",
    "GovernanceError",
    "IngestError",
    "MetricError",
    "ReferenceDataError",
    "ReportError",
    "RiskError",
    "StoreError",
    "VawgError",
]

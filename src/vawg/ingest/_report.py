"""What an ingest did: counts per table, rejected files, the exit status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from vawg.errors import FileRejected, IngestError

# Exit statuses of `vawg ingest` (and IngestReport.exit_code).
EXIT_LOADED = 0
EXIT_QUARANTINED = 1
EXIT_REJECTED = 2

# Table statuses in the report and in loads.status.
LOADED = "loaded"
REJECTED = "rejected"
NOT_LOADED_STRICT = "not_loaded_strict"
NOT_LOADED_BUNDLE = "not_loaded_bundle_rejected"  # read and checked, rolled back with its bundle


@dataclass
class TableCounts:
    """Rows of one table's file. ``rows_read`` is always the sum of the other three.

    ``rows_loaded`` counts new rows and updated rows (``rows_updated`` of them replaced an older
    version, now in ``history``); ``rows_unchanged`` rows were already in the store as they are.
    ``rows_removed`` stored rows were removed by a correction (a link or outcome of a crime in the
    extract that the extract no longer has) or an explicit deletion; they are in ``history`` too.
    """

    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_unchanged: int = 0
    rows_updated: int = 0
    rows_removed: int = 0
    file: str | None = None
    status: str = LOADED
    seconds: float = 0.0

    def check(self, table: str) -> None:
        """Every row read is loaded, quarantined or unchanged: never lost, never counted twice."""
        total = self.rows_loaded + self.rows_quarantined + self.rows_unchanged
        if self.rows_read != total:
            raise IngestError(
                f"{table}: internal error: {self.rows_read} rows read but {self.rows_loaded} loaded + "
                f"{self.rows_quarantined} quarantined + {self.rows_unchanged} unchanged = {total}",
                table=table,
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_quarantined": self.rows_quarantined,
            "rows_unchanged": self.rows_unchanged,
            "rows_updated": self.rows_updated,
            "rows_removed": self.rows_removed,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class IngestReport:
    """The result of :func:`vawg.ingest.ingest`.

    ``loaded`` is False when nothing was written: the bundle was rejected (a required table is
    missing or unreadable) or ``strict`` found a bad row. The counts then say what the load would
    have done.
    """

    bundle: Path
    extract_date: date
    strict: bool = False
    kind: str = "full"
    extract_date_source: str = "option"  # option | manifest | inferred | today (vawg.ingest._extract_date)
    tables: dict[str, TableCounts] = field(default_factory=dict)
    rejected: list[FileRejected] = field(default_factory=list)
    loaded: bool = True
    seconds: float = 0.0
    deleted: dict[str, int] = field(default_factory=dict)  # a delta's explicit deletions, per table

    @property
    def rows_quarantined(self) -> int:
        return sum(c.rows_quarantined for c in self.tables.values())

    @property
    def exit_code(self) -> int:
        """0 loaded, 1 loaded with quarantined rows, 2 rejected (a file, the bundle, or --strict)."""
        if self.rejected or not self.loaded:
            return EXIT_REJECTED
        return EXIT_QUARANTINED if self.rows_quarantined else EXIT_LOADED

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `vawg ingest --json`."""
        return {
            "bundle": str(self.bundle),
            "extract_date": self.extract_date.isoformat(),
            "extract_date_source": self.extract_date_source,
            "strict": self.strict,
            "kind": self.kind,
            "loaded": self.loaded,
            "exit_code": self.exit_code,
            "seconds": round(self.seconds, 3),
            "tables": {name: counts.to_dict() for name, counts in self.tables.items()},
            "deleted": dict(self.deleted),
            "rejected": [
                {
                    "table": r.table,
                    "path": str(r.path),
                    "expected": r.expected,
                    "found": r.found,
                    "message": r.message,
                }
                for r in self.rejected
            ],
        }

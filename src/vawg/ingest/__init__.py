"""Validated ingest: a bundle of CSV or Parquet files into the store, bad rows to quarantine.

Every row rule of the contract is checked set-wise in DuckDB; a bad row is quarantined with the
rule, file, line and column, the rest of the file loads. See ``docs/ingest.md``.
"""

from vawg.ingest._diff import write_delta
from vawg.ingest._ingest import ingest
from vawg.ingest._quarantine import quarantine_rows
from vawg.ingest._report import (
    EXIT_LOADED,
    EXIT_QUARANTINED,
    EXIT_REJECTED,
    IngestReport,
    TableCounts,
)

__all__ = [
    "EXIT_LOADED",
    "EXIT_QUARANTINED",
    "EXIT_REJECTED",
    "IngestReport",
    "TableCounts",
    "ingest",
    "quarantine_rows",
    "write_delta",
]

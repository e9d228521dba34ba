"""The extract date of a bundle: given, from the manifest, or inferred from the data and said so.

Rows dated after the extract date are quarantined and stocks are valued up to it, so a silent
"today" (a bundle from March loaded in December) would value nine months that have no data. When
neither ``--extract-date`` nor ``manifest.json`` gives it, it is the latest date in the bundle's
event date columns (not those that may lie ahead: bail ends, expiries, due dates), ignoring dates
after today: the last day anything happened in the records.
"""

from __future__ import annotations

import re
from datetime import date

import duckdb

from vawg.ingest._source import SourceFile

GIVEN, MANIFEST, INFERRED, TODAY = "option", "manifest", "inferred", "today"


def _plain_relation(source: SourceFile) -> str:
    """The file's relation without the loader's reject tables (a scan here must not fill them)."""
    return re.sub(r", store_rejects = true, rejects_table = '[^']*', rejects_scan = '[^']*'",
                  ", ignore_errors = true", source.relation)  # fmt: skip


def infer_extract_date(con: duckdb.DuckDBPyConnection, sources: list[SourceFile]) -> date | None:
    """The latest valid date, not after today, in the event date columns of the bundle's files."""
    parts = []
    for source in sources:
        for name, ref in source.columns.items():
            column = source.table.column(name)
            if column.type == "date" and not column.may_be_future:  # not bail ends, expiries, due dates
                parts.append(f"SELECT max(TRY_CAST({ref} AS DATE)) AS d FROM {_plain_relation(source)} "
                             f"WHERE TRY_CAST({ref} AS DATE) <= current_date")  # fmt: skip
    if not parts:
        return None
    try:
        rows = con.execute(f"SELECT max(d) FROM ({' UNION ALL '.join(parts)})").fetchall()
    except duckdb.Error:  # an unreadable file: the load itself will say why
        return None
    found = rows[0][0] if rows else None
    return found if isinstance(found, date) else None


__all__ = ["GIVEN", "INFERRED", "MANIFEST", "TODAY", "infer_extract_date"]

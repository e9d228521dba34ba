"""Read the quarantine: the rows ingest set aside, with why and where."""

from __future__ import annotations

import duckdb
import pandas as pd

from vawg.contract import RULES, TABLES_BY_NAME
from vawg.errors import IngestError

QUARANTINE_COLUMNS = (
    "load_id",
    "table_name",
    "file",
    "line",
    "column_name",
    "rule",
    "value",
    "message",
    "raw",
)


def quarantine_rows(
    con: duckdb.DuckDBPyConnection,
    *,
    table: str | None = None,
    rule: str | None = None,
    limit: int | None = None,
    include_resolved: bool = False,
) -> pd.DataFrame:
    """Open quarantined rows, oldest load first, in file and line order; filter by table and rule id.

    ``include_resolved`` adds the rows a later load resolved (``resolved_by_load`` says which).

    Person-level data: the rows as the force sent them (OFFICIAL-SENSITIVE).
    """
    if table is not None and table not in TABLES_BY_NAME:
        raise IngestError(f"no table {table!r}; tables: {', '.join(TABLES_BY_NAME)}", table=table)
    if rule is not None and rule not in RULES:
        raise IngestError(f"no rule {rule!r}; rules: {', '.join(RULES)}", rule=rule)
    if limit is not None and limit < 0:
        raise IngestError(f"limit must be 0 or more, not {limit}")
    where: list[str] = [] if include_resolved else ["resolved_by_load IS NULL"]
    params: list[str] = []
    if table is not None:
        where.append("table_name = ?")
        params.append(table)
    if rule is not None:
        where.append("rule = ?")
        params.append(rule)
    columns = [*QUARANTINE_COLUMNS, "resolved_by_load"] if include_resolved else list(QUARANTINE_COLUMNS)
    sql = f"SELECT {', '.join(columns)} FROM quarantine"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY load_id, table_name, line, rule, column_name"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return con.execute(sql, params).df()

"""A store made before D-gov-8 keeps the model registry in DuckDB: copy it to app state, once.

On a read-write open of such a store (``vawg.store.connect``), every row of its ``model_versions``,
``model_status_log``, ``score_log``, ``model_ethics_decisions``, ``model_ethics_packs`` and
``score_overrides`` is copied into the app-state file in one transaction, values unchanged (times
as the text the chains hashed), so both chains still verify against the heads in the audit log. The
copy is recorded in ``app_meta`` (``governance_moved``: from which store, when, rows per table) and
in the audit log. Then the DuckDB tables are renamed ``legacy_<table>``, not dropped: nothing is
lost, and the next open finds nothing to move. If the app state already holds a registry of its
own (another store's), nothing is copied, the old tables are still renamed, and ``app_meta`` says
so (``governance_not_moved``): two chains cannot be merged without rewriting one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from vawg.appstate import GOVERNANCE_TABLES, app_state_path
from vawg.risk.governance._registry import ModelRegistry, utc_now

# The tables that moved, in the order they are copied (each keeps its own column names).
MOVED_TABLES = GOVERNANCE_TABLES
LEGACY_PREFIX = "legacy_"


def _present(con: duckdb.DuckDBPyConnection) -> list[str]:
    found = {
        t
        for (t,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    }
    return [t for t in MOVED_TABLES if t in found]


def needs_move(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store still holds governance tables in DuckDB (cheap: one catalogue query)."""
    return bool(_present(con))


def _copy(
    registry: ModelRegistry, con: duckdb.DuckDBPyConnection, tables: list[str], source: Path
) -> dict[str, int]:
    counts: dict[str, int] = {}
    with registry.writing() as target:
        for table in tables:
            cursor = con.execute(f"SELECT * FROM {table}")
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            registry.insert_many(target, table, columns, rows)
            counts[table] = len(rows)
        target.execute(
            "INSERT OR REPLACE INTO app_meta (key, value) VALUES ('governance_moved', ?)",
            [json.dumps({"from": str(source), "at": str(utc_now()), "rows": counts})],
        )
    return counts


def _store(con: duckdb.DuckDBPyConnection) -> Path | None:
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    return Path(rows[0][0]) if rows and rows[0][0] else None


def _has_registry(registry: ModelRegistry) -> bool:
    return any(registry.rows(f"SELECT 1 FROM {t} LIMIT 1") for t in ("model_versions", "score_log"))


def move_registry_from_store(con: duckdb.DuckDBPyConnection, *, store: Path | None = None) -> dict[str, Any]:
    """Copy an older store's governance tables into its app state once; rename them ``legacy_*``.

    ``con`` is a read-write connection to a store file; ``store`` is the store whose app state gets
    the registry (default: ``con``'s file; a refresh's working copy names the store it replaces). Returns what was done (empty when there was
    nothing to move). Safe to repeat: a crash after the copy and before the rename is finished on
    the next open (``app_meta`` says the copy was made), never copied twice.
    """
    tables = _present(con)
    path = store or _store(con)
    if not tables or path is None:
        return {}
    with ModelRegistry(app_state_path(path)) as registry:
        done: dict[str, Any] = {"tables": tables}
        if registry.meta("governance_moved") is not None:
            done["already_copied"] = True
        elif _has_registry(registry):
            with registry.writing() as target:
                target.execute(
                    "INSERT OR REPLACE INTO app_meta (key, value) VALUES ('governance_not_moved', ?)",
                    [json.dumps({"from": str(path), "at": str(utc_now()), "kept_as": LEGACY_PREFIX})],
                )
            done["not_copied"] = "the app state already holds a model registry"
        else:
            done["rows"] = _copy(registry, con, tables, path)
            registry.audit.record(
                actor="registry", action="model.moved", target=str(path.name), detail=done, client="vawg"
            )
    con.begin()
    try:
        for table in tables:
            con.execute(f"ALTER TABLE {table} RENAME TO {LEGACY_PREFIX}{table}")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return done


__all__ = ["LEGACY_PREFIX", "MOVED_TABLES", "move_registry_from_store", "needs_move"]

"""Open the store: one DuckDB file, created with its schema on first use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from vawg.config import get_settings
from vawg.errors import StoreError
from vawg.store._derived import add_missing_derived
from vawg.store._reference import refresh_reference, write_reference
from vawg.store._schema import SCHEMA_VERSION, add_missing_columns, create_schema, missing_columns
from vawg.store._swap import store_being_replaced


def connect(path: Path | str | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and on first use create) the store at ``path`` (default: settings ``db``).

    ``":memory:"`` gives an in-memory store, handy in tests. A read-only open of a missing file is
    an error that names the file and the command that creates it.
    """
    settings = get_settings()
    target = str(path if path is not None else settings.db)
    if target != ":memory:" and read_only and not Path(target).exists():
        raise StoreError(
            f"{target}: no store here; create one with `vawg ingest BUNDLE --db {target}`", path=target
        )
    config: dict[str, Any] = {}
    if settings.threads:
        config["threads"] = settings.threads
    if settings.memory_limit:
        config["memory_limit"] = settings.memory_limit
    try:
        con = duckdb.connect(target, read_only=read_only, config=config)
    except duckdb.Error as exc:
        raise StoreError(f"{target}: cannot open the store ({exc})", path=target) from exc
    # fetchall, not fetchone: DuckDB 2 keeps a half-read result open and then refuses the next query.
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchall()
    if not has_meta or has_meta[0][0] == 0:
        if read_only:
            con.close()
            raise StoreError(f"{target}: not a vawg store (no meta table)", path=target)
        _create(con)
        return con
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    row = rows[0] if rows else None
    if row is None or int(row[0]) != SCHEMA_VERSION:
        con.close()
        raise StoreError(
            f"{target}: store schema version {row[0] if row else 'unknown'}; this vawg expects "
            f"{SCHEMA_VERSION}",
            path=target,
        )
    if read_only:
        if missing_columns(con):
            con.close()
            raise StoreError(
                f"{target}: this store was made by an older vawg; open it once read-write "
                f"(e.g. `vawg ingest BUNDLE --db {target}`) to add the columns it lacks",
                path=target,
            )
        return con
    add_missing_columns(con)
    refresh_reference(con)  # only when the reference data differs, and then atomically
    add_missing_derived(con)  # an older store's derived tables, or after new reference data
    _move_model_registry(con, target)
    return con


def _move_model_registry(con: duckdb.DuckDBPyConnection, target: str) -> None:
    """A store made before D-gov-8 holds the model registry: copy it into app state, once."""
    if target == ":memory:":
        return
    has_old = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name IN "
        "('model_versions', 'model_status_log', 'score_log', 'model_ethics_decisions', "
        "'model_ethics_packs', 'score_overrides')"
    ).fetchall()[0][0]
    if has_old:  # imported only then: the registry is not needed to open a store
        from vawg.risk.governance import move_registry_from_store

        # A refresh's working copy (replacing_store): the registry goes beside the store it replaces.
        move_registry_from_store(con, store=store_being_replaced(target))


def _create(con: duckdb.DuckDBPyConnection) -> None:
    """The schema and the reference tables, all in one transaction: a store exists whole or not at all."""
    con.begin()
    try:
        create_schema(con)
        write_reference(con)
        con.commit()
    except BaseException:
        con.rollback()
        raise


def ibis_connection(con: duckdb.DuckDBPyConnection) -> Any:
    """An Ibis DuckDB backend over an open store connection (the metrics' engine)."""
    import ibis

    return ibis.duckdb.from_connection(con)

"""Open the store: one DuckDB file, created with its schema on first use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from vawg.config import get_settings
from vawg.errors import StoreError
from vawg.reference import load_reference
from vawg.store._schema import REFERENCE_DDL, SCHEMA_VERSION, create_schema


def _refresh_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite the reference tables from the reference data and settings (cheap: a few hundred rows)."""
    settings = get_settings()
    ref = load_reference()
    for statement in REFERENCE_DDL:
        con.execute(statement)
    offence = ref.offence_table(settings.default_harm_days)[
        ["offence_code", "description", "offence_group", "offence_subgroup", "vawg_category", "harm_days"]
    ]
    con.register("_ref_offence_df", offence)
    con.execute("INSERT INTO ref_offence SELECT * FROM _ref_offence_df")
    con.unregister("_ref_offence_df")
    outcome = ref.outcome_types[["outcome_code", "description", "outcome_group"]].copy()
    outcome["is_positive"] = outcome["outcome_code"].isin(settings.positive_outcomes)
    con.register("_ref_outcome_df", pd.DataFrame(outcome))
    con.execute("INSERT INTO ref_outcome SELECT * FROM _ref_outcome_df")
    con.unregister("_ref_outcome_df")


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
        create_schema(con)
    else:
        rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        row = rows[0] if rows else None
        if row is None or int(row[0]) != SCHEMA_VERSION:
            con.close()
            raise StoreError(
                f"{target}: store schema version {row[0] if row else 'unknown'}; this vawg expects "
                f"{SCHEMA_VERSION}",
                path=target,
            )
    if not read_only:
        _refresh_reference(con)
    return con


def ibis_connection(con: duckdb.DuckDBPyConnection) -> Any:
    """An Ibis DuckDB backend over an open store connection (the metrics' engine)."""
    import ibis

    return ibis.duckdb.from_connection(con)

"""Governance steps in the audit log (``vawg.audit``), with the heads of the governance chains.

Every status move and every batch of logged scores is recorded in the audit log of the store's
app-state file, with the head (last seq and hash) of the chained table it appended to. The audit log
is a separate, chained file, so rows deleted from the end of a table in the store show up when the
table is compared with the last head recorded there (:func:`recorded_heads`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from vawg.accounts import User
from vawg.risk.governance._chain import chain_head, check_chains

# The audit actions governance writes (prefix "model.").
ACTIONS = ("model.register", "model.submit", "model.approve", "model.retire", "model.ethics", "model.score")


def store_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file of the connection's database, or None for an in-memory one (no app state beside it)."""
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    return Path(rows[0][0]) if rows and rows[0][0] else None


def record_step(
    con: duckdb.DuckDBPyConnection,
    actor: User | str,
    action: str,
    target: str,
    table: str | None,
    detail: dict[str, Any] | None = None,
    row_count: int | None = None,
) -> None:
    """Write one governance step to the audit log beside the store, with ``table``'s chain head."""
    path = store_file(con)
    if path is None:
        return
    from vawg.audit import AuditLog

    full = dict(detail or {})
    if table is not None:
        seq, digest = chain_head(con, table)
        full.update({"chain": table, "head_seq": seq, "head": digest})
    with AuditLog.for_store(path) as log:
        log.record(actor=actor, action=action, target=target, detail=full, row_count=row_count, client="vawg")


def recorded_heads(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, str]]:
    """The last chain head the audit log recorded for each governance table (empty without a file)."""
    path = store_file(con)
    if path is None:
        return {}
    from vawg.audit import AuditLog

    heads: dict[str, tuple[int, str]] = {}
    with AuditLog.for_store(path) as log:
        for entry in log.entries(action="model."):
            chain = entry.detail.get("chain")
            if chain:
                heads[str(chain)] = (int(entry.detail["head_seq"]), str(entry.detail["head"]))
    return heads


def verify_chains(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every sign of tampering with the model registry or the score log; empty when intact.

    Checks the hash chains of ``model_status_log`` and ``score_log``, that each version's status is
    the one its chained log ends at (a direct ``UPDATE model_versions SET status = ...`` shows), and
    that neither table ends before the head the audit log recorded (rows deleted from the end).
    ``vawg audit verify`` calls it for the store beside the audit log.
    """
    return check_chains(con, recorded_heads(con))


__all__ = ["ACTIONS", "record_step", "recorded_heads", "store_file", "verify_chains"]

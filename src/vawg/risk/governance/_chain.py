"""Hash chains over the model status log and the score log, and checking them.

Each row carries ``seq`` (1, 2, …), the hash of the row before it and its own hash: SHA-256 over
canonical JSON of the previous hash and the row's fields. A row edited, deleted or inserted breaks
the chain. Two things a chain alone cannot see are checked beside it: a direct ``UPDATE`` of
``model_versions.status`` (the status must be the last one the chained log records) and rows deleted
from the end (each append records the chain's head in the audit log, ``vawg.audit``, a separate
chain; :func:`check_chains` compares the last head recorded there with the table). The tables live
in the app-state file (``ModelRegistry``).
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from collections.abc import Sequence
from typing import Any

from vawg.risk.governance._registry import ModelRegistry

GENESIS = "0" * 64

STATUS_FIELDS = (
    "seq", "name", "version", "from_status", "to_status", "changed_by", "changed_by_id", "changed_at", "note",
)  # fmt: skip
SCORE_FIELDS = (
    "seq", "logged_at", "model", "version", "purpose", "user", "user_id", "person_id", "score", "level",
)  # fmt: skip
CHAINS = {"model_status_log": STATUS_FIELDS, "score_log": SCORE_FIELDS}


def _plain(value: Any) -> Any:
    # Timestamps as their text, NaN as null: the same row read back from the registry hashes the same.
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else repr(value)
    return str(value)


def row_hash(prev_hash: str, row: Sequence[Any]) -> str:
    """SHA-256 of the previous hash and the row's fields (in the chain's field order)."""
    payload = json.dumps([prev_hash, *(_plain(v) for v in row)], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def chain_head(con: ModelRegistry | sqlite3.Connection, table: str) -> tuple[int, str]:
    """(last seq, last hash) of a chained table; (0, GENESIS) when it has no chained rows yet."""
    sql = f"SELECT seq, hash FROM {table} WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1"
    rows = con.rows(sql) if isinstance(con, ModelRegistry) else con.execute(sql).fetchall()
    return (int(rows[0][0]), str(rows[0][1])) if rows else (0, GENESIS)


def chain_rows(con: sqlite3.Connection, table: str, rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """``rows`` (fields after ``seq``, in the chain's order) with seq, prev_hash and hash appended.

    ``con`` is inside the registry's write transaction, so no other writer appends in between.
    """
    seq, prev = chain_head(con, table)
    chained = []
    for row in rows:
        seq += 1
        fields = (seq, *row)
        digest = row_hash(prev, fields)
        chained.append((*fields, prev, digest))
        prev = digest
    return chained


def _check_chain(registry: ModelRegistry, table: str) -> tuple[list[str], tuple[int, str]]:
    fields = CHAINS[table]
    columns = ", ".join(f'"{f}"' for f in fields)
    rows = registry.rows(f"SELECT {columns}, prev_hash, hash FROM {table} WHERE seq IS NOT NULL ORDER BY seq")
    unchained = registry.rows(f"SELECT count(*) FROM {table} WHERE seq IS NULL")[0][0]
    problems, prev, expected = [], GENESIS, 1
    for row in rows:
        seq, prev_hash, digest = row[0], row[-2], row[-1]
        if seq != expected:
            problems.append(f"{table}: row {expected} is missing before row {seq} (deleted)")
        if prev_hash != prev:
            problems.append(f"{table}: row {seq} does not follow the row before it (chain broken)")
        if row_hash(prev_hash, row[:-2]) != digest:
            problems.append(f"{table}: row {seq} does not match its hash (edited)")
        prev, expected = digest, seq + 1
    if unchained and rows:
        problems.append(f"{table}: {unchained} row(s) outside the chain (inserted directly)")
    return problems, (expected - 1, prev)


def _check_statuses(registry: ModelRegistry) -> list[str]:
    found = registry.rows(
        """SELECT v.name, v.version, v.status, l.to_status
           FROM model_versions v
           JOIN model_status_log l ON l.name = v.name AND l.version = v.version
           WHERE l.seq = (SELECT max(seq) FROM model_status_log m
                          WHERE m.name = v.name AND m.version = v.version AND m.seq IS NOT NULL)
             AND l.to_status <> v.status
           ORDER BY v.name, v.version"""
    )
    return [
        f"model_versions: {name} version {version} is {status} but its status log ends at "
        f"{logged} (the status was changed directly)"
        for name, version, status, logged in found
    ]


def check_chains(
    registry: ModelRegistry, recorded_heads: dict[str, tuple[int, str]] | None = None
) -> list[str]:
    """Every problem found in the governance chains; an empty list when nothing was tampered with.

    ``recorded_heads`` maps a chained table to the last (seq, hash) recorded elsewhere (the audit
    log); a table that ends before its recorded head lost rows from its end.
    """
    problems: list[str] = []
    for table in CHAINS:
        found, (seq, digest) = _check_chain(registry, table)
        problems += found
        recorded = (recorded_heads or {}).get(table)
        if recorded is not None and recorded[0] > seq:
            problems.append(
                f"{table}: the audit log recorded row {recorded[0]} but the table ends at row {seq} "
                "(rows deleted from the end)"
            )
        elif recorded is not None and recorded[0] == seq and recorded[1] != digest:
            problems.append(f"{table}: row {seq} is not the row the audit log recorded (replaced)")
    problems += _check_statuses(registry)
    return problems


__all__ = [
    "CHAINS",
    "GENESIS",
    "SCORE_FIELDS",
    "STATUS_FIELDS",
    "chain_head",
    "chain_rows",
    "check_chains",
    "row_hash",
]

"""The app-state schema: a version-1 file (before the model registry moved in) becomes version 2 on
open, once, keeping what it holds; a file from a newer vawg is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from vawg.appstate import APP_SCHEMA_VERSION, connect_app_state
from vawg.errors import StoreError

REGISTRY = {"model_versions", "model_status_log", "score_log", "model_ethics_decisions", "score_overrides"}


def _tables(con: sqlite3.Connection) -> set[str]:
    return {t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _version_one(path: Path) -> None:
    """A file as schema version 1 left it: users and the audit log, no registry tables."""
    connect_app_state(path).close()
    con = sqlite3.connect(path)
    for table in (*REGISTRY, "model_ethics_packs"):
        con.execute(f"DROP TABLE {table}")
    con.execute("UPDATE app_meta SET value = '1' WHERE key = 'schema_version'")
    con.execute("INSERT INTO app_meta (key, value) VALUES ('kept', 'yes')")
    con.commit()
    con.close()


def test_a_version_one_file_gains_the_registry_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "store.app.sqlite"
    _version_one(path)
    assert APP_SCHEMA_VERSION == 2
    for _ in range(2):  # idempotent: the second open changes nothing
        con = connect_app_state(path)
        assert _tables(con) >= REGISTRY
        assert con.execute("SELECT value FROM app_meta WHERE key = 'schema_version'").fetchall() == [("2",)]
        assert con.execute("SELECT value FROM app_meta WHERE key = 'kept'").fetchall() == [("yes",)]
        con.close()


def test_a_newer_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.app.sqlite"
    connect_app_state(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE app_meta SET value = '3' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema version 3; this vawg expects 2"):
        connect_app_state(path)


def test_opening_a_current_file_takes_no_write_lock(tmp_path: Path) -> None:
    """The web app opens the file per request: an open must not queue behind another writer for
    schema statements that change nothing (they run only for a new or older file)."""
    path = tmp_path / "store.app.sqlite"
    connect_app_state(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another request holds the write lock
    try:
        con = connect_app_state(path)
        assert con.execute("SELECT value FROM app_meta WHERE key = 'schema_version'").fetchone() == ("2",)
        con.close()
    finally:
        writer.execute("ROLLBACK")
        writer.close()

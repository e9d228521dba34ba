"""replacing_store: a refresh writes a copy and swaps it in; the old file is untouched on failure."""

from __future__ import annotations

import duckdb
import pytest

from vawg.errors import StoreError
from vawg.store import replacing_store


def _store(path, value: int) -> None:  # type: ignore[no-untyped-def]
    con = duckdb.connect(str(path))
    con.execute("CREATE OR REPLACE TABLE t AS SELECT ? AS x", [value])
    con.execute("CREATE OR REPLACE TABLE model_registry AS SELECT 'v1' AS version")  # kept by a refresh
    con.close()


def _read(path, table: str = "t"):  # type: ignore[no-untyped-def]
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f"SELECT * FROM {table}").fetchall()
    finally:
        con.close()


def test_swap_keeps_every_table_and_replaces_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "s.duckdb"
    _store(db, 1)
    inode = db.stat().st_ino
    reader = duckdb.connect(str(db), read_only=True)  # a reader (the web app) holds the old file open
    with replacing_store(db) as work:
        assert work != db and work.parent == db.parent
        con = duckdb.connect(str(work))
        con.execute("UPDATE t SET x = 2")
        con.close()
    assert reader.execute("SELECT x FROM t").fetchall() == [(1,)]  # the old reader keeps its file
    reader.close()
    assert db.stat().st_ino != inode
    assert _read(db) == [(2,)]
    assert _read(db, "model_registry") == [("v1",)]
    assert not list(tmp_path.glob(".s.duckdb.next*"))


def test_failure_leaves_the_store_untouched(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "s.duckdb"
    _store(db, 1)
    inode = db.stat().st_ino
    with pytest.raises(RuntimeError), replacing_store(db) as work:
        con = duckdb.connect(str(work))
        con.execute("UPDATE t SET x = 3")
        con.close()
        raise RuntimeError("ingest failed half-way")
    assert db.stat().st_ino == inode and _read(db) == [(1,)]
    assert not list(tmp_path.glob(".s.duckdb.next*"))


def test_a_pending_write_ahead_log_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "s.duckdb"
    _store(db, 1)
    (tmp_path / "s.duckdb.wal").write_bytes(b"pending")
    with pytest.raises(StoreError, match=r"s\.duckdb\.wal exists"), replacing_store(db):
        pass

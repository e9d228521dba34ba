"""A store made for contract 1.0 is brought up to 1.1 on its next read-write open: the tables and
optional columns the contract added are created, and a 1.1 bundle then loads into it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.ingest._helpers import write_bundle
from vawg.errors import StoreError
from vawg.ingest import ingest
from vawg.store import connect

ADDED_TABLES = ("conduct_cases", "training_completions", "training_eligible", "suspect_status")
ADDED_CRIME_COLUMNS = ("lsoa_code", "latitude", "longitude", "public_place", "committed_hour")


def _as_made_for_1_0(path: Path) -> None:
    connect(path).close()
    con = duckdb.connect(str(path))
    for table in ADDED_TABLES:
        con.execute(f"DROP TABLE {table}")
    for column in ADDED_CRIME_COLUMNS:
        con.execute(f"ALTER TABLE crimes DROP COLUMN {column}")
    con.close()


def test_an_older_store_is_upgraded_on_a_read_write_open(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _as_made_for_1_0(path)
    with pytest.raises(StoreError, match="made by an older vawg; open it once read-write"):
        connect(path, read_only=True)
    con = connect(path)
    tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(ADDED_TABLES) <= tables
    columns = {
        c
        for (c,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'crimes'"
        ).fetchall()
    }
    assert set(ADDED_CRIME_COLUMNS) <= columns
    report = ingest(write_bundle(tmp_path / "bundle"), con, progress=False)
    assert report.loaded and report.exit_code == 0
    con.close()
    connect(path, read_only=True).close()  # current now: a read-only open works

"""The hand-made bundle (tests/operations/bundle) ingested into a store: worked answers in
test_worked_answers.py are computed by hand from its CSV files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from vawg.ingest import ingest
from vawg.store import connect

BUNDLE = Path(__file__).parent / "bundle"


def ingest_handmade(db: Path) -> duckdb.DuckDBPyConnection:
    ingest(BUNDLE, db, progress=False)
    return connect(db)


@pytest.fixture(scope="session")
def handmade(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """The hand-made store, shared by the session: tests that change it roll their changes back."""
    con = ingest_handmade(tmp_path_factory.mktemp("handmade") / "store.duckdb")
    yield con
    con.close()

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


@pytest.fixture(scope="module")
def handmade(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    con = ingest_handmade(tmp_path_factory.mktemp("handmade") / "store.duckdb")
    yield con
    con.close()

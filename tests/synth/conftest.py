"""Fixtures for the synthetic force's tests: the default bundle loaded into DuckDB, read by plain SQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.synth.forcesql import load_bundle


@pytest.fixture(scope="session")
def force(default_bundle: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The default synthetic force (scale 1, seed 42) loaded from its CSV files."""
    con = load_bundle(default_bundle)
    yield con
    con.close()

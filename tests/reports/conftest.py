"""Fixtures: the hand-made store (built once per worker) and a copy with national data loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.reports._handmade import build_store

HO_FILE = (
    Path(__file__).parents[1] / "data" / "ho-prc-pfa-2017-18" / "prc-pfa-mar2013-onwards-tables201718.csv"
)


@pytest.fixture(scope="session")
def handmade_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store of about 3,000 crimes, April 2021 to March 2023. Read-only for tests."""
    path = tmp_path_factory.mktemp("handmade") / "store.duckdb"
    build_store(path)
    return path


@pytest.fixture(scope="session")
def store_with_national(tmp_path_factory: pytest.TempPathFactory, handmade_store: Path) -> Path:
    """The hand-made store plus the real Home Office 2017/18 table in national_crime."""
    from vawg.national import load_national
    from vawg.store import connect

    path = tmp_path_factory.mktemp("national") / "store.duckdb"
    shutil.copy(handmade_store, path)
    con = connect(path)
    load_national(HO_FILE, con)
    con.close()
    return path

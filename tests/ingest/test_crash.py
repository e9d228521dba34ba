"""Ingest killed (SIGKILL, in a real subprocess) at every point where it commits or is about to.

Each test kills a load of a newer extract at one point, then checks that the store opens, that
loading the extract again completes, and that the result equals an uninterrupted load: every data
table, the quarantine (with which problems are open), the history, and a metric.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ingest._helpers import base_rows, snapshot, write_bundle
from tests.ingest._kill import ingest_killed_at
from vawg.ingest import ingest
from vawg.metrics import compute
from vawg.store import connect


def _newer(folder: Path) -> Path:
    """A newer extract: a changed crime, a corrected outcome, a bad row, optional tables changed."""
    tables = base_rows()
    tables["crimes"][0]["area"] = "Coventry"
    tables["crimes"].append({**tables["crimes"][1], "crime_id": "C9", "offence_code": "NOPE"})
    tables["outcomes"][1] = {"crime_id": "C1", "outcome_code": "2", "outcome_date": "2022-03-01"}
    tables["incidents"][1]["area"] = "Dudley"
    tables["actions"][0]["done_date"] = "2023-03-20"
    return write_bundle(folder, tables)


def _state(store: Path) -> dict[str, object]:
    con = connect(store, read_only=True)
    try:
        state = snapshot(con)
        state["quarantine"] = [(t, Path(f).name, *rest) for t, f, *rest in state["quarantine"]]
        state["open_quarantine"] = con.execute(
            "SELECT table_name, line, rule FROM quarantine WHERE resolved_by_load IS NULL ORDER BY ALL"
        ).fetchall()
        state["metric"] = compute(con, "vawg_recorded_crimes", grain="all").frame["value"].tolist()
        return state
    finally:
        con.close()


@pytest.fixture(scope="module")
def first_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the first extract (each test works on a copy)."""
    folder = tmp_path_factory.mktemp("first")
    ingest(write_bundle(folder / "first"), folder / "store.duckdb", progress=False)
    return folder / "store.duckdb"


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The store after an uninterrupted load of the first extract, then the newer one."""
    folder = tmp_path_factory.mktemp("clean")
    store = folder / "clean.duckdb"
    ingest(write_bundle(folder / "first"), store, progress=False)
    ingest(_newer(folder / "newer"), store, progress=False)
    return _state(store)


# (point, strict, which tables the killed load left committed: "none", "required" or "incidents")
POINTS = [
    ("ingest.persons.written", False, "none"),  # mid-file, first required table
    ("ingest.outcomes.written", False, "none"),  # mid-file, last required table: still none of it
    ("derived.built", False, "none"),  # the derived tables rebuilt, not yet committed with the data
    ("ingest.required.committed", False, "required"),  # between files
    ("ingest.incidents.written", False, "required"),  # mid-file, an optional table
    ("ingest.incidents.committed", False, "incidents"),  # between optional files
    ("ingest.crimes.written", True, "none"),  # during --strict
]


@pytest.mark.parametrize(("point", "strict", "committed"), POINTS)
def test_killed_ingest_recovers_to_a_clean_load(
    tmp_path: Path, first_store: Path, expected: dict[str, object], point: str, strict: bool, committed: str
) -> None:
    store = tmp_path / "store.duckdb"
    shutil.copy(first_store, store)
    before = _state(store)
    newer = _newer(tmp_path / "newer")

    ingest_killed_at(point, newer, store, strict=strict)

    after_kill = _state(store)  # the store opens
    if committed == "none":
        assert after_kill == before
    else:
        assert after_kill["crimes"] != before["crimes"]  # the required tables are in, all of them
        assert after_kill["outcomes"] != before["outcomes"]
        assert (after_kill["incidents"] != before["incidents"]) == (committed == "incidents")
        assert after_kill["actions"] == before["actions"]
    report = ingest(newer, store, progress=False)
    assert report.loaded and report.exit_code == 1  # the bad crime C9 is quarantined
    assert _state(store) == expected


def test_killed_first_ingest_leaves_a_store_that_opens(tmp_path: Path, expected: dict[str, object]) -> None:
    """Killed inside the very first load (store just created, required tables written)."""
    store = tmp_path / "store.duckdb"
    ingest_killed_at("ingest.crimes.written", write_bundle(tmp_path / "first"), store)
    assert _state(store)["crimes"] == []
    ingest(tmp_path / "first", store, progress=False)
    ingest(_newer(tmp_path / "newer"), store, progress=False)
    assert _state(store) == expected

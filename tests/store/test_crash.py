"""Store creation and the reference refresh killed (SIGKILL, in a subprocess) half-way."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.ingest._helpers import base_rows, snapshot, write_bundle
from tests.ingest._kill import OPEN, ingest_killed_at, run_killed
from vawg.config import get_settings
from vawg.ingest import ingest
from vawg.metrics import compute
from vawg.store import connect


def _metric(store: Path) -> list[float]:
    con = connect(store, read_only=True)
    try:
        return compute(con, "vawg_recorded_crimes", grain="all").frame["value"].tolist()
    finally:
        con.close()


def test_kill_during_schema_creation_leaves_a_store_that_opens(tmp_path: Path) -> None:
    store, clean = tmp_path / "store.duckdb", tmp_path / "clean.duckdb"
    bundle = write_bundle(tmp_path / "b")
    ingest_killed_at("schema.half", bundle, store)
    connect(store).close()  # opens (and is created afresh): not "schema version unknown"
    report = ingest(bundle, store, progress=False)
    assert report.exit_code == 0
    ingest(bundle, clean, progress=False)
    a, b = connect(store, read_only=True), connect(clean, read_only=True)
    assert snapshot(a) == snapshot(b)
    assert (
        a.execute("SELECT count(*) FROM ref_offence").fetchall()
        == b.execute("SELECT count(*) FROM ref_offence").fetchall()
    )
    a.close()
    b.close()
    assert _metric(store) == _metric(clean) == [3]


def test_kill_during_reference_refresh_keeps_the_old_reference_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store.duckdb"
    tables = base_rows()
    ingest(write_bundle(tmp_path / "b", tables), store, progress=False)
    con = connect(store, read_only=True)
    offences = con.execute("SELECT * FROM ref_offence ORDER BY ALL").fetchall()
    con.close()
    assert len(offences) > 100 and _metric(store) == [3]

    # Other settings make the reference differ: the open that rewrites it is killed half-way.
    other = {"VAWG_POSITIVE_OUTCOMES": '["1"]'}
    assert run_killed("reference.replaced", str(store), code=OPEN, env=other) == -signal.SIGKILL
    con = connect(store, read_only=True)
    assert con.execute("SELECT * FROM ref_offence ORDER BY ALL").fetchall() == offences
    positive = con.execute("SELECT count(*) FROM ref_outcome WHERE is_positive").fetchall()[0][0]
    con.close()
    assert positive == len(get_settings().positive_outcomes) and _metric(store) == [3]

    # Opened again with those settings, the refresh completes (atomically, this time uninterrupted).
    monkeypatch.setenv("VAWG_POSITIVE_OUTCOMES", '["1"]')
    get_settings.cache_clear()
    con = connect(store)
    assert con.execute("SELECT outcome_code FROM ref_outcome WHERE is_positive").fetchall() == [("1",)]
    assert con.execute("SELECT * FROM ref_offence ORDER BY ALL").fetchall() == offences
    con.close()


def test_reference_is_rewritten_only_when_it_differs(tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    connect(store).close()
    # Same reference data: an open does not touch the tables, so it never reaches the point.
    assert run_killed("reference.replaced", str(store), code=OPEN) == 0
    assert run_killed("reference.replaced", str(store), code=OPEN, env={"VAWG_DEFAULT_HARM_DAYS": "2"}) == (
        -signal.SIGKILL
    )

"""outstanding-suspects takes RFSDI only from the approved version, and logs the scores it shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.operations.conftest import ingest_handmade
from vawg.operations import compute_list
from vawg.risk import approve, register_rfsdi, score_rfsdi, submit

D = date(2023, 1, 31)


@pytest.fixture
def store(tmp_path: Path):
    con = ingest_handmade(tmp_path / "store.duckdb")
    yield con
    con.close()


def test_a_draft_version_gives_no_scores(store) -> None:
    version = register_rfsdi(store)
    submit(store, "rfsdi", version.version, by="analyst")  # submitted, not approved
    work = compute_list(store, "outstanding-suspects", D, actor="tester")
    assert work.frame["rfsdi_level"].isna().all()
    assert "no approved version" in work.notes[0]


def test_the_approved_version_scores_and_every_score_is_logged(store) -> None:
    version = register_rfsdi(store)
    submit(store, "rfsdi", version.version, by="analyst")
    approve(store, "rfsdi", version.version, by="board chair")
    work = compute_list(store, "outstanding-suspects", D, actor="tester")
    expected = score_rfsdi(store, D, persons=["P-A1", "P-A2"]).frame.set_index("person_id")
    frame = work.frame.set_index("person_id")
    for person in ("P-A1", "P-A2"):
        assert frame.loc[person, "rfsdi_score"] == pytest.approx(expected.loc[person, "score"])
        assert frame.loc[person, "rfsdi_level"] == expected.loc[person, "level"]
        assert frame.loc[person, "rfsdi_version"] == version.version
    assert work.metadata()["rfsdi_version"] == version.version
    names = ("recency", "frequency", "severity", "drugs", "intelligence")
    for person in ("P-A1", "P-A2"):  # the top components: the largest points first, ties by name
        points = sorted(
            ((float(expected.loc[person, f"{n}_points"]), n) for n in names), key=lambda x: (-x[0], x[1])
        )
        shown = [(n, p) for p, n in points[:2] if p > 0]
        assert frame.loc[person, "rfsdi_top_components"] == ", ".join(f"{n} {p:.2f}" for n, p in shown)
    logged = store.execute('SELECT person_id, "user", purpose FROM score_log ORDER BY person_id').fetchall()
    assert logged == [("P-A1", "tester", "operational"), ("P-A2", "tester", "operational")]


def test_a_read_only_store_cannot_show_scores_it_cannot_log(tmp_path: Path) -> None:
    from vawg.errors import OperationsError
    from vawg.store import connect

    path = tmp_path / "store.duckdb"
    con = ingest_handmade(path)
    version = register_rfsdi(con)
    submit(con, "rfsdi", version.version, by="analyst")
    approve(con, "rfsdi", version.version, by="board chair")
    con.close()
    read_only = connect(path, read_only=True)
    try:
        with pytest.raises(OperationsError, match="open the store writable"):
            compute_list(read_only, "outstanding-suspects", D)
    finally:
        read_only.close()

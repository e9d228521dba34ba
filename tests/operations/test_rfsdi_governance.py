"""outstanding-suspects takes RFSDI only from the approved version, and logs the scores it shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.operations.conftest import ingest_handmade
from tests.risk.governed import EVIDENCE_METRICS, WINDOW, add_accounts, approve_rfsdi
from vawg.operations import compute_list
from vawg.risk import ModelRegistry, register_rfsdi, score_rfsdi, submit

D = date(2023, 1, 31)


@pytest.fixture
def store(tmp_path: Path):
    con = ingest_handmade(tmp_path / "store.duckdb")
    yield con
    con.close()


@pytest.fixture
def people(tmp_path: Path) -> dict:  # type: ignore[type-arg]
    return add_accounts(tmp_path / "store.duckdb")


@pytest.fixture
def registry(tmp_path: Path):
    with ModelRegistry.for_store(tmp_path / "store.duckdb") as opened:
        yield opened


def _approve(con, people) -> str:  # type: ignore[no-untyped-def]
    with ModelRegistry.for_connection(con) as registry:
        return approve_rfsdi(registry, con, submitter=people["analyst"], approver=people["chair"])


def test_a_draft_version_gives_no_scores(store, people, registry) -> None:
    version = register_rfsdi(registry, store, metrics=EVIDENCE_METRICS, training_window=WINDOW)
    submit(registry, "rfsdi", version.version, by=people["analyst"])  # submitted, not approved
    work = compute_list(store, "outstanding-suspects", D, actor=people["pc1"])
    assert work.frame["rfsdi_level"].isna().all()
    assert "no approved version" in work.notes[0]


def test_without_a_signed_in_user_who_acts_on_scores_there_are_none(store, people, registry) -> None:
    _approve(store, people)
    for actor in ("tester", None):  # a login name is not an authenticated user
        work = compute_list(store, "outstanding-suspects", D, actor=actor)
        assert work.frame["rfsdi_level"].isna().all() and "signed-in user" in work.notes[0]
    assert registry.rows("SELECT count(*) FROM score_log") == [(0,)]


def test_the_approved_version_scores_and_every_score_is_logged(store, people, registry) -> None:
    version = _approve(store, people)
    work = compute_list(store, "outstanding-suspects", D, actor=people["pc1"])
    expected = score_rfsdi(store, D, persons=["P-A1", "P-A2"]).frame.set_index("person_id")
    frame = work.frame.set_index("person_id")
    for person in ("P-A1", "P-A2"):
        assert frame.loc[person, "rfsdi_score"] == pytest.approx(expected.loc[person, "score"])
        assert frame.loc[person, "rfsdi_level"] == expected.loc[person, "level"]
        assert frame.loc[person, "rfsdi_version"] == version
    assert work.metadata()["rfsdi_version"] == version
    names = ("recency", "frequency", "severity", "drugs", "intelligence")
    for person in ("P-A1", "P-A2"):  # the top components: the largest points first, ties by name
        points = sorted(
            ((float(expected.loc[person, f"{n}_points"]), n) for n in names), key=lambda x: (-x[0], x[1])
        )
        shown = [(n, p) for p, n in points[:2] if p > 0]
        assert frame.loc[person, "rfsdi_top_components"] == ", ".join(f"{n} {p:.2f}" for n, p in shown)
    logged = registry.rows('SELECT person_id, "user", purpose FROM score_log ORDER BY person_id')
    assert logged == [("P-A1", "pc1", "operational"), ("P-A2", "pc1", "operational")]


def test_a_read_only_store_shows_scores_and_logs_them_beside_it(tmp_path: Path) -> None:
    """The web app's case: the data store is read-only, the score log (app state) is writable."""
    from vawg.store import connect

    path = tmp_path / "store.duckdb"
    con = ingest_handmade(path)
    people = add_accounts(path)
    version = _approve(con, people)
    con.close()
    read_only = connect(path, read_only=True)
    try:
        work = compute_list(read_only, "outstanding-suspects", D, actor=people["pc1"])
    finally:
        read_only.close()
    assert work.frame.set_index("person_id").loc[["P-A1", "P-A2"], "rfsdi_version"].tolist() == [version] * 2
    with ModelRegistry.for_store(path) as registry:
        logged = registry.rows('SELECT person_id, "user", user_id FROM score_log ORDER BY person_id')
    assert logged == [("P-A1", "pc1", people["pc1"].id), ("P-A2", "pc1", people["pc1"].id)]


def test_a_list_scored_without_logging_logs_only_the_rows_shown(store, people, registry) -> None:
    """log_scores=False (the web app's kept list): the same scores, nothing logged until the caller
    logs the rows it shows; a retired version can no longer be logged."""
    from vawg.errors import GovernanceError
    from vawg.operations import log_shown_scores, scoring_version
    from vawg.risk import retire

    version = _approve(store, people)
    assert scoring_version(store, people["pc1"]).startswith(f"{version}:")
    assert scoring_version(store, "tester") is None  # not a signed-in user: never scored
    work = compute_list(store, "outstanding-suspects", D, actor=people["pc1"], log_scores=False)
    assert registry.rows("SELECT count(*) FROM score_log") == [(0,)]
    logged_list = compute_list(store, "outstanding-suspects", D, actor=people["pc1"])
    assert work.frame.equals(logged_list.frame)
    registry.rows("DELETE FROM score_log")  # (a test: start the count again)
    shown = work.frame[work.frame["person_id"] == "P-A2"]
    assert log_shown_scores(registry, shown, people["pc1"], client="10.0.0.7") == 1
    assert registry.rows('SELECT person_id, "user" FROM score_log') == [("P-A2", "pc1")]
    assert registry.audit.entries(action="model.score")[-1].client == "10.0.0.7"
    retire(registry, "rfsdi", version, by=people["chair"], reason="superseded")
    assert scoring_version(store, people["pc1"]) is None
    with pytest.raises(GovernanceError):
        log_shown_scores(registry, shown, people["pc1"])


def test_the_chain_head_is_read_through_an_index() -> None:
    """Every append reads the head of the score log: a scan of the whole log would grow with it."""
    import sqlite3

    from vawg.appstate._governance import GOVERNANCE_SCHEMA

    con = sqlite3.connect(":memory:")
    for statement in GOVERNANCE_SCHEMA:
        con.execute(statement)
    for table in ("score_log", "model_status_log"):
        plan = con.execute(
            f"EXPLAIN QUERY PLAN SELECT seq, hash FROM {table} WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1"
        ).fetchall()
        assert any(f"{table}_seq" in str(row[-1]) for row in plan), plan  # the index, not a scan

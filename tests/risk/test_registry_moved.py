"""A store made before D-gov-8 kept the model registry in DuckDB: its first read-write open moves it
into the app-state file once, chains intact, nothing lost (the old tables renamed legacy_*)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from tests.risk.governed import CHAIR, EVIDENCE_METRICS, SHA
from vawg.audit import AuditLog
from vawg.risk import governance as gov
from vawg.risk.governance._chain import GENESIS, row_hash
from vawg.store import connect

# The tables as vawg made them in the store before the move (columns in their old order).
OLD_DDL = (
    """CREATE TABLE model_versions (name VARCHAR, version VARCHAR, status VARCHAR, created_at TIMESTAMP,
       training_start DATE, training_end DATE, metrics JSON, metadata JSON, submitted_by VARCHAR,
       submitted_at TIMESTAMP, approved_by VARCHAR, approved_at TIMESTAMP, conditions VARCHAR,
       retired_by VARCHAR, retired_at TIMESTAMP, artifact_sha256 VARCHAR, submitted_by_id INTEGER,
       approved_by_id INTEGER, retired_by_id INTEGER, PRIMARY KEY (name, version))""",
    """CREATE TABLE model_status_log (name VARCHAR, version VARCHAR, from_status VARCHAR,
       to_status VARCHAR, changed_by VARCHAR, changed_at TIMESTAMP, note VARCHAR, changed_by_id INTEGER,
       seq BIGINT, prev_hash VARCHAR, hash VARCHAR)""",
    """CREATE TABLE score_log (logged_at TIMESTAMP, model VARCHAR, version VARCHAR, purpose VARCHAR,
       user VARCHAR, person_id VARCHAR, score DOUBLE, level VARCHAR, user_id INTEGER, seq BIGINT,
       prev_hash VARCHAR, hash VARCHAR)""",
    """CREATE TABLE model_ethics_decisions (name VARCHAR, version VARCHAR, decision VARCHAR,
       committee VARCHAR, decided_on DATE, reference VARCHAR, conditions VARCHAR, dpia_reference VARCHAR,
       eia_reference VARCHAR, recorded_by VARCHAR, recorded_by_id INTEGER, recorded_at TIMESTAMP)""",
    """CREATE TABLE model_ethics_packs (name VARCHAR, version VARCHAR, generated_at TIMESTAMP,
       model_card_sha256 VARCHAR, atrs_sha256 VARCHAR)""",
)
T = [datetime(2023, 2, 1, 9, 0, s, 123456 if s % 2 else 0) for s in range(10)]
# (name, version, from, to, by, by_id, at, note): version 1 approved, version 2 submitted.
MOVES = [
    ("escalation", "1", None, "draft", "registry", None, T[0], "registered"),
    ("escalation", "2", None, "draft", "registry", None, T[1], "registered"),
    ("escalation", "1", "draft", "submitted", "analyst", 1, T[2], None),
    ("escalation", "2", "draft", "submitted", "analyst", 1, T[3], None),
    ("escalation", "1", "submitted", "approved", "chair", 2, T[4], "committee approved"),
]
SCORES = [  # (logged_at, model, version, purpose, user, user_id, person_id, score, level)
    (T[5], "escalation", "1", "triage", "chair", 2, "P1", 0.1, "low"),
    (T[5], "escalation", "1", "triage", "chair", 2, "P2", 0.9, "high"),
]


def _chained(rows: list[tuple]) -> list[tuple]:  # type: ignore[type-arg]
    prev, out = GENESIS, []
    for seq, row in enumerate(rows, start=1):
        digest = row_hash(prev, (seq, *row))
        out.append((seq, *row, prev, digest))
        prev = digest
    return out


def build_old_store(path: Path) -> None:
    """A store with the registry in DuckDB, as vawg wrote it before D-gov-8 (heads in the audit log)."""
    connect(path).close()
    con = duckdb.connect(str(path))
    for statement in OLD_DDL:
        con.execute(statement)
    metrics = json.dumps(EVIDENCE_METRICS, default=str)
    con.execute(
        "INSERT INTO model_versions (name, version, status, created_at, training_start, training_end, metrics,"
        " metadata, submitted_by, submitted_at, approved_by, approved_at, conditions, artifact_sha256,"
        " submitted_by_id, approved_by_id) VALUES ('escalation', '1', 'approved', ?, '2020-04-01',"
        " '2021-03-31', ?, '{}', 'analyst', ?, 'chair', ?, 'review in 6 months', ?, 1, 2),"
        " ('escalation', '2', 'submitted', ?, '2020-04-01', '2021-03-31', ?, '{}', 'analyst', ?, NULL, NULL,"
        " NULL, ?, 1, NULL)",
        [T[0], metrics, T[2], T[4], SHA, T[1], metrics, T[3], SHA],
    )
    status = _chained(MOVES)
    con.executemany(
        "INSERT INTO model_status_log (seq, name, version, from_status, to_status, changed_by, changed_by_id,"
        " changed_at, note, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        status,
    )
    scores = _chained(SCORES)
    con.executemany(
        "INSERT INTO score_log (seq, logged_at, model, version, purpose, user, user_id, person_id, score,"
        " level, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        scores,
    )
    con.execute(
        "INSERT INTO model_ethics_decisions VALUES ('escalation', '1', 'approved', 'FDEC', '2023-01-20',"
        " 'FDEC-1', 'none', 'DPIA-1', 'EIA-1', 'chair', 2, ?)",
        [T[3]],
    )
    con.execute("INSERT INTO model_ethics_packs VALUES ('escalation', '1', ?, ?, ?)", [T[3], SHA, SHA])
    con.close()
    with AuditLog.for_store(path) as log:
        for table, rows in (("model_status_log", status), ("score_log", scores)):
            head = {"chain": table, "head_seq": rows[-1][0], "head": rows[-1][-1]}
            log.record(actor="vawg", action="model.approve", target="escalation/1", detail=head)


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    build_old_store(path)
    return path


def _duckdb_tables(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in names if "model" in t
                or "score" in t}  # fmt: skip
    finally:
        con.close()


def test_a_read_write_open_moves_the_registry_once_with_its_chains_intact(old_store: Path) -> None:
    with gov.ModelRegistry.for_store(old_store) as registry:  # before the move: nothing there
        assert gov.list_versions(registry).empty
    connect(old_store).close()
    with gov.ModelRegistry.for_store(old_store) as registry:
        listing = gov.list_versions(registry)
        assert list(zip(listing["version"], listing["status"], strict=True)) == [
            ("1", "approved"),
            ("2", "submitted"),
        ]
        assert gov.verify_chains(registry) == []  # both chains, and their heads in the audit log
        assert registry.rows('SELECT person_id, score, "user" FROM score_log ORDER BY seq') == [
            ("P1", 0.1, "chair"),
            ("P2", 0.9, "chair"),
        ]
        assert gov.get_version(registry, "escalation", "1").approved_at == T[4]
        assert gov.ethics_decision(registry, "escalation", "1").reference == "FDEC-1"  # type: ignore[union-attr]
        moved = json.loads(registry.meta("governance_moved") or "{}")
        assert moved["rows"] == {
            "model_versions": 2, "model_status_log": 5, "score_log": 2, "model_ethics_decisions": 1,
            "model_ethics_packs": 1,
        }  # fmt: skip
    # The old tables are kept under new names, nothing lost; a second open copies nothing again.
    assert _duckdb_tables(old_store) == {
        "legacy_model_versions": 2, "legacy_model_status_log": 5, "legacy_score_log": 2,
        "legacy_model_ethics_decisions": 1, "legacy_model_ethics_packs": 1,
    }  # fmt: skip
    connect(old_store).close()
    with gov.ModelRegistry.for_store(old_store) as registry:
        assert registry.rows("SELECT count(*) FROM model_status_log") == [(5,)]


def test_the_moved_registry_goes_on_and_tampering_still_shows(old_store: Path) -> None:
    connect(old_store).close()
    with gov.ModelRegistry.for_store(old_store) as registry:
        gov.retire(registry, "escalation", "2", by=CHAIR, reason="superseded")
        assert gov.status_history(registry, "escalation", "2")["seq"].tolist() == [2, 4, 6]
        assert gov.verify_chains(registry) == []
        with registry.writing() as con:
            con.execute("UPDATE score_log SET score = 0.5 WHERE person_id = 'P1'")
        assert any("score_log: row 1 does not match its hash" in p for p in gov.verify_chains(registry))


def test_a_refresh_by_swap_moves_the_registry_beside_the_store_not_the_copy(old_store: Path) -> None:
    from vawg.store import replacing_store

    with replacing_store(old_store) as work:
        connect(work).close()  # what an ingest into the working copy does first
    assert not list(old_store.parent.glob(".*.app.sqlite"))  # no app state beside the copy
    with gov.ModelRegistry.for_store(old_store) as registry:
        assert list(gov.list_versions(registry)["version"]) == ["1", "2"]
        assert gov.verify_chains(registry) == []
    assert "legacy_score_log" in _duckdb_tables(old_store)

"""The audit chain: any edit, deletion or reordering made directly in the table is detected."""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest

from vawg.audit import GENESIS, AuditLog


@pytest.fixture
def log(tmp_path: Path) -> AuditLog:
    log = AuditLog(tmp_path / "app.sqlite")
    for i in range(5):
        log.record(
            actor=f"user{i}",
            action="list.view",
            target="bail",
            detail={"area": "Dudley", "i": i},
            row_count=i,
        )
    return log


def _sql(log: AuditLog, statement: str) -> None:
    con = sqlite3.connect(log.path)
    con.execute(statement)
    con.commit()
    con.close()


def test_intact_chain_verifies_and_links_each_entry_to_the_one_before(log: AuditLog) -> None:
    result = log.verify()
    assert result.ok and result.entries == 5 and not result.problems
    entries = log.entries()
    assert entries[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("UPDATE audit_log SET row_count = 99 WHERE seq = 3", "entry 3: its content does not match its hash"),
        ("UPDATE audit_log SET detail = '{}' WHERE seq = 1", "entry 1: its content does not match"),
        ("DELETE FROM audit_log WHERE seq = 2", "entry 3: expected entry 2 here"),
        ("DELETE FROM audit_log WHERE seq = 5", "recorded head is entry 5"),
        ("UPDATE audit_log SET seq = seq + 10 WHERE seq = 2", "expected entry 2 here"),
    ],
)
def test_tampering_is_detected(log: AuditLog, statement: str, expected: str) -> None:
    _sql(log, statement)
    result = log.verify()
    assert not result.ok
    assert any(expected in p for p in result.problems), result.problems


def test_swapping_two_entries_is_detected(log: AuditLog) -> None:
    con = sqlite3.connect(log.path)
    two = con.execute(
        "SELECT actor, action, target, detail, row_count FROM audit_log WHERE seq = 2"
    ).fetchone()
    four = con.execute(
        "SELECT actor, action, target, detail, row_count FROM audit_log WHERE seq = 4"
    ).fetchone()
    update = "UPDATE audit_log SET actor=?, action=?, target=?, detail=?, row_count=? WHERE seq=?"
    con.execute(update, [*four, 2])
    con.execute(update, [*two, 4])
    con.commit()
    assert not log.verify().ok


def test_filters(log: AuditLog) -> None:
    assert [e.actor for e in log.entries(user="user3")] == ["user3"]
    assert len(log.entries(since="2000-01-01")) == 5
    assert log.entries(since="2999-01-01") == []
    assert [e.seq for e in log.entries(limit=2)] == [4, 5]


def test_two_logs_on_one_file_keep_one_chain(tmp_path: Path) -> None:
    a, b = AuditLog(tmp_path / "x.sqlite"), AuditLog(tmp_path / "x.sqlite")
    for i in range(4):
        (a if i % 2 else b).record(actor="u", action="x", target=str(i))
    assert a.verify().ok and [e.seq for e in b.entries()] == [1, 2, 3, 4]


def test_one_log_shared_by_threads_keeps_one_unbroken_chain(tmp_path: Path) -> None:
    """A web server's worker threads share one AuditLog (one SQLite connection): every entry lands,
    in one chain, with no error."""
    from concurrent.futures import ThreadPoolExecutor

    log = AuditLog(tmp_path / "shared.sqlite")

    def write(worker: int) -> None:
        for i in range(40):
            log.record(actor=f"w{worker}", action="list.view", target=str(i), detail={"i": i})
            log.entries(limit=1)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(8)))
    result = log.verify()
    assert result.ok and result.entries == 320, result.problems

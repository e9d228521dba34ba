"""Contract 1.1 ``orders.start_time`` in the synthetic force: court hours for DVPO applications,
evening and night for DVPNs, a few missing, drawn from a stream of its own."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import pytest

from vawg.synth import _order_times, write_bundle


def _orders(bundle: Path) -> list[dict[str, str]]:
    with (bundle / "orders.csv").open(newline="") as fh:
        return list(csv.DictReader(fh))


def test_times_by_order_type(small_force) -> None:  # type: ignore[no-untyped-def]
    rows = _orders(small_force[0])
    hours = {kind: [int(r["start_time"][:2]) for r in rows if r["order_type"] == kind and r["start_time"]]
             for kind in ("DVPN", "DVPO")}  # fmt: skip
    assert hours["DVPO"] and all(9 <= h <= 16 for h in hours["DVPO"])  # court hours
    assert any(h >= 20 or h < 6 for h in hours["DVPN"])  # served after call-outs, at night too
    missing = sum(1 for r in rows if not r["start_time"]) / len(rows)
    assert 0 < missing < 0.08


def test_hours_catch_what_whole_days_pass(small_force) -> None:  # type: ignore[no-untyped-def]
    """Applications dated 2 days after a DVPN but more than 48 hours after it exist: the reason to
    count in hours."""
    con = duckdb.connect(str(small_force[1]), read_only=True)
    try:
        late_in_hours = con.execute(
            """SELECT count(*) FROM orders n JOIN orders a ON a.parent_order_id = n.order_id
               WHERE n.order_type = 'DVPN' AND a.order_type = 'DVPO' AND a.start_date <= n.start_date + 2
                 AND a.start_date + a.start_time > n.start_date + n.start_time + INTERVAL 48 HOUR"""
        ).fetchall()[0][0]
    finally:
        con.close()
    assert late_in_hours > 0


def test_times_come_from_their_own_stream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another stream changes start_time and nothing else: every other file and column is the same."""

    def digests(folder: Path) -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.csv")}

    a = write_bundle(tmp_path / "a", seed=5, scale=0.01).out_dir
    monkeypatch.setattr(_order_times, "STREAM", _order_times.STREAM + 1)
    b = write_bundle(tmp_path / "b", seed=5, scale=0.01).out_dir
    da, db = digests(a), digests(b)
    assert {k for k in da if da[k] != db[k]} == {"orders.csv"}
    rows_a, rows_b = _orders(a), _orders(b)
    strip = [{k: v for k, v in r.items() if k != "start_time"} for r in rows_a]
    assert strip == [{k: v for k, v in r.items() if k != "start_time"} for r in rows_b]
    assert [r["start_time"] for r in rows_a] != [r["start_time"] for r in rows_b]

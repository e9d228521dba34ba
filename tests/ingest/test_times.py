"""Contract 1.1 times of day (``orders.start_time``): 24-hour HH:MM or HH:MM:SS load as TIME; any
other spelling is quarantined as bad_type naming the file, line, column and what was expected; a
bundle without the column loads as before (the time is then empty)."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from tests.ingest._helpers import base_rows, write_bundle
from vawg.ingest import ingest, quarantine_rows
from vawg.store import connect


def test_times_load_and_bad_ones_are_quarantined(tmp_path: Path) -> None:
    tables = base_rows()
    first = tables["orders"][0]
    tables["orders"] = [
        {**first, "order_id": f"T{i}", "start_time": value}
        for i, value in enumerate(("21:40", " 08:15:30 ", "", "25:00", "9:05", "21h40", "24:00"))
    ]
    tables["order_breaches"][0]["order_id"] = "T0"  # the breach needs an order of this bundle
    con = connect(tmp_path / "store.duckdb")
    try:
        ingest(write_bundle(tmp_path / "bundle", tables), con, progress=False)
        loaded = con.execute("SELECT order_id, start_time FROM orders ORDER BY order_id").fetchall()
        assert loaded == [("T0", time(21, 40)), ("T1", time(8, 15, 30)), ("T2", None)]
        bad = quarantine_rows(con, table="orders")
        assert sorted(zip(bad["line"], bad["rule"], bad["column_name"], bad["value"], strict=True)) == [
            (5, "bad_type", "start_time", "25:00"),
            (6, "bad_type", "start_time", "9:05"),
            (7, "bad_type", "start_time", "21h40"),
            (8, "bad_type", "start_time", "24:00"),
        ]
        assert "start_time: '9:05' is not a time of day (HH:MM or HH:MM:SS, 24-hour)" in set(bad["message"])
    finally:
        con.close()


def test_a_bundle_without_times_loads_them_empty(tmp_path: Path) -> None:
    con = connect(tmp_path / "store.duckdb")
    try:
        ingest(write_bundle(tmp_path / "bundle"), con, progress=False)
        assert con.execute("SELECT count(*), count(start_time) FROM orders").fetchall() == [(2, 0)]
    finally:
        con.close()

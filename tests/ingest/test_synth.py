"""The synthetic force (written by vawg.synth) loads whole: the contract's two sides agree."""

from __future__ import annotations

import json
from pathlib import Path

from vawg.store import connect


def test_small_force_loads_with_nothing_quarantined(small_force: tuple[Path, Path]) -> None:
    bundle, store = small_force
    manifest = json.loads((bundle / "manifest.json").read_text())
    con = connect(store, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM quarantine").fetchone() == (0,)
        loads = con.execute("SELECT table_name, status, rows_read, rows_loaded FROM loads").fetchall()
        assert {status for _, status, _, _ in loads} == {"loaded"}
        assert {t: (r, n) for t, _, r, n in loads} == {t: (n, n) for t, n in manifest["rows"].items()}
        for table, rows in manifest["rows"].items():
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (rows,)
        assert con.execute("SELECT value FROM meta WHERE key = 'extract_date'").fetchone() == (
            manifest["extract_date"],
        )
    finally:
        con.close()

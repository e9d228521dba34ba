"""The report's SPC tiles read the declared change points and the force's targets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from vawg.config import get_settings
from vawg.metrics import compute_all, spc
from vawg.reports._sections import spc_tiles
from vawg.store import connect

IDS = ["da_suspects_bailed", "da_incidents"]


def _tiles(store: Path, out: Path):
    con = connect(store, read_only=True)
    monthly = compute_all(con, grain="month", start=date(2021, 4, 1), end=date(2023, 3, 31), metrics=IDS)
    con.close()
    return monthly, {t.metric_id: t for t in spc_tiles(monthly, out, None)}


def test_bail_tile_has_its_limits_recalculated_at_the_bail_change(
    handmade_store: Path, tmp_path: Path
) -> None:
    monthly, tiles = _tiles(handmade_store, tmp_path)
    bailed = tiles["da_suspects_bailed"]
    assert any(n.startswith("Limits recalculated after 28 October 2022") for n in bailed.notes)
    assert "limits recalculated from November 2022" in bailed.chart.alt_text
    # the same limits as spc() on the points from November 2022 alone
    values = monthly["da_suspects_bailed"].series()
    after = spc(values[[d >= date(2022, 11, 1) for d in values.index]], False)
    assert f"process limits {after.lpl:,.1f} to {after.upl:,.1f}" in bailed.chart.alt_text
    assert tiles["da_incidents"].notes == []  # no change point declared, no target
    assert tiles["da_incidents"].assurance_label == "No target set"


def test_a_target_gives_the_tile_an_assurance_icon(
    handmade_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = tmp_path / "targets.csv"
    targets.write_text(
        "metric_id,value,direction,from_date,reason\nda_incidents,1000000,at_least,2021-01-01,Demand plan\n"
    )
    monkeypatch.setenv("VAWG_TARGETS_FILE", str(targets))
    get_settings.cache_clear()
    _, tiles = _tiles(handmade_store, tmp_path / "out")
    tile = tiles["da_incidents"]
    # a million incidents a month lies far above the upper limit of an at-least target: fails
    assert tile.assurance_label == "Consistently fails the target"
    assert "Target: at least 1,000,000 (from 1 January 2021; Demand plan)." in tile.notes

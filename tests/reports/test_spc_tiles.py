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
    return monthly, {t.title: t for t in spc_tiles(monthly, out, None)}


def test_bail_tile_has_its_limits_recalculated_at_the_bail_change(
    handmade_store: Path, tmp_path: Path
) -> None:
    monthly, tiles = _tiles(handmade_store, tmp_path)
    bailed = tiles["DA suspects released on pre-charge bail"]
    assert any(n.startswith("Limits recalculated after 28 October 2022") for n in bailed.notes)
    assert "limits recalculated from November 2022" in bailed.chart.alt_text
    # the same limits as spc() on the points from November 2022 alone
    values = monthly["da_suspects_bailed"].series()
    after = spc(values[[d >= date(2022, 11, 1) for d in values.index]], False)
    assert f"process limits {after.lpl:,.1f} to {after.upl:,.1f}" in bailed.chart.alt_text
    incidents = tiles["Domestic abuse incidents"]
    assert incidents.notes == []  # no change point declared, no target
    assert incidents.assurance_label == "No target set"


def test_a_seasonal_indicator_gets_an_adjusted_tile_and_the_same_month_last_year(
    handmade_store: Path, tmp_path: Path
) -> None:
    monthly, tiles = _tiles(handmade_store, tmp_path)
    adjusted = tiles["Domestic abuse incidents (seasonally adjusted)"]
    values = monthly["da_incidents"].series()
    march23, march22 = values.iloc[-1], values.iloc[-13]  # March 2023 and March 2022
    change = march23 - march22
    expected = (f"March 2023: {march23:,.0f} against {march22:,.0f} in 2022 ({change:+,.0f}, "
                f"{change / march22:+.1%} relative change).")  # fmt: skip
    assert expected in adjusted.notes
    assert adjusted.notes[0].startswith("Seasonally adjusted")
    assert adjusted.chart.key == "spc_da_incidents_adjusted"


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
    tile = tiles["Domestic abuse incidents"]
    # a million incidents a month lies far above the upper limit of an at-least target: fails
    assert tile.assurance_label == "Consistently fails the target"
    assert "Target: at least 1,000,000 (from 1 January 2021; Demand plan)." in tile.notes


def test_a_cohort_rate_tile_leaves_out_immature_months(handmade_store: Path, tmp_path: Path) -> None:
    con = connect(handmade_store, read_only=True)
    monthly = compute_all(con, grain="month", start=date(2021, 4, 1), end=date(2023, 3, 31),
                          metrics=["da_positive_outcome_rate"])  # fmt: skip
    con.close()
    (tile,) = spc_tiles(monthly, tmp_path, None)
    # extract 31 March 2023: January ends 59 days before it, December 90 days: three months left out
    assert tile.latest_period == "December 2022"
    assert tile.notes[0] == ("Cohort basis: 3 later months left out, with under 90 days for their crimes "
                             "to reach an outcome.")  # fmt: skip
    frame = monthly["da_positive_outcome_rate"].frame
    december = frame[frame["period"] == "2022-12"].iloc[0]
    assert tile.latest == f"{december['value'] * 100:.1f}%"

"""The force's own crimes: the public-space rule, and the synthetic force's planted hotspots recovered."""

from __future__ import annotations

import json
from datetime import date

import h3
import pytest

from vawg.errors import IngestError
from vawg.places import find_hotspots, force_points
from vawg.store import connect

COLUMNS = (
    "crime_id, recorded_date, offence_code, area, da_flag, online_flag, committed_date, lsoa_code, latitude, "
    "longitude, public_place, committed_hour, load_id"
)


@pytest.fixture
def handmade():
    con = connect(":memory:")
    rows = [
        ("C1", "20A", False, False, 52.48, -1.90, True, 23),  # counted
        ("C2", "20A", True, False, 52.48, -1.90, True, 23),  # domestic abuse: a home, never mapped
        ("C3", "8Q", False, False, 52.48, -1.90, False, 12),  # not a public place
        ("C4", "8R", False, False, 52.48, -1.90, True, 12),  # malicious communications: not public-space
        ("C5", "9A", False, True, 52.48, -1.90, True, 12),  # online
        ("C6", "88E", False, False, None, None, True, 2),  # public, but no point: counted as unlocated
        ("C7", "8L", False, False, 52.48, -1.90, None, 12),  # public_place not known: not public
        ("C8", "9A", False, False, 52.49, -1.91, True, 99),  # an impossible hour is dropped, not the crime
    ]
    for cid, code, da, online, lat, lon, public, hour in rows:
        con.execute(
            f"INSERT INTO crimes ({COLUMNS}) VALUES (?, DATE '2022-05-03', ?, 'Birmingham', ?, ?, "
            "DATE '2022-05-02', 'E01S00001', ?, ?, ?, ?, 1)",
            [cid, code, da, online, lat, lon, public, hour],
        )
    yield con
    con.close()


def test_public_space_rule(handmade) -> None:
    pts = force_points(handmade)
    frame = pts.frame.sort_values("latitude")
    assert frame["latitude"].tolist() == [52.48, 52.49]
    assert frame["hour"].iloc[0] == 23 and frame["hour"].isna().iloc[1]
    assert pts.without_location == 1
    assert pts.frame["weekday"].tolist() == [0, 0]  # 2 May 2022 was a Monday
    assert pts.frame["month"].tolist() == [date(2022, 5, 1)] * 2


def test_a_store_without_location_columns_is_told_so() -> None:
    con = connect(":memory:")
    con.execute("ALTER TABLE crimes DROP COLUMN public_place")
    with pytest.raises(IngestError, match=r"predates contract 1\.1"):
        force_points(con)


def test_planted_synthetic_hotspots_are_recovered(small_force) -> None:
    bundle, db = small_force
    truth = json.loads((bundle / "truth" / "places.json").read_text())
    planted = {h["name"]: h["cell_res8"] for h in truth["hotspots"]}
    con = connect(db, read_only=True)
    try:
        result = find_hotspots(con, "force")
    finally:
        con.close()
    hot = result.significant("Hot")
    assert set(planted.values()) <= set(hot["unit"])
    # Nothing significant away from the plants: every hot cell touches one of them.
    for cell in hot["unit"]:
        assert min(h3.grid_distance(cell, p) for p in planted.values()) <= 1, cell
    assert result.significant("Cold").empty
    assert result.hot_clusters() == 2
    table = result.table.set_index("unit")
    # The transport hub's share rises over the period: an emerging hotspot.
    assert table.loc[planted["transport hub"], "emerging"] == "new or intensifying hot spot"
    assert table.loc[planted["city-centre night-time economy"], "count"] >= 20

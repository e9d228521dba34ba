"""Contract 1.1 location columns: optional (a 1.0 bundle loads unchanged), typed and checked."""

from __future__ import annotations

from pathlib import Path

from tests.ingest._helpers import base_rows, write_bundle
from vawg.ingest import ingest
from vawg.store import connect


def test_a_1_0_bundle_without_location_columns_loads_unchanged(tmp_path: Path) -> None:
    tables = base_rows()
    assert "latitude" not in tables["crimes"][0]  # the helper writes contract 1.0 crimes
    bundle = write_bundle(
        tmp_path, {k: tables[k] for k in ("persons", "crimes", "crime_persons", "outcomes")}
    )
    con = connect(":memory:")
    report = ingest(bundle, con, progress=False)
    assert report.tables["crimes"].rows_loaded == 3 and report.tables["crimes"].rows_quarantined == 0
    assert con.execute(
        "SELECT count(*) FROM crimes WHERE latitude IS NULL AND lsoa_code IS NULL AND public_place IS NULL"
    ).fetchall() == [(3,)]


def test_location_values_are_typed_and_a_bad_one_is_quarantined_by_name(tmp_path: Path) -> None:
    tables = base_rows()
    location = [
        {"lsoa_code": "E01009325", "latitude": "52.477631", "longitude": "-1.910557", "public_place": "true",
         "committed_hour": "23"},
        {"lsoa_code": "", "latitude": "north", "longitude": "-1.9", "public_place": "", "committed_hour": ""},
        {"lsoa_code": "", "latitude": "", "longitude": "", "public_place": "N", "committed_hour": "7"},
    ]  # fmt: skip
    for row, extra in zip(tables["crimes"], location, strict=True):
        row.update(extra)
    bundle = write_bundle(
        tmp_path, {k: tables[k] for k in ("persons", "crimes", "crime_persons", "outcomes")}
    )
    con = connect(":memory:")
    ingest(bundle, con, progress=False)
    assert con.execute(
        "SELECT crime_id, lsoa_code, latitude, longitude, public_place, committed_hour FROM crimes ORDER BY 1"
    ).fetchall() == [
        ("C1", "E01009325", 52.477631, -1.910557, True, 23),
        ("C3", None, None, None, False, 7),
    ]
    assert con.execute(
        "SELECT line, column_name, rule, message FROM quarantine WHERE table_name = 'crimes'"
    ).fetchall() == [(3, "latitude", "bad_type", "latitude: 'north' is not a decimal number")]

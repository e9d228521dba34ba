"""`vawg places load | counts | hotspots | map` end to end, in process."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from vawg.cli import app

DATA = Path(__file__).parents[1] / "data" / "policeuk"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_load_then_hotspots_and_map_on_real_police_uk_files(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    code, out = _run("places", "load", str(DATA / "city-of-london-2019-download"), "--db", db,
                     "--vintage", "2019-04-28", "--json")  # fmt: skip
    assert code == 0, out
    report = json.loads(out)
    assert report["rows"] == 767 + 715 and report["rows_without_location"] == 68 + 72
    code, out = _run("places", "load", str(DATA / "city-of-london-2021-download"), "--db", db,
                     "--vintage", "2021-05-19", "--json")  # fmt: skip
    assert code == 0 and json.loads(out)["outcome_changes"] == 69
    code, out = _run("places", "hotspots", "--db", db, "--source", "policeuk", "--from", "2018-07", "--to", "2018-08",
                     "--resolution", "9", "--json")  # fmt: skip
    assert code == 0, out
    payload = json.loads(out)
    assert (
        payload["points"] + payload["without_location"] == 118 + 105
    )  # V&SO rows in the two months (grep -c)
    assert payload["hot_spots"] >= 1
    assert all(u["count"] is None or u["count"] == 0 or u["count"] >= 5 for u in payload["units"])
    geo = tmp_path / "layers.geojson"
    code, out = _run(
        "places", "hotspots", "--db", db, "--source", "policeuk", "--resolution", "9", "--out", str(geo)
    )
    assert code == 0, out
    layers = json.loads(geo.read_text())
    assert layers["hexagons"]["type"] == "FeatureCollection" and layers["outline"]["features"]
    png = tmp_path / "map.png"
    code, out = _run(
        "places", "map", "--db", db, "--source", "policeuk", "--resolution", "9", "--out", str(png)
    )
    assert code == 0, out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bad_input_exits_2_with_a_message(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    bad = tmp_path / "bad.csv"
    bad.write_text("Month,Crime type\n2018-01,Burglary\n")
    code, out = _run("places", "load", str(bad), "--db", db)
    assert code == 2 and "police.uk street-level header" in " ".join(out.split())
    code, out = _run("places", "hotspots", "--db", db, "--source", "nope")
    assert code == 2 and "--source" in out
    code, out = _run("places", "hotspots", "--db", db, "--from", "2018-13")
    assert code == 2 and "YYYY-MM" in out
    code, out = _run("places", "map", "--db", db, "--source", "policeuk", "--out", str(tmp_path / "m.jpg"))
    assert code == 2

"""The "Safety in Public" report section, the map's legend and the GeoJSON layers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from jinja2 import Environment, PackageLoader, select_autoescape

from vawg.places import (
    CLASS_STYLE,
    PUBLIC_SPACE_OFFENCES,
    Points,
    analyse_points,
    draw_hotspot_map,
    geojson_layers,
    safety_in_public_section,
)
from vawg.store import connect

START, END = date(2021, 4, 1), date(2023, 3, 31)


@pytest.fixture(scope="module")
def section(small_force, tmp_path_factory):  # type: ignore[no-untyped-def]
    _, db = small_force
    con = connect(db, read_only=True)
    try:
        made = safety_in_public_section(con, tmp_path_factory.mktemp("fig"), START, END, force_name="WMP")
        codes = ", ".join(f"'{c}'" for c in PUBLIC_SPACE_OFFENCES)
        # The oracle: the public-space rule written out again in plain SQL, by 12-month period.
        halves = con.execute(
            f"""SELECT coalesce(committed_date, recorded_date) >= DATE '2022-04-01' AS later, count(*)
                FROM crimes WHERE CAST(offence_code AS VARCHAR) IN ({codes}) AND public_place AND NOT da_flag
                AND NOT online_flag AND latitude IS NOT NULL
                AND coalesce(committed_date, recorded_date) BETWEEN DATE '2021-04-01' AND DATE '2023-03-31'
                GROUP BY 1"""
        ).fetchall()
    finally:
        con.close()
    return made, dict(halves)


def test_section_sentences_figures_and_table(section) -> None:  # type: ignore[no-untyped-def]
    made, halves = section
    assert made is not None
    first = made.sentences[0]
    assert first.startswith(f"WMP recorded public-space VAWG offences: {halves[True]:,} in the past 12 months "
                            f"against {halves[False]:,} in the 12 before")  # fmt: skip
    assert any("significant hot spots" in s for s in made.sentences)
    assert "never mapped" in made.sentences[-1]
    assert [f.key for f in made.figures] == ["safety-in-public-trend", "safety-in-public-map"]
    assert all(f.png.stat().st_size > 10_000 and f.svg.exists() for f in made.figures)
    assert made.top and made.top[0].rank == 1
    assert all(c.count == "<5" or int(c.count.replace(",", "")) >= 5 for c in made.top)
    env = Environment(loader=PackageLoader("vawg.reports", "templates"), autoescape=select_autoescape(["j2"]))
    html = env.get_template("safety_in_public.html.j2").render(
        r=SimpleNamespace(safety=made), image_ext="svg"
    )
    assert '<h2 class="new-page">Safety in Public</h2>' in html
    assert "figures/safety-in-public-map.svg" in html and "Gi* z" in html


def test_no_section_without_locations() -> None:
    con = connect(":memory:")
    assert safety_in_public_section(con, Path("unused"), START, END) is None


def test_map_legend_names_every_class_shown_and_hatches_them() -> None:
    rng = np.random.default_rng(3)
    lat = np.r_[rng.uniform(52.43, 52.53, 2000), rng.normal(52.48, 0.0013, 150)]
    lon = np.r_[rng.uniform(-1.98, -1.82, 2000), rng.normal(-1.90, 0.002, 150)]
    frame = pd.DataFrame({"latitude": lat, "longitude": lon, "month": date(2022, 1, 1), "area": "A",
                          "lsoa_code": None, "hour": None, "weekday": None})  # fmt: skip
    result = analyse_points(Points("t", "test", frame, 0, date(2022, 1, 1), date(2022, 1, 31)))
    fig = draw_hotspot_map(result)
    legend = fig.axes[0].get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    assert "Hot spot 99%" in labels and "Not significant" in labels
    hatches = {
        t.get_text(): h.get_hatch() for t, h in zip(legend.get_texts(), legend.legend_handles, strict=True)
    }
    assert hatches["Hot spot 99%"] == CLASS_STYLE["Hot spot 99%"][1] != ""  # meaning not by colour alone
    layers = geojson_layers(result)
    feature = layers["hexagons"]["features"][0]
    ring = feature["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] and -2 < ring[0][0] < -1.8 and 52.4 < ring[0][1] < 52.6  # [lon, lat] order
    json.dumps(layers)  # serialisable as it is
    assert all(f["properties"]["count"] is None or f["properties"]["count"] == 0 or f["properties"]["count"] >= 5
               for f in layers["hexagons"]["features"])  # fmt: skip

"""The Safety in Public map: GeoJSON layers without small counts, local scripts only, no 500s."""

from __future__ import annotations

import json
import re
from importlib.resources import files

from fastapi.testclient import TestClient

from tests.web.conftest import sign_in

HOSTS = re.compile(r"https?://(?!127\.0\.0\.1|localhost|www\.w3\.org/2000/svg)[^\s\"'<>)]+")


def test_layers_are_geojson_without_small_counts(client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("board").get("/places/layers.json?source=force")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    layers = json.loads(response.text)  # strict JSON: no NaN
    hexagons = layers["hexagons"]
    assert hexagons["type"] == "FeatureCollection" and hexagons["features"]
    assert layers["outline"]["features"][0]["geometry"]["type"] == "Polygon"
    assert layers["meta"]["disclosure_threshold"] >= 1
    threshold = layers["meta"]["disclosure_threshold"]
    for feature in hexagons["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Polygon"
        ring = feature["geometry"]["coordinates"][0]
        assert ring[0] == ring[-1]
        props = feature["properties"]
        assert props["label"]
        for key in ("count", "count_earlier", "count_later"):
            assert props[key] is None or props[key] == 0 or props[key] >= threshold, (key, props)


def test_page_has_the_table_and_only_local_scripts(client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("board").get("/places")
    assert response.status_code == 200
    html = response.text
    assert 'id="top-cells"' in html and ("Hot spot" in html or "No cell is significant" in html)
    assert 'data-layers="/places/layers.json?source=force"' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all(re.search(r'src="/static/[\w.]+"', s) for s in scripts), scripts
    assert "<script>" not in html and "style=" not in html
    assert not HOSTS.findall(html)
    map_js = files("vawg.web").joinpath("static", "map.js").read_text()
    assert not re.findall(r"https?://", map_js)
    assert "tileLayer" not in map_js
    assert client_for("board").get("/static/map.js").status_code == 200
    assert client_for("board").get("/static/leaflet.js").status_code == 200
    assert '<a href="/places"' in client_for("board").get("/").text  # in the nav


def test_policeuk_not_loaded_is_said_in_words(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("analyst")
    page = client.get("/places?source=policeuk")
    assert page.status_code == 200 and 'id="map-problem"' in page.text and 'id="map"' not in page.text
    assert client.get("/places/layers.json?source=policeuk").status_code == 404


def test_a_store_without_locations_gets_a_message(tiny_store) -> None:  # type: ignore[no-untyped-def]
    from vawg.web import create_app

    client = sign_in(TestClient(create_app(tiny_store.db), base_url="http://127.0.0.1"), "board")
    page = client.get("/places")
    assert page.status_code == 200 and 'id="map-problem"' in page.text
    assert "leaflet.js" not in page.text
    assert client.get("/places/layers.json").status_code == 404


def test_odd_sources_never_give_a_500(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("board")
    for value in ("", "FORCE", "force ", "police", "x" * 3000, "<b>", "%00", "policeuk\x00", "None"):
        for path in ("/places", "/places/layers.json"):
            status = client.get(path, params={"source": value}).status_code
            assert status in (200, 400, 404), (path, value, status)

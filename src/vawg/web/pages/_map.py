"""The Safety in Public map: hotspot layers of ``vawg.places`` drawn by vendored Leaflet (D-web-6).

The page holds the table of top significant cells and links the layers as GeoJSON
(``/places/layers.json``); ``static/map.js`` draws them. No tile layer: nothing leaves the machine.
Counts under the disclosure threshold are withheld by the library (``geojson_layers``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from starlette.responses import JSONResponse, Response

from vawg.errors import VawgError
from vawg.places import SOURCES, find_hotspots, geojson_layers
from vawg.web._context import Context
from vawg.web._guard import one_of

SOURCE_LABELS: dict[str, str] = {
    "force": "Force public-space crimes",
    "policeuk": "police.uk violence and sexual offences",
}
TOP_CELLS = 10


@dataclass(frozen=True)
class MapLayers:
    """The computed layers of one source, or why there are none."""

    layers: dict[str, Any] | None
    top: list[dict[str, Any]]
    problem: str | None


def _source(ctx: Context) -> str:
    return one_of(ctx.param("source"), SOURCES, "source", "force") or "force"


def _compute(source: str) -> Any:
    def compute(con: Any) -> MapLayers:
        try:
            result = find_hotspots(con, source)
        except VawgError as exc:
            return MapLayers(None, [], f"No map for this source: {exc}.")
        if result.points == 0 or result.table.empty:
            return MapLayers(None, [], "The store holds no crimes with a location for this source.")
        layers = geojson_layers(result)
        published = result.published().set_index("unit")
        significant = [*result.significant("Hot")["unit"], *result.significant("Cold")["unit"]]
        rows = published.loc[significant].reset_index()
        rows["strength"] = rows["z"].map(lambda z: -abs(float(z)) if z is not None else 0.0)
        top = [
            {"unit": r["unit"], "label": r["label"], "count": r["count"], "z": r["z"], "area": r.get("area")}
            for r in rows.sort_values("strength").head(TOP_CELLS).to_dict(orient="records")
        ]
        return MapLayers(layers, top, None)

    return compute


def map_layers(ctx: Context, source: str) -> MapLayers:
    """The layers of ``source``, computed once per store version."""
    reader = ctx.web.reader
    with reader.snapshot() as snap:
        return reader.cached(snap, ("places_layers", source), _compute(source))


def map_page(ctx: Context) -> Response:
    """GET /places: the hotspot map, with the top significant cells as a table."""
    source = _source(ctx)
    built = map_layers(ctx, source)
    meta = built.layers["meta"] if built.layers else None
    return ctx.render("map.html", source=source, sources=SOURCE_LABELS, built=built, meta=meta)


def map_layers_json(ctx: Context) -> Response:
    """GET /places/layers.json: the layers as GeoJSON (counts under the threshold withheld)."""
    source = _source(ctx)
    built = map_layers(ctx, source)
    if built.layers is None:
        return JSONResponse({"error": built.problem}, status_code=404)
    body = json.dumps(_finite(built.layers), default=_plain, allow_nan=False)
    return Response(body, media_type="application/geo+json", headers={"cache-control": "private, no-store"})


def _finite(value: Any) -> Any:
    """``value`` with every NaN or infinity as null (JSON has neither)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _plain(value: Any) -> Any:
    """numpy scalars and dates as JSON values."""
    if hasattr(value, "item"):
        return _finite(value.item())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(type(value).__name__)


__all__ = ["SOURCE_LABELS", "map_layers_json", "map_page"]

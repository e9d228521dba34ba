"""Static files, vendored in the package (no CDN: police networks block them): htmx, Leaflet (D-web-6), the map's script and the CSS."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from starlette.responses import Response

from vawg.web._context import Context
from vawg.web._guard import not_found

STATIC_FILES: dict[str, str] = {
    "app.css": "text/css; charset=utf-8",
    "htmx.min.js": "text/javascript; charset=utf-8",
    "htmx.LICENSE.txt": "text/plain; charset=utf-8",
    "leaflet.js": "text/javascript; charset=utf-8",
    "leaflet.css": "text/css; charset=utf-8",
    "leaflet.LICENSE.txt": "text/plain; charset=utf-8",
    "map.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}


@cache
def _read(name: str) -> bytes:
    return files("vawg.web").joinpath("static", name).read_bytes()


def static_file(ctx: Context) -> Response:
    """GET /static/{name}: one of the files listed above, nothing else."""
    name = ctx.request.path_params["name"]
    if name not in STATIC_FILES:
        raise not_found()
    return Response(
        _read(name), media_type=STATIC_FILES[name], headers={"cache-control": "public, max-age=3600"}
    )


__all__ = ["STATIC_FILES", "static_file"]

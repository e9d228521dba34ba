"""Maps as pictures (PNG, SVG) and as GeoJSON layers, from a ``HotspotResult``; the trend figure.

No basemap tiles: police networks (and this project) work offline. The only geography drawn is the
study area's outline, derived from the hexagons themselves (``h3.cells_to_h3shape``). Hexagons are
coloured by Gi* class on the ColorBrewer RdBu scale (safe for the common colour-vision
deficiencies) and hatched by class as well ("///" hot, "\\\\\\" cold, denser for more confidence), the
legend names every class, and the strongest hot spots carry their rank from the table, so the
meaning never rests on colour alone. Matplotlib ``Figure`` objects only (no pyplot state).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import h3
import numpy as np

from vawg.errors import ReportError
from vawg.places._analysis import HotspotResult
from vawg.places._grid import cell_boundary
from vawg.places._trends import MonthlyTrend

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# matplotlib is imported by the functions that draw: the web app's map page reads the GeoJSON
# layers of this module and draws nothing.

# Gi* class -> (fill, hatch). RdBu 7-class (ColorBrewer), colour-blind safe.
CLASS_STYLE: dict[str, tuple[str, str]] = {
    "Hot spot 99%": ("#b2182b", "////"),
    "Hot spot 95%": ("#ef8a62", "///"),
    "Hot spot 90%": ("#fddbc7", "/"),
    "Not significant": ("#f7f7f7", ""),
    "Cold spot 90%": ("#d1e5f0", "\\"),
    "Cold spot 95%": ("#67a9cf", "\\\\\\"),
    "Cold spot 99%": ("#2166ac", "\\\\\\\\"),
}
TOP_LABELLED = 5
MAP_SIZE = (6.9, 4.4)
LINE_COLOURS = ("#0072B2", "#D55E00")  # Okabe-Ito blue and vermillion, with different markers


@dataclass(frozen=True)
class MapFigure:
    """A figure written as PNG and SVG (the board report shows one, the PDF the other)."""

    key: str
    title: str
    png: Path
    svg: Path
    alt_text: str


def _outline(cells: list[str]) -> list[list[tuple[float, float]]]:
    """The study area's outer rings as (longitude, latitude) lists."""
    shape = h3.cells_to_h3shape(cells)
    polys = shape.polys if isinstance(shape, h3.LatLngMultiPoly) else [shape]
    return [[(lng, lat) for lat, lng in poly.outer] for poly in polys]


def draw_hotspot_map(result: HotspotResult, title: str | None = None) -> Figure:
    """The study area's hexagons coloured and hatched by Gi* class, top hot spots numbered, and the
    areas' boundaries and names derived from the data (each unit's commonest area)."""
    table = result.table
    if table.empty:
        raise ReportError("no units to map", source=result.source)
    from matplotlib.collections import PolyCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    fig = Figure(figsize=MAP_SIZE, layout="constrained")
    ax = fig.add_subplot()
    mean_lat = float(table["latitude"].mean())
    for label, (colour, hatch) in CLASS_STYLE.items():
        # Empty, unremarkable cells are left blank inside the outline (fewer shapes, the same picture).
        shown = (table["label"] == label) & ((table["count"] > 0) | (label != "Not significant"))
        units = table.loc[shown, "unit"].tolist() if result.unit == "h3" else []
        if not units:
            continue
        faces = [cell_boundary(u) for u in units]
        edge = "#bdbdbd" if label == "Not significant" else "#404040"
        ax.add_collection(
            PolyCollection(faces, facecolors=colour, edgecolors=edge, linewidths=0.3, hatch=hatch)
        )
    if result.unit == "lsoa":  # no LSOA boundaries are shipped: LSOAs as points at their centres
        for label, (colour, _hatch) in CLASS_STYLE.items():
            rows = table[table["label"] == label]
            ax.scatter(
                rows["longitude"], rows["latitude"], s=14, c=colour, edgecolors="#404040", linewidths=0.3
            )
    else:
        for ring in _outline(table["unit"].tolist()):
            xs, ys = zip(*ring, strict=True)
            ax.plot([*xs, xs[0]], [*ys, ys[0]], color="#000000", linewidth=0.8)
    if result.unit == "h3" and table["area"].nunique() > 1:
        for name, cells in table.groupby("area"):
            for ring in _outline(cells["unit"].tolist()):
                xs, ys = zip(*ring, strict=True)
                ax.plot([*xs, xs[0]], [*ys, ys[0]], color="#404040", linewidth=0.6, linestyle=(0, (3, 2)))
            ax.text(cells["longitude"].mean(), cells["latitude"].mean(), str(name), ha="center", va="center",
                    fontsize=7, color="#202020", style="italic",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})  # fmt: skip
    top = result.top_hot(TOP_LABELLED)
    for rank, (lon, lat) in enumerate(zip(top["longitude"], top["latitude"], strict=True), start=1):
        ax.annotate(str(rank), (lon, lat), ha="center", va="center", fontsize=8, fontweight="bold",
                    bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "black", "lw": 0.6})  # fmt: skip
    ax.set_aspect(1 / np.cos(np.radians(mean_lat)))  # degrees of longitude are shorter than of latitude
    ax.autoscale_view()
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.tick_params(labelsize=7)
    present = [lbl for lbl in CLASS_STYLE if (table["label"] == lbl).any()]
    handles = [Patch(facecolor=CLASS_STYLE[lbl][0], hatch=CLASS_STYLE[lbl][1], edgecolor="#404040", label=lbl)
               for lbl in present]  # fmt: skip
    ax.legend(
        handles=handles,
        title="Getis-Ord Gi* (FDR q)",
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=7.5,
    )
    grid = (
        f"H3 resolution {result.resolution} hexagons"
        if result.unit == "h3"
        else "LSOAs (points at their centres)"
    )
    fig.suptitle(title or f"Hotspots: {result.description}, {result.start:%b %Y}-{result.end:%b %Y}",
                 x=0.01, ha="left", fontsize=10, fontweight="bold")  # fmt: skip
    fig.supxlabel(
        textwrap.fill(f"{grid}; {result.points:,} located crimes; numbered: the strongest hot spots in the table. "
        "Dashed: area boundaries derived from the data. No basemap. Domestic abuse is never mapped.", 130),
        x=0.01, ha="left", fontsize=7, color="#6E6E6E",
    )  # fmt: skip
    return fig


def draw_trend(series: dict[str, MonthlyTrend], title: str) -> Figure:
    """Monthly counts of each series, with different markers and a label, and its trend in the legend."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.9, 3.2), layout="constrained")
    ax = fig.add_subplot()
    for (name, trend), colour, marker in zip(series.items(), LINE_COLOURS, ("o", "s"), strict=False):
        ax.plot(list(trend.counts.index), trend.counts.to_numpy(), color=colour, marker=marker, markersize=3,
                linewidth=1.2, label=f"{name} (Mann-Kendall: {trend.trend})")  # fmt: skip
    ax.set_ylabel("crimes a month")
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="#D9D9D9", linewidth=0.6)
    ax.legend(loc="lower left", fontsize=7.5, frameon=False)
    fig.suptitle(title, x=0.01, ha="left", fontsize=10, fontweight="bold")
    return fig


def save_figure(fig: Figure, path: Path) -> Path:
    """Write ``fig`` as PNG or SVG (by the suffix of ``path``)."""
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ReportError(
            f"{path}: a map is written as .png or .svg; found {suffix or 'no suffix'!r}", path=str(path)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(
        path,
        dpi=200 if suffix == ".png" else None,
        metadata={"Software": "vawg"} if suffix == ".png" else {"Date": None},
    )
    return path


def write_both(fig: Figure, out_dir: Path, key: str, title: str, alt_text: str) -> MapFigure:
    """``key``.png and ``key``.svg in ``out_dir``."""
    png, svg = save_figure(fig, out_dir / f"{key}.png"), save_figure(fig, out_dir / f"{key}.svg")
    return MapFigure(key, title, png, svg, alt_text)


def geojson_layers(result: HotspotResult) -> dict[str, Any]:
    """The map's layers as GeoJSON (WGS84), for the web app's interactive map: ``hexagons`` (or
    ``lsoas`` as points) with their published properties, and the study area ``outline``. Counts
    under the disclosure threshold are null, as in every published output."""
    published = result.published()
    features = []
    for row in published.to_dict(orient="records"):
        geometry: dict[str, Any]
        if result.unit == "h3":
            geometry = {"type": "Polygon", "coordinates": [[list(p) for p in cell_boundary(row["unit"])]]}
        else:
            geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        props = {k: row[k] for k in ("unit", "count", "count_earlier", "count_later", "change", "z", "label",
                                     "trend", "emerging")}  # fmt: skip
        props["style"] = {"fill": CLASS_STYLE[row["label"]][0], "hatch": CLASS_STYLE[row["label"]][1]}
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    layers: dict[str, Any] = {
        "hexagons" if result.unit == "h3" else "lsoas": {"type": "FeatureCollection", "features": features}
    }
    if result.unit == "h3":
        rings = [
            [[lon, lat] for lon, lat in [*ring, ring[0]]] for ring in _outline(result.table["unit"].tolist())
        ]
        layers["outline"] = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]}, "properties": {}}
            for ring in rings
        ]}  # fmt: skip
    layers["meta"] = {k: v for k, v in result.to_dict().items() if k != "units"}
    return layers


__all__ = [
    "CLASS_STYLE",
    "MapFigure",
    "draw_hotspot_map",
    "draw_trend",
    "geojson_layers",
    "save_figure",
    "write_both",
]

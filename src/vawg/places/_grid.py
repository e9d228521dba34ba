"""Spatial units and their neighbours: H3 hexagons (with the study area they tile) and LSOAs.

Gi* compares each unit's neighbourhood with the whole study area, so the area must hold the units
where nothing happened as well as those with crimes: a hexagon grid is the occupied cells plus every
cell whose centre lies inside the convex hull of the points (a bare list of occupied cells would
make every busy cell look hot against nothing). LSOA boundaries are not shipped, so an LSOA's
neighbours are the ``k`` LSOAs nearest to it, each placed at the mean of its crimes' points.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import h3
import numpy as np
import pandas as pd

if TYPE_CHECKING:  # libpysal and scipy.spatial are imported when used: `vawg synth` needs neither
    from libpysal.weights import W

DEFAULT_RESOLUTION = 8  # about 0.74 km² a cell, 460 m an edge: a few streets of a city centre
LSOA_NEIGHBOURS = 6


def point_cells(latitude: np.ndarray, longitude: np.ndarray, resolution: int) -> np.ndarray:
    """The H3 cell of each point (an object array of cell ids)."""
    return np.array(
        [h3.latlng_to_cell(float(a), float(o), resolution) for a, o in zip(latitude, longitude, strict=True)],
        dtype=object,
    )


def study_cells(latitude: np.ndarray, longitude: np.ndarray, resolution: int) -> list[str]:
    """The occupied cells plus the cells whose centre lies inside the points' convex hull, sorted."""
    from scipy.spatial import ConvexHull, QhullError

    occupied = set(point_cells(latitude, longitude, resolution))
    points = np.unique(np.column_stack([latitude, longitude]), axis=0)
    inside: set[str] = set()
    if len(points) >= 3:
        try:
            hull = ConvexHull(points)
        except QhullError:  # all on a line: no area to fill
            hull = None
        if hull is not None:
            ring = [(float(points[i, 0]), float(points[i, 1])) for i in hull.vertices]
            inside = set(h3.h3shape_to_cells(h3.LatLngPoly(ring), resolution))
    return sorted(occupied | inside)


def hex_weights(cells: list[str]) -> W:
    """Binary contiguity of hexagons: each cell's neighbours are the adjacent cells in the set."""
    from libpysal.weights import W

    members = set(cells)
    neighbours = {c: sorted(n for n in h3.grid_ring(c, 1) if n in members) for c in cells}
    return W(neighbours, id_order=list(cells), silence_warnings=True)


def nearest_weights(units: pd.DataFrame, k: int = LSOA_NEIGHBOURS) -> W:
    """Binary k-nearest-neighbour weights over ``units`` (index: unit id; columns latitude, longitude).

    Distances are on a local flat projection (longitude scaled by the cosine of the mean latitude),
    good enough within a force area.
    """
    from libpysal.weights import KNN

    lat = units["latitude"].to_numpy(float)
    lon = units["longitude"].to_numpy(float) * np.cos(np.radians(lat.mean()))
    k = max(1, min(k, len(units) - 1))
    return KNN(np.column_stack([lon, lat]), k=k, ids=list(units.index), silence_warnings=True)


def cell_boundary(cell: str) -> list[tuple[float, float]]:
    """The hexagon's corners as (longitude, latitude) pairs, ring closed (GeoJSON order)."""
    ring = [(lng, lat) for lat, lng in h3.cell_to_boundary(cell)]
    return [*ring, ring[0]]


def cell_centre(cell: str) -> tuple[float, float]:
    """(latitude, longitude) of the cell's centre."""
    lat, lng = h3.cell_to_latlng(cell)
    return float(lat), float(lng)


__all__ = [
    "DEFAULT_RESOLUTION",
    "cell_boundary",
    "cell_centre",
    "hex_weights",
    "nearest_weights",
    "point_cells",
    "study_cells",
]

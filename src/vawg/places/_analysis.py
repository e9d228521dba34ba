"""``find_hotspots``: counts per spatial unit, Gi* with FDR, Mann-Kendall trends, and disclosure.

Published tables never show a count under the disclosure threshold: such a unit's count (and its
z-score, from which the count could be worked back given its published neighbours) is withheld,
with secondary suppression from ``vawg.disclosure`` so no withheld count follows from the published
total. Its class (hot, cold, not significant) is still shown: a bin, not a count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import duckdb
import numpy as np
import pandas as pd

from vawg.config import get_settings
from vawg.disclosure import Additivity, suppress_counts
from vawg.errors import ReportError
from vawg.places._grid import (
    DEFAULT_RESOLUTION,
    cell_centre,
    hex_weights,
    nearest_weights,
    point_cells,
    study_cells,
)
from vawg.places._hotspots import ALPHA, emerging_label, mann_kendall, significance
from vawg.places._sources import Points, points

Unit = Literal["h3", "lsoa"]
UNITS: tuple[str, ...] = ("h3", "lsoa")
_TOTAL = ("__total__",)


@dataclass(frozen=True)
class HotspotResult:
    """Every unit of the study area with its counts, Gi* class, trend and what may be published."""

    source: str
    description: str
    unit: str
    resolution: int | None
    start: date
    end: date
    points: int
    without_location: int
    threshold: int
    table: pd.DataFrame  # one row per unit, see find_hotspots; "area": the unit's derived area

    def significant(self, kind: str = "Hot") -> pd.DataFrame:
        """Units that are significant ``kind`` (Hot or Cold) spots at q < 0.05, strongest first."""
        rows = self.table[(self.table["q"] < ALPHA) & self.table["label"].str.startswith(kind)]
        return rows.sort_values("z", ascending=(kind == "Cold"))

    def hot_clusters(self) -> int:
        """How many groups of touching significant hot hexagons there are (Gi* marks a cluster's
        neighbours too, so one place is usually several hot cells); for LSOAs, the number of LSOAs."""
        cells = set(self.significant("Hot")["unit"])
        if self.unit != "h3":
            return len(cells)
        import h3

        seen: set[str] = set()
        groups = 0
        for start in cells:
            if start in seen:
                continue
            groups += 1
            stack = [start]
            while stack:
                cell = stack.pop()
                if cell in seen:
                    continue
                seen.add(cell)
                stack.extend(n for n in h3.grid_ring(cell, 1) if n in cells and n not in seen)
        return groups

    def top_hot(self, n: int = 5) -> pd.DataFrame:
        """The ``n`` significant hot spots that hold the most crimes (then the highest z): the cells a
        map numbers and a table lists (a hot spot's empty neighbours are hot too, but hold nothing; a
        cell whose count is withheld is not listed)."""
        hot = self.significant("Hot")
        hot = hot[~hot["suppressed"] & (hot["count"] >= self.threshold)]  # a listed cell shows its count
        return hot.sort_values(["count", "z"], ascending=False).head(n)

    def published(self) -> pd.DataFrame:
        """The table as it may be published: withheld counts (and the halves and change of a unit
        whose half is small) blanked, z-scores rounded to one decimal and withheld with the count."""
        out = self.table.copy()
        out["z"] = out["z"].round(1)
        hide, halves = out["suppressed"], out["suppressed"] | out["halves_suppressed"]
        for column in ("count", "z", "p", "q"):
            out[column] = out[column].astype(object).where(~hide, None)
        for column in ("count_earlier", "count_later", "change"):
            out[column] = out[column].astype(object).where(~halves, None)
        return out

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        rows = self.published()
        significant = set(self.significant("Hot")["unit"]) | set(self.significant("Cold")["unit"])
        if top is not None:
            rows = (
                rows[rows["unit"].isin(significant)]
                .sort_values("z", key=lambda s: -s.astype(float))
                .head(top)
            )
        records = [
            {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in r.items()}
            for r in rows.to_dict(orient="records")
        ]
        return {
            "source": self.source, "description": self.description, "unit": self.unit,
            "resolution": self.resolution, "from": self.start.isoformat(), "to": self.end.isoformat(),
            "points": self.points, "without_location": self.without_location,
            "disclosure_threshold": self.threshold, "alpha": ALPHA, "fdr": "Benjamini-Hochberg",
            "hot_spots": len(self.significant("Hot")), "cold_spots": len(self.significant("Cold")),
            "units": records,
        }  # fmt: skip


def _units(frame: pd.DataFrame, unit: str, resolution: int) -> tuple[pd.Series, list[str], pd.DataFrame, Any]:
    """(unit of each point, the study units, their centres, weights)."""
    lat, lon = frame["latitude"].to_numpy(float), frame["longitude"].to_numpy(float)
    if unit == "h3":
        of_point = pd.Series(point_cells(lat, lon, resolution), index=frame.index, dtype=object)
        units = study_cells(lat, lon, resolution)
        centres = pd.DataFrame(
            [cell_centre(u) for u in units], index=units, columns=["latitude", "longitude"]
        )
        return of_point, units, centres, hex_weights(units)
    if unit == "lsoa":
        of_point = frame["lsoa_code"].astype(object)
        known = frame[of_point.notna()]
        centres = known.groupby("lsoa_code")[["latitude", "longitude"]].mean().sort_index()
        units = list(centres.index)
        return of_point, units, centres, nearest_weights(centres)
    raise ReportError(f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}", unit=unit)


def _derived_areas(table: pd.DataFrame, of_point: pd.Series, area: pd.Series) -> np.ndarray:
    """Each unit's area, derived from the data (no boundaries are shipped): the commonest area of its
    crimes, or for a unit without crimes that of the nearest unit with some. Maps draw area
    boundaries from it."""
    known = of_point.notna()
    if not known.any():
        return np.full(len(table), None, dtype=object)
    modal = pd.crosstab(of_point[known], area[known]).idxmax(axis=1)
    own = table["unit"].map(modal)
    has = own.notna().to_numpy()
    if has.all():
        return own.to_numpy(dtype=object)
    from scipy.spatial import cKDTree

    xy = np.column_stack([table["latitude"].to_numpy(float), table["longitude"].to_numpy(float)])
    _, nearest = cKDTree(xy[has]).query(xy[~has])
    out = own.to_numpy(dtype=object)
    out[~has] = own.to_numpy(dtype=object)[has][nearest]
    return out


def analyse_points(pts: Points, unit: str = "h3", resolution: int = DEFAULT_RESOLUTION) -> HotspotResult:
    """Hotspots of ``pts`` (see the module doc); the table has, per unit: unit, latitude, longitude,
    count, count_earlier, count_later, change, z, p, q, label, trend, slope, trend_q, emerging,
    suppressed."""
    frame = pts.frame
    threshold = get_settings().suppression_threshold
    if len(frame) < 3:
        raise ReportError(f"{pts.description}: {len(frame)} located crimes from {pts.start} to {pts.end}; "
                          "hotspots need at least 3", source=pts.source)  # fmt: skip
    of_point, units, centres, weights = _units(frame, unit, resolution)
    months = pd.period_range(pd.Timestamp(pts.start), pd.Timestamp(pts.end), freq="M")
    month = pd.PeriodIndex(pd.to_datetime(frame["month"]), freq="M")
    monthly = (
        pd.crosstab(of_point, month).reindex(index=units, columns=months, fill_value=0)
        if len(frame) else pd.DataFrame(0, index=units, columns=months)
    )  # fmt: skip
    counts = monthly.sum(axis=1).to_numpy(int)
    half = len(months) // 2
    earlier = monthly.iloc[:, :half].sum(axis=1).to_numpy(int)
    later = monthly.iloc[:, len(months) - half :].sum(axis=1).to_numpy(int)
    sig = significance(counts, weights)
    trends = mann_kendall(monthly)
    table = pd.DataFrame({
        "unit": units, "latitude": centres["latitude"].to_numpy(), "longitude": centres["longitude"].to_numpy(),
        "count": counts, "count_earlier": earlier, "count_later": later, "change": later - earlier,
        "z": sig.z, "p": sig.p, "q": sig.q, "label": sig.label, "trend": trends["trend"].to_numpy(),
        "slope": trends["slope"].to_numpy(float), "trend_q": trends["trend_q"].to_numpy(float),
    })  # fmt: skip
    table["emerging"] = [emerging_label(a, b) for a, b in zip(table["label"], table["trend"], strict=True)]
    values = {**dict(zip(table["unit"], table["count"].astype(int), strict=True)), _TOTAL: int(counts.sum())}
    hidden = suppress_counts(values, [Additivity(_TOTAL, tuple(units))], threshold=threshold).suppressed
    table["suppressed"] = table["unit"].isin(hidden)
    # A half from 1 to 4 is withheld with the other half and the change (else total minus half tells it).
    small_half = ((earlier > 0) & (earlier < threshold)) | ((later > 0) & (later < threshold))
    table["halves_suppressed"] = small_half
    table["area"] = _derived_areas(table, of_point, frame["area"])
    return HotspotResult(pts.source, pts.description, unit, resolution if unit == "h3" else None, pts.start,
                         pts.end, len(frame), pts.without_location, threshold, table)  # fmt: skip


def find_hotspots(con: duckdb.DuckDBPyConnection, source: str, start: date | None = None, end: date | None = None,
                  unit: str = "h3", resolution: int = DEFAULT_RESOLUTION) -> HotspotResult:  # fmt: skip
    """Hotspots of ``source`` (``policeuk`` or ``force``) over months ``start``..``end``."""
    return analyse_points(points(con, source, start, end), unit, resolution)


__all__ = ["UNITS", "HotspotResult", "analyse_points", "find_hotspots"]

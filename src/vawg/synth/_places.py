"""Where and when the synthetic force's crimes happened (contract 1.1 location columns), with planted
public-space hotspots whose truth is written to ``truth/places.json``.

The geography is stylised, not real: the force is a rectangle split west to east into one strip per
area, each strip as wide as the area's share of crime, so crime density is even across the force and
any hotspot found is one that was planted. Two are planted in the public-space VAWG offences (non-DA,
public place):

* a city-centre night-time economy in Birmingham: Friday and Saturday nights, 21:00-03:59, steady;
* a transport hub in Wolverhampton: commuting hours, and rising over the period (an emerging hotspot).

Points are snapped to the centre of their H3 resolution-10 cell (about 66 m across), as police.uk
snaps crimes to a street-level map point, never the address. LSOA codes are synthetic (one per H3
resolution-8 cell, ``E01S`` and a number). Draws come from their own random stream, so the other
tables of a seed are unchanged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import h3
import numpy as np

from vawg.places import PUBLIC_SPACE_OFFENCES
from vawg.synth._arrays import Frame
from vawg.synth._calendar import AREA_WEIGHTS, AREAS, P0, P1
from vawg.synth._mixes import OFFENCES

PLACES_STREAM = 1414  # np.random.default_rng([seed, 1414]): this module's own stream (issue 14)

SOUTH, NORTH, WEST, EAST = 52.38, 52.66, -2.20, -1.45
SNAP_RESOLUTION = 10
LSOA_RESOLUTION = 8
# West to east, the order the strips are laid out in.
STRIP_ORDER = ("Wolverhampton", "Dudley", "Walsall", "Sandwell", "Birmingham", "Solihull", "Coventry")

# Share of non-DA, offline crimes of each offence committed in a public place (others: 0.5).
PUBLIC_SHARE = {"20A": 0.55, "20B": 0.3, "17A": 0.5, "17B": 0.3, "88E": 0.8, "8L": 0.35, "8M": 0.4,
                "8Q": 0.3, "9A": 0.7, "9B": 0.7, "8R": 0.05, "19C": 0.15, "19D": 0.1}  # fmt: skip
HOUR_PROFILE = np.array([3, 2, 2, 1, 1, 1, 2, 3, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 5, 4], float)


@dataclass(frozen=True)
class PlantedHotspot:
    """A planted hotspot: where (fractions across its area's strip), how tight, and what share of the
    eligible crimes of its area it takes at the start and the end of the period."""

    name: str
    area: str
    kind: str
    at: tuple[float, float]  # (west-east, south-north) fraction of the area's strip
    sd_m: float
    share: tuple[float, float]
    trend: str


HOTSPOTS = (
    PlantedHotspot("city-centre night-time economy", "Birmingham", "night-time economy", (0.35, 0.40), 180.0,
                   (0.35, 0.35), "steady share"),
    PlantedHotspot("transport hub", "Wolverhampton", "transport hub", (0.55, 0.50), 120.0, (0.05, 0.55),
                   "rising share"),
)  # fmt: skip


def strips() -> dict[str, tuple[float, float]]:
    """Each area's (west, east) longitude."""
    weights = dict(zip(AREAS, AREA_WEIGHTS, strict=True))
    edges = np.cumsum([0.0] + [weights[a] for a in STRIP_ORDER]) / sum(weights.values())
    lon = WEST + edges * (EAST - WEST)
    return {a: (float(lon[i]), float(lon[i + 1])) for i, a in enumerate(STRIP_ORDER)}


def hotspot_centre(spot: PlantedHotspot) -> tuple[float, float]:
    """(latitude, longitude) of a planted hotspot: a fixed place in its area's strip."""
    west, east = strips()[spot.area]
    fx, fy = spot.at
    return SOUTH + fy * (NORTH - SOUTH), west + fx * (east - west)


def _snap(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[str]]:
    snapped = [h3.latlng_to_cell(float(a), float(o), SNAP_RESOLUTION) for a, o in zip(lat, lon, strict=True)]
    centres = np.array([h3.cell_to_latlng(c) for c in snapped]).reshape(-1, 2)
    return np.round(centres[:, 0], 6), np.round(centres[:, 1], 6), snapped


def crime_places(world_crimes: Frame, seed: int) -> tuple[Frame, dict]:
    """Location columns for every crime row, and the truth of what was planted."""
    rng = np.random.default_rng([seed, PLACES_STREAM])
    c = world_crimes
    n = c.rows
    code = np.array(OFFENCES, dtype=object)[c["offence"]]
    area = np.array(AREAS, dtype=object)[c["area"]]
    share = np.array([PUBLIC_SHARE.get(x, 0.5) for x in code])
    public = ~c["da"] & ~c["online"] & (rng.random(n) < share)  # DA: a home; online: no place
    bounds = strips()
    west = np.array([bounds[a][0] for a in area])
    east = np.array([bounds[a][1] for a in area])
    lat = rng.uniform(SOUTH, NORTH, n)
    lon = west + rng.random(n) * (east - west)
    hour = rng.choice(24, size=n, p=HOUR_PROFILE / HOUR_PROFILE.sum())
    day = np.where(c["committed"] >= 0, c["committed"], c["recorded"])
    weekday = (day + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    progress = np.clip((day - P0) / max(P1 - P0, 1), 0, 1)
    eligible = public & np.isin(code, PUBLIC_SPACE_OFFENCES)
    truth_spots = []
    for spot in HOTSPOTS:
        first, last = spot.share
        chance = first + (last - first) * progress
        when = (weekday >= 4) & (weekday <= 5) if spot.kind == "night-time economy" else np.ones(n, bool)
        planted = eligible & (area == spot.area) & when & (rng.random(n) < chance)
        k = int(planted.sum())
        clat, clon = hotspot_centre(spot)
        sd_lat = spot.sd_m / 111_320
        sd_lon = sd_lat / np.cos(np.radians(clat))
        lat[planted] = rng.normal(clat, sd_lat, k)
        lon[planted] = rng.normal(clon, sd_lon, k)
        if spot.kind == "night-time economy":
            hour[planted] = rng.choice(
                [21, 22, 23, 0, 1, 2, 3], size=k, p=[0.1, 0.15, 0.2, 0.2, 0.15, 0.12, 0.08]
            )
        else:
            hour[planted] = rng.choice([7, 8, 9, 16, 17, 18], size=k)
        eligible &= ~planted
        truth_spots.append({
            "name": spot.name, "kind": spot.kind, "area": spot.area, "latitude": round(clat, 6),
            "longitude": round(clon, 6), "sd_m": spot.sd_m, "trend": spot.trend, "share_of_eligible": list(spot.share), "planted_crimes": k,
            "cell_res8": h3.latlng_to_cell(clat, clon, 8),
        })  # fmt: skip
    lat, lon, snapped = _snap(lat, lon)
    lsoa_cells = [h3.cell_to_parent(s, LSOA_RESOLUTION) for s in snapped]
    numbering = {cell: i + 1 for i, cell in enumerate(sorted(set(lsoa_cells)))}
    lsoa = np.array([f"E01S{numbering[x]:05d}" for x in lsoa_cells], dtype=object)
    frame = Frame(latitude=lat, longitude=lon, lsoa=lsoa, public=public, hour=hour.astype(np.int32))
    truth = {
        "geography": {"south": SOUTH, "north": NORTH, "west": WEST, "east": EAST, "strips": bounds,
                      "snap_resolution": SNAP_RESOLUTION, "lsoa": "one synthetic LSOA per H3 resolution-8 cell"},
        "public_space_offences": list(PUBLIC_SPACE_OFFENCES),
        "hotspots": truth_spots,
    }  # fmt: skip
    return frame, truth


def write_places_truth(out: Path, truth: dict) -> None:
    (out / "truth" / "places.json").write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")


__all__ = ["HOTSPOTS", "PlantedHotspot", "crime_places", "hotspot_centre", "strips", "write_places_truth"]

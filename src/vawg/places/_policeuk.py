"""Read one data.police.uk street-level crime file, of either format, into a frame.

Two formats are recognised from the header (never from the file name):

* ``modern`` (from late 2011): 12 columns with Crime ID, WGS84 longitude/latitude, LSOA and outcome;
* ``legacy`` (the 2011 launch): 8 columns with OSGB36 Easting/Northing, no Crime ID, no LSOA, no
  outcome. Eastings/northings are converted to WGS84 with pyproj (EPSG:27700 -> EPSG:4326; without
  the OSTN15 grid file the transformation is good to a few metres, far finer than police.uk's own
  snapping of every crime to a map point).

A row without coordinates ("No Location") is kept with NULL coordinates and counted. Line endings
(LF or CRLF) and a UTF-8 byte order mark are both accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from vawg.errors import FileRejected, IngestError
from vawg.places._categories import map_category

Format = Literal["modern", "legacy"]

MODERN_HEADER: tuple[str, ...] = (
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context",
)  # fmt: skip
LEGACY_HEADER: tuple[str, ...] = (
    "Month", "Reported by", "Falls within", "Easting", "Northing", "Location", "Crime type", "Context",
)  # fmt: skip

# Output columns (the policeuk_crimes table adds the load's vintage and bookkeeping).
COLUMNS: tuple[str, ...] = (
    "crime_id", "month", "reported_by", "falls_within", "longitude", "latitude", "easting", "northing",
    "location", "lsoa_code", "lsoa_name", "crime_type", "crime_type_original", "category_mapping",
    "last_outcome", "context", "source_file", "source_line", "file_format",
)  # fmt: skip

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# Generous bounds that every British coordinate lies within; a value outside is a broken file.
_BOUNDS = {
    "Longitude": (-9.0, 3.0), "Latitude": (49.0, 61.5), "Easting": (0.0, 700_000.0),
    "Northing": (0.0, 1_300_000.0),
}  # fmt: skip


@dataclass(frozen=True)
class PoliceUkFile:
    """One file as read: its rows and what was met in it."""

    path: Path
    file_format: Format
    rows: pd.DataFrame
    rows_without_location: int
    unmapped_categories: dict[str, int] = field(default_factory=dict)  # old category -> rows
    unknown_categories: dict[str, int] = field(default_factory=dict)  # in no list vawg knows


def detect_format(header: list[str], path: Path) -> Format:
    """``modern`` or ``legacy`` from the header row; a clear rejection for anything else."""
    cleaned = tuple(h.strip().lower() for h in header)
    if cleaned == tuple(h.lower() for h in MODERN_HEADER):
        return "modern"
    if cleaned == tuple(h.lower() for h in LEGACY_HEADER):
        return "legacy"
    raise FileRejected(
        path,
        f"a police.uk street-level header: {','.join(MODERN_HEADER)} (12 columns) or "
        f"{','.join(LEGACY_HEADER)} (8 columns, 2011)",
        f"{len(header)} columns: {','.join(header)}",
    )


def _fail(path: Path, line: int, column: str, expected: str, found: str) -> IngestError:
    return IngestError(
        f"{path}: line {line}, column {column!r}: expected {expected}; found {found!r}",
        path=str(path), line=line, column=column, expected=expected, found=found,
    )  # fmt: skip


def _first_bad(path: Path, raw: pd.DataFrame, column: str, bad: np.ndarray, expected: str) -> None:
    positions = np.flatnonzero(bad)
    if len(positions):
        first = int(positions[0])
        raise _fail(path, first + 2, column, expected, str(raw[column].iloc[first]))  # header: line 1


def _coordinate(path: Path, raw: pd.DataFrame, column: str) -> np.ndarray:
    """The column as floats (NaN where blank); rejects text and values outside Britain."""
    text = raw[column].str.strip()
    values = pd.to_numeric(text.where(text != ""), errors="coerce").to_numpy(dtype=float)
    low, high = _BOUNDS[column]
    bad = (text != "").to_numpy() & ~((values >= low) & (values <= high))
    _first_bad(path, raw, column, bad, f"a number from {low:g} to {high:g} or blank")
    return values


def _osgb36_to_wgs84(easting: np.ndarray, northing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from pyproj import Transformer

    transformer = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    lon, lat = transformer.transform(easting, northing)
    return np.round(np.asarray(lon, dtype=float), 6), np.round(np.asarray(lat, dtype=float), 6)


def read_policeuk_file(path: Path | str) -> PoliceUkFile:
    """One police.uk street-level CSV as rows of ``COLUMNS``; raises naming file, line and column."""
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise FileRejected(path, "a UTF-8 police.uk CSV file", f"an unreadable file ({exc})") from exc
    fmt = detect_format([str(c) for c in raw.columns], path)
    raw.columns = list(MODERN_HEADER if fmt == "modern" else LEGACY_HEADER)
    n = len(raw)
    month_text = raw["Month"].str.strip()
    _first_bad(
        path, raw, "Month", ~month_text.str.fullmatch(_MONTH.pattern).to_numpy(bool), "a month YYYY-MM"
    )
    _first_bad(path, raw, "Crime type", (raw["Crime type"].str.strip() == "").to_numpy(), "a crime type")
    out = pd.DataFrame(index=range(n))
    if fmt == "modern":
        out["crime_id"] = raw["Crime ID"].str.strip().replace("", None)
        out["longitude"] = _coordinate(path, raw, "Longitude")
        out["latitude"] = _coordinate(path, raw, "Latitude")
        out["easting"] = np.nan
        out["northing"] = np.nan
        for src, dest in (
            ("LSOA code", "lsoa_code"),
            ("LSOA name", "lsoa_name"),
            ("Last outcome category", "last_outcome"),
        ):
            out[dest] = raw[src].str.strip().replace("", None)
    else:
        out["crime_id"] = None
        easting, northing = _coordinate(path, raw, "Easting"), _coordinate(path, raw, "Northing")
        located = ~(np.isnan(easting) | np.isnan(northing))
        lon, lat = np.full(n, np.nan), np.full(n, np.nan)
        if located.any():
            lon[located], lat[located] = _osgb36_to_wgs84(easting[located], northing[located])
        out["longitude"], out["latitude"], out["easting"], out["northing"] = lon, lat, easting, northing
        out["lsoa_code"] = out["lsoa_name"] = out["last_outcome"] = None
    out["month"] = [date(int(m[:4]), int(m[5:7]), 1) for m in month_text]
    out["reported_by"] = raw["Reported by"].str.strip()
    out["falls_within"] = raw["Falls within"].str.strip()
    out["location"] = raw["Location"].str.strip().replace("", None)
    out["context"] = raw["Context"].str.strip().replace("", None)
    original = raw["Crime type"].str.strip()
    mapped = {name: map_category(name, legacy=fmt == "legacy") for name in original.unique()}
    out["crime_type"] = original.map(lambda name: mapped[name][0])
    out["crime_type_original"] = original
    out["category_mapping"] = original.map(lambda name: mapped[name][1])
    out["source_file"] = path.name
    out["source_line"] = np.arange(2, n + 2, dtype="int64")
    out["file_format"] = fmt
    no_location = int(
        (np.isnan(out["longitude"].to_numpy(float)) | np.isnan(out["latitude"].to_numpy(float))).sum()
    )

    def tally(how: str) -> dict[str, int]:
        sel = out["category_mapping"] == how
        return {
            str(k): int(v) for k, v in out.loc[sel, "crime_type_original"].value_counts().sort_index().items()
        }

    return PoliceUkFile(
        path=path, file_format=fmt, rows=out[list(COLUMNS)], rows_without_location=no_location,
        unmapped_categories=tally("unmappable"), unknown_categories=tally("unknown"),
    )  # fmt: skip


__all__ = ["COLUMNS", "LEGACY_HEADER", "MODERN_HEADER", "PoliceUkFile", "detect_format", "read_policeuk_file"]

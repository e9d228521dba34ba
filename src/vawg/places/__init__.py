"""Safety in Public: where women and girls are harmed in public space.

police.uk street-level files loaded vintage-aware (``load_policeuk``), the force's own public-space
offences (contract 1.1 location columns), counts and trends, hotspots with significance on an H3 grid
and by LSOA (Getis-Ord Gi* with a false-discovery-rate correction, Mann-Kendall emerging hotspots),
static maps and GeoJSON layers. See ``docs/places.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vawg._lazy import load_name

if TYPE_CHECKING:
    from vawg.places._analysis import UNITS, HotspotResult, analyse_points, find_hotspots
    from vawg.places._categories import (
        CURRENT_CATEGORIES,
        LEGACY_CATEGORIES,
        VIOLENCE_AND_SEXUAL,
        CategoryMapping,
        map_category,
    )
    from vawg.places._grid import DEFAULT_RESOLUTION
    from vawg.places._hotspots import ALPHA, gi_star, mann_kendall, significance
    from vawg.places._load import MonthLoad, PoliceUkLoadReport, create_policeuk_tables, load_policeuk
    from vawg.places._maps import (
        CLASS_STYLE,
        MapFigure,
        draw_hotspot_map,
        draw_trend,
        geojson_layers,
        save_figure,
    )
    from vawg.places._policeuk import PoliceUkFile, detect_format, read_policeuk_file
    from vawg.places._section import SafetySection, TopCell, safety_in_public_section
    from vawg.places._sources import (
        PUBLIC_SPACE_OFFENCES,
        PUBLIC_SPACE_RULE,
        SOURCES,
        Points,
        force_points,
        points,
        policeuk_points,
    )
    from vawg.places._trends import (
        MonthlyTrend,
        area_counts,
        hour_weekday_counts,
        monthly_trend,
        night_time_share,
        policeuk_category_counts,
        published_grid,
    )

# Every name loads its module on first use: importing the package (the web app does, for a
# few light names) must not import what the heavy ones need.
_LAZY: dict[str, str] = {
    "UNITS": "vawg.places._analysis",
    "HotspotResult": "vawg.places._analysis",
    "analyse_points": "vawg.places._analysis",
    "find_hotspots": "vawg.places._analysis",
    "CURRENT_CATEGORIES": "vawg.places._categories",
    "LEGACY_CATEGORIES": "vawg.places._categories",
    "VIOLENCE_AND_SEXUAL": "vawg.places._categories",
    "CategoryMapping": "vawg.places._categories",
    "map_category": "vawg.places._categories",
    "DEFAULT_RESOLUTION": "vawg.places._grid",
    "ALPHA": "vawg.places._hotspots",
    "gi_star": "vawg.places._hotspots",
    "mann_kendall": "vawg.places._hotspots",
    "significance": "vawg.places._hotspots",
    "MonthLoad": "vawg.places._load",
    "PoliceUkLoadReport": "vawg.places._load",
    "create_policeuk_tables": "vawg.places._load",
    "load_policeuk": "vawg.places._load",
    "CLASS_STYLE": "vawg.places._maps",
    "MapFigure": "vawg.places._maps",
    "draw_hotspot_map": "vawg.places._maps",
    "draw_trend": "vawg.places._maps",
    "geojson_layers": "vawg.places._maps",
    "save_figure": "vawg.places._maps",
    "PoliceUkFile": "vawg.places._policeuk",
    "detect_format": "vawg.places._policeuk",
    "read_policeuk_file": "vawg.places._policeuk",
    "SafetySection": "vawg.places._section",
    "TopCell": "vawg.places._section",
    "safety_in_public_section": "vawg.places._section",
    "PUBLIC_SPACE_OFFENCES": "vawg.places._sources",
    "PUBLIC_SPACE_RULE": "vawg.places._sources",
    "SOURCES": "vawg.places._sources",
    "Points": "vawg.places._sources",
    "force_points": "vawg.places._sources",
    "points": "vawg.places._sources",
    "policeuk_points": "vawg.places._sources",
    "MonthlyTrend": "vawg.places._trends",
    "area_counts": "vawg.places._trends",
    "hour_weekday_counts": "vawg.places._trends",
    "monthly_trend": "vawg.places._trends",
    "night_time_share": "vawg.places._trends",
    "policeuk_category_counts": "vawg.places._trends",
    "published_grid": "vawg.places._trends",
}


def __getattr__(name: str) -> Any:
    return load_name(__name__, _LAZY, name)


__all__ = [
    "ALPHA",
    "CLASS_STYLE",
    "CURRENT_CATEGORIES",
    "DEFAULT_RESOLUTION",
    "LEGACY_CATEGORIES",
    "PUBLIC_SPACE_OFFENCES",
    "PUBLIC_SPACE_RULE",
    "SOURCES",
    "UNITS",
    "VIOLENCE_AND_SEXUAL",
    "CategoryMapping",
    "HotspotResult",
    "MapFigure",
    "MonthLoad",
    "MonthlyTrend",
    "Points",
    "PoliceUkFile",
    "PoliceUkLoadReport",
    "SafetySection",
    "TopCell",
    "analyse_points",
    "area_counts",
    "create_policeuk_tables",
    "detect_format",
    "draw_hotspot_map",
    "draw_trend",
    "find_hotspots",
    "force_points",
    "geojson_layers",
    "gi_star",
    "hour_weekday_counts",
    "load_policeuk",
    "mann_kendall",
    "map_category",
    "monthly_trend",
    "night_time_share",
    "points",
    "policeuk_category_counts",
    "policeuk_points",
    "published_grid",
    "read_policeuk_file",
    "safety_in_public_section",
    "save_figure",
    "significance",
]

"""Safety in Public: where women and girls are harmed in public space.

police.uk street-level files loaded vintage-aware (``load_policeuk``), the force's own public-space
offences (contract 1.1 location columns), counts and trends, hotspots with significance on an H3 grid
and by LSOA (Getis-Ord Gi* with a false-discovery-rate correction, Mann-Kendall emerging hotspots),
static maps and GeoJSON layers. See ``docs/places.md``.
"""

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

"""Safety in Public: where women and girls are harmed in public space.

police.uk street-level files loaded vintage-aware (``load_policeuk``), the force's own public-space
offences (contract 1.1 location columns), counts and trends, hotspots with significance on an H3 grid
and by LSOA (Getis-Ord Gi* with a false-discovery-rate correction, Mann-Kendall emerging hotspots),
static maps and GeoJSON layers. See ``docs/places.md``.
"""

from vawg.places._categories import (
    CURRENT_CATEGORIES,
    LEGACY_CATEGORIES,
    VIOLENCE_AND_SEXUAL,
    CategoryMapping,
    map_category,
)
from vawg.places._load import MonthLoad, PoliceUkLoadReport, create_policeuk_tables, load_policeuk
from vawg.places._policeuk import PoliceUkFile, detect_format, read_policeuk_file

__all__ = [
    "CURRENT_CATEGORIES",
    "LEGACY_CATEGORIES",
    "VIOLENCE_AND_SEXUAL",
    "CategoryMapping",
    "MonthLoad",
    "PoliceUkFile",
    "PoliceUkLoadReport",
    "create_policeuk_tables",
    "detect_format",
    "load_policeuk",
    "map_category",
    "read_policeuk_file",
]

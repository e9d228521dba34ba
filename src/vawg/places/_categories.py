"""police.uk crime categories, current and historical, as data.

police.uk launched in January 2011 with six categories and has split and renamed them since. A file
of any vintage is loaded with its categories mapped to the current list where the old category is
the same set of crimes under another name (or the same name), and left unmapped (``crime_type``
NULL, the original kept in ``crime_type_original``) where the old category was later split, so
no crime is counted under a category it may not belong to.
"""

from __future__ import annotations

from dataclasses import dataclass

# The categories data.police.uk uses today (since May 2014), in its own order.
CURRENT_CATEGORIES: tuple[str, ...] = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
)

# The police.uk category of violence against the person and sexual offences together.
VIOLENCE_AND_SEXUAL = "Violence and sexual offences"


@dataclass(frozen=True)
class CategoryMapping:
    """An old police.uk category and the current one it maps to (None: it cannot be mapped)."""

    original: str
    current: str | None
    used: str  # when police.uk used the old category
    why: str


LEGACY_CATEGORIES: tuple[CategoryMapping, ...] = (
    CategoryMapping(
        "Violent crime",
        VIOLENCE_AND_SEXUAL,
        "2011-01 to 2013-04",
        "renamed in May 2013; it already held violence against the person and sexual offences",
    ),
    CategoryMapping(
        "Other crime",
        None,
        "2011-01 to 2011-08 (old meaning)",
        "split in September 2011 into criminal damage and arson, shoplifting, other theft, drugs, "
        "public disorder and weapons and a narrower other crime: its crimes cannot be assigned",
    ),
    CategoryMapping(
        "Public disorder and weapons",
        None,
        "2011-09 to 2014-04",
        "split in May 2014 into public order and possession of weapons",
    ),
    CategoryMapping(
        "Other theft",
        "Other theft",
        "2011-09 onwards",
        "theft from the person and bicycle theft were taken out of it in May 2013; kept as other theft",
    ),
)
LEGACY_BY_NAME: dict[str, CategoryMapping] = {m.original.lower(): m for m in LEGACY_CATEGORIES}
_CURRENT_BY_LOWER = {c.lower(): c for c in CURRENT_CATEGORIES}


def map_category(name: str, *, legacy: bool) -> tuple[str | None, str]:
    """(current category or None, how it was mapped) for a category as a file spells it.

    How: ``current`` (already a current category), ``renamed`` (an old name of a current category),
    ``unmappable`` (an old category later split) or ``unknown`` (in no list vawg knows). In a legacy
    (2011 format) file the old meaning of a name wins: its "Other crime" is the broad 2011 one.
    """
    key = name.strip().lower()
    mapping = LEGACY_BY_NAME.get(key)
    if mapping is not None and (legacy or key != "other crime"):
        if mapping.current is None:
            return None, "unmappable"
        return mapping.current, "current" if mapping.current.lower() == key else "renamed"
    if key in _CURRENT_BY_LOWER:
        return _CURRENT_BY_LOWER[key], "current"
    return None, "unknown"


__all__ = [
    "CURRENT_CATEGORIES",
    "LEGACY_CATEGORIES",
    "VIOLENCE_AND_SEXUAL",
    "CategoryMapping",
    "map_category",
]

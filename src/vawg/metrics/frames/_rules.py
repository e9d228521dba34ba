"""The rules event frames apply: age and outstanding bands, windows, outcome code classes.

Metric records cite these constants in their definitions, so a definition and its computation
cannot drift apart. The catalogue imports this module, so it loads no Ibis at import time (a cold
`vawg metrics list` imports no Ibis; tests/metrics/test_light_imports.py checks it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ibis.expr.types as ir

AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-17", 0, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-54", 45, 54),
    ("55-64", 55, 64),
    ("65+", 65, None),
)
# How long a suspect has been outstanding, in days since the link started: [low, high).
OUTSTANDING_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("under 1 month", 0, 30),
    ("1-3 months", 30, 91),
    ("3-6 months", 91, 182),
    ("6-12 months", 182, 365),
    ("12 months or more", 365, None),
)
REPEAT_WINDOW_DAYS = 365  # repeat victim / suspect: an earlier DA crime within 12 months
SERIAL_WINDOW_DAYS = 1095  # serial perpetrator: 2+ DA crimes against 2+ victims within 3 years
SERIAL_MIN_AGE = 16
# The board paper's (para 54) young-adult victims: "the 17-year age range of 18 – 34", inclusive.
YOUNG_ADULT_AGES = (18, 34)
# Fixed follow-up bases: a positive outcome assigned within N days of recording (years compare at
# equal follow-up; a period is final once N days have passed since its end).
FOLLOW_UP_DAYS = (90, 180)
CHARGE_CODES = ("1", "1A")
VICTIM_NOT_SUPPORTING_CODES = ("14", "16")
EVIDENTIAL_DIFFICULTY_CODES = ("15",)
# Frames built on the crime–person links (compute_all builds the links once when two need them).
LINK_FRAMES = frozenset({"victims", "da_links", "da_serial", "da_outstanding"})
# Frames built on the crime base (crimes with their current outcome).
CRIME_FRAMES = frozenset({"crime_base", "crimes", "open_crimes", "links", "custody"}) | LINK_FRAMES
# The frames the store keeps as tables (frame -> table), built at ingest: see vawg.store.refresh_derived.
DERIVED_FRAMES: dict[str, str] = {"crime_base": "crime_base", "links": "crime_links"}
NO_CATEGORY = "other_offence"  # a DA or HBA crime whose offence code has no VAWG category
UNKNOWN = "unknown"


def _age_band(age: ir.IntegerValue) -> ir.StringValue:
    import ibis

    cases = []
    for label, low, high in AGE_BANDS:
        cond = age >= low if high is None else (age >= low) & (age <= high)
        cases.append((cond, label))
    return ibis.cases(*cases, else_=UNKNOWN)


# The equality dimensions (issues 12 and 13): a person's sex and Census 5+1 ethnic group as plain
# words, with "not_stated" always a group of its own (never dropped, never merged into another).
SEX_WORDS = {"F": "female", "M": "male", "X": "other"}
ETHNIC_GROUP_WORDS = ("Asian", "Black", "Mixed", "White", "Other")
NOT_STATED_WORD = "not_stated"


def _sex_word(sex: ir.StringValue) -> ir.StringValue:
    import ibis

    return ibis.cases(*((sex == code, word) for code, word in SEX_WORDS.items()), else_=NOT_STATED_WORD)


def _ethnic_group(group: ir.StringValue) -> ir.StringValue:
    import ibis

    known = group.cast("string")
    return ibis.ifelse(known.isin(ETHNIC_GROUP_WORDS), known, NOT_STATED_WORD)


def _flag(value: ir.BooleanValue) -> ir.BooleanValue:
    """A filter column: null counts as false."""
    return value.fill_null(False)


def _days(later: ir.DateValue, earlier: ir.DateValue) -> ir.IntegerValue:
    return later.epoch_days() - earlier.epoch_days()

"""The national comparison's catalogue: its offence categories and its measures, defined once.

Like the metric registry, this is data that the CLI, the board report and the docs all read, so a
measure means the same thing wherever it is shown. The categories come from the reference data
(``vawg.reference`` / ``ref_offence.vawg_category``): a force that maps its own codes changes them here
too. The Home Office table carries offence codes only, so these are the *offence-category* layer of
VAWG; the domestic-abuse flag and victim sex are not in the national table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from vawg.reference import VAWG_CATEGORIES


@dataclass(frozen=True)
class NationalCategory:
    """A group of VAWG categories compared nationally (``vawg_categories`` from the reference data)."""

    id: str
    title: str
    vawg_categories: tuple[str, ...]


@dataclass(frozen=True)
class ComparisonMeasure:
    """One measure of the national comparison: a column of ``compare_forces``' frame."""

    id: str
    title: str
    unit: Literal["count", "ratio", "rank"]
    definition: str


_TITLES = {
    "rape": "Rape",
    "sexual_assault": "Sexual assault",
    "other_sexual": "Other sexual offences",
    "stalking": "Stalking",
    "harassment": "Harassment",
    "malicious_communications": "Malicious communications",
    "controlling_coercive": "Controlling or coercive behaviour",
    "fgm": "Female genital mutilation",
    "forced_marriage": "Forced marriage",
}

NATIONAL_CATEGORIES: tuple[NationalCategory, ...] = (
    NationalCategory("vawg_offences", "All VAWG offence categories", VAWG_CATEGORIES),
    *(NationalCategory(c, _TITLES.get(c, c.replace("_", " ").capitalize()), (c,)) for c in VAWG_CATEGORIES),
)

COMPARISON_MEASURES: tuple[ComparisonMeasure, ...] = (
    ComparisonMeasure(
        "count",
        "Offences recorded",
        "count",
        "Offences the force recorded in the quarter under the category's offence codes: the sum of the "
        "Home Office table's rows, reclassification adjustments (negative rows) included.",
    ),
    ComparisonMeasure(
        "force_total",
        "All recorded crime",
        "count",
        "Offences the force recorded in the quarter under every offence code in the table.",
    ),
    ComparisonMeasure(
        "share",
        "Share of the force's recorded crime",
        "ratio",
        "count ÷ force_total: how much of the force's recorded crime the category is. Comparable "
        "between forces of different sizes, unlike the count.",
    ),
    ComparisonMeasure(
        "rank_count",
        "Rank by count",
        "rank",
        "Rank of the force's count among the territorial forces in the same quarter (1 = most; tied "
        "forces share the smaller rank number). British Transport Police and the fraud bodies are not ranked.",
    ),
    ComparisonMeasure(
        "rank_share",
        "Rank by share",
        "rank",
        "Rank of the force's share among the territorial forces in the same quarter (1 = largest share).",
    ),
    ComparisonMeasure(
        "forces_ranked",
        "Territorial forces ranked",
        "count",
        "Number of territorial forces in the quarter: the denominator of both ranks.",
    ),
    ComparisonMeasure(
        "change",
        "Change on the previous quarter",
        "count",
        "count minus the force's count in the quarter before (empty when that quarter is not loaded).",
    ),
    ComparisonMeasure(
        "change_pct",
        "Change on the previous quarter (%)",
        "ratio",
        "change ÷ the previous quarter's count (empty when that count is 0 or not loaded).",
    ),
    ComparisonMeasure(
        "national_total",
        "Territorial forces' total",
        "count",
        "Sum of count over the territorial forces in the quarter (England and Wales, excluding BTP).",
    ),
    ComparisonMeasure(
        "national_median_share",
        "Median share among territorial forces",
        "ratio",
        "The median of share over the territorial forces in the quarter: the force's benchmark.",
    ),
)

MEASURES_BY_ID = {m.id: m for m in COMPARISON_MEASURES}
CATEGORIES_BY_ID = {c.id: c for c in NATIONAL_CATEGORIES}


def category_map() -> pd.DataFrame:
    """(category, category_title, category_order, vawg_category): one row per category membership."""
    rows = [
        (c.id, c.title, order, member)
        for order, c in enumerate(NATIONAL_CATEGORIES)
        for member in c.vawg_categories
    ]
    return pd.DataFrame(rows, columns=["category", "category_title", "category_order", "vawg_category"])


def measures_frame() -> pd.DataFrame:
    """The measure catalogue as a frame (id, title, unit, definition)."""
    return pd.DataFrame([vars(m) for m in COMPARISON_MEASURES])


__all__ = [
    "CATEGORIES_BY_ID",
    "COMPARISON_MEASURES",
    "MEASURES_BY_ID",
    "NATIONAL_CATEGORIES",
    "ComparisonMeasure",
    "NationalCategory",
    "category_map",
    "measures_frame",
]

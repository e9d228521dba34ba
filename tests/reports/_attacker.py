"""An attacker with the national return's CSV alone, and the indicator definitions (written here,
apart from vawg.reports._npcc_identities): the four attacks of issue 8 and a full integer program."""

from __future__ import annotations

import csv
from collections.abc import Hashable
from pathlib import Path

from tests.disclosure._attacker import integer_ranges

Key = tuple[str, str, str]  # (indicator, breakdown, numerator | denominator)

# Populations inside others (from the definitions): (outer, inner) as (indicator, part).
NESTED = [
    (("vawg_recorded_crimes", "numerator"), ("da_recorded_crimes", "numerator")),
    (("vawg_recorded_crimes", "numerator"), ("stalking_recorded_crimes", "numerator")),
    (("vawg_positive_outcome_rate", "denominator"), ("vawg_positive_outcome_rate", "numerator")),
    (("da_positive_outcome_rate", "denominator"), ("da_positive_outcome_rate", "numerator")),
    (("da_positive_outcome_rate", "numerator"), ("da_charge_rate", "numerator")),
    (("da_charge_rate", "numerator"), ("da_outcome_1_share", "numerator")),
    (("vawg_positive_outcome_rate", "numerator"), ("da_positive_outcome_rate", "numerator")),
    (("victim_sex_profile", "denominator"), ("victim_age_profile", "denominator")),
]
# The same count under two names (a rate's denominator is a count of the return; stalking).
SAME = [
    (("vawg_positive_outcome_rate", "denominator"), ("vawg_recorded_crimes", "numerator")),
    (("da_positive_outcome_rate", "denominator"), ("da_recorded_crimes", "numerator")),
    (("da_charge_rate", "denominator"), ("da_recorded_crimes", "numerator")),
    (("da_outcome_1_share", "denominator"), ("da_positive_outcome_rate", "numerator")),
    (("stalking_positive_outcome_rate", "denominator"), ("stalking_recorded_crimes", "numerator")),
]
STALKING = (
    ("stalking_recorded_crimes", "All", "numerator"),
    ("vawg_recorded_crimes", "vawg_category: stalking", "numerator"),
)
SHARES = ("victim_sex_profile", "victim_age_profile")
# Populations inside one outer population that overlap each other (DA stalking crimes are both):
# the attacker may split the outer count of each breakdown into the four parts of a Venn diagram.
OVERLAPS = [
    (("vawg_recorded_crimes", "numerator"), ("da_recorded_crimes", "numerator"), ("stalking_recorded_crimes", "numerator")),
]  # fmt: skip


def read_cells(path: Path) -> dict[Key, int | None]:
    """Every cell of the CSV: its count, or None when withheld."""
    cells: dict[Key, int | None] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for part in ("numerator", "denominator"):
                text = row[part]
                breakdown = (
                    "All" if part == "denominator" and row["indicator_id"] in SHARES else row["breakdown"]
                )
                if text == "" and part == "denominator" and row["unit"] == "count":
                    continue
                cells[row["indicator_id"], breakdown, part] = None if text == "" else int(float(text))
    return cells


def equations(cells: dict[Key, int | None]) -> list[dict[Hashable, int]]:
    """Totals (All = sum of a breakdown; a share's denominator = sum of its rows), the same counts,
    and the nested populations (outer = inner + a difference, named ("diff", outer, inner))."""
    eqs: list[dict[Hashable, int]] = []
    groups: dict[tuple[str, str, str], list[Key]] = {}
    for key in cells:
        indicator, breakdown, part = key
        if breakdown != "All":
            groups.setdefault((indicator, breakdown.split(":")[0], part), []).append(key)
    for (indicator, _, part), parts in groups.items():
        total = (indicator, "All", "denominator" if indicator in SHARES else part)
        if indicator in SHARES and part == "denominator":
            continue
        if total in cells:
            eqs.append({total: 1, **{p: -1 for p in parts}})
    breakdowns = {key[1] for key in cells}
    for a, b in SAME:
        for bd in breakdowns:
            if (a[0], bd, a[1]) in cells and (b[0], bd, b[1]) in cells:
                eqs.append({(a[0], bd, a[1]): 1, (b[0], bd, b[1]): -1})
    eqs.append({STALKING[0]: 1, STALKING[1]: -1})
    for outer, inner in NESTED:
        for bd in breakdowns:
            o, i = (outer[0], bd, outer[1]), (inner[0], bd, inner[1])
            if o in cells and i in cells:
                eqs.append({o: 1, i: -1, ("diff", o, i): -1})
    return eqs


def venn_equations(cells: dict[Key, int | None]) -> list[dict[Hashable, int]]:
    """outer = both + a only + b only + neither; a = both + a only; b = both + b only (each part an
    unknown count >= 0, named ("venn", part, outer cell)) for every breakdown all three publish."""
    eqs: list[dict[Hashable, int]] = []
    for outer, a, b in OVERLAPS:
        for bd in {key[1] for key in cells}:
            o, x, y = ((c[0], bd, c[1]) for c in (outer, a, b))
            if o in cells and x in cells and y in cells:
                both, x_only, y_only, neither = (("venn", part, o) for part in ("both", "a", "b", "neither"))
                eqs += [
                    {x: 1, both: -1, x_only: -1},
                    {y: 1, both: -1, y_only: -1},
                    {o: 1, both: -1, x_only: -1, y_only: -1, neither: -1},
                ]
    return eqs


def simple_attacks(cells: dict[Key, int | None], threshold: int) -> list[str]:
    """Attacks (a), (c) and (d) by arithmetic on the published cells."""
    found = []
    for eq in equations(cells):
        unknown = [k for k in eq if k[0] != "diff" and cells.get(k) is None]  # type: ignore[arg-type]
        diffs = [k for k in eq if k[0] == "diff"]
        if diffs:  # (c) outer − inner, both published
            o, i = (k for k in eq if k[0] != "diff")
            if not unknown and 0 < cells[o] - cells[i] < threshold:  # type: ignore[operator]
                found.append(f"(c) {o} − {i} = {cells[o] - cells[i]}")  # type: ignore[operator]
            continue
        if len(eq) == 2 and len(unknown) == 1:  # (d) the same count published under another name
            found.append(f"(d) {unknown[0]} equals a published cell")
            continue
        if unknown and all(c == -1 for k, c in eq.items() if k in unknown) and eq.get(next(iter(eq))) == 1:
            total = next(iter(eq))
            if cells.get(total) is not None:
                rest = cells[total] - sum(cells[k] for k in eq if k != total and k not in unknown)  # type: ignore[operator,misc]
                if rest == len(unknown):  # (a) each withheld cell is at least 1, so each is exactly 1
                    found.append(f"(a) {len(unknown)} withheld cells of {total} sum to {rest}: each is 1")
    return found


def lp_attack(
    cells: dict[Key, int | None], truth: dict[Key, int], threshold: int, *, overlaps: bool = False
) -> list[str]:
    """Every withheld cell, and every small difference of nested populations, bounded by an integer
    program over all the equations (with ``overlaps``, the Venn split of overlapping populations
    too); a range narrower than the threshold is a disclosure."""
    eqs = equations(cells) + (venn_equations(cells) if overlaps else [])
    published = {k: v for k, v in cells.items() if v is not None}
    hidden = [k for k, v in cells.items() if v is None]
    diffs = {k for eq in eqs for k in eq if k[0] == "diff"}  # type: ignore[index]
    parts = {k for eq in eqs for k in eq if k[0] == "venn"}  # type: ignore[index]
    small = [d for d in diffs if 0 < truth[d[1]] - truth[d[2]] < threshold]  # type: ignore[index]
    floors: dict[Hashable, int] = dict.fromkeys(hidden, 1) | dict.fromkeys(diffs | parts, 0)
    ranges = integer_ranges(published, floors, eqs, targets=[*hidden, *small])
    return [f"{k}: range {lo:g}..{hi:g}" for k, (lo, hi) in ranges.items() if hi - lo < threshold]

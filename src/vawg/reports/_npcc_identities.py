"""Every identity between the national return's cells beyond its totals, declared as data.

An attacker with the published CSV and the indicator definitions can difference nested populations
("VAWG crimes in Dudley 12 − DA crimes in Dudley 11 = 1 non-DA VAWG crime") and link cells that are
the same quantity by definition. Each such identity is declared here, from the metric definitions,
so the suppression audit (``vawg.disclosure``) sees everything the attacker sees.

``NESTED``: (outer, inner) as (metric id, "numerator" | "denominator"); the inner population lies
inside the outer one for every breakdown value both publish (``All``, ``area: X``, …).
``EQUAL``: pairs of cells, each (metric id, breakdown, part), that are the same count by definition.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from vawg.disclosure import Equal, Identity, Nested

Cell = tuple[str, str]  # (metric id, "numerator" | "denominator")

NESTED: tuple[tuple[Cell, Cell], ...] = (
    # DA crimes and stalking crimes are VAWG crimes (VAWG = VAWG category or DA or HBA flag)
    (("vawg_recorded_crimes", "numerator"), ("da_recorded_crimes", "numerator")),
    (("vawg_recorded_crimes", "numerator"), ("stalking_recorded_crimes", "numerator")),
    # cohort rates: the crimes with a positive outcome are among the crimes recorded
    (("vawg_positive_outcome_rate", "denominator"), ("vawg_positive_outcome_rate", "numerator")),
    (("da_positive_outcome_rate", "denominator"), ("da_positive_outcome_rate", "numerator")),
    (("da_charge_rate", "denominator"), ("da_charge_rate", "numerator")),
    # positive outcomes ⊇ charges (outcome 1 or 1A) ⊇ outcome 1
    (("da_positive_outcome_rate", "numerator"), ("da_charge_rate", "numerator")),
    (("da_charge_rate", "numerator"), ("da_outcome_1_share", "numerator")),
    # DA crimes with a positive outcome are VAWG crimes with a positive outcome
    (("vawg_positive_outcome_rate", "numerator"), ("da_positive_outcome_rate", "numerator")),
    # victims with a known age are among the victims
    (("victim_sex_profile", "denominator"), ("victim_age_profile", "denominator")),
)

EQUAL: tuple[tuple[tuple[str, str, str], tuple[str, str, str]], ...] = (
    # stalking crimes (offence 8Q) are the stalking category of VAWG crimes (8Q is its one code)
    (("stalking_recorded_crimes", "All", "numerator"), ("vawg_recorded_crimes", "vawg_category: stalking", "numerator")),
)  # fmt: skip


def declared_identities(
    cell_of: Mapping[tuple[str, str, str], Hashable], values: Mapping[Hashable, int]
) -> tuple[list[Identity], list[Identity]]:
    """(identities that hold, identities declared but not holding for these counts).

    ``cell_of`` maps (metric id, breakdown, part) to the cell key (shared quantities are one cell).
    An identity that does not hold is not a definition for this force (e.g. its reference data maps
    more codes to stalking); it is left out of the audit and reported, not used.
    """
    breakdowns: dict[tuple[str, str], set[str]] = {}
    for metric_id, breakdown, part in cell_of:
        breakdowns.setdefault((metric_id, part), set()).add(breakdown)
    declared: list[Identity] = []
    for outer, inner in NESTED:
        for breakdown in sorted(breakdowns.get(outer, set()) & breakdowns.get(inner, set())):
            a, b = cell_of[(*outer[:1], breakdown, outer[1])], cell_of[(*inner[:1], breakdown, inner[1])]
            if a != b:
                declared.append(Nested(a, b))
    for left, right in EQUAL:
        if left in cell_of and right in cell_of and cell_of[left] != cell_of[right]:
            declared.append(Equal(cell_of[left], cell_of[right]))
    holding = [i for i in declared if _holds(i, values)]
    return holding, [i for i in declared if i not in holding]


def _holds(identity: Identity, values: Mapping[Hashable, int]) -> bool:
    if isinstance(identity, Nested):
        return values[identity.inner] <= values[identity.outer]
    assert isinstance(identity, Equal)
    return values[identity.a] == values[identity.b]


__all__ = ["EQUAL", "NESTED", "declared_identities"]

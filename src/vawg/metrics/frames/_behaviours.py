"""Event frames of the Our Behaviours strand: Professional Standards cases and training completions.

A mixin of ``Frames`` (``frames._base``). Both tables are optional in the contract; a store without
them has empty tables, so these metrics are simply zero-row there.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from vawg.metrics._tables import table
from vawg.metrics.frames._rules import UNKNOWN, _days

# Outcomes that finalise a case with a finding; a withdrawn case has none and is left out of the
# "share upheld" denominator.
FINDING_OUTCOMES = ("upheld", "not_upheld", "no_case_to_answer", "reflective_practice")


class BehaviourFrames:
    """The conduct and training frames of ``Frames``."""

    def _build_conduct(self) -> ir.Table:
        k = table("conduct_cases")
        finding = k.outcome.isin(FINDING_OUTCOMES) & k.outcome_date.notnull()
        return k.select(
            received_date=k.received_date,
            outcome_date=k.outcome_date,
            allegation=k.allegation,
            case_type=k.case_type,
            subject_role=k.subject_role,
            area=k.area.fill_null(UNKNOWN),
            is_case=ibis.literal(True),
            is_apsp=k.allegation == "apsp",
            is_iopc=k.referred_iopc.fill_null(False),
            is_finding=finding,
            is_upheld=finding & (k.outcome == "upheld"),
            is_closed=k.outcome.notnull() & k.outcome_date.notnull(),
            days_to_outcome=_days(k.outcome_date, k.received_date),
        )

    def _build_training(self) -> ir.Table:
        t = table("training_completions")
        return t.select(
            completed_date=t.completed_date,
            course=t.course,
            tier=t.tier,
            staff_id=t.staff_id,  # coverage counts distinct staff (a repeat completion is one person)
            is_completion=ibis.literal(True),
        )

    def _build_training_eligible(self) -> ir.Table:
        """The eligible headcount by course and tier as counted on a date (coverage's denominator)."""
        e = table("training_eligible")
        return e.select(as_of_date=e.as_of_date, course=e.course, tier=e.tier, headcount=e.headcount)

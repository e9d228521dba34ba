"""Metrics of New Chance eligibility (board paper para 41): who could have been referred, and who was not.

Eligibility is the force's TOML file (``vawg.operations``' ``new_chance.toml``), shared with the
``new-chance`` work list.
"""

from __future__ import annotations

from vawg.metrics._registry import GRAINS, Measure, Metric

M = Measure
_ELIGIBLE = (
    "custody records of persons with sex F, adult at the arrest (age on the crime link, else arrest year "
    "minus birth year), whose arrest offence (offence group, subgroup or code) and disposal meet the New "
    "Chance eligibility file"
)
_SOURCES = ("custody", "persons", "crimes", "crime_persons", "ref_offence", "interventions")


def new_chance_metrics() -> list[Metric]:
    return [
        Metric(
            id="new_chance_eligible",
            title="Female detainees eligible for New Chance",
            definition=f"Eligible {_ELIGIBLE}, by month of arrest_date ('unknown' area when the record names "
            "no crime).",
            numerator="eligible custody records by month of arrest_date",
            denominator="none (a count)",
            unit="count",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area",),
            sources=_SOURCES,
            paper_ref="para 41",
            kind="count",
            num=M("new_chance", "arrest_date", ("is_eligible",)),
        ),
        Metric(
            id="new_chance_missed_referral_rate",
            title="Eligible female detainees not referred to New Chance",
            definition=f"Of the {_ELIGIBLE}, by month of arrest_date, the share referred neither from custody "
            "(referral new_chance) nor by an interventions row for NEW_CHANCE dated from the arrest to the "
            "file's referral window (28 days) after. Arrests in the last 28 days of the data may still be "
            "referred in time.",
            numerator="eligible custody records with no New Chance referral in the window",
            denominator="eligible custody records by month of arrest_date",
            unit="rate",
            higher_is_better=False,
            grains=GRAINS,
            dimensions=("area",),
            sources=_SOURCES,
            paper_ref="para 41",
            kind="rate",
            num=M("new_chance", "arrest_date", ("is_eligible", "is_missed")),
            den=M("new_chance", "arrest_date", ("is_eligible",)),
        ),
    ]


__all__ = ["new_chance_metrics"]

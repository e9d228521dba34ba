"""Metrics about suspects: outstanding suspects, arrests, bail, detainees, repeats, serial perpetrators."""

from __future__ import annotations

from vawg.metrics._registry import GRAINS, Measure, Metric
from vawg.metrics.frames._rules import (
    OUTSTANDING_BANDS,
    REPEAT_WINDOW_DAYS,
    SERIAL_MIN_AGE,
    SERIAL_WINDOW_DAYS,
)

M = Measure
_BANDS = ", ".join(label for label, _, _ in OUTSTANDING_BANDS)


def suspect_metrics() -> list[Metric]:
    return [
        Metric(
            id="da_outstanding_suspects",
            title="Outstanding DA suspects (at month end)",
            definition="At each month end d: distinct (crime_id, person_id) suspect links on DA crimes with "
            "recorded_date <= d and coalesce(linked_date, recorded_date) <= d, where the crime has no "
            "outcome with outcome_date <= d and the person has no custody record for that crime with "
            "arrest_date <= d. A quarter or year takes the value at its last month end.",
            numerator="outstanding suspect links at the period's end",
            denominator="none (a count at a point in time)",
            unit="count",
            higher_is_better=False,
            grains=GRAINS,
            dimensions=("area",),
            sources=("crimes", "crime_persons", "outcomes", "custody"),
            paper_ref="para 28, Fig. 1",
            kind="stock",
            num=M("da_outstanding", "start", ("is_total",)),
        ),
        Metric(
            id="da_outstanding_suspects_by_duration",
            title="Outstanding DA suspects by how long outstanding",
            definition="The da_outstanding_suspects links at each month end, by time since the link "
            f"started (the later of recorded_date and linked_date), in bands: {_BANDS}.",
            numerator="outstanding suspect links in the band at the period's end",
            denominator="none (a count at a point in time)",
            unit="count",
            higher_is_better=False,
            grains=GRAINS,
            dimensions=("area",),
            sources=("crimes", "crime_persons", "outcomes", "custody"),
            paper_ref="para 28",
            kind="stock",
            num=M("da_outstanding", "start", ("is_band",)),
            breakdown="outstanding_band",
        ),
        Metric(
            id="da_arrests_per_100_crimes",
            title="DA arrests per 100 DA crimes",
            definition="Custody records whose crime is a DA crime, by month of arrest_date, per 100 DA "
            "crimes recorded in the same period (interval: exact Poisson).",
            numerator="custody records for DA crimes by month of arrest_date",
            denominator="DA crimes recorded in the period",
            unit="ratio",
            higher_is_better=True,
            grains=GRAINS,
            dimensions=("area",),
            sources=("custody", "crimes"),
            paper_ref=None,
            kind="ratio",
            num=M("custody", "arrest_date", ("is_da",)),
            den=M("crimes", "recorded_date", ("is_da",)),
            scale=100.0,
        ),
        Metric(
            id="da_suspects_bailed",
            title="DA suspects released on pre-charge bail",
            definition="Custody records with disposal 'bail' whose crime is a DA crime, by month of "
            "arrest_date.",
            numerator="custody records, disposal bail, DA crime, by month of arrest_date",
            denominator="none (a count)",
            unit="count",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area",),
            sources=("custody", "crimes"),
            paper_ref="paras 33-34",
            kind="count",
            num=M("custody", "arrest_date", ("is_da", "is_bail")),
        ),
        Metric(
            id="da_suspects_rui",
            title="DA suspects released under investigation",
            definition="Custody records with disposal 'rui' (released under investigation, no bail "
            "conditions) whose crime is a DA crime, by month of arrest_date.",
            numerator="custody records, disposal rui, DA crime, by month of arrest_date",
            denominator="none (a count)",
            unit="count",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area",),
            sources=("custody", "crimes"),
            paper_ref="paras 33-34",
            kind="count",
            num=M("custody", "arrest_date", ("is_da", "is_rui")),
        ),
        Metric(
            id="da_bail_share",
            title="DA suspects bailed rather than released under investigation",
            definition="Of custody records for DA crimes released on bail or under investigation, by month "
            "of arrest_date, the share released on bail.",
            numerator="custody records, disposal bail, DA crime",
            denominator="custody records, disposal bail or rui, DA crime",
            unit="rate",
            higher_is_better=True,
            grains=GRAINS,
            dimensions=("area",),
            sources=("custody", "crimes"),
            paper_ref="paras 33-34",
            kind="rate",
            num=M("custody", "arrest_date", ("is_da", "is_bail")),
            den=M("custody", "arrest_date", ("is_da", "is_bail_or_rui")),
        ),
        Metric(
            id="da_bails_expiring",
            title="DA bails expiring",
            definition="Custody records with disposal 'bail' whose crime is a DA crime, by month of "
            "bail_end_date (bail that ends in the period and needs a decision).",
            numerator="DA bail records by month of bail_end_date",
            denominator="none (a count)",
            unit="count",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area",),
            sources=("custody", "crimes"),
            paper_ref=None,
            kind="count",
            num=M("custody", "bail_end_date", ("is_da", "is_bail")),
        ),
        Metric(
            id="female_detainees",
            title="Female detainees",
            definition="Custody records of persons with sex F, by month of arrest_date; by the offence "
            "group of the crime the arrest was for ('unknown' when the record names no crime).",
            numerator="custody records of persons with sex F by month of arrest_date",
            denominator="none (a count)",
            unit="count",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area", "offence_group"),
            sources=("custody", "persons", "crimes", "ref_offence"),
            paper_ref="para 41",
            kind="count",
            num=M("custody", "arrest_date", ("is_female",)),
        ),
    ]


def repeat_metrics() -> list[Metric]:
    def repeat(role: str) -> Metric:
        return Metric(
            id=f"da_repeat_{role}_rate",
            title=f"Repeat DA {role}s (within 12 months)",
            definition=f"Of {role} links on DA crimes recorded in the period, the share where the same "
            f"person was a {role} on an earlier DA crime recorded no more than {REPEAT_WINDOW_DAYS} days "
            "before (ordering ties by crime_id).",
            numerator=f"DA {role} links with an earlier DA {role} link in the previous {REPEAT_WINDOW_DAYS} days",
            denominator=f"DA {role} links on crimes recorded in the period",
            unit="rate",
            higher_is_better=False,
            grains=GRAINS,
            dimensions=("area", "vawg_category"),
            sources=("crimes", "crime_persons"),
            paper_ref=None,
            kind="rate",
            num=M("da_links", "recorded_date", (f"is_{role}", "is_repeat")),
            den=M("da_links", "recorded_date", (f"is_{role}",)),
            lookback_days=REPEAT_WINDOW_DAYS,
        )

    return [
        repeat("victim"),
        repeat("suspect"),
        Metric(
            id="da_serial_perpetrators",
            title="Serial DA perpetrators active",
            definition="Distinct persons who are a suspect on a DA crime recorded in the period and who, "
            f"counting that crime, were suspects on 2+ DA crimes against 2+ distinct victims in the "
            f"{SERIAL_WINDOW_DAYS} days to it (3 years), aged {SERIAL_MIN_AGE}+ (age on the link; an "
            "unknown age is kept). The MATAC definition (domain facts §4).",
            numerator="distinct serial DA suspects with a DA crime recorded in the period",
            denominator="none (a count of people)",
            unit="count",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area",),
            sources=("crimes", "crime_persons"),
            paper_ref=None,
            kind="count",
            num=M("da_serial", "recorded_date", ("is_serial",), "nunique:person_id"),
            lookback_days=SERIAL_WINDOW_DAYS,
        ),
    ]

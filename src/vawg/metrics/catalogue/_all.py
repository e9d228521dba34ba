"""The catalogue: every indicator vawg computes, one record each, in the order reports list them.

Ids are stable snake_case and never change (a renamed metric is a new metric). The ids the board
paper needs, and their exact definitions, are fixed in docs/metrics.md and the agreed interfaces.
Outcome metrics come in families (scope × measure × Home Office basis) built by small helpers so
each definition is written once.
"""

from __future__ import annotations

from vawg.metrics._registry import GRAINS, Measure, Metric, Registry
from vawg.metrics.catalogue._behaviours import behaviour_metrics
from vawg.metrics.catalogue._new_chance import new_chance_metrics
from vawg.metrics.catalogue._outcomes import outcome_metrics
from vawg.metrics.catalogue._people import people_metrics

M = Measure
CRIME_DIMS = ("area", "vawg_category", "da", "offence_group", "online", "hba", "suspect_sex", "victim_sex")


def crime_metrics() -> list[Metric]:
    crimes = "crimes, ref_offence"
    return [
        Metric(
            id="vawg_recorded_crimes",
            title="VAWG crimes recorded",
            definition="Crimes recorded in the period that are VAWG crimes: the offence code has a VAWG "
            "category (ref_offence.vawg_category), or the crime carries the domestic abuse flag or the "
            "honour-based abuse flag. By VAWG category ('other_offence' for a flagged crime whose code "
            "has no category) and by DA flag ('da' / 'non_da').",
            numerator="VAWG crimes by month of recorded_date",
            denominator="none (a count)",
            unit="count",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=CRIME_DIMS,
            sources=tuple(crimes.split(", ")),
            paper_ref=None,
            kind="count",
            num=M("crimes", "recorded_date", ("is_vawg",)),
        ),
        Metric(
            id="da_recorded_crimes",
            title="Domestic abuse crimes recorded",
            definition="Crimes recorded in the period with the domestic abuse flag (da_flag true), "
            "whatever the offence code.",
            numerator="DA-flagged crimes by month of recorded_date",
            denominator="none (a count)",
            unit="count",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area", "vawg_category", "offence_group", "suspect_sex", "victim_sex"),
            sources=("crimes",),
            paper_ref="para 32, Fig. 3",
            kind="count",
            num=M("crimes", "recorded_date", ("is_da",)),
        ),
        Metric(
            id="stalking_recorded_crimes",
            title="Stalking crimes recorded",
            definition="Crimes with offence code 8Q (stalking) by month of recorded_date.",
            numerator="crimes with offence code 8Q by month of recorded_date",
            denominator="none (a count)",
            unit="count",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area", "da", "suspect_sex", "victim_sex"),
            sources=("crimes",),
            paper_ref="para 31, Fig. 2",
            kind="count",
            num=M("crimes", "recorded_date", ("is_stalking",)),
        ),
        Metric(
            id="da_incidents",
            title="Domestic abuse incidents",
            definition="Incidents with the domestic abuse flag by month of reported_date, crimed or not "
            "(dimension 'crimed': 'crimed' when the incident carries a crime_id, else 'not_crimed').",
            numerator="DA incidents by month of reported_date",
            denominator="none (a count)",
            unit="count",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area", "crimed"),
            sources=("incidents",),
            paper_ref="para 32, Fig. 3",
            kind="count",
            num=M("incidents", "reported_date", ("is_da",)),
        ),
        Metric(
            id="da_incident_crimed_rate",
            title="DA incidents recorded as a crime",
            definition="Of DA incidents reported in the period, the share recorded as a crime "
            "(incident has a crime_id).",
            numerator="DA incidents reported in the period with a crime_id",
            denominator="DA incidents reported in the period",
            unit="rate",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area",),
            sources=("incidents",),
            paper_ref=None,
            kind="rate",
            num=M("incidents", "reported_date", ("is_da", "is_crimed")),
            den=M("incidents", "reported_date", ("is_da",)),
        ),
    ]


def _build() -> Registry:
    registry = Registry()
    for metric in (
        *crime_metrics(),
        *outcome_metrics(),
        *people_metrics(),
        *new_chance_metrics(),
        *behaviour_metrics(),
    ):
        registry.add(metric)
    return registry


REGISTRY = _build()

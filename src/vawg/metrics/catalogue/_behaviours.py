"""Metrics of the Our Behaviours strand (paras 43–48): police-perpetrated VAWG cases handled by
Professional Standards and the tiered sexual harassment training. Aggregates only: the cases are
person-level data for the professional_standards role, and published counts are suppressed."""

from __future__ import annotations

from vawg.metrics._registry import GRAINS, Measure, Metric

M = Measure
CASE_DIMS = ("allegation", "case_type", "subject_role")


def _case_metric(id: str, title: str, definition: str, numerator: str, kind: str, num: Measure,
                 den: Measure | None = None, denominator: str = "none (a count)",
                 unit: str = "count") -> Metric:  # fmt: skip
    return Metric(
        id=id,
        title=title,
        definition=definition,
        numerator=numerator,
        denominator=denominator,
        unit=unit,  # type: ignore[arg-type]
        higher_is_better=None,  # more reporting after the health checks is not worse behaviour
        grains=GRAINS,
        dimensions=CASE_DIMS,
        sources=("conduct_cases",),
        paper_ref="para 44",
        kind=kind,  # type: ignore[arg-type]
        num=num,
        den=den,
    )


def behaviour_metrics() -> list[Metric]:
    return [
        _case_metric(
            "conduct_cases_received",
            "Police-perpetrated VAWG cases received by Professional Standards",
            "Complaints and conduct matters about police-perpetrated VAWG (APSP, sexual misconduct, "
            "sexual harassment, domestic abuse by officers or staff, misogyny) by month of received_date.",
            "cases by month of received_date",
            "count",
            M("conduct", "received_date", ("is_case",)),
        ),
        _case_metric(
            "conduct_apsp_cases",
            "Abuse of position for a sexual purpose (APSP) cases received",
            "Cases whose allegation is APSP by month of received_date.",
            "APSP cases by month of received_date",
            "count",
            M("conduct", "received_date", ("is_apsp",)),
        ),
        _case_metric(
            "conduct_iopc_referrals",
            "Police-perpetrated VAWG cases referred to the IOPC",
            "Cases referred to the Independent Office for Police Conduct, by month of received_date.",
            "cases with referred_iopc true by month of received_date",
            "count",
            M("conduct", "received_date", ("is_iopc",)),
        ),
        _case_metric(
            "conduct_upheld_rate",
            "Police-perpetrated VAWG cases upheld",
            "Of cases finalised with a finding in the period (outcome upheld, not upheld, no case to "
            "answer or reflective practice, by month of outcome_date), the share upheld (complaint "
            "upheld or misconduct proven). Withdrawn cases have no finding and are left out.",
            "cases finalised in the period with outcome 'upheld'",
            "rate",
            M("conduct", "outcome_date", ("is_finding", "is_upheld")),
            M("conduct", "outcome_date", ("is_finding",)),
            denominator="cases finalised in the period with a finding",
            unit="rate",
        ),
        _case_metric(
            "conduct_days_to_outcome",
            "Police-perpetrated VAWG cases: days to outcome (median)",
            "Median of days from received_date to outcome_date of cases closed in the period (any "
            "outcome, withdrawn included), by month of outcome_date (linear interpolation).",
            "the number of cases the median is taken over",
            "days",
            M("conduct", "outcome_date", ("is_closed",), "quantile:days_to_outcome:0.5"),
            denominator="none (a median)",
            unit="days",
        ),
        Metric(
            id="training_completions",
            title="VAWG training completions (sexual harassment course, by tier)",
            definition="Completions of VAWG training by month of completed_date, by course and tier (tier 1 all "
            "staff, 2 sergeants, inspectors and staff equivalents, 3 senior leaders, 4 PSD and HR "
            "professionals). Coverage against the eligible headcount is the metric `training_coverage`.",
            numerator="completions by month of completed_date",
            denominator="none (a count)",
            unit="count",
            higher_is_better=True,
            grains=GRAINS,
            dimensions=("course", "tier"),
            sources=("training_completions",),
            paper_ref="para 45",
            kind="count",
            num=M("training", "completed_date", ("is_completion",)),
        ),
        Metric(
            id="training_coverage",
            title="VAWG training coverage against the eligible headcount (by course and tier)",
            definition="At each period's end (at most the extract date): distinct staff who have completed the "
            "course on or before it, over the latest eligible headcount counted on or before it "
            "(training_eligible), for each course and tier. A breakdown coarser than course × tier is a "
            "ratio of sums over its tiers, defined only when every tier has a headcount by then. Para 45: "
            "6,987 completions by 26 January 2023. Wilson 95% interval.",
            numerator="distinct staff who completed the course on or before the period's end",
            denominator="the latest eligible headcount on or before the period's end (summed over tiers)",
            unit="rate",
            higher_is_better=True,
            grains=GRAINS,
            dimensions=("course", "tier"),
            sources=("training_completions", "training_eligible"),
            paper_ref="para 45",
            kind="coverage",
            num=M("training", "completed_date", ("is_completion",), "nunique:staff_id"),
            den=M("training_eligible", "as_of_date", (), "latest:headcount"),
            notes="A census of the eligible staff: the interval reads as a process (super-population) "
            "interval and is narrow at force headcounts.",
        ),
    ]

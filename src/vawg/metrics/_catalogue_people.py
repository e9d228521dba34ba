"""Metrics about people: suspects, custody and bail, orders, repeats, victims, interventions."""

from __future__ import annotations

from vawg.metrics._frames import OUTSTANDING_BANDS, REPEAT_WINDOW_DAYS, SERIAL_MIN_AGE, SERIAL_WINDOW_DAYS
from vawg.metrics._registry import GRAINS, Measure, Metric

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
            num=M("da_outstanding", "start", ("is_da",)),
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
            num=M("da_outstanding_bands", "start", ("is_da",)),
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


def _order_metric(id: str, title: str, definition: str, numerator: str, denominator: str, kind: str,
                  num: Measure, den: Measure | None = None, better: bool | None = None,
                  ref: str | None = "para 29") -> Metric:  # fmt: skip
    return Metric(
        id=id,
        title=title,
        definition=definition,
        numerator=numerator,
        denominator=denominator,
        unit="rate" if kind == "rate" else "count",
        higher_is_better=better,
        grains=GRAINS,
        dimensions=("order_type",),
        sources=("orders", "order_breaches") if "breach" in id else ("orders",),
        paper_ref=ref,
        kind=kind,  # type: ignore[arg-type]
        num=num,
        den=den,
    )


def order_metrics() -> list[Metric]:
    return [
        _order_metric("orders_issued", "Protective orders and notices issued or applied for",
                      "Orders (any status) by month of start_date, by order_type.",
                      "orders by month of start_date", "none (a count)", "count",
                      M("orders", "start_date", ("is_order",))),
        _order_metric("orders_granted", "Protective orders granted",
                      "Orders with status 'granted' by month of start_date, by order_type.",
                      "granted orders by month of start_date", "none (a count)", "count",
                      M("orders", "start_date", ("is_granted",)), better=True),
        _order_metric("orders_granted_rate", "Order applications granted",
                      "Of orders started in the period and decided (status granted or refused), the share "
                      "granted; pending and withdrawn applications are left out.",
                      "orders started in the period with status granted",
                      "orders started in the period with status granted or refused", "rate",
                      M("orders", "start_date", ("is_decided", "is_granted")),
                      M("orders", "start_date", ("is_decided",)), better=True),
        _order_metric("dvpn_dvpo_conversion_rate", "DVPNs converted into DVPOs",
                      "Of DVPNs issued in the period (order_type DVPN, by start_date), the share that are the "
                      "parent (parent_order_id) of a granted DVPO.",
                      "DVPNs issued in the period with a granted DVPO child",
                      "DVPNs issued in the period", "rate",
                      M("orders", "start_date", ("is_dvpn", "is_converted")),
                      M("orders", "start_date", ("is_dvpn",)), better=True),
        _order_metric("order_breaches", "Breaches of orders",
                      "Rows of order_breaches by month of breach_date, by the order's type.",
                      "breaches by month of breach_date", "none (a count)", "count",
                      M("breaches", "breach_date", ("is_breach",)), better=False),
        _order_metric("orders_breached_rate", "Granted orders breached",
                      "Of granted orders started in the period, the share with at least one breach (at any "
                      "date up to the extract).",
                      "granted orders started in the period with a breach",
                      "granted orders started in the period", "rate",
                      M("orders", "start_date", ("is_granted", "is_breached")),
                      M("orders", "start_date", ("is_granted",)), better=False),
    ]  # fmt: skip


def repeat_metrics() -> list[Metric]:
    def repeat(role: str, frame: str) -> Metric:
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
            num=M(frame, "recorded_date", ("is_repeat",)),
            den=M(frame, "recorded_date", ("is_link",)),
        )

    return [
        repeat("victim", "da_victims"),
        repeat("suspect", "da_suspects"),
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
        ),
    ]


def victim_metrics() -> list[Metric]:
    return [
        Metric(
            id="victim_age_profile",
            title="Victims of VAWG crime by age",
            definition="Of victim links (crime_persons role 'victim') on VAWG crimes recorded in the period "
            "with age known, the share in each age band: 0-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65+.",
            numerator="victim links on VAWG crimes recorded in the period in the age band",
            denominator="victim links on VAWG crimes recorded in the period with age known",
            unit="rate",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area", "vawg_category"),
            sources=("crimes", "crime_persons"),
            paper_ref="para 54",
            kind="share",
            num=M("victims", "recorded_date", ("is_vawg", "age_known")),
            breakdown="age_band",
        ),
        Metric(
            id="victim_sex_profile",
            title="Victims of VAWG crime by sex",
            definition="Of victim links on VAWG crimes recorded in the period, the share by the victim's "
            "recorded sex (F, M, X, U = not recorded).",
            numerator="victim links on VAWG crimes recorded in the period with that sex",
            denominator="victim links on VAWG crimes recorded in the period",
            unit="rate",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area", "vawg_category"),
            sources=("crimes", "crime_persons", "persons"),
            paper_ref=None,
            kind="share",
            num=M("victims", "recorded_date", ("is_vawg",)),
            breakdown="sex",
        ),
    ]


def intervention_metrics() -> list[Metric]:
    def count(id: str, title: str, definition: str, numerator: str, num: Measure, ref: str | None) -> Metric:
        return Metric(
            id=id, title=title, definition=definition, numerator=numerator, denominator="none (a count)",
            unit="count", higher_is_better=True, grains=GRAINS, dimensions=("programme",),
            sources=("interventions",), paper_ref=ref, kind="count", num=num,
        )  # fmt: skip

    return [
        count("intervention_referrals", "Referrals to perpetrator and diversion programmes",
              "Rows of interventions by month of referred_date, by programme (EASI, NEW_CHANCE, DAOM, MATAC…).",
              "referrals by month of referred_date", M("interventions", "referred_date", ("is_any",)), "para 41"),
        count("intervention_completions", "People completing a programme",
              "Distinct persons with an intervention completed_date in the period, by programme.",
              "distinct persons completing in the period",
              M("interventions", "completed_date", ("is_any",), "nunique:person_id"), "para 31"),
        count("easi_completions", "People completing the EASI stalking intervention",
              "Distinct persons with an EASI intervention completed_date in the period (grain 'all': "
              "completed by the extract date).",
              "distinct persons completing EASI in the period",
              M("interventions", "completed_date", ("is_easi",), "nunique:person_id"), "para 31"),
        count("new_chance_referrals", "Referrals to New Chance",
              "Interventions with programme NEW_CHANCE by month of referred_date (women diverted from "
              "custody).",
              "New Chance referrals by month of referred_date",
              M("interventions", "referred_date", ("is_new_chance",)), "para 41"),
    ]  # fmt: skip


def people_metrics() -> list[Metric]:
    return [
        *suspect_metrics(),
        *order_metrics(),
        *repeat_metrics(),
        *victim_metrics(),
        *intervention_metrics(),
    ]

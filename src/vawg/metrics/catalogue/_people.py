"""Metrics about victims, protective orders and interventions."""

from __future__ import annotations

from vawg.metrics._registry import GRAINS, Measure, Metric
from vawg.metrics.catalogue._suspects import repeat_metrics, suspect_metrics
from vawg.metrics.frames._rules import YOUNG_ADULT_AGES

M = Measure


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
            dimensions=("area", "vawg_category", "sex", "victim_sex", "victim_ethnicity"),
            sources=("crimes", "crime_persons", "persons"),
            paper_ref="para 54",
            kind="share",
            num=M("victims", "recorded_date", ("is_vawg", "age_known")),
            breakdown="age_band",
        ),
        Metric(
            id="victim_age_18_34_share",
            title="Victims of VAWG crime aged 18-34",
            definition="Of victim links (crime_persons role 'victim') on VAWG crimes recorded in the period "
            f"with age known, the share aged {YOUNG_ADULT_AGES[0]} to {YOUNG_ADULT_AGES[1]} inclusive (the "
            "board paper's young-adult range; the 18-24 and 25-34 bands of victim_age_profile together).",
            numerator=f"victim links on VAWG crimes recorded in the period, aged {YOUNG_ADULT_AGES[0]}-"
            f"{YOUNG_ADULT_AGES[1]}",
            denominator="victim links on VAWG crimes recorded in the period with age known",
            unit="rate",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area", "vawg_category", "sex", "victim_sex", "victim_ethnicity"),
            sources=("crimes", "crime_persons", "persons"),
            paper_ref="para 54",
            kind="rate",
            num=M("victims", "recorded_date", ("is_vawg", "is_young_adult")),
            den=M("victims", "recorded_date", ("is_vawg", "age_known")),
        ),
        Metric(
            id="victim_age_years",
            title="Victims of VAWG crime by single year of age",
            definition="Of victim links (crime_persons role 'victim') on VAWG crimes recorded in the period "
            "with age known, the share at each single year of age (age at the time of the crime). The "
            "report groups these into equal-width bands (vawg.metrics.equal_width_bands).",
            numerator="victim links on VAWG crimes recorded in the period at that age",
            denominator="victim links on VAWG crimes recorded in the period with age known",
            unit="rate",
            higher_is_better=None,
            grains=GRAINS,
            dimensions=("area", "vawg_category", "sex", "victim_sex", "victim_ethnicity"),
            sources=("crimes", "crime_persons", "persons"),
            paper_ref="para 54",
            kind="share",
            num=M("victims", "recorded_date", ("is_vawg", "age_known")),
            breakdown="age",
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
            dimensions=("area", "vawg_category", "victim_ethnicity"),
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

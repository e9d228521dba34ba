"""Outcome metrics: scope (VAWG, DA, stalking) × measure × Home Office basis.

The Home Office reports outcome rates on two bases (domain facts §2):

* **cohort** – of crimes *recorded* in the period, the share whose current outcome is of the type
  (the rate for a period keeps rising as its crimes are finalised);
* **closure** – outcomes of the type *assigned* in the period (current outcome dated in the period)
  divided by crimes recorded in the period (the Home Office's published "outcome rate").

Ids: a cohort metric is ``<scope>_<measure>``, a closure metric ``<scope>_<measure>_closure`` –
except the board paper's ``stalking_positive_outcome_rate`` (Fig. 2), which is on the closure basis;
its cohort twin is ``stalking_positive_outcome_rate_cohort``. ``Metric.basis`` says which.
"""

from __future__ import annotations

from typing import Literal

from vawg.metrics._registry import GRAINS, Measure, Metric
from vawg.metrics.frames._rules import FOLLOW_UP_DAYS

SCOPES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # scope: (filter column, words, dimensions)
    "vawg": (
        "is_vawg",
        "VAWG crimes (VAWG offence category, DA flag or HBA flag)",
        ("area", "vawg_category", "da", "online", "hba", "suspect_sex", "victim_sex"),
    ),
    "da": (
        "is_da",
        "domestic abuse crimes (da_flag true)",
        ("area", "vawg_category", "online", "hba", "suspect_sex", "victim_sex"),
    ),
    "stalking": ("is_stalking", "stalking crimes (offence code 8Q)", ("area", "suspect_sex", "victim_sex")),
}

# measure: (title, outcome words, filter columns beyond the scope, higher_is_better)
MEASURES: dict[str, tuple[str, str, tuple[str, ...], bool | None]] = {
    "positive_outcome_rate": (
        "positive outcome rate",
        "a positive outcome (settings.positive_outcomes; default 1, 1A, 2, 3, 4, 6, 7, 8)",
        ("is_positive",),
        True,
    ),
    "charge_rate": ("charge/summons rate", "outcome 1 or 1A (charged or summonsed)", ("is_charge",), True),
    "victim_not_supporting_rate": (
        "victim does not support action (outcomes 14, 16)",
        "outcome 14 or 16 (evidential difficulties: victim does not support action)",
        ("is_not_supporting",),
        False,
    ),
    "evidential_difficulties_rate": (
        "evidential difficulties, victim supports (outcome 15)",
        "outcome 15 (evidential difficulties: suspect identified, victim supports action)",
        ("is_evidential",),
        False,
    ),
}

PAPER_REFS = {
    ("da", "positive_outcome_rate", "cohort"): "para 32",
    ("da", "outcome_1_share", "cohort"): "para 32",
    ("stalking", "positive_outcome_rate", "closure"): "para 31, Fig. 2",
}


def _label(scope: str) -> str:
    """How a scope reads in a title: acronyms stay upper case, words are capitalised."""
    return scope.upper() if scope in ("da", "vawg") else scope.capitalize()


def _id(scope: str, measure: str, basis: str) -> str:
    if (scope, measure) == ("stalking", "positive_outcome_rate"):
        return f"{scope}_{measure}" + ("_cohort" if basis == "cohort" else "")
    return f"{scope}_{measure}" + ("_closure" if basis == "closure" else "")


def _rate(scope: str, measure: str, basis: Literal["cohort", "closure"]) -> Metric:
    flag, words, dims = SCOPES[scope]
    title, outcome, where, better = MEASURES[measure]
    if basis == "cohort":
        definition = (f"Of {words} recorded in the period, the share whose current outcome (latest "
                      f"outcome row, view crime_outcome) is {outcome}. Cohort basis.")  # fmt: skip
        numerator = f"{_label(scope)} crimes recorded in the period whose current outcome is {outcome}"
        num = Measure("crimes", "recorded_date", (flag, *where))
    else:
        definition = (f"{_label(scope)} crimes whose current outcome is {outcome} with outcome_date in the "
                      f"period, divided by {words} recorded in the period. Closure basis (the Home "
                      "Office's published outcome rate; can exceed 100% in a month).")  # fmt: skip
        numerator = f"{_label(scope)} crimes whose current outcome is {outcome}, dated in the period"
        num = Measure("crimes", "outcome_date", (flag, *where))
    return Metric(
        id=_id(scope, measure, basis),
        title=f"{_label(scope)} {title} ({basis} basis)",
        definition=definition,
        numerator=numerator,
        denominator=f"{words} recorded in the period",
        unit="rate",
        higher_is_better=better,
        grains=GRAINS,
        dimensions=dims,
        sources=("crimes", "outcomes", "ref_offence"),
        paper_ref=PAPER_REFS.get((scope, measure, basis)),
        kind="rate",
        num=num,
        den=Measure("crimes", "recorded_date", (flag,)),
        basis=basis,
    )


def _outcome_1_share(scope: str, basis: Literal["cohort", "closure"]) -> Metric:
    flag, words, dims = SCOPES[scope]
    date = "recorded_date" if basis == "cohort" else "outcome_date"
    if basis == "cohort":
        definition = (f"Of {words} recorded in the period whose current outcome is positive, the share "
                      "whose outcome code is '1' (charged/summonsed). Cohort basis.")  # fmt: skip
    else:
        definition = (f"Of positive current outcomes of {words} dated in the period, the share with "
                      "outcome code '1' (charged/summonsed). Closure basis.")  # fmt: skip
    return Metric(
        id=_id(scope, "outcome_1_share", basis),
        title=f"{_label(scope)} share of positive outcomes that are outcome 1 ({basis} basis)",
        definition=definition,
        numerator="of those, crimes with current outcome code '1'",
        denominator=f"{_label(scope)} crimes with a positive current outcome ({basis} basis)",
        unit="rate",
        higher_is_better=True,
        grains=GRAINS,
        dimensions=dims,
        sources=("crimes", "outcomes", "ref_offence"),
        paper_ref=PAPER_REFS.get((scope, "outcome_1_share", basis)),
        kind="rate",
        num=Measure("crimes", date, (flag, "is_positive", "is_oc1")),
        den=Measure("crimes", date, (flag, "is_positive")),
        basis=basis,
    )


def _days(scope: str, q: float, name: str) -> Metric:
    flag, words, dims = SCOPES[scope]
    words_q = "median" if q == 0.5 else f"{round(q * 100)}th percentile"
    return Metric(
        id=f"{scope}_days_to_outcome_{name}",
        title=f"{_label(scope)} days to outcome ({words_q})",
        definition=f"For {words} whose current outcome is dated in the period (closure basis), the "
        f"{words_q} of days from recorded_date to the current outcome_date (linear interpolation).",
        numerator="the number of crimes the quantile is taken over",
        denominator="none (a quantile)",
        unit="days",
        higher_is_better=False,
        grains=GRAINS,
        dimensions=dims,
        sources=("crimes", "outcomes"),
        paper_ref=None,
        kind="days",
        num=Measure("crimes", "outcome_date", (flag, "has_outcome"), f"quantile:days_to_outcome:{q}"),
        basis="closure",
    )


def _open(scope: str) -> Metric:
    flag, words, dims = SCOPES[scope]
    return Metric(
        id=f"{scope}_open_investigations",
        title=f"{_label(scope)} open investigations (at period end)",
        definition=f"At the last day of the period, {words} recorded on or before it with no outcome "
        "dated on or before it (a crime is open from recording to its first outcome).",
        numerator="open crimes at the period's end",
        denominator="none (a count at a point in time)",
        unit="count",
        higher_is_better=None,
        grains=GRAINS,
        # not on the open-crimes frame
        dimensions=tuple(d for d in dims if d not in ("da", "online", "hba", "suspect_sex", "victim_sex")),
        sources=("crimes", "outcomes"),
        paper_ref=None,
        kind="stock",
        num=Measure("open_crimes", "start", (flag,)),
    )


def _follow_up(scope: str, days: int) -> Metric:
    flag, words, dims = SCOPES[scope]
    positive = MEASURES["positive_outcome_rate"][1]
    return Metric(
        id=f"{scope}_positive_outcome_rate_{days}d",
        title=f"{_label(scope)} positive outcome rate within {days} days (fixed follow-up basis)",
        definition=f"Of {words} recorded in the period, the share whose current outcome is {positive} "
        f"and was assigned within {days} days of recording. Fixed follow-up basis: every period is "
        f"measured after the same {days} days, so years compare at equal follow-up; a period is final "
        f"(mature) once {days} days have passed since its last day.",
        numerator=f"{_label(scope)} crimes recorded in the period with a positive current outcome dated "
        f"within {days} days of recording",
        denominator=f"{words} recorded in the period",
        unit="rate",
        higher_is_better=True,
        grains=GRAINS,
        dimensions=dims,
        sources=("crimes", "outcomes", "ref_offence"),
        paper_ref=None,
        kind="rate",
        num=Measure("crimes", "recorded_date", (flag, f"is_positive_{days}d")),
        den=Measure("crimes", "recorded_date", (flag,)),
        basis="follow_up",
        follow_up_days=days,
    )


def _finalised(scope: str) -> Metric:
    flag, words, dims = SCOPES[scope]
    positive = MEASURES["positive_outcome_rate"][1]
    return Metric(
        id=f"{scope}_positive_outcome_rate_finalised",
        title=f"{_label(scope)} positive outcome rate (finalised basis)",
        definition=f"Of {words} whose investigation was finalised in the period (current outcome dated in "
        f"the period, whenever the crime was recorded), the share whose current outcome is {positive}. "
        "Finalised basis: a proportion of outcomes, never above 100%.",
        numerator=f"{_label(scope)} crimes whose current outcome is positive, dated in the period",
        denominator=f"{_label(scope)} crimes whose current outcome is dated in the period",
        unit="rate",
        higher_is_better=True,
        grains=GRAINS,
        dimensions=dims,
        sources=("crimes", "outcomes", "ref_offence"),
        paper_ref=None,
        kind="rate",
        num=Measure("crimes", "outcome_date", (flag, "is_positive")),
        den=Measure("crimes", "outcome_date", (flag, "has_outcome")),
        basis="finalised",
    )


def outcome_metrics() -> list[Metric]:
    out: list[Metric] = []
    for scope in SCOPES:
        for basis in ("cohort", "closure"):
            for measure in MEASURES:
                out.append(_rate(scope, measure, basis))
            out.append(_outcome_1_share(scope, basis))
        out += [_follow_up(scope, days) for days in FOLLOW_UP_DAYS]
        out.append(_finalised(scope))
        out += [_days(scope, 0.5, "median"), _days(scope, 0.9, "p90"), _open(scope)]
    return out

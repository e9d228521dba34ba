"""Plain-English findings from a relative rate table, with the missing-data caveat quantified.

Every sentence is written from one row of the table (nothing suppressed is worded): "Female DA
suspects were charged or summonsed at 0.69 times the rate of male suspects (95% interval
0.49–0.98)". A difference is called a difference only when its 95% interval excludes 1.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import Any

from vawg.equality._disproportionality import JOIN, Disproportionality
from vawg.equality._groups import NOT_STATED

# How each stage reads after the group: "Female DA suspects were arrested at …".
STAGE_VERBS = {
    ("suspect", "arrested"): "were arrested",
    ("suspect", "bailed"): "were bailed after arrest",
    ("suspect", "rui"): "were released under investigation after arrest",
    ("suspect", "nfa"): "were released with no further action after arrest",
    ("suspect", "charged"): "were charged or summonsed",
    ("suspect", "cautioned"): "were cautioned",
    ("suspect", "community_resolution"): "were given a community resolution",
    ("suspect", "evidential"): "had a crime closed for evidential difficulties (outcomes 14-16)",
    ("victim", "not_supporting"): "were recorded as not supporting action",
    (
        "victim",
        "evidential_supported",
    ): "had a crime closed for evidential difficulties while supporting action",
    ("victim", "charged"): "saw a suspect charged or summonsed",
    ("victim", "positive"): "saw a positive outcome",
}
# The stages para 42 asks about, in its order.
PARA_42_STAGES = ("arrested", "bailed", "charged", "cautioned", "nfa")


def number(value: float) -> str:
    return f"{value:.2f}"


def group_phrase(label: str, dims: tuple[str, ...], noun: str, *, capital: bool = True) -> str:
    """ "Female · Black" by (Sex, Ethnicity) -> "Black female DA suspects"; "Not stated" reads as such."""
    parts = dict(zip(dims, label.split(JOIN), strict=True))
    words = []
    if "Ethnicity" in parts:
        eth = parts["Ethnicity"]
        words.append("ethnicity-not-stated" if eth == NOT_STATED else eth)
    if "Sex" in parts:
        sex = parts["Sex"]
        words.append("sex-not-stated" if sex == NOT_STATED else sex if "(" in sex else sex.lower())
    words.append(noun)
    if "Age band" in parts:
        band = parts["Age band"]
        words.append("whose age was not stated" if band == NOT_STATED else f"aged {band}")
    text = " ".join(words)
    return text[0].upper() + text[1:] if capital else text


def _noun(result: Disproportionality) -> tuple[str, str]:
    """(the population's plural noun, the short noun for the reference: "suspects"/"victims")."""
    pop = result.population
    return pop.people, ("suspects" if pop.role == "suspect" else "victims")


def rate_sentence(
    result: Disproportionality, row: Mapping[Hashable, Any], *, ref_noun: str | None = None
) -> str | None:
    """One finding from a row, or None when the row is the reference, suppressed or has no rate.
    ``ref_noun`` replaces the reference's noun ("suspects"), e.g. "Asian suspects"."""
    if row["is_reference"] or row["suppressed"] or not _finite(row["rr"]) or not _finite(row["ci_low"]):
        return None
    noun, short = _noun(result)
    who = group_phrase(row["group"], result.dimensions, noun)
    ref = group_phrase(result.reference, result.dimensions, ref_noun or short, capital=False)
    verb = STAGE_VERBS.get((result.population.role, row["stage"]), f"were {row['stage_title']}")
    text = (
        f"{who} {verb} at {number(row['rr'])} times the rate of {ref} "
        f"(95% interval {number(row['ci_low'])}–{number(row['ci_high'])})"
    )
    if _finite(row["adjusted_rr"]) and _finite(row["adjusted_low"]):
        text += (
            f"; allowing for offence type, {number(row['adjusted_rr'])} "
            f"({number(row['adjusted_low'])}–{number(row['adjusted_high'])})"
        )
    clear = row["ci_low"] > 1 or row["ci_high"] < 1
    return text + ("." if clear else "; the interval includes 1, so no clear difference.")


def per_head_sentence(result: Disproportionality, row: Mapping[Hashable, Any]) -> str | None:
    """The first stage per head of the resident population: "Female residents were identified as DA
    suspects at 2.10 per 1,000, 0.27 times the rate of male residents (95% interval 0.26–0.28)."."""
    if row["is_reference"] or not _finite(row.get("population_rr")) or not _finite(row.get("population_low")):
        return None
    pop = result.population
    who = group_phrase(str(row["group"]), result.dimensions, "residents")
    ref = group_phrase(result.reference, result.dimensions, "residents", capital=False)
    verb = f"were identified as {pop.people}" if pop.role == "suspect" else f"were recorded as {pop.people}"
    text = (
        f"{who} {verb} at {row['per_1000']:.2f} per 1,000, {number(row['population_rr'])} times the rate of "
        f"{ref} (95% interval {number(row['population_low'])}–{number(row['population_high'])})"
    )
    clear = row["population_low"] > 1 or row["population_high"] < 1
    return text + ("." if clear else "; the interval includes 1, so no clear difference.")


def bounds_sentence(result: Disproportionality, row: Mapping[Hashable, Any]) -> str | None:
    """The missing-data caveat for one row: how far its rate could move, in words."""
    if not (_finite(row["bound_low"]) and _finite(row["bound_high"]) and _finite(row["rr"])):
        return None
    dim = _bounds_dimension(result)
    noun, _ = _noun(result)
    verb = STAGE_VERBS.get((result.population.role, row["stage"]), f"were {row['stage_title']}")
    who = group_phrase(str(row["group"]), result.dimensions, noun, capital=False)
    return (
        f"If the people whose {dim.lower()} was not stated belonged to one group or another, the relative rate "
        f"at which {who} {verb} could lie anywhere from {number(row['bound_low'])} to {number(row['bound_high'])} "
        f"(it is {number(row['rr'])} for those whose {dim.lower()} was stated)."
    )


def missing_lead(result: Disproportionality) -> str:
    """How many people's group was not stated, in words."""
    dim = _bounds_dimension(result)
    missing = result.not_stated.get(dim, 0)
    noun, _ = _noun(result)
    return f"{dim} was not stated for {missing:,} of the {result.people:,} {noun} ({missing / max(result.people, 1):.0%})."


def _bounds_dimension(result: Disproportionality) -> str:
    return next(d for d in ("Ethnicity", "Sex", "Age band") if d in result.dimensions)


def findings(result: Disproportionality, stages: tuple[str, ...] | None = None) -> list[str]:
    """Sentences for every readable row of ``stages`` (default: all but the first), after the first
    stage per head of the resident population where it is known."""
    wanted = stages or tuple(s.stage_id for s in result.population.stages[1:])
    rows = result.rows.to_dict(orient="records")
    first = result.population.stages[0].stage_id
    out = [t for row in rows if row["stage"] == first and (t := per_head_sentence(result, row))]
    for stage in wanted:
        for row in rows:
            if row["stage"] == stage:
                sentence = rate_sentence(result, row)
                if sentence:
                    out.append(sentence)
    return out


def missing_caveat(result: Disproportionality, stage: str, *, lead: bool = True) -> list[str]:
    """The quantified not-stated caveat for the stated groups at one stage (after the count of
    people not stated, unless ``lead`` is False)."""
    bounds = [
        s
        for row in result.rows.to_dict(orient="records")
        if row["stage"] == stage and (s := bounds_sentence(result, row))
    ]
    return ([missing_lead(result)] if lead else []) + bounds


def _finite(value: Any) -> bool:
    return value is not None and isinstance(value, int | float) and math.isfinite(value)


__all__ = [
    "PARA_42_STAGES",
    "STAGE_VERBS",
    "bounds_sentence",
    "findings",
    "group_phrase",
    "missing_caveat",
    "missing_lead",
    "per_head_sentence",
    "rate_sentence",
]

"""The populations and stages of the disproportionality analysis, as data.

A population is the people linked in one role (suspect or victim) to crimes of one kind recorded
in a window — a cohort followed to the extract. Each stage is a yes/no fact about a *person* (a
suspect arrested twice is arrested once): an arrest or a custody disposal for one of the cohort's
crimes, or a final Home Office outcome of one of them. Outcomes belong to crimes, so when a crime
has two suspects both carry its outcome (rare: about 1.5% of DA crimes in the synthetic force).
"""

from __future__ import annotations

from dataclasses import dataclass

from vawg.errors import ConfigError


@dataclass(frozen=True)
class Stage:
    """One stage: ``parent`` is the stage whose people are this stage's denominator (None: the first)."""

    stage_id: str
    title: str
    parent: str | None
    source: str  # "outcome" (final outcome of a cohort crime) or "custody" (an arrest for one)
    condition: str  # SQL over the source row; "TRUE" for any row


@dataclass(frozen=True)
class Population:
    population_id: str
    title: str
    role: str  # the role in crime_persons
    people: str  # plural noun for sentences, e.g. "DA suspects"
    crimes: str  # SQL condition on crimes c / ref_offence o choosing the cohort's crimes
    stages: tuple[Stage, ...]

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.stage_id == stage_id)


def _outcome(*codes: str) -> str:
    return "co.outcome_code IN (" + ", ".join(f"'{c}'" for c in codes) + ")"


SUSPECT_STAGES = (
    Stage("suspect", "identified as a suspect", None, "outcome", "TRUE"),
    Stage("arrested", "arrested", "suspect", "custody", "TRUE"),
    Stage("bailed", "bailed (of those arrested)", "arrested", "custody", "cu.disposal = 'bail'"),
    Stage("rui", "released under investigation (of those arrested)", "arrested", "custody", "cu.disposal = 'rui'"),
    Stage("nfa", "released with no further action (of those arrested)", "arrested", "custody", "cu.disposal = 'nfa'"),
    Stage("charged", "charged or summonsed (outcome 1, 1A)", "suspect", "outcome", _outcome("1", "1A")),
    Stage("cautioned", "cautioned (outcome 2, 3)", "suspect", "outcome", _outcome("2", "3")),
    Stage("community_resolution", "community resolution (outcome 8)", "suspect", "outcome", _outcome("8")),
    Stage("evidential", "evidential difficulties (outcomes 14-16)", "suspect", "outcome", _outcome("14", "15", "16")),
)  # fmt: skip

VICTIM_STAGES = (
    Stage("victim", "victim of a recorded crime", None, "outcome", "TRUE"),
    Stage("not_supporting", "victim does not support action (outcome 14, 16)", "victim", "outcome", _outcome("14", "16")),
    Stage("evidential_supported", "evidential difficulties, victim supports (outcome 15)", "victim", "outcome", _outcome("15")),
    Stage("charged", "a suspect charged or summonsed (outcome 1, 1A)", "victim", "outcome", _outcome("1", "1A")),
    Stage("positive", "any positive outcome", "victim", "outcome",
          "co.outcome_code IN (SELECT outcome_code FROM ref_outcome WHERE is_positive)"),
)  # fmt: skip

_DA = "c.da_flag"
_VAWG = "(c.da_flag OR coalesce(c.hba_flag, FALSE) OR o.vawg_category IS NOT NULL)"
_STALKING = "o.vawg_category = 'stalking'"

POPULATIONS: dict[str, Population] = {
    p.population_id: p
    for p in (
        Population("da-suspects", "Domestic abuse suspects", "suspect", "DA suspects", _DA, SUSPECT_STAGES),
        Population("vawg-suspects", "VAWG suspects", "suspect", "VAWG suspects", _VAWG, SUSPECT_STAGES),
        Population("stalking-suspects", "Stalking suspects", "suspect", "stalking suspects", _STALKING, SUSPECT_STAGES),
        Population("da-victims", "Domestic abuse victims", "victim", "DA victims", _DA, VICTIM_STAGES),
        Population("vawg-victims", "VAWG victims", "victim", "VAWG victims", _VAWG, VICTIM_STAGES),
    )
}  # fmt: skip


def population(population_id: str) -> Population:
    try:
        return POPULATIONS[population_id]
    except KeyError:
        raise ConfigError(
            f"unknown population {population_id!r}; one of {', '.join(POPULATIONS)}", population=population_id
        ) from None


def person_stage_sql(pop: Population) -> str:
    """SQL (two parameters: first and last recorded date) with one row per person of ``pop``:
    sex, ethnicity_group, age (at their first cohort crime), stratum (offence code of their most
    serious cohort crime by harm days) and one boolean column per stage."""
    flags = []
    for s in pop.stages[1:]:
        col = f"bool_or({s.condition}) FILTER (WHERE {'co' if s.source == 'outcome' else 'cu'}.crime_id IS NOT NULL)"
        flags.append(f"coalesce({col}, FALSE) AS {s.stage_id}")
    return f"""
WITH cohort AS (
  SELECT DISTINCT cp.person_id, c.crime_id, c.recorded_date, cp.age, CAST(c.offence_code AS VARCHAR) AS offence,
         coalesce(o.harm_days, 0) AS harm
  FROM crimes c
  JOIN crime_persons cp ON cp.crime_id = c.crime_id AND cp.role = '{pop.role}'
  LEFT JOIN ref_offence o ON o.offence_code = CAST(c.offence_code AS VARCHAR)
  WHERE {pop.crimes} AND c.recorded_date BETWEEN ? AND ?
),
people AS (
  -- ordered aggregates, ties broken by crime and code: arg_min/arg_max pick any of tied rows, so
  -- a person's stratum (and the adjusted rates) changed from run to run
  SELECT person_id, first(age ORDER BY recorded_date, crime_id, age) AS age,
         first(offence ORDER BY harm DESC, offence) AS stratum
  FROM cohort GROUP BY person_id
),
events AS (
  SELECT k.person_id, {", ".join(flags)}
  FROM cohort k
  LEFT JOIN crime_outcome co ON co.crime_id = k.crime_id
  LEFT JOIN custody cu ON cu.crime_id = k.crime_id AND cu.person_id = k.person_id
  GROUP BY k.person_id
)
SELECT pe.person_id, CAST(p.sex AS VARCHAR) AS sex, CAST(p.ethnicity_group AS VARCHAR) AS ethnicity_group,
       pe.age, pe.stratum, TRUE AS {pop.stages[0].stage_id}, {", ".join(s.stage_id for s in pop.stages[1:])}
FROM people pe JOIN persons p ON p.person_id = pe.person_id JOIN events e ON e.person_id = pe.person_id
ORDER BY pe.person_id
"""


__all__ = [
    "POPULATIONS",
    "SUSPECT_STAGES",
    "VICTIM_STAGES",
    "Population",
    "Stage",
    "person_stage_sql",
    "population",
]

"""The force area's resident population by sex and ethnic group: the denominator that turns the first
stage ("identified as a suspect", "victim of a recorded crime") from a comparison of counts into a
rate per 1,000 people and a relative rate, as the Ministry of Justice's tables do for arrests.

The population is an editable CSV, ``area,sex,ethnicity,population,source``: one row per area, sex
(``F``/``M``) and Census 2021 5+1 group (``Asian``, ``Black``, ``Mixed``, ``White``, ``Other``; or
``All`` when only sex is known). The shipped file is SYNTHETIC — the synthetic force's own
population (its area and group shares, 2.9 million people at scale 1), not ONS figures: no ONS
population table is shipped with vawg. A force replaces it with the ONS mid-year estimates or Census
2021 (TS021) for its area and points ``VAWG_POPULATION_FILE`` at it. A bad row is a ConfigError
naming the file, the row, the column and what was expected.

The rate ratio of two groups' people per head is a ratio of Poisson rates with the populations as
fixed exposures: statsmodels' ``confint_poisson_2indep`` / ``test_poisson_2indep`` (``wald-log``:
the log-ratio interval, the same Katz-type interval as the stage rates).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from vawg.config import get_settings
from vawg.contract import ETHNICITY_GROUPS
from vawg.equality._rate_stats import Ratio
from vawg.errors import ConfigError

COLUMNS = ("area", "sex", "ethnicity", "population", "source")
SEXES = {"F": "Female", "M": "Male"}
ALL = "All"
SHIPPED = "vawg/equality/data/population.csv"


@dataclass(frozen=True)
class ResidentPopulation:
    """Resident population per (sex label, ethnic group): ``{("Female", "Asian"): 229_000, ...}``;
    ethnicity ``All`` where the file gives only sex."""

    cells: dict[tuple[str, str], int]
    source: str
    path: str

    @property
    def synthetic(self) -> bool:
        return self.source.upper().startswith("SYNTHETIC")

    def of(self, parts: dict[str, str]) -> int | None:
        """The population of a group given by its parts (``{"Sex": "Female", "Ethnicity": "Asian"}``);
        None when the file cannot give it (an age band, "Not stated", "Other (X)")."""
        if set(parts) - {"Sex", "Ethnicity"}:
            return None
        sex, eth = parts.get("Sex"), parts.get("Ethnicity")
        sexes = [sex] if sex else list(SEXES.values())
        if any(s not in SEXES.values() for s in sexes):
            return None
        if eth is None:
            totals = [self.cells.get((s, ALL)) or self._sum(s) for s in sexes]
            return None if any(t is None for t in totals) else sum(t for t in totals if t is not None)
        if eth not in ETHNICITY_GROUPS:
            return None
        found = [self.cells.get((s, eth)) for s in sexes]
        return None if any(f is None for f in found) else sum(f for f in found if f is not None)

    def _sum(self, sex: str) -> int | None:
        values = [self.cells.get((sex, g)) for g in ETHNICITY_GROUPS]
        return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def load_population(path: Path | None = None) -> ResidentPopulation:
    """The population file (``path``, else ``VAWG_POPULATION_FILE``, else the shipped synthetic one),
    summed over its areas."""
    path = path or get_settings().population_file
    if path is None:
        name = SHIPPED
        text = resources.files("vawg.equality").joinpath("data", "population.csv").read_text(encoding="utf-8")
    else:
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read ({exc.strerror})", path=name) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ConfigError(f"{name}: expected the columns {', '.join(COLUMNS)}; missing {', '.join(missing)}",
                          path=name)  # fmt: skip
    cells: dict[tuple[str, str], int] = {}
    sources: list[str] = []
    for row_number, row in enumerate(reader, start=2):  # row 1 is the header

        def bad(column: str, expected: str, row_number: int = row_number, row: dict = row) -> ConfigError:
            return ConfigError(
                f"{name}, row {row_number}, column {column}: expected {expected}; found {row.get(column)!r}",
                path=name, row=row_number, column=column,
            )  # fmt: skip

        if not (row.get("area") or "").strip():
            raise bad("area", "the name of an area")
        sex = (row.get("sex") or "").strip().upper()
        if sex not in SEXES:
            raise bad("sex", "F or M")
        eth = (row.get("ethnicity") or "").strip()
        if eth not in (*ETHNICITY_GROUPS, ALL):
            raise bad("ethnicity", f"one of {', '.join((*ETHNICITY_GROUPS, ALL))}")
        try:
            people = int((row.get("population") or "").replace(",", "").strip())
        except ValueError:
            raise bad("population", "a whole number of people") from None
        if people <= 0:
            raise bad("population", "a positive number of people")
        key = (SEXES[sex], eth)
        cells[key] = cells.get(key, 0) + people
        source = (row.get("source") or "").strip()
        if source and source not in sources:
            sources.append(source)
    if not cells:
        raise ConfigError(f"{name}: no rows", path=name)
    return ResidentPopulation(cells, "; ".join(sources) or "source not stated", name)


def population_ratio(events: int, people: int, ref_events: int, ref_people: int) -> Ratio:
    """Events per head of ``people`` over the reference's, with the 95% log-ratio interval and test."""
    from statsmodels.stats.rates import confint_poisson_2indep, test_poisson_2indep

    if people <= 0 or ref_people <= 0 or ref_events <= 0:
        return Ratio.missing()
    if events == 0:
        return Ratio(0.0, math.nan, math.nan, math.nan)
    low, high = confint_poisson_2indep(
        events, people, ref_events, ref_people, method="wald-log", compare="ratio"
    )
    test = test_poisson_2indep(events, people, ref_events, ref_people, method="wald-log", compare="ratio")
    return Ratio((events / people) / (ref_events / ref_people), float(low), float(high), float(test.pvalue))


__all__ = ["COLUMNS", "ResidentPopulation", "load_population", "population_ratio"]

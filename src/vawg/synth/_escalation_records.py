"""The escalation plant's features as of a decision date, from the records generated so far.

Definitions are those of ``vawg.risk.person_features`` (tests/synth/test_escalation.py recomputes
them from the written bundle by plain SQL). The records made before the plant (crimes, breaches,
intelligence) are indexed once; the offences the plant adds quarter by quarter are few and are
passed in, so each quarter is one pass of counts (numpy bincounts) over the indexed records plus the
planted ones. A DuckDB join of every decision with every earlier crime gave the same frame but took
three times as long and up to 6 GB at scale 30 (ten million person-quarters).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from vawg.reference import STALKING_ANTECEDENT_CODES, vawg_categories
from vawg.synth import _mixes as mx
from vawg.synth._arrays import Frame
from vawg.synth._calendar import day, year_of
from vawg.synth._intel import TOPIC
from vawg.synth._people import SEXES
from vawg.synth._world import SUSPECT, VICTIM, World

KEY = np.int64(1) << 32  # (suspect, victim) pair key = suspect * KEY + victim: victims may be added later
SERIOUS_SEXUAL_PRIOR_CATEGORIES = ("rape", "sexual_assault", "other_sexual")  # as vawg.risk.features


def serious_sexual_prior_codes() -> tuple[str, ...]:
    """Offence codes whose VAWG category counts towards ``serious_sexual_prior``."""
    cats = vawg_categories()
    return tuple(cats.loc[cats["vawg_category"].isin(SERIOUS_SEXUAL_PRIOR_CATEGORIES), "offence_code"])


def years_before(t: int, years: int) -> int:
    """The day ``years`` calendar years before day ``t`` (SQL's ``t - INTERVAL n YEAR``)."""
    d = np.datetime64(t, "D").astype(date)
    leap_day = d.month == 2 and d.day == 29  # SQL falls back to 28 February
    return day(d.replace(year=d.year - years, day=28 if leap_day else d.day))


@dataclass
class Planted:
    """The planted offences so far: suspect, victim, recorded day and DA flag of each."""

    person: np.ndarray
    victim: np.ndarray
    day: np.ndarray
    da: np.ndarray

    @staticmethod
    def none() -> Planted:
        empty = np.zeros(0, np.int64)
        return Planted(empty, empty, empty, np.zeros(0, bool))

    def add(self, world: World, rows: np.ndarray) -> Planted:
        """These plus the planted crimes at ``rows`` of ``world`` (one suspect and one victim each)."""
        links = world.links
        new = np.isin(links["crime"], rows)
        suspect = pd.Series(links["person"][new & (links["role"] == SUSPECT)],
                            index=links["crime"][new & (links["role"] == SUSPECT)]).reindex(rows)  # fmt: skip
        victim = pd.Series(links["person"][new & (links["role"] == VICTIM)],
                           index=links["crime"][new & (links["role"] == VICTIM)]).reindex(rows)  # fmt: skip
        return Planted(
            np.r_[self.person, suspect.to_numpy(np.int64)], np.r_[self.victim, victim.to_numpy(np.int64)],
            np.r_[self.day, world.crimes["recorded"][rows]], np.r_[self.da, world.crimes["da"][rows]],
        )  # fmt: skip


class Records:
    """The records made before the plant, indexed for counts as of any decision date."""

    def __init__(self, world: World, intel: Frame, orders: Frame, breaches: Frame) -> None:
        c, links = world.crimes, world.links
        self.people, self.n = world.people.frame, world.people.count  # everyone at risk is here already
        sus = links["role"] == SUSPECT
        self.s_person, s_crime = links["person"][sus], links["crime"][sus]
        self.s_day, self.s_da = c["recorded"][s_crime], c["da"][s_crime]
        offence = c["offence"][s_crime]
        self.s_stalking = np.isin(offence, mx.off(*STALKING_ANTECEDENT_CODES))
        self.s_sexual = np.isin(offence, mx.off(*serious_sexual_prior_codes()))
        # (suspect, victim, day) of every crime with both: distinct victims are distinct pairs.
        vic = links["role"] == VICTIM
        victim_of = pd.DataFrame({"crime": links["crime"][vic], "victim": links["person"][vic]})
        pairs = pd.DataFrame({"crime": s_crime, "person": self.s_person}).merge(victim_of, on="crime")
        key = pairs["person"].to_numpy(np.int64) * KEY + pairs["victim"].to_numpy(np.int64)
        order = np.argsort(key, kind="stable")  # sorted once: distinct pairs are runs of equal keys
        self.pair_key, self.pair_day = key[order], c["recorded"][pairs["crime"].to_numpy()][order]
        self.b_person, self.b_day = orders["person"][breaches["order"]], breaches["date"]
        drug = intel["topic"] == TOPIC["drugs"]
        self.d_person, self.d_day = intel["person"][drug], intel["date"][drug]

    def _count(self, who: np.ndarray, keep: np.ndarray) -> np.ndarray:
        return np.bincount(who[keep], minlength=self.n)

    def features(self, person: np.ndarray, t: int, planted: Planted) -> pd.DataFrame:
        """The features and sex of each of ``person`` (distinct) as of day ``t``, in that order."""
        lo3, lo1 = years_before(t, 3), years_before(t, 1)
        before = self.s_day < t
        p_before, p_3y = planted.day < t, (planted.day < t) & (planted.day >= lo3)
        stalking = self._count(self.s_person, before & self.s_stalking)
        da = self._count(self.s_person, before & self.s_da & (self.s_day >= lo3))
        da += self._count(planted.person, p_3y & planted.da)
        prior = self._count(self.s_person, before & self.s_sexual) + self._count(planted.person, p_before)
        keys = self.pair_key[(self.pair_day < t) & (self.pair_day >= lo3)]
        distinct = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
        extra = np.unique(planted.person[p_3y] * KEY + planted.victim[p_3y])
        extra = extra[~_in_sorted(distinct, extra)]
        victims = np.bincount(np.r_[distinct, extra] // KEY, minlength=self.n)
        birth = self.people["birth_year"][person].astype(float)
        return pd.DataFrame({
            "person": person, "decision_date": np.full(len(person), t, np.int64).astype("datetime64[D]"),
            "stalking_offences_total": stalking[person], "distinct_victims_3y": victims[person],
            "da_suspect_3y": da[person], "orders_breached": self._count(self.b_person, self.b_day < t)[person],
            "drug_intel_12m": self._count(self.d_person, (self.d_day < t) & (self.d_day >= lo1))[person],
            "age": pd.array(np.where(birth > 0, year_of(np.full(len(person), t)) - birth, np.nan), dtype="Int64"),
            "serious_sexual_prior": prior[person],
            "sex": np.asarray(SEXES, dtype=object)[self.people["sex"][person]],
        })  # fmt: skip


def _in_sorted(sorted_values: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Whether each of ``values`` is in ``sorted_values`` (ascending)."""
    if not len(sorted_values):
        return np.zeros(len(values), bool)
    at = np.searchsorted(sorted_values, values).clip(0, len(sorted_values) - 1)
    return sorted_values[at] == values

"""The synthetic force while it is being made: people, crimes, links and every other table as columns."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from vawg.synth._arrays import Frame
from vawg.synth._people import People

VICTIM, SUSPECT = 0, 1


def empty_crimes() -> Frame:
    return Frame(
        recorded=np.zeros(0, np.int64), committed=np.zeros(0, np.int64), offence=np.zeros(0, np.int16),
        area=np.zeros(0, np.int8), da=np.zeros(0, bool), hba=np.zeros(0, bool), online=np.zeros(0, bool),
        kind=np.zeros(0, np.int8),
    )  # fmt: skip


def empty_links() -> Frame:
    return Frame(
        crime=np.zeros(0, np.int64), person=np.zeros(0, np.int64), role=np.zeros(0, np.int8),
        linked=np.zeros(0, np.int64),
    )  # fmt: skip


@dataclass
class World:
    """Everything generated so far. Crime and person references are row positions (int64);
    ids are given only when the bundle is written."""

    seed: int
    scale: float
    people: People = field(default_factory=People)
    crimes: Frame = field(default_factory=empty_crimes)
    links: Frame = field(default_factory=empty_links)
    tables: dict[str, Frame] = field(default_factory=dict)  # outcomes, custody, orders, …
    equality_truth: dict[str, object] = field(default_factory=dict)  # issue 13's plants (truth/)

    def add_crimes(self, crimes: Frame, links: Frame) -> np.ndarray:
        """Append crimes and their links (``links.crime`` relative to ``crimes``); return the new rows."""
        base = self.crimes.rows
        links = Frame(links)
        links["crime"] = links["crime"] + base
        self.crimes = Frame.concat([self.crimes, crimes])
        self.links = Frame.concat([self.links, links])
        return np.arange(base, base + crimes.rows)

    def person_of_crime(self, role: int) -> np.ndarray:
        """The person linked to each crime in ``role`` (VICTIM or SUSPECT): a person row, -1 if none.

        A crime with several people in the role gets the last one linked.
        """
        person = np.full(self.crimes.rows, -1, np.int64)
        sel = self.links["role"] == role
        person[self.links["crime"][sel]] = self.links["person"][sel]
        return person

    def volume(self, per_year: float) -> int:
        """Three years of a yearly volume at this scale."""
        return max(1, round(per_year * 3 * self.scale))

    def count(self, n: float) -> int:
        """A count at this scale (at least 1)."""
        return max(1, round(n * self.scale))

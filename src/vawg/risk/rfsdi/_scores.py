"""Scored people and their explanations: the result of RFSDI and RFG/RFGV.

Every score carries its components (raw value, level, points), so any score can be explained to
the officer who reads it, the person it is about, or a court: points per component add up to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from vawg import MARKING
from vawg.errors import RiskError
from vawg.outputs import write_table
from vawg.risk.rfsdi._config import Bands, Component
from vawg.risk.rfsdi._scoring import UNIT, Measure

# How every person-level output frames itself (printed at the top of the CLI output and files).
FRAMING = (
    f"{MARKING}. For safeguarding and diversion: a prompt to protect victims and to offer the person "
    "an intervention (e.g. DAOM, EASI, MATAC), reviewed by a practitioner. Not evidence, and not on "
    "its own a ground for enforcement action."
)


@dataclass(frozen=True)
class ComponentExplanation:
    name: str
    measures: str  # what the raw value is, in words
    value: float | None
    unit: str
    transform: str
    level: float
    weight: float
    points: float

    def line(self) -> str:
        shown = "none" if self.value is None else f"{self.value:g}"
        return (
            f"{self.name:<13}{self.points:>7.2f} of {self.weight:g} points  "
            f"({shown} {self.unit}; level {self.level:.2f} by {self.transform})"
        )


@dataclass(frozen=True)
class Explanation:
    """Why one person scored what they did on one as-of date."""

    tool: str
    version: str
    person_id: str
    as_of: date
    area: str | None
    score: float
    level: str
    bands: Bands
    components: tuple[ComponentExplanation, ...]
    marking: str = MARKING
    cutoffs: tuple[float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "marking": self.marking,
            "tool": self.tool,
            "version": self.version,
            "person_id": self.person_id,
            "as_of": self.as_of.isoformat(),
            "area": self.area,
            "score": self.score,
            "level": self.level,
            "bands": {**self.bands.to_dict(), **self._cut_dict()},
            "components": [c.__dict__ for c in self.components],
        }

    def _cut_dict(self) -> dict[str, float]:
        if self.cutoffs is None or self.bands.method == "fixed":
            return {}
        return {"high_score": self.cutoffs[0], "medium_score": self.cutoffs[1]}

    def band_words(self) -> str:
        """The band rule in words, with the date's score cut-offs when the bands are relative."""
        cut = self._cut_dict()
        at = f"; on this date high at {cut['high_score']:g}, medium at {cut['medium_score']:g}" if cut else ""
        return f"{self.bands.describe()}{at}"

    def text(self) -> str:
        lines = [
            FRAMING,
            f"{self.tool} {self.version}: {self.person_id} as of {self.as_of.isoformat()} (area {self.area})",
            f"score {self.score:.2f} -> {self.level} ({self.band_words()})",
            *(f"  {c.line()}" for c in self.components),
            "  " + " + ".join(f"{c.points:.2f}" for c in self.components) + f" = {self.score:.2f}",
            *(f"  {c.name}: {c.measures}" for c in self.components),
        ]
        return "\n".join(lines)


@dataclass(frozen=True)
class RiskScores:
    """Scores of one tool for one or more as-of dates (``frame``: one row per person and date).

    Columns: as_of, person_id, area, age, ``<component>_value``/``_level``/``_points`` per component,
    score, level (high/medium/standard), rank (1 = highest within the as-of date); RFG adds its
    cohort columns.
    """

    tool: str
    version: str
    frame: pd.DataFrame
    components: dict[str, Component]
    measures: dict[str, Measure]
    bands: Bands
    source: str = ""
    marking: str = MARKING
    # Each as-of date's (high, medium) score cut-offs: relative bands resolved on everyone scored.
    cutoffs: dict[Any, tuple[float, float]] = field(default_factory=dict)
    framing: str = field(default=FRAMING)

    def __len__(self) -> int:
        return len(self.frame)

    def top(self, n: int) -> RiskScores:
        """The ``n`` highest-ranked people of each as-of date."""
        return _replace_frame(self, self.frame[self.frame["rank"] <= n].reset_index(drop=True))

    def output_frame(self) -> pd.DataFrame:
        """The frame as written to files: the marking and version in the first columns."""
        out = self.frame.copy()
        out.insert(0, "version", self.version)
        out.insert(0, "marking", self.marking)
        return out

    def write(self, path: Path) -> Path:
        """Write :meth:`output_frame` to a .csv, .parquet or .xlsx file (the xlsx adds an "about" sheet)."""
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".parquet", ".xlsx"):
            raise RiskError(
                f"{path}: expected a .csv, .xlsx or .parquet file; found {suffix or 'no suffix'}",
                path=str(path),
            )
        about = pd.DataFrame({"about": [self.framing]})
        write_table(
            self.output_frame(),
            path,
            marking=self.marking,
            sheet_name="scores",
            extra_sheets={"about": about},
        )
        return path

    def explain(self, person_id: str, as_of: date | None = None) -> Explanation:
        rows = self.frame[self.frame["person_id"] == person_id]
        if as_of is not None:
            rows = rows[rows["as_of"] == as_of]
        if rows.empty:
            when = f" on {as_of.isoformat()}" if as_of else ""
            raise RiskError(
                f"{person_id} has no {self.tool} score{when}: not in the scored population (suspects on "
                f"the offences the tool counts, in its lookback, known before the as-of date)",
                person_id=person_id,
            )
        row = rows.iloc[-1]
        parts = tuple(
            ComponentExplanation(
                name=name,
                measures=self.measures[name].describe(),
                value=None if pd.isna(row[f"{name}_value"]) else float(row[f"{name}_value"]),
                unit=UNIT[self.measures[name].kind],
                transform=comp.transform,
                level=float(row[f"{name}_level"]),
                weight=comp.weight,
                points=float(row[f"{name}_points"]),
            )
            for name, comp in self.components.items()
        )
        return Explanation(
            tool=self.tool,
            version=self.version,
            person_id=person_id,
            as_of=row["as_of"],
            area=None if pd.isna(row["area"]) else str(row["area"]),
            score=float(row["score"]),
            level=str(row["level"]),
            bands=self.bands,
            components=parts,
            cutoffs=self.cutoffs.get(row["as_of"]),
        )

    def to_dict(self) -> dict[str, Any]:
        frame = self.output_frame()
        frame["as_of"] = frame["as_of"].map(lambda d: d.isoformat())
        records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
        return {
            "marking": self.marking,
            "framing": self.framing,
            "tool": self.tool,
            "version": self.version,
            "config": self.source,
            "bands": self.bands.to_dict(),
            "count": len(frame),
            "scores": records,
        }


def _replace_frame(scores: RiskScores, frame: pd.DataFrame) -> RiskScores:
    from dataclasses import replace

    return replace(scores, frame=frame)


__all__ = ["FRAMING", "ComponentExplanation", "Explanation", "RiskScores"]

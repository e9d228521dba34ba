"""Risk bands: how a score becomes high / medium / standard.

Fixed score thresholds (the original ``high = 50, medium = 30``) put 9,414 people "high" on the
synthetic force: more than any team can act on, so "high" meant nothing. A band should say who the
team will see, so two relative methods are offered, configured in the TOML's ``[bands]``:

* ``method = "capacity"``: the top ``high_count`` people on the as-of date are high, the next
  ``medium_count`` medium (a team's caseload);
* ``method = "percentile"``: the top ``high_percent`` % high, the next ``medium_percent`` % medium;
* ``method = "fixed"``: score at least ``high`` is high, at least ``medium`` medium (the old
  thresholds, kept as a documented option and the default for a file that names no method).

A relative band is resolved to score cut-offs on the whole scored population of each as-of date
(never on a subset such as one work list's people): the cut-off is the score of the last person
inside the band, so people tied on that score are all inside it, and a band can hold a few more
people than its count. A score of 0 (nothing on record in any component) is always standard.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

BandMethod = Literal["fixed", "capacity", "percentile"]
NEEDS = {"fixed": ("high", "medium"), "capacity": ("high_count", "medium_count"),
         "percentile": ("high_percent", "medium_percent")}  # fmt: skip
Cutoffs = tuple[float, float]


class Bands(BaseModel):
    """Cut-offs on the score (``fixed``) or the size of each band (``capacity``, ``percentile``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    method: BandMethod = "fixed"
    high: float | None = Field(None, ge=0)
    medium: float | None = Field(None, ge=0)
    high_count: int | None = Field(None, ge=1)
    medium_count: int | None = Field(None, ge=0)
    high_percent: float | None = Field(None, gt=0, le=100)
    medium_percent: float | None = Field(None, ge=0, le=100)

    @model_validator(mode="after")
    def _complete(self) -> Bands:
        missing = [key for key in NEEDS[self.method] if getattr(self, key) is None]
        if missing:
            raise ValueError(f"method {self.method!r} needs {' and '.join(missing)}")
        if (
            self.method == "fixed"
            and self.medium is not None
            and self.high is not None
            and self.medium >= self.high
        ):
            raise ValueError(f"medium ({self.medium}) must be below high ({self.high})")
        if self.method == "percentile" and (self.high_percent or 0) + (self.medium_percent or 0) > 100:
            raise ValueError("high_percent + medium_percent must be at most 100")
        return self

    def _sizes(self, n: int) -> tuple[int, int]:
        """(people in high, people in high or medium) among ``n`` scored."""
        if self.method == "capacity":
            high = int(self.high_count or 0)
            return min(high, n), min(high + int(self.medium_count or 0), n)
        high_n = math.ceil(float(self.high_percent or 0) / 100 * n)
        both = math.ceil(float((self.high_percent or 0) + (self.medium_percent or 0)) / 100 * n)
        return min(high_n, n), min(both, n)

    def cutoffs(self, scores: np.ndarray) -> Cutoffs:
        """(high, medium) score cut-offs for this population of scores (one as-of date)."""
        if self.method == "fixed":
            return float(self.high or 0.0), float(self.medium or 0.0)
        s = np.sort(np.asarray(scores, dtype="float64"))[::-1]
        high_n, both_n = self._sizes(len(s))
        smallest = np.nextafter(0.0, 1.0)  # a score of 0 is never above standard

        def cut(k: int) -> float:
            return float(max(s[k - 1], smallest)) if k > 0 else math.inf

        return cut(high_n), cut(both_n)

    def level(self, scores: np.ndarray, cutoffs: Cutoffs | None = None) -> np.ndarray:
        """high / medium / standard for each score (cut-offs from ``scores`` unless given)."""
        s = np.asarray(scores, dtype="float64")
        high, medium = cutoffs if cutoffs is not None else self.cutoffs(s)
        return np.where(s >= high, "high", np.where(s >= medium, "medium", "standard"))

    def describe(self) -> str:
        """The rule in words, for explanations and reports."""
        if self.method == "capacity":
            return f"high: the top {self.high_count} people on the date; medium: the next {self.medium_count}"
        if self.method == "percentile":
            return (
                f"high: the top {self.high_percent:g}% on the date; medium: the next {self.medium_percent:g}%"
            )
        return f"high at {self.high:g}, medium at {self.medium:g}"

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, **{k: getattr(self, k) for k in NEEDS[self.method]}}


def cutoffs_by_date(frame: Any, bands: Bands) -> dict[Any, Cutoffs]:
    """Each as-of date's cut-offs, from the scores of everyone scored on it (``as_of``, ``score``)."""
    return {
        as_of: bands.cutoffs(part["score"].to_numpy()) for as_of, part in frame.groupby("as_of", sort=False)
    }


__all__ = ["BandMethod", "Bands", "Cutoffs", "cutoffs_by_date"]

"""The metric registry: every indicator is one record, and everything else reads the records.

The CLI, the board report, the national return and the web pages never hold a query of their own:
they look a metric up here by its stable id and call :func:`vawg.metrics.compute`. A record says
what the metric means (title, definition, numerator, denominator, unit, direction, paper reference)
and how it is computed (``kind`` and the :class:`Measure` records, which name an event frame of
``vawg.metrics.frames._base`` and the filter columns that select its rows).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Literal

from vawg.errors import MetricError

if TYPE_CHECKING:
    import pandas as pd

Unit = Literal["count", "rate", "days", "ratio"]
Kind = Literal["count", "rate", "ratio", "share", "days", "stock"]

GRAINS: tuple[str, ...] = ("month", "quarter", "fy", "all")


@dataclass(frozen=True)
class Measure:
    """How to count one side of a metric: rows of an event frame, filtered, by one of its dates.

    ``frame`` names an event frame (see ``frames._base.FRAMES``); ``date`` is the frame's date column
    that places a row in a period; ``where`` lists boolean columns of the frame, all of which must
    be true. ``agg`` is ``"count"`` (rows), ``"nunique:<column>"`` (distinct values) or
    ``"quantile:<column>:<q>"``. Stock metrics use interval frames (``start``/``end`` columns).
    """

    frame: str
    date: str
    where: tuple[str, ...] = ()
    agg: str = "count"


@dataclass(frozen=True)
class Metric:
    """One indicator: what it means, for whom, and how it is computed."""

    id: str
    title: str
    definition: str
    numerator: str
    denominator: str
    unit: Unit
    higher_is_better: bool | None
    grains: tuple[str, ...]
    dimensions: tuple[str, ...]
    sources: tuple[str, ...]
    paper_ref: str | None
    kind: Kind = "count"
    num: Measure | None = None
    den: Measure | None = None
    breakdown: str | None = None  # share metrics: the column whose values share the denominator
    basis: Literal["cohort", "closure", "follow_up", "finalised"] | None = None  # outcome metrics: the basis
    scale: float = 1.0  # ratio metrics: e.g. 100 for "per 100 crimes"
    notes: str = ""
    follow_up_days: int | None = None  # follow_up basis: outcomes within this many days of recording
    lookback_days: int | None = None  # history a period needs (repeats, serial): warm-up before it

    def documentation_fields(self) -> dict[str, object]:
        """The fields every metric must fill in (the documentation test reads these)."""
        return {
            "id": self.id,
            "title": self.title,
            "definition": self.definition,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "unit": self.unit,
            "grains": self.grains,
            "dimensions": self.dimensions,
            "sources": self.sources,
        }

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["num"] = asdict(self.num) if self.num else None
        out["den"] = asdict(self.den) if self.den else None
        return out


@dataclass
class Registry:
    """The catalogue: metrics in catalogue order, looked up by id."""

    _metrics: dict[str, Metric] = field(default_factory=dict)

    def add(self, metric: Metric) -> Metric:
        if metric.id in self._metrics:
            raise MetricError(f"metric {metric.id!r} is registered twice", metric=metric.id)
        self._metrics[metric.id] = metric
        return metric

    def get(self, metric_id: str) -> Metric:
        """The metric called ``metric_id``; an unknown id raises MetricError naming close ids."""
        try:
            return self._metrics[metric_id]
        except KeyError:
            close = difflib.get_close_matches(metric_id, list(self._metrics), n=5, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else "; see `vawg metrics list`"
            raise MetricError(f"no metric {metric_id!r}{hint}", metric=metric_id, close=close) from None

    def __contains__(self, metric_id: object) -> bool:
        return metric_id in self._metrics

    def __iter__(self) -> Iterator[Metric]:
        return iter(self._metrics.values())

    def __len__(self) -> int:
        return len(self._metrics)

    def ids(self) -> list[str]:
        return list(self._metrics)

    def to_frame(self) -> pd.DataFrame:
        """The catalogue as a table: one row per metric, the documentation fields as columns."""
        import pandas as pd  # here, not at import: the catalogue loads without pandas

        rows = []
        for m in self:
            rows.append(
                {
                    "id": m.id,
                    "title": m.title,
                    "unit": m.unit,
                    "higher_is_better": m.higher_is_better,
                    "basis": m.basis,
                    "grains": ",".join(m.grains),
                    "dimensions": ",".join(m.dimensions),
                    "sources": ",".join(m.sources),
                    "paper_ref": m.paper_ref,
                    "definition": m.definition,
                    "numerator": m.numerator,
                    "denominator": m.denominator,
                }
            )
        return pd.DataFrame(rows)

"""Metrics: the indicator registry, their computation, and the statistics a board can trust.

* :data:`REGISTRY` – the catalogue of :class:`Metric` records (one per indicator, stable ids);
* :func:`compute` / :func:`compute_all` – values as :class:`MetricResult` (counts, rates, Wilson
  intervals) by month, quarter, financial year or all, and by dimension;
* :func:`wilson_interval`, :func:`compare_proportions`, :func:`compare_counts` – intervals and
  year-on-year tests (statsmodels); :func:`change_test` picks the test that fits a metric;
* :func:`spc` – NHS "Making Data Count" XmR charts with variation and assurance icons;
* :func:`seasonal_trend` – STL decomposition (period 12) of a monthly series.

See docs/metrics.md for the catalogue and the methods.

The catalogue (``REGISTRY`` and its record types) loads with this package and imports neither Ibis
nor pandas; every other name loads its module on first use (PEP 562 ``__getattr__``), so a cold
`vawg metrics list` stays light and `vawg metrics show` imports only what it runs.
"""

from typing import TYPE_CHECKING, Any

from vawg._lazy import load_name
from vawg.metrics._registry import GRAINS, Measure, Metric, Registry
from vawg.metrics.catalogue._all import REGISTRY
from vawg.metrics.frames._rules import AGE_BANDS

if TYPE_CHECKING:
    from vawg.metrics._age_bands import equal_width_bands
    from vawg.metrics._compute import compute, compute_all
    from vawg.metrics._coverage import DataCoverage, data_coverage
    from vawg.metrics._force_files import (
        ChangePoint,
        Target,
        change_dates,
        load_change_points,
        load_targets,
        target_on,
    )
    from vawg.metrics._intervals import (
        Comparison,
        compare_counts,
        compare_proportions,
        poisson_interval,
        wilson_interval,
    )
    from vawg.metrics._metric_spc import MetricSpc, metric_spc
    from vawg.metrics._plan import derived_table_sql, metric_sql
    from vawg.metrics._result import MetricResult, change_test
    from vawg.metrics._seasonal import SeasonalTrend, same_month_last_year, seasonal_trend
    from vawg.metrics._spc import SpcResult, spc

# Names served from their modules on first use (they import pandas, NumPy, DuckDB or Ibis).
_LAZY: dict[str, str] = {
    "equal_width_bands": "vawg.metrics._age_bands",
    "compute": "vawg.metrics._compute",
    "compute_all": "vawg.metrics._compute",
    "DataCoverage": "vawg.metrics._coverage",
    "data_coverage": "vawg.metrics._coverage",
    "ChangePoint": "vawg.metrics._force_files",
    "Target": "vawg.metrics._force_files",
    "change_dates": "vawg.metrics._force_files",
    "load_change_points": "vawg.metrics._force_files",
    "load_targets": "vawg.metrics._force_files",
    "target_on": "vawg.metrics._force_files",
    "Comparison": "vawg.metrics._intervals",
    "compare_counts": "vawg.metrics._intervals",
    "compare_proportions": "vawg.metrics._intervals",
    "poisson_interval": "vawg.metrics._intervals",
    "wilson_interval": "vawg.metrics._intervals",
    "MetricSpc": "vawg.metrics._metric_spc",
    "metric_spc": "vawg.metrics._metric_spc",
    "metric_sql": "vawg.metrics._plan",
    "derived_table_sql": "vawg.metrics._plan",
    "MetricResult": "vawg.metrics._result",
    "change_test": "vawg.metrics._result",
    "SeasonalTrend": "vawg.metrics._seasonal",
    "same_month_last_year": "vawg.metrics._seasonal",
    "seasonal_trend": "vawg.metrics._seasonal",
    "SpcResult": "vawg.metrics._spc",
    "spc": "vawg.metrics._spc",
}


def __getattr__(name: str) -> Any:
    return load_name(__name__, _LAZY, name)


__all__ = [
    "AGE_BANDS",
    "GRAINS",
    "REGISTRY",
    "ChangePoint",
    "Comparison",
    "DataCoverage",
    "Measure",
    "Metric",
    "MetricResult",
    "MetricSpc",
    "Registry",
    "SeasonalTrend",
    "SpcResult",
    "Target",
    "change_dates",
    "change_test",
    "compare_counts",
    "compare_proportions",
    "compute",
    "compute_all",
    "data_coverage",
    "derived_table_sql",
    "equal_width_bands",
    "load_change_points",
    "load_targets",
    "metric_spc",
    "metric_sql",
    "poisson_interval",
    "same_month_last_year",
    "seasonal_trend",
    "spc",
    "target_on",
    "wilson_interval",
]

"""Metrics: the indicator registry, their computation, and the statistics a board can trust.

* :data:`REGISTRY` – the catalogue of :class:`Metric` records (one per indicator, stable ids);
* :func:`compute` / :func:`compute_all` – values as :class:`MetricResult` (counts, rates, Wilson
  intervals) by month, quarter, financial year or all, and by dimension;
* :func:`wilson_interval`, :func:`compare_proportions`, :func:`compare_counts` – intervals and
  year-on-year tests (statsmodels); :func:`change_test` picks the test that fits a metric;
* :func:`spc` – NHS "Making Data Count" XmR charts with variation and assurance icons;
* :func:`seasonal_trend` – STL decomposition (period 12) of a monthly series.

See docs/metrics.md for the catalogue and the methods.
"""

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
from vawg.metrics._plan import metric_sql
from vawg.metrics._registry import GRAINS, Measure, Metric, Registry
from vawg.metrics._result import MetricResult, change_test
from vawg.metrics._seasonal import SeasonalTrend, same_month_last_year, seasonal_trend
from vawg.metrics._spc import SpcResult, spc
from vawg.metrics.catalogue._all import REGISTRY

__all__ = [
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

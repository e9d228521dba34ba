"""Coverage metrics (kind "coverage", vawg.metrics._cumulative): the registry's training coverage is
a ratio of sums valued at each period's end, worked by hand on a tiny training file."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from statsmodels.stats.proportion import proportion_confint

from tests.ingest._helpers import base_rows, write_bundle
from tests.strategy.test_behaviours import COMPLETIONS, ELIGIBLE
from vawg.ingest import ingest
from vawg.metrics import REGISTRY, compute
from vawg.metrics._plan import metric_sql


def _store(folder: Path, completions: list[tuple[str, str, str]]) -> Path:
    tables = base_rows()
    tables["training_completions"] = [
        {"completion_id": f"TC{n}", "staff_id": s, "course": "sexual_harassment", "tier": t, "completed_date": d}
        for n, (s, t, d) in enumerate(completions)
    ]  # fmt: skip
    tables["training_eligible"] = [
        {"course": "sexual_harassment", "tier": t, "as_of_date": d, "headcount": h} for t, d, h in ELIGIBLE
    ]
    db = folder / "t.duckdb"
    ingest(write_bundle(folder / "bundle", tables), db, progress=False)
    return db


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    plain = _store(tmp_path_factory.mktemp("cov"), list(COMPLETIONS))
    # A tier-3 completion in December, and no tier-3 headcount ever.
    extra = _store(tmp_path_factory.mktemp("cov3"), [*COMPLETIONS, ("ST6", "3", "2022-12-05")])
    return plain, extra


def test_coverage_by_month_is_valued_at_each_month_end(stores) -> None:  # type: ignore[no-untyped-def]
    frame = compute(stores[0], "training_coverage", grain="month", end="2023-01-26").frame
    cells = {r.period: (r.numerator, int(r.denominator)) for r in frame.itertuples()}
    # April: headcounts 10 + 4 + 1, nobody trained; June: ST5 (tier 4); November: + ST1, ST2 (tier 1);
    # January, valued on the 26th: + ST3 (not ST4, the 27th), tier 1's headcount recounted at 8.
    assert cells["2022-04"] == (0, 15) and cells["2022-06"] == (1, 15) and cells["2022-11"] == (3, 15)
    assert cells["2022-12"] == (3, 15) and cells["2023-01"] == (4, 13)
    assert list(cells)[-1] == "2023-01"
    january = frame[frame["period"] == "2023-01"].iloc[0]
    low, high = proportion_confint(4, 13, method="wilson")
    assert january["value"] == pytest.approx(4 / 13)
    assert (january["ci_low"], january["ci_high"]) == (pytest.approx(low), pytest.approx(high))


def test_a_breakdown_is_a_ratio_of_sums_defined_only_with_every_headcount(stores) -> None:  # type: ignore[no-untyped-def]
    by_tier = compute(stores[1], "training_coverage", grain="all", by=("tier",), end="2023-01-26").frame
    assert {r.tier: (r.numerator, int(r.denominator)) for r in by_tier.itertuples()} == {
        "1": (2, 8), "2": (1, 4), "3": (1, 0), "4": (1, 1),
    }  # fmt: skip
    assert math.isnan(by_tier.set_index("tier").loc["3", "value"])
    total = compute(stores[1], "training_coverage", grain="all", end="2023-01-26").frame.iloc[0]
    assert (total["numerator"], total["denominator"]) == (5, 0) and math.isnan(total["value"])
    plain = compute(stores[0], "training_coverage", grain="all", end="2023-01-26").frame.iloc[0]
    assert (plain["numerator"], plain["denominator"], plain["value"]) == (4, 13, pytest.approx(4 / 13))


def test_the_metric_is_one_registry_record_with_its_sql() -> None:
    metric = REGISTRY.get("training_coverage")
    assert metric.kind == "coverage" and metric.den is not None and metric.den.frame == "training_eligible"
    (sql,) = metric_sql("training_coverage", by=("tier",))
    assert "period_ends" in sql and "arg_max" in sql and "count(DISTINCT" in sql

"""Actions whose linked indicator moved the wrong way: a worked SPC case."""

from __future__ import annotations

from datetime import date

import pandas as pd

from vawg.strategy import Action, wrong_way


def _action(ref: str, metric: str, status: str = "in_progress") -> Action:
    return Action(ref, "criminal-justice", "Improve charging", "CJ portfolio", "ACC Crime", date(2024, 3, 31),
                  status=status, evidence=(f"metric:{metric}", "doc:plan"))  # fmt: skip


def _series(values: list[float]) -> pd.Series:
    return pd.Series(values, index=pd.date_range("2021-04-01", periods=len(values), freq="MS").date)


def test_a_falling_positive_outcome_rate_is_flagged_and_a_steady_one_is_not() -> None:
    # 12 steady months around 10%, then 7 months below the mean (an NHS run rule: concern, low).
    falling = _series([0.10, 0.11, 0.09, 0.10, 0.105, 0.095, 0.10, 0.11, 0.09, 0.10, 0.10, 0.105,
                       0.08, 0.079, 0.081, 0.08, 0.078, 0.08, 0.079])  # fmt: skip
    steady = _series([0.10, 0.11, 0.09, 0.10, 0.105, 0.095, 0.10, 0.11, 0.09, 0.10, 0.10, 0.105])
    data = {"vawg_charge_rate": falling, "vawg_positive_outcome_rate": steady}
    actions = [
        _action("CJ-1", "vawg_charge_rate"),
        _action("CJ-2", "vawg_positive_outcome_rate"),
        _action("CJ-3", "vawg_charge_rate", status="complete"),  # done: no longer watched
        _action("CJ-4", "vawg_recorded_crimes"),  # no direction: never "wrong"
    ]
    found = wrong_way(None, actions, series=data.__getitem__)
    assert [(f.ref, f.metric_id, f.variation) for f in found] == [("CJ-1", "vawg_charge_rate", "concern_low")]
    assert found[0].latest_value == 0.079

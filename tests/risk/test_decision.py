"""Calibration in the top k and the decision curve, hand-worked (issue 11, item 7)."""

from __future__ import annotations

import pytest

from vawg.risk.escalation._decision import calibration_at_k, decision_curve

# Ten people, scores 0.9 … 0.0; outcomes for the 1st, 2nd, 4th and 7th highest.
P = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0]
Y = [1, 1, 0, 1, 0, 0, 1, 0, 0, 0]


def test_calibration_within_the_top_k() -> None:
    got = calibration_at_k(Y, P, [2, 5])
    # Top 2: predicted (0.9 + 0.8) / 2 = 0.85, observed 2/2. Top 5: predicted 3.5 / 5 = 0.7, observed 3/5.
    assert got["mean_predicted"].tolist() == pytest.approx([0.85, 0.7])
    assert got["observed"].tolist() == pytest.approx([1.0, 0.6])
    assert got["outcomes"].tolist() == [2, 3]
    # Wilson interval of 3/5 (statsmodels): 0.2307 to 0.8824.
    assert got.loc[1, ["observed_low", "observed_high"]].tolist() == pytest.approx([0.2307, 0.8824], abs=1e-4)


def test_net_benefit_by_hand() -> None:
    got = decision_curve(Y, P, [0.5, 0.25])
    # t = 0.5 (odds 1): act on 5 (TP 3, FP 2): 3/10 − 2/10 = 0.1; everyone: 0.4 − 0.6 = −0.2.
    # t = 0.25 (odds 1/3): act on 7 (TP 4, FP 3): 0.4 − 0.3/3 = 0.3; everyone: 0.4 − 0.6/3 = 0.2.
    assert got["acted_on"].tolist() == [5, 7]
    assert got["net_benefit"].tolist() == pytest.approx([0.1, 0.3])
    assert got["net_benefit_all"].tolist() == pytest.approx([-0.2, 0.2])

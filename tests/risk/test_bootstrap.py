"""The vectorised AUC bootstrap agrees with scikit-learn and behaves like a bootstrap."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from vawg.errors import RiskError
from vawg.risk import bootstrap_auc
from vawg.risk.rfsdi._bootstrap import weighted_auc


@pytest.fixture
def data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    score = np.round(rng.normal(size=3000) * 4) / 2  # many ties, as risk scores have
    label = rng.random(3000) < 1 / (1 + np.exp(-score / 2))
    return score, label


def test_weighted_auc_equals_scikit_learn_with_sample_weights(data: tuple[np.ndarray, np.ndarray]) -> None:
    score, label = data
    weights = np.random.default_rng(1).integers(0, 4, size=(3, len(score))).astype(float)
    ours = weighted_auc(score, label, weights)
    theirs = [roc_auc_score(label, score, sample_weight=w) for w in weights]
    np.testing.assert_allclose(ours, theirs, rtol=1e-12)
    assert weighted_auc(score, label, np.ones(len(score)))[0] == pytest.approx(roc_auc_score(label, score))


def test_interval_brackets_the_estimate_and_is_reproducible(data: tuple[np.ndarray, np.ndarray]) -> None:
    score, label = data
    a = bootstrap_auc(score, label, n_boot=500, seed=3)
    assert a.estimate == roc_auc_score(label, score)
    assert a.low < a.estimate < a.high and a.covers(a.estimate)
    assert bootstrap_auc(score, label, n_boot=500, seed=3) == a
    assert bootstrap_auc(score, label, n_boot=500, seed=4) != a
    # A standard error near the textbook (Hanley-McNeil) size: the width is neither 0 nor huge.
    assert 0.01 < a.high - a.low < 0.08


def test_resampling_clusters_widens_the_interval_for_repeated_rows(
    data: tuple[np.ndarray, np.ndarray],
) -> None:
    score, label = data
    # Each person appears 4 times with the same score and outcome: rows are not independent.
    s4, y4, who = np.repeat(score, 4), np.repeat(label, 4), np.repeat(np.arange(len(score)), 4)
    rows = bootstrap_auc(s4, y4, n_boot=500, seed=1)
    people = bootstrap_auc(s4, y4, clusters=who, n_boot=500, seed=1)
    assert rows.estimate == people.estimate
    assert (people.high - people.low) > 1.5 * (rows.high - rows.low)
    single = bootstrap_auc(score, label, n_boot=500, seed=1)
    assert people.high - people.low == pytest.approx(single.high - single.low, rel=0.25)


def test_one_outcome_only_is_an_error() -> None:
    with pytest.raises(RiskError, match="both outcomes"):
        bootstrap_auc(np.array([1.0, 2.0]), np.array([1, 1]))

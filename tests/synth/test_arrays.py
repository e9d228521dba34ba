"""Vectorised helpers: ordering, exact and weighted choices, heavy-tailed counts."""

from __future__ import annotations

import numpy as np

from vawg.synth._arrays import choose_exact, heavy_counts, order_by, weighted_sample


def test_order_by_matches_lexsort_and_keeps_ties_in_row_order() -> None:
    rng = np.random.default_rng(1)
    a, b = rng.integers(0, 5, 1000), rng.integers(-3, 3, 1000)
    assert np.array_equal(order_by(a, b), np.lexsort((b, a)))
    huge = np.array([2**40, 0, 2**40]), np.array([2**30, 5, 1])
    assert list(order_by(*huge)) == [1, 2, 0]  # too wide to pack: falls back to lexsort


def test_choose_exact_takes_exactly_k_distinct() -> None:
    rng = np.random.default_rng(2)
    chosen = choose_exact(rng, np.arange(100, 200), 30)
    assert len(chosen) == 30 and len(set(chosen)) == 30 and chosen.min() >= 100
    assert len(choose_exact(rng, np.arange(5), 10)) == 5


def test_weighted_sample_favours_heavy_weights() -> None:
    rng = np.random.default_rng(3)
    weights = np.r_[np.full(50, 100.0), np.full(950, 1.0)]
    picked = weighted_sample(rng, weights, 60)
    assert len(set(picked)) == 60 and (picked < 50).sum() > 30


def test_heavy_counts_are_mostly_one_with_a_long_tail() -> None:
    counts = heavy_counts(np.random.default_rng(4), 100_000, 0.35, 4.0)
    assert counts.min() == 1 and 0.5 < (counts == 1).mean() < 0.65 and counts.max() > 30

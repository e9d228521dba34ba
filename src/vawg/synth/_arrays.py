"""Small vectorised helpers: columnar frames, random streams, group arithmetic and exact choices."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

STREAMS = (
    "people", "da", "stalking", "sexual", "general", "outcomes", "orders", "intel", "escalation",
    "custody", "programmes", "incidents", "actions", "ages", "ids",
)  # fmt: skip


def stream(seed: int, name: str) -> np.random.Generator:
    """The random stream of one stage: independent of the others, so a change in one stage's draws
    does not reshuffle every later table."""
    return np.random.default_rng([seed, STREAMS.index(name)])


class Frame(dict[str, np.ndarray]):
    """Equal-length numpy columns by name (a dict, so it is cheap and obvious)."""

    @property
    def rows(self) -> int:
        return len(next(iter(self.values()))) if self else 0

    def take(self, index: np.ndarray) -> Frame:
        """Rows at ``index`` (an integer array or a boolean mask)."""
        return Frame({k: v[index] for k, v in self.items()})

    @staticmethod
    def concat(frames: Iterable[Mapping[str, np.ndarray]]) -> Frame:
        parts = [Frame(f) for f in frames]
        nonempty = [f for f in parts if f.rows]
        if not nonempty:
            return parts[0]
        return Frame({k: np.concatenate([f[k] for f in nonempty]) for k in nonempty[0]})


def repeat_index(counts: np.ndarray) -> np.ndarray:
    """Owner index of every element when owner i has counts[i] elements."""
    return np.repeat(np.arange(len(counts)), counts)


def group_min(group: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Smallest value of each group 0..n-1 (int64 max for a group with no values)."""
    out = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(out, group, values)
    return out


def heavy_counts(rng: np.random.Generator, n: int, shape: float, scale: float) -> np.ndarray:
    """1 + Poisson(Gamma(shape, scale)): most are 1, a few are large (a negative binomial tail)."""
    return 1 + rng.poisson(rng.gamma(shape, scale, n))


def choose_exact(rng: np.random.Generator, candidates: np.ndarray, k: int) -> np.ndarray:
    """Exactly ``min(k, len(candidates))`` distinct candidates, at random (sorted)."""
    k = max(0, min(int(k), len(candidates)))
    return np.sort(rng.choice(candidates, size=k, replace=False)) if k else candidates[:0]


def weighted_pick(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    """``size`` indexes drawn with replacement in proportion to ``weights``."""
    cum = np.cumsum(weights, dtype=np.float64)
    return np.searchsorted(cum, rng.random(size) * cum[-1], side="right").clip(0, len(weights) - 1)


def pick_codes(rng: np.random.Generator, mix: Mapping[str, float], size: int) -> np.ndarray:
    """``size`` codes drawn from a {code: weight} mix (an array of str)."""
    codes = np.array(list(mix))
    return codes[weighted_pick(rng, np.array(list(mix.values()), dtype=float), size)]


def lognormal_days(rng: np.random.Generator, median: float, sigma: float, size: int) -> np.ndarray:
    """Lags in days with the given median and log-sd."""
    return rng.lognormal(np.log(median), sigma, size)


def weighted_sample(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """``k`` distinct indexes drawn in proportion to ``weights`` (Efraimidis–Spirakis keys), sorted."""
    k = max(0, min(int(k), len(weights)))
    if k == 0:
        return np.zeros(0, np.int64)
    keys = np.log(rng.random(len(weights))) / np.maximum(weights, 1e-12)
    return np.sort(np.argpartition(-keys, k - 1)[:k])


def order_by(*keys: np.ndarray) -> np.ndarray:
    """Row order sorting by ``keys`` (first most significant), ties kept in row order.

    Integer keys and the row number (the tie-break) are packed into one int64 when their ranges
    allow: an unstable argsort of unique values is several times faster than a stable sort or a
    lexsort on millions of rows. Otherwise a lexsort.
    """
    n = len(keys[0])
    span, packed = max(n, 1), np.arange(n, dtype=np.int64)
    for key in reversed(keys):
        key = np.asarray(key, dtype=np.int64)
        lo = int(key.min()) if len(key) else 0
        width = (int(key.max()) - lo + 1) if len(key) else 1
        if span * width >= 1 << 62:
            return np.lexsort(tuple(np.asarray(k) for k in reversed(keys)))
        packed += (key - lo) * span
        span *= width
    return np.argsort(packed)

"""Sentences with numbers, generated from metric results: the words follow the data.

The direction word (increased / decreased / unchanged) is chosen by comparing the two values *as
they are printed* (so "unchanged at 4.4%" never sits beside two different numbers), and every
comparison states its significance from the test in ``vawg.metrics`` (``compare_proportions`` for
cohort rates, ``compare_counts`` for counts and closure-basis rates). Message texts live in the
constants below so tests can assert them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

Direction = Literal["increased", "decreased", "unchanged"]

SIGNIFICANT = "a statistically significant change"
NOT_SIGNIFICANT = "not a statistically significant change"
NOT_TESTED = "a point-in-time count, not tested for significance"
NOT_TESTABLE = "not tested for significance (none in the earlier period)"


def format_value(value: float | None, unit: str, *, digits: int = 1) -> str:
    """A value as the report prints it: rates as %, counts with thousands separators."""
    if value is None or not np.isfinite(value):
        return "n/a"
    if unit == "rate":
        return f"{value * 100:.{digits}f}%"
    if unit == "ratio":
        return f"{value:.{digits}f}"
    if unit == "days":
        return f"{value:,.0f} days"
    return f"{value:,.0f}"


def direction(before: float, after: float, unit: str) -> Direction:
    """increased / decreased / unchanged, judged on the printed values."""
    if format_value(before, unit) == format_value(after, unit):
        return "unchanged"
    return "increased" if after > before else "decreased"


def judgement(word: Direction, higher_is_better: bool | None) -> str:
    """'better', 'worse' or '' (no preferred direction, or unchanged)."""
    if word == "unchanged" or higher_is_better is None:
        return ""
    return "better" if (word == "increased") == higher_is_better else "worse"


def change_phrase(before: float, after: float, unit: str, *, to_from: bool = True) -> str:
    """'increased to 4.4% from 3.3%' or 'were unchanged at 4.4%'."""
    word = direction(before, after, unit)
    if word == "unchanged":
        return f"unchanged at {format_value(after, unit)}"
    if to_from:
        return f"{word} to {format_value(after, unit)} from {format_value(before, unit)}"
    return f"{word} from {format_value(before, unit)} to {format_value(after, unit)}"


def significance_clause(comparison: Any | None, untested: str = NOT_TESTED) -> str:
    """'a statistically significant change (difference +1.1 percentage points, 95% CI +0.7 to +1.5)'.

    ``comparison`` is a ``vawg.metrics.Comparison`` (measure "difference" or "ratio"), or None when
    no test applies (``untested`` says why).
    """
    if comparison is None:
        return untested
    head = SIGNIFICANT if comparison.significant else NOT_SIGNIFICANT
    if comparison.measure == "difference":
        detail = (
            f"difference {comparison.estimate * 100:+.1f} percentage points, 95% CI "
            f"{comparison.ci_low * 100:+.1f} to {comparison.ci_high * 100:+.1f}"
        )
    else:
        detail = (
            f"relative change {(comparison.estimate - 1) * 100:+.1f}%, 95% CI {(comparison.ci_low - 1) * 100:+.1f}% "
            f"to {(comparison.ci_high - 1) * 100:+.1f}%"
        )
    p = comparison.p_value
    return f"{head} ({detail}; {'p < 0.001' if p < 0.001 else f'p = {p:.2g}'})"


def twelve_month_sentence(
    phrase: str,
    before: float,
    after: float,
    unit: str,
    comparison: Any | None,
    extra: str | None = None,
    untested: str = NOT_TESTABLE,
) -> str:
    """'{Phrase} over the past twelve months increased to 4.4% from 3.3%[; extra]. Against …'."""
    verb = "were " if direction(before, after, unit) == "unchanged" else ""
    tail = f"; {extra}" if extra else ""
    return (
        f"{phrase} over the past twelve months {verb}{change_phrase(before, after, unit)}{tail}. "
        f"Against the preceding twelve months this is {significance_clause(comparison, untested)}."
    )


# How each Home Office basis of an outcome rate is named wherever a rate is written (docs/metrics.md).
BASIS_WORDS = {
    "cohort": "cohort basis: outcomes so far of the crimes recorded in the period",
    "closure": "closure basis: outcomes assigned in the period per crime recorded in it",
}
IMMATURE_WORDS = (
    "the later period's crimes have had less time to reach an outcome, so its rate is not yet final "
    "and understated against the earlier one"
)


def with_basis(phrase: str, metric: Any) -> str:
    """'Positive outcome rates for DA (cohort basis: …)'; the phrase alone for a metric without a basis."""
    words = BASIS_WORDS.get(getattr(metric, "basis", None) or "")
    return f"{phrase} ({words})" if words else phrase


def month_name(day: object) -> str:
    """'March 2023' for any date-like value."""
    return pd.Timestamp(day).strftime("%B %Y")  # type: ignore[arg-type]


def possessive(name: str) -> str:
    """West Midlands' / Kent's."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def improving_run(values: Sequence[float], higher_is_better: bool | None) -> int:
    """How many consecutive months at the end of ``values`` each improved on the month before."""
    if higher_is_better is None:
        return 0
    run = 0
    for before, after in zip(values[-2::-1], values[::-1], strict=False):
        if not (np.isfinite(before) and np.isfinite(after)):
            break
        if (after > before) if higher_is_better else (after < before):
            run += 1
        else:
            break
    return run


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 suspect', '20 suspects'; ``words`` for irregular plurals ('row was' / 'rows were')."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


__all__ = [
    "NOT_SIGNIFICANT",
    "NOT_TESTABLE",
    "NOT_TESTED",
    "SIGNIFICANT",
    "change_phrase",
    "direction",
    "format_value",
    "improving_run",
    "judgement",
    "month_name",
    "plural",
    "possessive",
    "significance_clause",
    "twelve_month_sentence",
]

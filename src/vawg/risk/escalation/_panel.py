"""The escalation panel: people with a stalking or harassment history, seen at a series of as-of dates.

Each row is (person, as-of date): the person's point-in-time features computed from records dated
before the as-of date, and the label "suspect on a serious sexual offence recorded within the
horizon after the as-of date". The split is temporal: the model is trained on earlier as-of dates
and tested on a later one, and a training row is only kept if its whole label horizon ends on or
before the test as-of date, so no outcome the model learns from happens after the test rows are
scored (no label leakage across the split).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import pandas as pd

from vawg.errors import RiskError
from vawg.risk.features._features import FEATURE_COLUMNS

# Model inputs: the point-in-time features. Sex and ethnicity are deliberately NOT inputs: they are
# kept on the panel only so the fairness audit can break results down by them.
FEATURES: tuple[str, ...] = tuple(
    column for column in FEATURE_COLUMNS if column not in ("person_id", "as_of", "sex", "ethnicity_group")
)
GROUP_COLUMNS: tuple[str, ...] = ("sex", "age", "ethnicity_group")
LABEL = "label"
DEFAULT_HORIZON_DAYS = 365
DEFAULT_STEP_MONTHS = 3
# The first as-of date needs some history behind it, or every feature is zero.
MIN_HISTORY_MONTHS = 6

FeatureFn = Callable[..., pd.DataFrame]  # (con, as_of) -> person_features frame
LabelFn = Callable[..., pd.DataFrame]  # (con, as_of, horizon_days=) -> person_id, label

NO_TEST_DATE = (
    "no as-of date has its whole {horizon}-day label horizon inside the data (extract date "
    "{extract}); use a shorter --horizon-days or a later extract."
)
NO_TRAINING_DATES = (
    "no training as-of date ends its {horizon}-day label horizon by the test as-of date {test}; "
    "the data start {start}. Use a shorter --horizon-days or more history."
)
EMPTY_SIDE = (
    "the {side} set has {n} rows and {positives} positive labels; the escalation model needs both "
    "classes on each side of the split (as-of dates {dates})."
)


@dataclass(frozen=True)
class PanelDates:
    """The as-of dates of a panel: training dates, the test date, and the data's span."""

    train: tuple[date, ...]
    test: date
    horizon_days: int
    data_start: date
    extract_date: date

    @property
    def all(self) -> tuple[date, ...]:
        return (*self.train, self.test)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _quarter_start_on_or_after(day: date) -> date:
    start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return start if start >= day else _add_months(start, 3)


def horizon_observed(as_of: date, horizon_days: int, extract_date: date) -> bool:
    """True when the label window [as_of, as_of + horizon) lies wholly on or before the extract date."""
    return as_of + timedelta(days=horizon_days) <= extract_date + timedelta(days=1)


def plan_dates(
    data_start: date,
    extract_date: date,
    *,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    step_months: int = DEFAULT_STEP_MONTHS,
    test_as_of: date | None = None,
) -> PanelDates:
    """Quarterly as-of dates: the test date is the latest whose horizon is observed; training dates
    are every step from ``MIN_HISTORY_MONTHS`` after the data start whose horizon ends by the test date.
    """
    if test_as_of is None:
        day = _quarter_start_on_or_after(data_start)
        latest = None
        while horizon_observed(day, horizon_days, extract_date):
            latest, day = day, _add_months(day, step_months)
        if latest is None:
            raise RiskError(NO_TEST_DATE.format(horizon=horizon_days, extract=extract_date))
        test_as_of = latest
    elif not horizon_observed(test_as_of, horizon_days, extract_date):
        raise RiskError(NO_TEST_DATE.format(horizon=horizon_days, extract=extract_date))
    day = _quarter_start_on_or_after(_add_months(data_start, MIN_HISTORY_MONTHS))
    train: list[date] = []
    while day + timedelta(days=horizon_days) <= test_as_of:
        train.append(day)
        day = _add_months(day, step_months)
    if not train:
        raise RiskError(NO_TRAINING_DATES.format(horizon=horizon_days, test=test_as_of, start=data_start))
    return PanelDates(tuple(train), test_as_of, horizon_days, data_start, extract_date)


def _store_panel(con: duckdb.DuckDBPyConnection, dates: Sequence[date], horizon_days: int) -> pd.DataFrame:
    # One query for every as-of date (the risk package's panel functions), not one per date.
    from vawg.risk.features._features import person_features_panel
    from vawg.risk.features._labels import future_offending

    features = person_features_panel(con, dates)
    cohort = features[features["stalking_offences_total"].fillna(0) > 0]
    future = future_offending(con, dates, horizon_days=horizon_days)
    future[LABEL] = (future["serious_sexual_offences"] > 0).astype("int64")
    return _join(cohort, future[["as_of", "person_id", LABEL]], ["as_of", "person_id"])


def _join(cohort: pd.DataFrame, labels: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    rows = cohort.merge(labels, on=keys, how="left")
    rows[LABEL] = rows[LABEL].fillna(0).astype("int64")
    return rows


def build_panel(
    con: duckdb.DuckDBPyConnection,
    as_of_dates: Sequence[date],
    *,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    features_fn: FeatureFn | None = None,
    label_fn: LabelFn | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """One row per (person with stalking history, as-of date): features, group columns and label.

    By default the features and labels are the risk package's (``person_features`` and
    ``serious_sexual_label``, computed for all dates at once); ``features_fn(con, as_of)`` and
    ``label_fn(con, as_of, horizon_days=)`` replace them (tests, other label definitions).
    """
    if not as_of_dates:
        raise RiskError("no as-of dates given for the escalation panel")
    if features_fn is None and label_fn is None:
        panel = _store_panel(con, list(as_of_dates), horizon_days)
    else:
        from vawg.risk.features import person_features, serious_sexual_label

        features_fn = features_fn or person_features
        label_fn = label_fn or serious_sexual_label
        frames = []
        for as_of in _progress(as_of_dates, progress, "escalation panel"):
            features = features_fn(con, as_of)
            cohort = features[features["stalking_offences_total"].fillna(0) > 0].copy()
            cohort["as_of"] = as_of
            labels = label_fn(con, as_of, horizon_days=horizon_days)[["person_id", LABEL]]
            frames.append(_join(cohort, labels, ["person_id"]))
        panel = pd.concat(frames, ignore_index=True)
    missing = [c for c in (*FEATURES, *GROUP_COLUMNS) if c not in panel.columns]
    if missing:
        raise RiskError(f"person_features lacks columns {missing}; expected {list(FEATURES)}")
    return panel.reset_index(drop=True)


def _progress(items: Sequence[date], enabled: bool, label: str) -> Sequence[date]:
    if not enabled:
        return items
    from rich.progress import track

    return list(track(items, description=label))


def temporal_split(
    panel: pd.DataFrame, test_as_of: date, horizon_days: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(train, test): test is the rows at ``test_as_of``; train the rows whose horizon ends by it."""
    as_of = pd.to_datetime(panel["as_of"])
    cutoff = pd.Timestamp(test_as_of) - pd.Timedelta(days=horizon_days)
    train = panel[as_of <= cutoff].reset_index(drop=True)
    test = panel[as_of == pd.Timestamp(test_as_of)].reset_index(drop=True)
    for side, frame in (("training", train), ("test", test)):
        positives = int(frame[LABEL].sum()) if len(frame) else 0
        if positives == 0 or positives == len(frame):
            dates = sorted({str(d) for d in frame["as_of"]}) if len(frame) else []
            raise RiskError(
                EMPTY_SIDE.format(side=side, n=len(frame), positives=positives, dates=dates),
                side=side,
            )
    assert_no_leakage(train, test, horizon_days)
    return train, test


def assert_no_leakage(train: pd.DataFrame, test: pd.DataFrame, horizon_days: int) -> None:
    """Raise RiskError if any training label window reaches past the earliest test as-of date."""
    last_train_end = pd.to_datetime(train["as_of"]).max() + pd.Timedelta(days=horizon_days)
    first_test = pd.to_datetime(test["as_of"]).min()
    if last_train_end > first_test:
        raise RiskError(
            f"label leakage: a training label window ends {last_train_end.date()}, after the first "
            f"test as-of date {first_test.date()}",
        )


__all__ = [
    "DEFAULT_HORIZON_DAYS",
    "FEATURES",
    "GROUP_COLUMNS",
    "LABEL",
    "PanelDates",
    "assert_no_leakage",
    "build_panel",
    "horizon_observed",
    "plan_dates",
    "temporal_split",
]

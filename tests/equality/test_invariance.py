"""Invariances a relative rate table must have: relabelling the groups changes nothing but the
labels; swapping the reference inverts every ratio (and its interval) and keeps every test."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from vawg.equality import POPULATIONS, rate_table

POP = POPULATIONS["da-suspects"]
START, END = date(2022, 4, 1), date(2023, 3, 31)


def _people(seed: int = 3, n: int = 1500) -> pd.DataFrame:
    """Random people with groups, an offence stratum and nested stages."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "Sex": rng.choice(["Female", "Male", "Not stated"], n, p=[0.3, 0.65, 0.05]),
            "Ethnicity": rng.choice(["White", "Asian", "Black", "Not stated"], n, p=[0.6, 0.2, 0.1, 0.1]),
            "Age band": rng.choice(["18-24", "25-34", "35-44"], n),
            "stratum": rng.choice(["105A", "8N", "8Q"], n),
            "suspect": True,
        }
    )
    female = (frame["Sex"] == "Female").to_numpy()
    frame["arrested"] = rng.random(n) < np.where(female, 0.35, 0.5)
    for stage in ("bailed", "rui", "nfa"):
        frame[stage] = frame["arrested"] & (rng.random(n) < 0.3)
    for stage, p in (
        ("charged", 0.2),
        ("cautioned", 0.05),
        ("community_resolution", 0.05),
        ("evidential", 0.5),
    ):
        frame[stage] = rng.random(n) < np.where(female, p * 0.7, p) * np.where(
            frame["stratum"] == "8N", 1.5, 1
        )
    return frame


def _by(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index(["stage", "group"])


def test_relabelling_groups_changes_only_labels() -> None:
    people = _people()
    names = {"White": "Group Z", "Asian": "Group A", "Black": "Group M"}
    relabelled = people.assign(Ethnicity=people["Ethnicity"].map(lambda v: names.get(v, v)))
    base = rate_table(people, POP, ("Ethnicity",), {"Ethnicity": "White"}, START, END)
    moved = rate_table(relabelled, POP, ("Ethnicity",), {"Ethnicity": "Group Z"}, START, END)
    a = _by(base.rows).rename(index=names, level="group").drop(columns=["reference"])
    b = _by(moved.rows).drop(columns=["reference"]).loc[a.index]
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9)


def test_swapping_the_reference_inverts_ratios() -> None:
    people = _people()
    male = _by(rate_table(people, POP, ("Sex",), {"Sex": "Male"}, START, END).rows)
    female = _by(rate_table(people, POP, ("Sex",), {"Sex": "Female"}, START, END).rows)
    for stage in ("arrested", "bailed", "charged", "cautioned", "evidential"):
        f, m = male.loc[(stage, "Female")], female.loc[(stage, "Male")]
        assert m["rr"] == pytest.approx(1 / f["rr"])
        assert (m["ci_low"], m["ci_high"]) == pytest.approx((1 / f["ci_high"], 1 / f["ci_low"]))
        assert m["p_value"] == pytest.approx(f["p_value"])
        assert m["cumulative_rr"] == pytest.approx(1 / f["cumulative_rr"])
        assert m["adjusted_rr"] == pytest.approx(1 / f["adjusted_rr"], rel=1e-6)
        assert (m["adjusted_low"], m["adjusted_high"]) == pytest.approx(
            (1 / f["adjusted_high"], 1 / f["adjusted_low"]), rel=1e-5
        )
        assert m["mh_rr"] == pytest.approx(1 / f["mh_rr"])


def test_row_order_of_people_does_not_matter() -> None:
    people = _people()
    shuffled = people.sample(frac=1, random_state=1).reset_index(drop=True)
    a = rate_table(people, POP, ("Sex", "Ethnicity"), {"Sex": "Male", "Ethnicity": "White"}, START, END).rows
    b = rate_table(
        shuffled, POP, ("Sex", "Ethnicity"), {"Sex": "Male", "Ethnicity": "White"}, START, END
    ).rows
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9)

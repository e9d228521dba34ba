"""The ethics pack shows recalibration, the operating point from capacity, error rates over the score
range and overrides by group, small groups withheld (issue 11, items 6–8)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from vawg.risk import governance as gov
from vawg.risk.escalation._panel import FEATURES, PanelDates
from vawg.risk.escalation._train import save_and_register, train_escalation
from vawg.risk.governance.ethics._evaluation_tables import fairness_range_frame, recalibration_frames
from vawg.risk.governance.ethics._pack import build_ethics_pack
from vawg.risk.governance.ethics._sections import overrides_table

# Fit on 2019-04 and 2019-07, recalibrate on 2020-07 (the last training date), test on 2021-07.
DATES = PanelDates(
    (date(2019, 4, 1), date(2019, 7, 1), date(2020, 7, 1)),
    date(2021, 7, 1),
    365,
    date(2018, 10, 1),
    date(2022, 7, 31),
)


def _panel(n: int = 1500, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frames = []
    for i, as_of in enumerate(DATES.all):
        f = pd.DataFrame({c: rng.poisson(0.8, n) for c in FEATURES})
        f["stalking_offences_total"] += 1
        f["age"] = rng.integers(16, 70, n)
        f["person_id"] = [f"P{i * n + j:07d}" for j in range(n)]
        f["as_of"] = as_of
        f["sex"] = rng.choice(["M", "F", "U"], n, p=[0.85, 0.12, 0.03])
        f["ethnicity_group"] = rng.choice(["White", "Asian", "Black", "Not stated"], n)
        f["area"] = rng.choice(["Birmingham", "Coventry", "Solihull"], n)
        logit = -3.5 + 0.6 * f["drug_intel_12m"] + 0.4 * f["stalking_offences_total"]
        f["label"] = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype("int64")
        frames.append(f)
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def card(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:  # type: ignore[type-arg]
    base = tmp_path_factory.mktemp("calibration-pack")
    con = duckdb.connect()
    run = train_escalation(
        con, panel=_panel(), dates=DATES, n_boot=10, capacity=60,
        rfsdi_fn=lambda f: f["vawg_offences_12m"].astype("float64"),
    )  # fmt: skip
    models = gov.ModelRegistry(base / "store.app.sqlite")
    version = save_and_register(models, run, base / "models")
    pack = build_ethics_pack(models, con, base / "pack", version=version.version, pdf=False)
    return pack.model_card_md.read_text(encoding="utf-8"), run.record()


def test_model_card_shows_recalibration_and_the_operating_point(card) -> None:  # type: ignore[no-untyped-def]
    text, record = card
    assert "### Recalibration on a validation period" in text and "Not done for this version" not in text
    assert "validation as-of date 2020-07-01" in text
    op = record["recalibration"]["operating_point"]
    assert op["k"] == 60
    assert "top **60** people" in text and f"{op['net_benefit']:.4f}" in text
    frames = recalibration_frames(record)
    assert list(frames["at_k"]["Top k"]) == [50, 60, 100, 200]
    assert {"Predicted: Before", "Predicted: Platt", "Predicted: Isotonic"} <= set(frames["at_k"].columns)


def test_error_rates_over_the_range_by_area_and_intersection(card) -> None:  # type: ignore[no-untyped-def]
    text, record = card
    frame = fairness_range_frame(record)
    assert {"Sex", "Ethnicity", "Sex × ethnicity", "Area"} <= set(frame["Dimension"])
    assert {"top 1%", "top 50%", "capacity (top 60)"} <= set(frame["Cut-off"])
    assert "Not stated" in set(frame.loc[frame["Dimension"] == "Sex", "Group"])
    assert "### Error rates by group over the whole score range" in text
    # The card shows every cut-off for sex and ethnicity, the finer breakdowns at capacity only.
    assert "| top 1% | Sex |" in text and "| capacity (top 60) | Area |" in text
    assert "| top 1% | Area |" not in text and "| top 50% | Sex × ethnicity |" not in text
    # Intersectional cells with few outcomes are withheld, with every rate of their row.
    withheld = frame[frame["n"] == "withheld"]
    assert not withheld.empty and (withheld["TPR (95% CI)"] == "withheld").all()
    assert "Not stated × Not stated" in set(withheld["Group"])


def test_no_overrides_is_said_plainly(card) -> None:  # type: ignore[no-untyped-def]
    assert "No operational score of this version has been overridden" in card[0]


def test_overrides_table_by_hand_withholds_what_would_disclose() -> None:
    # 40 people scored, 8 overridden (6 raised, 2 lowered). Women: 10 scored, 1 overridden — under 5,
    # withheld; men's 7 would then be 8 − 1, so men are withheld too. "All" is shown.
    summary = pd.DataFrame(
        {"dimension": ["All", "Sex", "Sex"], "group": ["All", "Male", "Female"], "people": [40, 30, 10],
         "raised": [6, 5, 1], "lowered": [2, 2, 0]}
    )  # fmt: skip
    summary["share_overridden"] = (summary["raised"] + summary["lowered"]) / summary["people"]
    table = overrides_table(summary)
    assert "| All | All | 40 | 6 | 2 | 20.0% |" in table
    assert "| Sex | Female | withheld | withheld | withheld | withheld |" in table
    assert "| Sex | Male | withheld |" in table


def test_overrides_table_shows_large_groups() -> None:
    summary = pd.DataFrame(
        {"dimension": ["All", "Sex", "Sex"], "group": ["All", "Male", "Female"], "people": [100, 60, 40],
         "raised": [12, 6, 6], "lowered": [8, 3, 5]}
    )  # fmt: skip
    summary["share_overridden"] = (summary["raised"] + summary["lowered"]) / summary["people"]
    table = overrides_table(summary)
    assert "| Sex | Male | 60 | 6 | 3 | 15.0% |" in table and "| Sex | Female | 40 | 6 | 5 | 27.5% |" in table


def test_nothing_scored_gives_no_overrides_table() -> None:
    empty = pd.DataFrame(columns=["dimension", "group", "people", "raised", "lowered", "share_overridden"])
    assert overrides_table(empty) == ""


def test_rfsdi_card_shows_its_bands_evaluation(tmp_path: Path) -> None:
    band = {"option": "configured", "rule": "high: the top 50 people on the date; medium: the next 150",
            "level": "high", "people": 200, "per_date": 50.0, "reoffended": 76, "rate": 0.38,
            "ci_low": 0.3155, "ci_high": 0.4492}  # fmt: skip
    models = gov.ModelRegistry(tmp_path / "store.app.sqlite")
    gov.register_version(
        models, "rfsdi", "rfsdi-1.1", training_window=(date(2020, 4, 1), date(2023, 3, 31)),
        metrics={"bands": [band]}, metadata={"kind": "rule-based"}, artifact_sha256="0" * 64,
    )  # fmt: skip
    pack = build_ethics_pack(models, duckdb.connect(), tmp_path, name="rfsdi", pdf=False)
    card = pack.model_card_md.read_text(encoding="utf-8")
    assert "### Risk bands: how many people each holds" in card
    assert (
        "| configured | high: the top 50 people on the date; medium: the next 150 | high | 200 | 50 | 0.380 (0.316–0.449) |"
        in card
    )


def test_a_tool_without_a_model_selection_shows_its_own_error_rates_over_the_range() -> None:
    """RFSDI stores one table under its own name (no model selection, unlike the escalation run)."""
    row = {"cut": "top 10%", "k": 10, "dimension": "Sex", "group": "Female", "n": 40, "positives": 8,
           "selected": 3, "tpr": 0.25, "tpr_ci_low": 0.07, "tpr_ci_high": 0.59, "fpr": 0.03,
           "fpr_ci_low": 0.01, "fpr_ci_high": 0.16, "precision": 0.67, "precision_ci_low": 0.21,
           "precision_ci_high": 0.94}  # fmt: skip
    frame = fairness_range_frame({"fairness_range": {"rfsdi": [row]}})
    assert list(frame["Group"]) == ["Female"] and list(frame["Cut-off"]) == ["top 10%"]
    assert list(frame["Selected"]) == [3]
    assert fairness_range_frame({"fairness_range": {"a": [row], "b": [row]}}).empty  # which? none

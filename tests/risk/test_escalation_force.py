"""The escalation model on the synthetic force: real panel, temporal split, planted truth."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pandas as pd

from vawg.errors import RiskError
from vawg.risk._escalation import train_escalation
from vawg.risk._escalation_panel import LABEL, build_panel, data_span, plan_dates, temporal_split
from vawg.risk._escalation_truth import synthetic_truth


def _open(store: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(store), read_only=True)


def test_small_force_panel_is_point_in_time_and_split_without_leakage(small_force: tuple[Path, Path]) -> None:
    _, store = small_force
    con = _open(store)
    dates = plan_dates(*data_span(con))
    panel = build_panel(con, dates.all, horizon_days=dates.horizon_days)
    assert (panel["stalking_offences_total"] > 0).all()
    assert set(panel["as_of"]) == set(dates.all)
    # Labels by hand for the test date: a suspect link on a serious sexual crime recorded in the window.
    test_rows = panel[panel["as_of"] == dates.test]
    end = dates.test + timedelta(days=dates.horizon_days)
    expected = {
        row[0]
        for row in con.execute(
            """SELECT DISTINCT cp.person_id FROM crime_persons cp JOIN crimes c USING (crime_id)
               JOIN ref_offence r ON r.offence_code = c.offence_code::VARCHAR
               WHERE cp.role = 'suspect' AND c.recorded_date >= ? AND c.recorded_date < ?
                 AND (r.vawg_category IN ('rape', 'sexual_assault') OR c.offence_code = '22A')""",
            [dates.test, end],
        ).fetchall()
    }
    labelled = set(test_rows.loc[test_rows[LABEL] == 1, "person_id"].astype(str))
    assert labelled == expected & set(test_rows["person_id"].astype(str))
    try:
        train, test = temporal_split(panel, dates.test, dates.horizon_days)
    except RiskError as err:  # a very small force may have no positives on one side: said plainly
        assert "positive labels" in str(err)
        return
    assert (pd.to_datetime(train["as_of"]) + pd.Timedelta(days=dates.horizon_days)).max() <= pd.Timestamp(
        dates.test
    )
    assert set(test["as_of"]) == {dates.test}


def test_default_force_model_comparison_and_planted_truth(default_force: tuple[Path, Path]) -> None:
    bundle, store = default_force
    con = _open(store)
    run = train_escalation(
        con,
        n_boot=60,
        importance_repeats=2,
        **synthetic_truth(bundle),
    )
    ev = run.evaluation
    assert ev.positives >= 50 and run.train_positives >= 50
    # The selection rule, applied to the intervals, names the scorer and says why.
    chosen = run.selection.model
    if chosen == "rfsdi":
        assert (
            ev.difference("logistic", "rfsdi")["ci_low"] <= 0 and ev.difference("gbm", "rfsdi")["ci_low"] <= 0
        )
    else:
        assert ev.difference(chosen, "rfsdi")["ci_low"] > 0
    if chosen == "logistic" and ev.difference("gbm", "logistic")["ci_low"] <= 0:
        assert "simpler to explain" in run.selection.reason
    # What was learned tracks the planted truth better than RFSDI does.
    truth = run.truth
    assert truth is not None and truth.probability["n"] > 0.9 * ev.n
    assert truth.probability["spearman_logistic"] > truth.probability["spearman_rfsdi"]
    # A logistic regression on the planted model's own terms recovers every planted sign, and most
    # planted coefficients lie inside its 95% intervals; the main model's (collinear, raw-feature)
    # coefficients agree in sign for most planted features.
    assert truth.refit_sign_agreement >= 5 / 6
    assert truth.refit_in_ci >= 0.8
    assert truth.sign_agreement >= 0.5
    assert truth.coefficients.set_index("feature").loc["age", "sign_agrees"]
    # Fairness: the audited scorer's table keeps "Not stated" and flags small groups.
    audit = run.fairness[chosen]
    assert "Not stated" in set(audit.by_group["group"])
    assert audit.warnings and audit.by_group["small_group"].any()

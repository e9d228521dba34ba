"""The escalation model on the synthetic force: real panel, temporal split, planted truth."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pandas as pd

from vawg.errors import RiskError
from vawg.risk.escalation._panel import LABEL, build_panel, plan_dates, temporal_split
from vawg.risk.escalation._train import train_escalation
from vawg.risk.escalation._truth import synthetic_truth
from vawg.risk.features._pointintime import data_window
from vawg.synth import PLANTED_ESCALATION


def _open(store: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(store), read_only=True)


def test_small_force_panel_is_point_in_time_and_split_without_leakage(small_force: tuple[Path, Path]) -> None:
    _, store = small_force
    con = _open(store)
    dates = plan_dates(*data_window(con))
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


def test_the_cohort_is_people_with_stalking_antecedents_not_racially_aggravated_harassment_alone(
    small_force: tuple[Path, Path],
) -> None:
    """Issue 11 item 12: the cohort is suspects on 8Q, 8L or 8R (vawg.reference.STALKING_ANTECEDENT_CODES);
    someone whose only harassment is 8M (racially or religiously aggravated) is not in it."""
    _, store = small_force
    con = _open(store)
    dates = plan_dates(*data_window(con))
    panel = build_panel(con, dates.all, horizon_days=dates.horizon_days)
    for as_of in dates.all:
        rows = con.execute(
            """SELECT cp.person_id, bool_or(c.offence_code IN ('8Q', '8L', '8R')) AS antecedent,
                      bool_or(c.offence_code = '8M') AS only_8m
               FROM crime_persons cp JOIN crimes c USING (crime_id)
               WHERE cp.role = 'suspect' AND c.recorded_date < ?
                 AND greatest(c.recorded_date, coalesce(cp.linked_date, c.recorded_date)) < ?
                 AND c.offence_code IN ('8Q', '8L', '8R', '8M')
               GROUP BY cp.person_id""",
            [as_of, as_of],
        ).df()
        cohort = set(panel.loc[panel["as_of"] == as_of, "person_id"].astype(str))
        only_8m = set(rows.loc[~rows["antecedent"] & rows["only_8m"], "person_id"])
        assert only_8m, as_of  # there are such people, so the test can fail
        assert not only_8m & cohort
        assert cohort == set(rows.loc[rows["antecedent"], "person_id"])


def test_default_force_model_comparison_and_planted_truth(default_force: tuple[Path, Path]) -> None:
    """Issue 4 on the default force: on the later time split the model beats RFSDI and is at least as
    good as the logistic baseline, with intervals that show it (where logistic regression is as good
    it is preferred, as simpler to explain, and the output says so); what it learned matches the
    planted relationship."""
    bundle, store = default_force
    con = _open(store)
    run = train_escalation(con, n_boot=100, importance_repeats=2, **synthetic_truth(bundle))
    ev = run.evaluation
    # Plenty of outcomes on both sides of the split (the planted truth makes about a thousand).
    assert ev.positives >= 300 and run.train_positives >= 300
    # Both models beat RFSDI, with the lower end of the paired AUC difference well above 0.
    for model in ("logistic", "gbm"):
        assert ev.difference(model, "rfsdi")["ci_low"] > 0.05, model
    # Gradient boosting is at least as good as logistic regression: its difference interval
    # includes or exceeds 0 (the planted interaction is something main effects miss) ...
    gbm_lr = ev.difference("gbm", "logistic")
    assert gbm_lr["ci_high"] >= 0
    # ... and the selection rule follows the intervals, saying why.
    chosen, reason = run.selection.model, run.selection.reason
    if gbm_lr["ci_low"] > 0:
        assert chosen == "gbm"
    else:
        assert chosen == "logistic" and "as good and is preferred as simpler to explain" in reason
    assert ev.difference(chosen, "rfsdi")["ci_low"] > 0.05
    # What was learned matches the planted truth: every planted sign, in the main logistic
    # regression and in a refit on the planted terms (interaction, prior and sex included); sizes
    # within a factor of two (the 12-month labels sum four quarters of changing risk, so they are not
    # exact).
    truth = run.truth
    assert truth is not None
    assert truth.sign_agreement == 1.0 and truth.refit_sign_agreement == 1.0
    refit = truth.coefficients.dropna(subset=["refit"]).set_index("feature")
    assert len(refit) == len(PLANTED_ESCALATION) - 1
    ratio = refit["refit"] / refit["planted"]
    assert ratio.between(0.5, 2.0).all(), ratio.to_dict()
    # Issue 11 item 11: a serious sexual prior raises the risk, in the model and in the refit (before
    # the plant kept repeat offenders, it came out protective, odds ratio 0.77).
    learned = truth.coefficients.set_index("feature")
    assert learned.loc["serious_sexual_prior", "learned_per_unit"] > 0
    assert learned.loc["serious_sexual_prior", "refit"] > 0
    # Item 10: women's lower risk is recovered by the refit (sex is not a model input).
    assert learned.loc["sex", "refit_ci_high"] < 0
    # Planted values inside the refit's cluster-robust 95% intervals: 4 of 9 on this force (stalking,
    # distinct victims, breaches, prior). Re-derived from the regenerated plant (it was 5 of 7): age and
    # the interaction are diluted by the 12-month label (docs/risk-escalation.md), and women's 26
    # training-window events against 13.6 expected from the planted p pull sex to -1.2.
    assert truth.refit_in_ci >= 4 / 9 - 1e-9
    # The gradient boosting relies most on planted features: its two most important inputs are the
    # two largest planted effects (age, stalking); the rest are within the permutation noise.
    top_two = set(run.importance.head(2)["feature"])
    assert top_two == {"age", "stalking_offences_total"}
    assert truth.importance_rank_correlation > 0.3
    # Both models' probabilities track the planted probability (same person, same date) far better
    # than RFSDI's.
    prob = truth.probability
    assert prob["n"] > 0.95 * ev.n
    for model in ("logistic", "gbm"):
        assert prob[f"spearman_{model}"] > prob["spearman_rfsdi"] + 0.2, model
    # Fairness: the audited scorer's table keeps "Not stated" and flags small groups.
    audit = run.fairness[chosen]
    assert "Not stated" in set(audit.by_group["group"])
    assert audit.warnings and audit.by_group["small_group"].any()

"""The planted escalation truth: honest in time, present in the records, and recoverable."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from vawg.synth import ESCALATION_TERMS, PLANTED_ESCALATION, escalation_logit, escalation_terms

FEATURES = ["stalking_offences_total", "distinct_victims_3y", "da_suspect_3y", "orders_breached",
            "drug_intel_12m", "age"]  # fmt: skip
SERIOUS = "('19C','19D','19E','19F','19G','19H','20A','20B','17A','17B','22A')"


@pytest.fixture(scope="module")
def truth(default_bundle: Path) -> pd.DataFrame:
    return pd.read_parquet(default_bundle / "truth" / "escalation.parquet")


def test_the_truth_file_names_the_risk_features(truth: pd.DataFrame) -> None:
    expected = ["person_id", "decision_date", *FEATURES, "logit", "p", "label", "event_date", "crime_id"]
    assert list(truth.columns) == expected
    assert set(ESCALATION_TERMS) == set(PLANTED_ESCALATION) - {"intercept"}
    assert 200 <= truth["label"].sum() <= 600  # a few hundred events at scale 1
    assert truth["person_id"].is_unique


def test_probabilities_follow_the_planted_model(truth: pd.DataFrame) -> None:
    assert np.allclose(truth["logit"], escalation_logit(truth[FEATURES]))
    assert np.allclose(truth["p"], 1 / (1 + np.exp(-truth["logit"])))


def test_a_logistic_regression_recovers_the_planted_effects(truth: pd.DataFrame) -> None:
    terms = escalation_terms(truth[FEATURES]).drop(columns="orders_breached:drug_intel_12m")
    fit = sm.Logit(truth["label"].astype(float), sm.add_constant(terms)).fit(disp=0)
    for name in terms.columns:
        planted, estimate, se = PLANTED_ESCALATION[name], fit.params[name], fit.bse[name]
        assert np.sign(estimate) == np.sign(planted), name
        assert abs(estimate - planted) < 3 * se + 0.35 * abs(planted), (name, estimate, planted, se)


def test_features_are_as_of_the_decision_date_from_the_records(
    truth: pd.DataFrame, force: duckdb.DuckDBPyConnection
) -> None:
    force.register("truth", truth)
    recomputed = force.sql("""
        WITH d AS (SELECT person_id, decision_date AS t FROM truth),
             s AS (SELECT d.person_id, d.t, c.* FROM d JOIN crime_persons cp ON cp.person_id = d.person_id
                   AND cp.role = 'suspect' JOIN crimes c ON c.crime_id = cp.crime_id WHERE c.recorded_date < d.t)
        SELECT d.person_id,
          (SELECT count(*) FROM s WHERE s.person_id = d.person_id AND offence_code IN ('8Q','8L','8M','8R'))
              AS stalking_offences_total,
          (SELECT count(DISTINCT v.person_id) FROM s JOIN crime_persons v ON v.crime_id = s.crime_id
           AND v.role = 'victim' WHERE s.person_id = d.person_id AND s.recorded_date >= d.t - INTERVAL 3 YEAR)
              AS distinct_victims_3y,
          (SELECT count(*) FROM s WHERE s.person_id = d.person_id AND da_flag
           AND s.recorded_date >= d.t - INTERVAL 3 YEAR) AS da_suspect_3y,
          (SELECT count(*) FROM order_breaches b JOIN orders o USING (order_id)
           WHERE o.person_id = d.person_id AND b.breach_date < d.t) AS orders_breached,
          (SELECT count(*) FROM intelligence i WHERE i.person_id = d.person_id AND topic = 'drugs'
           AND submitted_date < d.t AND submitted_date >= d.t - INTERVAL 1 YEAR) AS drug_intel_12m,
          (SELECT year(d.t) - birth_year FROM persons p WHERE p.person_id = d.person_id) AS age
        FROM d ORDER BY d.person_id""").df()
    force.unregister("truth")
    mine = truth.sort_values("person_id").reset_index(drop=True)
    for f in FEATURES:
        a, b = mine[f].astype("Float64"), recomputed[f].astype("Float64")
        assert a.equals(b), f


def test_planted_offences_are_recorded_crimes_with_the_person_as_suspect(
    truth: pd.DataFrame, force: duckdb.DuckDBPyConnection
) -> None:
    planted = truth[truth["label"] == 1]
    force.register("planted", planted)
    found = force.sql(f"""
        SELECT count(*), count(*) FILTER (WHERE v.sex = 'F') FROM planted p
        JOIN crimes c ON c.crime_id = p.crime_id AND c.recorded_date = p.event_date
        JOIN crime_persons s ON s.crime_id = c.crime_id AND s.person_id = p.person_id AND s.role = 'suspect'
        JOIN crime_persons cv ON cv.crime_id = c.crime_id AND cv.role = 'victim'
        JOIN persons v ON v.person_id = cv.person_id
        WHERE c.offence_code IN {SERIOUS} AND c.recorded_date > p.decision_date
          AND c.recorded_date <= p.decision_date + INTERVAL 365 DAY""").fetchall()[0]
    force.unregister("planted")
    assert found is not None and found[0] == len(planted) and found[1] > 0.8 * len(planted)
    assert truth.loc[truth["label"] == 0, ["event_date", "crime_id"]].isna().all().all()


def test_eligible_people_commit_no_serious_sexual_offence_but_the_planted_one(
    truth: pd.DataFrame, force: duckdb.DuckDBPyConnection
) -> None:
    force.register("truth", truth)
    others = force.sql(f"""
        SELECT count(*) FROM truth t JOIN crime_persons s ON s.person_id = t.person_id AND s.role = 'suspect'
        JOIN crimes c ON c.crime_id = s.crime_id
        WHERE c.offence_code IN {SERIOUS} AND c.crime_id IS DISTINCT FROM t.crime_id""").fetchall()[0][0]
    force.unregister("truth")
    assert others == 0

"""The planted escalation truth: honest in time, present in the records, strong, and recoverable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from sklearn.metrics import roc_auc_score

from vawg.synth import ESCALATION_TERMS, PLANTED_ESCALATION, escalation_logit, escalation_terms

FEATURES = ["stalking_offences_total", "distinct_victims_3y", "da_suspect_3y", "orders_breached",
            "drug_intel_12m", "age"]  # fmt: skip
INTERACTION = "age<30:stalking_offences_total>=2"
SERIOUS = "('19C','19D','19E','19F','19G','19H','20A','20B','17A','17B','22A')"
QUARTERS = pd.date_range("2020-10-01", "2023-01-01", freq="QS").date
TEST_WINDOW = date(2022, 4, 1)  # the escalation model's test as-of date: later events are its test labels


@pytest.fixture(scope="module")
def truth(default_bundle: Path) -> pd.DataFrame:
    return pd.read_parquet(default_bundle / "truth" / "escalation.parquet")


def test_the_truth_file_names_the_risk_features(truth: pd.DataFrame) -> None:
    expected = ["person_id", "decision_date", *FEATURES, "logit", "p", "label", "event_date", "crime_id"]
    assert list(truth.columns) == expected
    assert set(ESCALATION_TERMS) == set(PLANTED_ESCALATION) - {"intercept"}
    assert not truth.duplicated(["person_id", "decision_date"]).any()
    assert set(truth["decision_date"]) == set(QUARTERS)


def test_each_person_is_at_risk_every_quarter_until_their_one_event(truth: pd.DataFrame) -> None:
    by_person = truth.groupby("person_id")
    assert by_person["label"].sum().max() == 1  # one planted offence per person
    # Their rows are consecutive quarters, and the event (if any) is in the last one.
    index = truth["decision_date"].map({d: i for i, d in enumerate(QUARTERS)})
    span = index.groupby(truth["person_id"]).agg(["min", "max", "size"])
    assert (span["max"] - span["min"] + 1 == span["size"]).all()
    last = truth.groupby("person_id").tail(1)
    assert truth["label"].sum() == last["label"].sum()
    stayed = last[last["label"] == 0]
    assert (stayed["decision_date"] == QUARTERS[-1]).all()  # without an event, at risk to the end


def test_the_planted_relationship_is_strong_and_plentiful(truth: pd.DataFrame) -> None:
    events = pd.to_datetime(truth.loc[truth["label"] == 1, "event_date"]).dt.date
    assert 800 <= len(events) <= 1200  # about a thousand events at scale 1
    # Enough in the model's training label windows (before its test date) and in its test window.
    assert (events < TEST_WINDOW).sum() >= 300 and (events >= TEST_WINDOW).sum() >= 400
    assert truth["logit"].std() >= 1.2
    assert roc_auc_score(truth["label"], truth["p"]) >= 0.80  # the ceiling any model can reach
    # The interaction is common enough for a model to find.
    assert escalation_terms(truth[FEATURES])[INTERACTION].mean() >= 0.03


def test_probabilities_follow_the_planted_model(truth: pd.DataFrame) -> None:
    assert np.allclose(truth["logit"], escalation_logit(truth[FEATURES]))
    assert np.allclose(truth["p"], 1 / (1 + np.exp(-truth["logit"])))


def test_a_logistic_regression_recovers_the_planted_effects(truth: pd.DataFrame) -> None:
    # Labels are quarterly events at hazard 1 - (1 - p)^(1/4): for a rare outcome that is about p/4,
    # so the slopes are the planted ones and only the intercept moves (by about log 4).
    terms = escalation_terms(truth[FEATURES])
    fit = sm.Logit(truth["label"].astype(float), sm.add_constant(terms)).fit(disp=0)
    for name in terms.columns:
        planted, estimate, se = PLANTED_ESCALATION[name], fit.params[name], fit.bse[name]
        assert np.sign(estimate) == np.sign(planted), name
        assert abs(estimate - planted) < 3 * se + 0.15 * abs(planted), (name, estimate, planted, se)
    assert abs(fit.params["const"] - (PLANTED_ESCALATION["intercept"] - np.log(4))) < 0.5


def test_everyone_with_stalking_history_is_at_risk_from_the_next_quarter(
    truth: pd.DataFrame, force: duckdb.DuckDBPyConnection
) -> None:
    force.register("truth", truth)
    first = force.sql(f"""
        WITH first_stalking AS (
            SELECT cp.person_id, min(c.recorded_date) AS d FROM crime_persons cp JOIN crimes c USING (crime_id)
            WHERE cp.role = 'suspect' AND c.offence_code IN ('8Q','8L','8M','8R') GROUP BY cp.person_id
        ), expected AS (
            SELECT person_id, min(q.quarter) AS quarter FROM first_stalking
            JOIN (SELECT unnest({[str(q) for q in QUARTERS]}::DATE[]) AS quarter) q ON first_stalking.d < q.quarter
            GROUP BY person_id
        ), found AS (SELECT person_id, min(decision_date) AS quarter FROM truth GROUP BY person_id)
        SELECT count(*) FILTER (WHERE e.quarter IS DISTINCT FROM f.quarter), count(*)
        FROM expected e FULL JOIN found f USING (person_id)""").fetchall()[0]
    force.unregister("truth")
    assert first[0] == 0 and first[1] == truth["person_id"].nunique()


def test_features_are_as_of_the_decision_date_from_the_records(
    truth: pd.DataFrame, force: duckdb.DuckDBPyConnection
) -> None:
    force.register("truth", truth[["person_id", "decision_date"]])
    recomputed = force.sql("""
        WITH d AS (SELECT person_id, decision_date AS t FROM truth),
        s AS (SELECT d.person_id, d.t, c.* FROM d JOIN crime_persons cp ON cp.person_id = d.person_id
              AND cp.role = 'suspect' JOIN crimes c ON c.crime_id = cp.crime_id WHERE c.recorded_date < d.t),
        counts AS (
            SELECT person_id, t,
                   count(*) FILTER (WHERE offence_code IN ('8Q','8L','8M','8R')) AS stalking_offences_total,
                   count(*) FILTER (WHERE da_flag AND recorded_date >= t - INTERVAL 3 YEAR) AS da_suspect_3y
            FROM s GROUP BY person_id, t),
        victims AS (
            SELECT s.person_id, s.t, count(DISTINCT v.person_id) AS distinct_victims_3y
            FROM s JOIN crime_persons v ON v.crime_id = s.crime_id AND v.role = 'victim'
            WHERE s.recorded_date >= s.t - INTERVAL 3 YEAR GROUP BY s.person_id, s.t),
        breaches AS (
            SELECT d.person_id, d.t, count(*) AS orders_breached FROM d JOIN orders o ON o.person_id = d.person_id
            JOIN order_breaches b ON b.order_id = o.order_id AND b.breach_date < d.t GROUP BY d.person_id, d.t),
        drugs AS (
            SELECT d.person_id, d.t, count(*) AS drug_intel_12m FROM d JOIN intelligence i
            ON i.person_id = d.person_id AND i.topic = 'drugs' AND i.submitted_date < d.t
            AND i.submitted_date >= d.t - INTERVAL 1 YEAR GROUP BY d.person_id, d.t)
        SELECT d.person_id, d.t AS decision_date,
               coalesce(stalking_offences_total, 0) AS stalking_offences_total,
               coalesce(distinct_victims_3y, 0) AS distinct_victims_3y,
               coalesce(da_suspect_3y, 0) AS da_suspect_3y,
               coalesce(orders_breached, 0) AS orders_breached,
               coalesce(drug_intel_12m, 0) AS drug_intel_12m,
               year(d.t) - p.birth_year AS age
        FROM d JOIN persons p USING (person_id)
        LEFT JOIN counts USING (person_id, t) LEFT JOIN victims USING (person_id, t)
        LEFT JOIN breaches USING (person_id, t) LEFT JOIN drugs USING (person_id, t)
        ORDER BY d.person_id, d.t""").df()
    force.unregister("truth")
    mine = truth.sort_values(["person_id", "decision_date"]).reset_index(drop=True)
    assert len(recomputed) == len(mine)
    assert (recomputed["stalking_offences_total"] > 0).all()  # at risk: a stalking crime before the date
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
        WHERE c.offence_code IN {SERIOUS} AND c.recorded_date >= p.decision_date
          AND c.recorded_date < p.decision_date + INTERVAL 3 MONTH""").fetchall()[0]
    force.unregister("planted")
    assert found is not None and found[0] == len(planted) and found[1] > 0.8 * len(planted)
    assert truth.loc[truth["label"] == 0, ["event_date", "crime_id"]].isna().all().all()


def test_people_with_stalking_history_commit_no_serious_sexual_offence_but_the_planted_one(
    truth: pd.DataFrame, force: duckdb.DuckDBPyConnection
) -> None:
    force.register("planted", truth.loc[truth["label"] == 1, ["person_id", "crime_id"]])
    force.register("at_risk", truth[["person_id"]].drop_duplicates())
    others = force.sql(f"""
        SELECT count(*) FROM at_risk t JOIN crime_persons s ON s.person_id = t.person_id AND s.role = 'suspect'
        JOIN crimes c ON c.crime_id = s.crime_id
        WHERE c.offence_code IN {SERIOUS}
          AND c.crime_id NOT IN (SELECT crime_id FROM planted WHERE planted.person_id = t.person_id)""")
    count = others.fetchall()[0][0]
    force.unregister("planted")
    force.unregister("at_risk")
    assert count == 0

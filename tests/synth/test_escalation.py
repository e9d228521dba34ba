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
            "drug_intel_12m", "age", "serious_sexual_prior"]  # fmt: skip
INTERACTION = "age<30:stalking_offences_total>=2"
SERIOUS = "('19C','19D','19E','19F','19G','19H','20A','20B','17A','17B','22A')"
RAPE = "('19C','19D','19E','19F','19G','19H')"
# Stalking antecedents, from the domain (Home Office subgroup "Stalking and harassment" without 8M
# racially or religiously aggravated harassment, and without 8U coercive control): written out here.
ANTECEDENTS = "('8Q','8L','8R')"
# Codes of the VAWG categories rape, sexual_assault, other_sexual (vawg/reference/data/vawg_categories.csv).
SEXUAL_PRIOR = (
    "('19C','19D','19E','19F','19G','19H','20A','20B','17A','17B','22A','22B','88A','88C','88D','88E')"
)
QUARTERS = pd.date_range("2020-10-01", "2023-01-01", freq="QS").date
TEST_WINDOW = date(2022, 4, 1)  # the escalation model's test as-of date: later events are its test labels


@pytest.fixture(scope="module")
def truth(default_bundle: Path) -> pd.DataFrame:
    return pd.read_parquet(default_bundle / "truth" / "escalation.parquet")


def test_the_truth_file_names_the_risk_features(truth: pd.DataFrame) -> None:
    expected = [
        "person_id",
        "decision_date",
        *FEATURES,
        "sex",
        "logit",
        "p",
        "label",
        "event_date",
        "crime_id",
    ]
    assert list(truth.columns) == expected
    assert set(ESCALATION_TERMS) == set(PLANTED_ESCALATION) - {"intercept"}
    assert not truth.duplicated(["person_id", "decision_date"]).any()
    assert set(truth["decision_date"]) == set(QUARTERS)


def test_each_person_stays_at_risk_after_an_event_and_some_offend_again(truth: pd.DataFrame) -> None:
    # Issue 11 item 11: nobody leaves the risk set at their first event; their rows run from their
    # first quarter at risk to the last quarter, events or not.
    index = truth["decision_date"].map({d: i for i, d in enumerate(QUARTERS)})
    span = index.groupby(truth["person_id"]).agg(["min", "max", "size"])
    assert (span["max"] - span["min"] + 1 == span["size"]).all()
    assert (span["max"] == len(QUARTERS) - 1).all()
    events = truth.groupby("person_id")["label"].sum()
    assert (events >= 2).sum() >= 50  # repeat offenders: planted, not excluded
    # After someone's first event their serious sexual prior counts it, quarter by quarter.
    first_event = truth[truth["label"] == 1].groupby("person_id")["decision_date"].min()
    later = truth[truth["decision_date"] > truth["person_id"].map(first_event)]
    assert len(later) and (later["serious_sexual_prior"] >= 1).all()


def test_the_planted_relationship_is_strong_and_plentiful(truth: pd.DataFrame) -> None:
    events = pd.to_datetime(truth.loc[truth["label"] == 1, "event_date"]).dt.date
    assert 900 <= len(events) <= 1400  # about a thousand first events and a few hundred repeats at scale 1
    # Enough in the model's training label windows (before its test date) and in its test window.
    assert (events < TEST_WINDOW).sum() >= 300 and (events >= TEST_WINDOW).sum() >= 400
    assert truth["logit"].std() >= 1.2
    assert roc_auc_score(truth["label"], truth["p"]) >= 0.80  # the ceiling any model can reach
    # The interaction is common enough for a model to find.
    assert escalation_terms(truth[[*FEATURES, "sex"]])[INTERACTION].mean() >= 0.03


def test_a_serious_sexual_prior_raises_the_risk(truth: pd.DataFrame) -> None:
    # Issue 11 item 11: before, each person had one planted offence and then left, so a prior looked
    # protective (odds ratio 0.77). Now the rate after a prior is several times the rate without.
    prior = truth["serious_sexual_prior"] > 0
    assert prior.sum() >= 1000
    assert truth.loc[prior, "label"].mean() > 5 * truth.loc[~prior, "label"].mean()


def test_base_rates_by_sex_show_a_realistic_gap(truth: pd.DataFrame) -> None:
    # Issue 11 item 10 (stated range, docs/synthetic-force.md): women are about 2% of those sentenced
    # for sexual offences; in the plant they commit 1-6% of the escalations, at 5-30% of men's rate;
    # 12-month rates (from quarterly ones) 1-3% for men, 0.1-0.6% for women.
    rate = truth.groupby("sex")["label"].mean()
    annual = 1 - (1 - rate) ** 4
    assert 0.010 <= annual["M"] <= 0.030, annual.to_dict()
    assert 0.001 <= annual["F"] <= 0.006, annual.to_dict()
    assert 0.05 <= rate["F"] / rate["M"] <= 0.30
    events = truth[truth["label"] == 1]
    assert 0.01 <= (events["sex"] == "F").mean() <= 0.06


def test_probabilities_follow_the_planted_model(truth: pd.DataFrame) -> None:
    assert np.allclose(truth["logit"], escalation_logit(truth[[*FEATURES, "sex"]]))
    assert np.allclose(truth["p"], 1 / (1 + np.exp(-truth["logit"])))


def test_a_logistic_regression_recovers_the_planted_effects(truth: pd.DataFrame) -> None:
    # Labels are quarterly events at hazard 1 - (1 - p)^(1/4): for a rare outcome that is about p/4,
    # so the slopes are the planted ones and only the intercept moves (by about log 4).
    terms = escalation_terms(truth[[*FEATURES, "sex"]])
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
            WHERE cp.role = 'suspect' AND c.offence_code IN {ANTECEDENTS} GROUP BY cp.person_id
        ), expected AS (
            SELECT person_id, min(q.quarter) AS quarter FROM first_stalking
            JOIN (SELECT unnest({[str(q) for q in QUARTERS]}::DATE[]) AS quarter) q ON first_stalking.d < q.quarter
            GROUP BY person_id
        ), found AS (SELECT person_id, min(decision_date) AS quarter FROM truth GROUP BY person_id)
        SELECT count(*) FILTER (WHERE e.quarter IS DISTINCT FROM f.quarter), count(*)
        FROM expected e FULL JOIN found f USING (person_id)""").fetchall()[0]
    force.unregister("truth")
    assert first[0] == 0 and first[1] == truth["person_id"].nunique()


def test_people_whose_only_harassment_is_racially_aggravated_are_not_at_risk(
    truth: pd.DataFrame, force: duckdb.DuckDBPyConnection
) -> None:
    # Issue 11 item 12: 8M (racially or religiously aggravated harassment) is not a stalking antecedent.
    only_8m = force.sql(f"""
        SELECT DISTINCT cp.person_id FROM crime_persons cp JOIN crimes c USING (crime_id)
        WHERE cp.role = 'suspect' AND c.offence_code = '8M' AND c.recorded_date < DATE '2023-01-01'
        EXCEPT SELECT cp.person_id FROM crime_persons cp JOIN crimes c USING (crime_id)
        WHERE cp.role = 'suspect' AND c.offence_code IN {ANTECEDENTS}""").df()["person_id"]
    assert len(only_8m) >= 20
    assert not set(only_8m) & set(truth["person_id"])


def test_features_are_as_of_the_decision_date_from_the_records(
    truth: pd.DataFrame, force: duckdb.DuckDBPyConnection
) -> None:
    force.register("truth", truth[["person_id", "decision_date"]])
    recomputed = force.sql(f"""
        WITH d AS (SELECT person_id, decision_date AS t FROM truth),
        s AS (SELECT d.person_id, d.t, c.* FROM d JOIN crime_persons cp ON cp.person_id = d.person_id
              AND cp.role = 'suspect' JOIN crimes c ON c.crime_id = cp.crime_id WHERE c.recorded_date < d.t),
        counts AS (
            SELECT person_id, t,
                   count(*) FILTER (WHERE offence_code IN {ANTECEDENTS}) AS stalking_offences_total,
                   count(*) FILTER (WHERE da_flag AND recorded_date >= t - INTERVAL 3 YEAR) AS da_suspect_3y,
                   count(*) FILTER (WHERE offence_code IN {SEXUAL_PRIOR}) AS serious_sexual_prior
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
               year(d.t) - p.birth_year AS age,
               coalesce(serious_sexual_prior, 0) AS serious_sexual_prior, p.sex
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
    assert mine["sex"].astype(str).equals(recomputed["sex"].astype(str))
    assert (mine["serious_sexual_prior"] > 0).sum() >= 1000  # the prior is exercised, not all zero


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


def test_rape_is_recorded_against_male_principals_only(
    truth: pd.DataFrame, force: duckdb.DuckDBPyConnection
) -> None:
    # Issue 11 item 10: a woman cannot commit rape as principal. The plant records rape (19C, 19F) only
    # against men, and women's planted offences are sexual assault (20A, 17A) or 22A.
    force.register("planted", truth.loc[truth["label"] == 1, ["person_id", "crime_id"]])
    by_sex = (
        force.sql(f"""
        SELECT p.sex, count(*) FILTER (WHERE c.offence_code IN {RAPE}) AS rape, count(*) AS offences
        FROM planted t JOIN crimes c USING (crime_id) JOIN persons p USING (person_id)
        GROUP BY p.sex""")
        .df()
        .set_index("sex")
    )
    force.unregister("planted")
    assert by_sex.loc["M", "rape"] > 0 and by_sex.loc["F", "offences"] > 0
    assert by_sex.drop(index="M")["rape"].sum() == 0
    # And nowhere in the force: no woman is the suspect of a rape code.
    women_on_rape = force.sql(f"""
        SELECT count(*) FROM crime_persons cp JOIN crimes c USING (crime_id) JOIN persons p USING (person_id)
        WHERE cp.role = 'suspect' AND p.sex = 'F' AND c.offence_code IN {RAPE}""").fetchall()[0][0]
    assert women_on_rape == 0


def test_people_with_stalking_history_commit_no_serious_sexual_offence_but_the_planted_ones(
    truth: pd.DataFrame, force: duckdb.DuckDBPyConnection
) -> None:
    # The truth is complete: every serious sexual offence by someone at risk is a planted event.
    force.register("planted", truth.loc[truth["label"] == 1, ["person_id", "crime_id"]])
    force.register("at_risk", truth[["person_id"]].drop_duplicates())
    others = force.sql(f"""
        SELECT count(*), count(DISTINCT c.crime_id) FROM at_risk t
        JOIN crime_persons s ON s.person_id = t.person_id AND s.role = 'suspect'
        JOIN crimes c ON c.crime_id = s.crime_id
        WHERE c.offence_code IN {SERIOUS}
          AND c.crime_id NOT IN (SELECT crime_id FROM planted WHERE planted.person_id = t.person_id)""")
    count = others.fetchall()[0][0]
    force.unregister("planted")
    force.unregister("at_risk")
    assert count == 0

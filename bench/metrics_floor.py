"""The metrics benchmark's floor: every indicator from hand-written DuckDB SQL.

``run_sql(con)`` runs a direct translation of the metric definitions (``BASE`` materialises crimes
with their current outcome, then one query per group of indicators); ``sql_numbers`` maps the
results onto metric ids, cell by cell, in the form every implementation is compared in
(``Numbers``: metric id -> {(month, area or None, breakdown or None): (numerator, denominator)};
days-to-outcome metrics hold (n, value)).
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

Key = tuple[Any, ...]
Numbers = dict[str, dict[Key, tuple[float, ...]]]  # metric -> (month, area, breakdown) -> numbers


# --- the floor: hand-written DuckDB SQL ------------------------------------------------------------
# The Home Office positive outcomes (vawg's default setting), written out again: the floor is an
# independent translation of the definitions, so it does not read vawg's.
POSITIVE_CODES = ("1", "1A", "2", "3", "4", "6", "7", "8")
POS = "(" + ", ".join(f"'{code}'" for code in POSITIVE_CODES) + ")"
BASE = f"""
CREATE OR REPLACE TEMP TABLE b_crime AS
WITH oc AS (
  SELECT crime_id, outcome_code AS code, outcome_date, first_outcome_date FROM (
    SELECT *, min(outcome_date) OVER (PARTITION BY crime_id) AS first_outcome_date,
      row_number() OVER (PARTITION BY crime_id ORDER BY outcome_date DESC, load_id DESC, outcome_code DESC) AS rn
    FROM outcomes) WHERE rn = 1)
SELECT c.crime_id, c.recorded_date, c.area, coalesce(c.da_flag, false) AS da,
  r.vawg_category IS NOT NULL OR coalesce(c.da_flag, false) OR coalesce(c.hba_flag, false) AS vawg,
  c.offence_code = '8Q' AS stalking, oc.code, oc.outcome_date, oc.first_outcome_date,
  coalesce(oc.code IN {POS}, false) AS pos, r.offence_group
FROM crimes c LEFT JOIN ref_offence r ON c.offence_code = r.offence_code LEFT JOIN oc USING (crime_id)"""
SCOPES = ("vawg", "da", "stalking")
MEASURES = {"pos": "pos", "charge": "code IN ('1','1A')", "ns": "code IN ('14','16')", "ev": "code = '15'",
            "oc1": "pos AND code = '1'", "pos90": "pos AND outcome_date - recorded_date <= 90",
            "pos180": "pos AND outcome_date - recorded_date <= 180"}  # fmt: skip


def _outcome_aggs() -> str:
    return ",\n".join(
        f"count(*) FILTER ({s}) AS {s}_n, "
        + ", ".join(f"count(*) FILTER ({s} AND {cond}) AS {s}_{m}" for m, cond in MEASURES.items())
        for s in SCOPES
    )


QUERIES = {
    "recorded": f"SELECT date_trunc('month', recorded_date) AS m, area, {_outcome_aggs()} FROM b_crime GROUP BY ALL",
    "closed": f"SELECT date_trunc('month', outcome_date) AS m, area, {_outcome_aggs()} FROM b_crime "
    "WHERE outcome_date IS NOT NULL GROUP BY ALL",
    "days": "SELECT date_trunc('month', outcome_date) AS m, area, "
    + ", ".join(
        f"count(*) FILTER ({s}) AS {s}_n, quantile_cont(outcome_date - recorded_date, 0.5) FILTER ({s}) "
        f"AS {s}_med, quantile_cont(outcome_date - recorded_date, 0.9) FILTER ({s}) AS {s}_p90"
        for s in SCOPES
    )
    + " FROM b_crime WHERE outcome_date IS NOT NULL GROUP BY ALL",
    "open": "SELECT m, area, " + ", ".join(f"sum(d) FILTER ({s}) AS {s}" for s in SCOPES) + " FROM ("
    "SELECT date_trunc('month', recorded_date) m, area, 1 d, vawg, da, stalking FROM b_crime "
    "WHERE first_outcome_date IS NULL OR first_outcome_date > recorded_date UNION ALL "
    "SELECT date_trunc('month', first_outcome_date), area, -1, vawg, da, stalking FROM b_crime "
    "WHERE first_outcome_date > recorded_date) GROUP BY ALL",
    "outstanding": """
WITH s AS (SELECT cp.crime_id, cp.person_id, b.area, b.first_outcome_date AS fo,
             greatest(b.recorded_date, coalesce(cp.linked_date, b.recorded_date)) AS st
           FROM crime_persons cp JOIN b_crime b USING (crime_id) WHERE cp.role = 'suspect' AND b.da),
a AS (SELECT person_id, crime_id, min(arrest_date) AS fa FROM custody WHERE crime_id IS NOT NULL GROUP BY ALL),
l AS (SELECT s.area, s.st, least(s.fo, a.fa) AS en FROM s LEFT JOIN a USING (person_id, crime_id)),
bands(band, lo, hi) AS (VALUES ('under 1 month', 0, 30), ('1-3 months', 30, 91), ('3-6 months', 91, 182),
  ('6-12 months', 182, 365), ('12 months or more', 365, NULL)),
lb AS (SELECT area, band, st + lo AS st, CASE WHEN hi IS NULL THEN en ELSE least(st + hi, en) END AS en
       FROM l CROSS JOIN bands
       UNION ALL SELECT area, NULL, st, en FROM l)
SELECT m, area, band, sum(d) AS n FROM (
  SELECT date_trunc('month', st) m, area, band, 1 d FROM lb WHERE en IS NULL OR en > st UNION ALL
  SELECT date_trunc('month', en), area, band, -1 FROM lb WHERE en > st) GROUP BY ALL""",
    "custody": """
SELECT date_trunc('month', k.arrest_date) m, coalesce(b.area, 'unknown') area,
  count(*) FILTER (b.da) arrests, count(*) FILTER (b.da AND k.disposal = 'bail') bail,
  count(*) FILTER (b.da AND k.disposal = 'rui') rui,
  count(*) FILTER (b.da AND k.disposal IN ('bail', 'rui')) bail_or_rui, count(*) FILTER (p.sex = 'F') female
FROM custody k LEFT JOIN b_crime b USING (crime_id) LEFT JOIN persons p USING (person_id) GROUP BY ALL""",
    "expiring": """
SELECT date_trunc('month', k.bail_end_date) m, coalesce(b.area, 'unknown') area, count(*) n
FROM custody k JOIN b_crime b USING (crime_id) WHERE b.da AND k.disposal = 'bail' AND k.bail_end_date IS NOT NULL
GROUP BY ALL""",
    "incidents": """
SELECT date_trunc('month', reported_date) m, area, count(*) FILTER (da_flag) n,
  count(*) FILTER (da_flag AND crime_id IS NOT NULL) crimed FROM incidents GROUP BY ALL""",
    "orders": """
WITH conv AS (SELECT DISTINCT parent_order_id FROM orders WHERE order_type = 'DVPO' AND status = 'granted'),
br AS (SELECT DISTINCT order_id FROM order_breaches)
SELECT date_trunc('month', o.start_date) m, count(*) n, count(*) FILTER (status = 'granted') granted,
  count(*) FILTER (status IN ('granted', 'refused')) decided, count(*) FILTER (order_type = 'DVPN') dvpn,
  count(*) FILTER (order_type = 'DVPN' AND conv.parent_order_id IS NOT NULL) converted,
  count(*) FILTER (status = 'granted' AND br.order_id IS NOT NULL) breached
FROM orders o LEFT JOIN conv ON o.order_id = conv.parent_order_id LEFT JOIN br ON o.order_id = br.order_id
GROUP BY ALL""",
    "breaches": "SELECT date_trunc('month', breach_date) m, count(*) n FROM order_breaches b "
    "JOIN orders o USING (order_id) GROUP BY ALL",
    "repeats": """
SELECT role, date_trunc('month', recorded_date) m, area, count(*) n,
  count(*) FILTER (recorded_date - prev <= 365) rep FROM (
  SELECT cp.role, b.recorded_date, b.area,
    lag(b.recorded_date) OVER (PARTITION BY cp.role, cp.person_id ORDER BY b.recorded_date, cp.crime_id) prev
  FROM crime_persons cp JOIN b_crime b USING (crime_id) WHERE b.da) GROUP BY ALL""",
    "serial": """
SELECT date_trunc('month', recorded_date) m, area, count(DISTINCT person_id) FILTER (
  vmin <> vmax AND cmin <> cmax AND coalesce(age >= 16, true)) n FROM (
  SELECT s.person_id, b.recorded_date, b.area, s.age,
    min(v.person_id) OVER w vmin, max(v.person_id) OVER w vmax, min(s.crime_id) OVER w cmin,
    max(s.crime_id) OVER w cmax
  FROM crime_persons s JOIN b_crime b ON s.crime_id = b.crime_id AND b.da AND s.role = 'suspect'
  JOIN crime_persons v ON v.crime_id = s.crime_id AND v.role = 'victim' AND v.person_id <> s.person_id
  WINDOW w AS (PARTITION BY s.person_id ORDER BY b.recorded_date
               RANGE BETWEEN INTERVAL 1094 DAYS PRECEDING AND CURRENT ROW)) GROUP BY ALL""",
    "victims": """
SELECT date_trunc('month', b.recorded_date) m, b.area,
  CASE WHEN age <= 17 THEN '0-17' WHEN age <= 24 THEN '18-24' WHEN age <= 34 THEN '25-34' WHEN age <= 44
  THEN '35-44' WHEN age <= 54 THEN '45-54' WHEN age <= 64 THEN '55-64' WHEN age >= 65 THEN '65+' END band,
  coalesce(p.sex, 'U') sex, count(*) n
FROM crime_persons cp JOIN b_crime b USING (crime_id) LEFT JOIN persons p USING (person_id)
WHERE cp.role = 'victim' AND b.vawg GROUP BY ALL""",
    "victim_ages": """
SELECT date_trunc('month', b.recorded_date) m, b.area, CAST(cp.age AS VARCHAR) age, count(*) n
FROM crime_persons cp JOIN b_crime b USING (crime_id)
WHERE cp.role = 'victim' AND b.vawg AND cp.age IS NOT NULL GROUP BY ALL""",
    "referrals": "SELECT date_trunc('month', referred_date) m, count(*) n, "
    "count(*) FILTER (upper(trim(programme)) = 'NEW_CHANCE') nc FROM interventions GROUP BY ALL",
    "conduct_received": "SELECT date_trunc('month', received_date) m, count(*) n, "
    "count(*) FILTER (allegation = 'apsp') apsp, count(*) FILTER (referred_iopc) iopc FROM conduct_cases GROUP BY ALL",
    "conduct_closed": "SELECT date_trunc('month', outcome_date) m, "
    "count(*) FILTER (outcome IN ('upheld', 'not_upheld', 'no_case_to_answer', 'reflective_practice')) finding, "
    "count(*) FILTER (outcome = 'upheld') upheld, count(*) closed, "
    "quantile_cont(outcome_date - received_date, 0.5) med FROM conduct_cases "
    "WHERE outcome IS NOT NULL AND outcome_date IS NOT NULL GROUP BY ALL",
    "training": "SELECT date_trunc('month', completed_date) m, count(*) n FROM training_completions GROUP BY ALL",
    # Training coverage at each month's end (the extract date for the last): distinct staff trained by
    # then over the latest headcount by then, per course and tier, summed; no total unless every
    # course-tier cell has a headcount.
    "training_coverage": """
WITH x AS (SELECT value::DATE AS end_date FROM meta WHERE key = 'extract_date'),
first AS (SELECT least((SELECT min(completed_date) FROM training_completions),
                       (SELECT min(as_of_date) FROM training_eligible)) AS d),
months AS (SELECT g.m::DATE AS m, least((g.m + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE, x.end_date) AS at_date
  FROM x, first, generate_series(date_trunc('month', first.d), x.end_date, INTERVAL 1 MONTH) AS g(m)),
done AS (SELECT m, course, tier::VARCHAR AS tier, count(DISTINCT staff_id) AS n
  FROM months JOIN training_completions ON completed_date <= at_date GROUP BY ALL),
heads AS (SELECT m, course, tier::VARCHAR AS tier, arg_max(headcount, as_of_date) AS h
  FROM months JOIN training_eligible ON as_of_date <= at_date GROUP BY ALL),
cells AS (SELECT coalesce(d.m, h.m) AS m, coalesce(d.n, 0) AS n, h.h
  FROM done d FULL JOIN heads h ON d.m = h.m AND d.course = h.course AND d.tier = h.tier)
SELECT m, sum(n) AS n, CASE WHEN bool_and(h IS NOT NULL) THEN sum(h) ELSE 0 END AS d FROM cells GROUP BY m""",
    # New Chance: the shipped eligibility file written out again (an independent translation).
    "new_chance": """
WITH age AS (SELECT crime_id, person_id, max(age) AS age FROM crime_persons WHERE role = 'suspect' GROUP BY ALL),
e AS (
  SELECT k.custody_id, k.person_id, k.arrest_date, coalesce(c.area, 'unknown') area,
    lower(trim(coalesce(k.referral, ''))) = 'new_chance' AS in_custody
  FROM custody k JOIN persons p USING (person_id) LEFT JOIN crimes c USING (crime_id)
  LEFT JOIN ref_offence r ON r.offence_code = c.offence_code::VARCHAR LEFT JOIN age a USING (crime_id, person_id)
  WHERE p.sex = 'F' AND k.disposal IN ('caution', 'community_resolution', 'nfa')
    AND (r.offence_group = 'Theft offences' OR r.offence_subgroup = 'Violence without injury')
    AND coalesce(a.age, year(k.arrest_date) - p.birth_year) >= 18)
SELECT date_trunc('month', arrest_date) m, area, count(*) n,
  count(*) FILTER (NOT in_custody AND NOT EXISTS (SELECT 1 FROM interventions i WHERE i.person_id = e.person_id
    AND upper(trim(i.programme)) = 'NEW_CHANCE' AND i.referred_date BETWEEN e.arrest_date AND e.arrest_date + 28)) missed
FROM e GROUP BY ALL""",
    "completions": "SELECT date_trunc('month', completed_date) m, count(DISTINCT person_id) n, "
    "count(DISTINCT person_id) FILTER (upper(trim(programme)) = 'EASI') easi FROM interventions "
    "WHERE completed_date IS NOT NULL GROUP BY ALL",
}


def run_sql(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    cur = con.cursor()
    cur.execute(BASE)
    out = {name: cur.sql(sql).df() for name, sql in QUERIES.items()}
    cur.execute("DROP TABLE b_crime")
    cur.close()
    return out


def _month(value: Any) -> pd.Timestamp:
    return pd.Timestamp(value).to_period("M").start_time


def _put(out: Numbers, metric: str, frame: pd.DataFrame, num: str, den: str | None = None, *,
         area: str | None = "area", breakdown: str | None = None) -> None:  # fmt: skip
    cells = out.setdefault(metric, {})
    for row in frame.itertuples(index=False):
        r = row._asdict()
        n = 0 if pd.isna(r[num]) else int(r[num])
        d = 0 if den is None or pd.isna(r[den]) else int(r[den])
        if n or d:
            cells[(_month(r["m"]), r[area] if area else None, r[breakdown] if breakdown else None)] = (n, d)


def _stock(frame: pd.DataFrame, value: str, groups: list[str], end: pd.Timestamp) -> pd.DataFrame:
    """Running sums of monthly +1/-1 events per group, at every month end up to ``end``."""
    frame = frame.assign(m=frame["m"].map(_month), **{g: frame[g].fillna("(total)") for g in groups})
    wide = frame.pivot_table(index="m", columns=groups, values=value, aggfunc="sum", fill_value=0)
    months = pd.date_range(wide.index.min(), end, freq="MS")
    running = wide.reindex(months, fill_value=0).cumsum()
    running.index.name = "m"
    return running.stack(list(range(len(groups))), future_stack=True).rename("n").reset_index()


def sql_numbers(r: dict[str, pd.DataFrame], end: pd.Timestamp) -> Numbers:
    """Map the floor's query results onto metric ids (the same cells vawg reports)."""
    out: Numbers = {}
    rec, closed = r["recorded"], r["closed"]
    both = closed.merge(rec, on=["m", "area"], how="outer", suffixes=("", "_rec"))
    for s in SCOPES:
        _put(out, f"{s}_recorded_crimes", rec, f"{s}_n")
        for m, name in (("pos", "positive_outcome_rate"), ("charge", "charge_rate"),
                        ("ns", "victim_not_supporting_rate"), ("ev", "evidential_difficulties_rate")):  # fmt: skip
            cohort = f"{s}_{name}" + ("_cohort" if (s, m) == ("stalking", "pos") else "")
            closure = f"{s}_{name}" + ("" if (s, m) == ("stalking", "pos") else "_closure")
            _put(out, cohort, rec, f"{s}_{m}", f"{s}_n")
            _put(out, closure, both, f"{s}_{m}", f"{s}_n_rec")
        _put(out, f"{s}_outcome_1_share", rec, f"{s}_oc1", f"{s}_pos")
        _put(out, f"{s}_outcome_1_share_closure", closed, f"{s}_oc1", f"{s}_pos")
        for days in (90, 180):
            _put(out, f"{s}_positive_outcome_rate_{days}d", rec, f"{s}_pos{days}", f"{s}_n")
        _put(out, f"{s}_positive_outcome_rate_finalised", closed, f"{s}_pos", f"{s}_n")
        for q, name in (("med", "median"), ("p90", "p90")):
            cells = out.setdefault(f"{s}_days_to_outcome_{name}", {})
            for row in r["days"].itertuples(index=False):
                x = row._asdict()
                if x[f"{s}_n"]:
                    cells[(_month(x["m"]), x["area"], None)] = (int(x[f"{s}_n"]), float(x[f"{s}_{q}"]))
        _put(out, f"{s}_open_investigations", _stock(r["open"], s, ["area"], end), "n")
    outstanding = _stock(r["outstanding"], "n", ["area", "band"], end)
    _put(out, "da_outstanding_suspects", outstanding[outstanding["band"] == "(total)"], "n")
    _put(out, "da_outstanding_suspects_by_duration", outstanding[outstanding["band"] != "(total)"], "n",
         breakdown="band")  # fmt: skip
    custody = r["custody"]
    arrests = custody.merge(rec[["m", "area", "da_n"]], on=["m", "area"], how="outer")
    _put(out, "da_arrests_per_100_crimes", arrests, "arrests", "da_n")
    _put(out, "da_suspects_bailed", custody, "bail")
    _put(out, "da_suspects_rui", custody, "rui")
    _put(out, "da_bail_share", custody, "bail", "bail_or_rui")
    _put(out, "da_bails_expiring", r["expiring"], "n")
    _put(out, "female_detainees", custody, "female")
    _put(out, "da_incidents", r["incidents"], "n")
    _put(out, "da_incident_crimed_rate", r["incidents"], "crimed", "n")
    orders = r["orders"]
    _put(out, "orders_issued", orders, "n", area=None)
    _put(out, "orders_granted", orders, "granted", area=None)
    _put(out, "orders_granted_rate", orders, "granted", "decided", area=None)
    _put(out, "dvpn_dvpo_conversion_rate", orders, "converted", "dvpn", area=None)
    _put(out, "orders_breached_rate", orders, "breached", "granted", area=None)
    _put(out, "order_breaches", r["breaches"], "n", area=None)
    for role in ("victim", "suspect"):
        _put(out, f"da_repeat_{role}_rate", r["repeats"][r["repeats"]["role"] == role], "rep", "n")
    _put(out, "da_serial_perpetrators", r["serial"], "n")
    victims = r["victims"]
    aged = victims.dropna(subset=["band"]).groupby(["m", "area", "band"], as_index=False)["n"].sum()
    aged["total"] = aged.groupby(["m", "area"])["n"].transform("sum")
    _put(out, "victim_age_profile", aged, "n", "total", breakdown="band")
    young = (
        aged[aged["band"].isin(["18-24", "25-34"])].groupby(["m", "area", "total"], as_index=False)["n"].sum()
    )
    _put(out, "victim_age_18_34_share", aged[["m", "area", "total"]].drop_duplicates().merge(
        young, on=["m", "area", "total"], how="left"), "n", "total")  # fmt: skip
    ages = r["victim_ages"].copy()
    ages["total"] = ages.groupby(["m", "area"])["n"].transform("sum")
    _put(out, "victim_age_years", ages, "n", "total", breakdown="age")
    sexes = victims.groupby(["m", "area", "sex"], as_index=False)["n"].sum()
    sexes["total"] = sexes.groupby(["m", "area"])["n"].transform("sum")
    _put(out, "victim_sex_profile", sexes, "n", "total", breakdown="sex")
    _put(out, "intervention_referrals", r["referrals"], "n", area=None)
    _put(out, "new_chance_referrals", r["referrals"], "nc", area=None)
    _put(out, "intervention_completions", r["completions"], "n", area=None)
    _put(out, "easi_completions", r["completions"], "easi", area=None)
    behaviour_numbers(out, r)
    _put(out, "new_chance_eligible", r["new_chance"], "n")
    _put(out, "new_chance_missed_referral_rate", r["new_chance"], "missed", "n")
    return out


def behaviour_numbers(out: Numbers, r: dict[str, pd.DataFrame]) -> None:
    """The Our Behaviours strand's indicators (no area breakdown)."""
    _put(out, "conduct_cases_received", r["conduct_received"], "n", area=None)
    _put(out, "conduct_apsp_cases", r["conduct_received"], "apsp", area=None)
    _put(out, "conduct_iopc_referrals", r["conduct_received"], "iopc", area=None)
    _put(out, "conduct_upheld_rate", r["conduct_closed"], "upheld", "finding", area=None)
    cells = out.setdefault("conduct_days_to_outcome", {})
    for row in r["conduct_closed"].itertuples(index=False):
        cells[(_month(row.m), None, None)] = (int(row.closed), float(row.med))
    _put(out, "training_completions", r["training"], "n", area=None)
    _put(out, "training_coverage", r["training_coverage"], "n", "d", area=None)

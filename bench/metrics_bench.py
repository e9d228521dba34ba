"""Metrics benchmark: every indicator, every month and area, three ways, same numbers.

* ``metrics_ibis``   – vawg: ``compute_all(con, grain="month", by=("area",))`` (Ibis → DuckDB);
* ``metrics_sql``    – the floor: the same numbers from hand-written DuckDB SQL (below);
* ``metrics_pandas`` – what an analyst writes today: tables read into pandas, merges and groupbys.
  It covers a documented subset of the indicators (PANDAS_METRICS): the paper's headline figures.

The three must agree: every (metric, month, area) numerator and denominator, and days-to-outcome
quantiles to 1e-9. ``run(workdir, scales)`` reuses ``workdir/store-<scale>.duckdb`` (the ingest
bench builds it) or builds it from ``workdir/bundle-<scale>`` or a fresh synthetic force.

    python bench/metrics_bench.py [--scales 1,30] [--workdir bench/out]
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

Key = tuple[Any, ...]
Numbers = dict[str, dict[Key, tuple[float, ...]]]  # metric -> (month, area, breakdown) -> numbers

PANDAS_METRICS = (
    "vawg_recorded_crimes", "da_recorded_crimes", "stalking_recorded_crimes", "da_positive_outcome_rate",
    "da_outcome_1_share", "da_positive_outcome_rate_closure", "stalking_positive_outcome_rate",
    "da_outstanding_suspects", "da_suspects_bailed", "da_suspects_rui", "victim_age_profile",
    "da_incidents", "female_detainees",
)  # fmt: skip


# --- building the store ---------------------------------------------------------------------------
def _fmt_scale(scale: float) -> str:
    return f"{scale:g}"


def ensure_store(workdir: Path, scale: float) -> Path:
    store = workdir / f"store-{_fmt_scale(scale)}.duckdb"
    if store.exists():
        return store
    from vawg.ingest import ingest
    from vawg.synth import write_bundle

    bundle = workdir / f"bundle-{_fmt_scale(scale)}"
    if not (bundle / "manifest.json").exists():
        write_bundle(bundle, seed=42, scale=scale, fmt="parquet", progress=True)
    ingest(bundle, store, progress=True)
    return store


# --- vawg ---------------------------------------------------------------------------------------
def numbers_from_vawg(results: dict[str, Any]) -> Numbers:
    out: Numbers = {}
    for metric_id, result in results.items():
        frame = result.frame
        area = frame["area"] if "area" in frame else [None] * len(frame)
        breakdown = frame[result.metric.breakdown] if result.metric.breakdown else [None] * len(frame)
        cells = {}
        for start, a, b, num, den, value in zip(frame["period_start"], area, breakdown, frame["numerator"],
                                                frame["denominator"], frame["value"], strict=True):  # fmt: skip
            den = 0 if pd.isna(den) else int(den)
            # A share's zero cells (a sex never seen that month) are filled in; the floor omits them.
            if num or (den and result.metric.kind != "share"):
                cells[(pd.Timestamp(start), a, b)] = _cell(result.metric.kind, num, den, value)
        out[metric_id] = cells
    return out


def _cell(kind: str, num: float, den: float, value: float) -> tuple[float, ...]:
    return (int(num), float(value)) if kind == "days" else (int(num), int(den))


def run_vawg(con: duckdb.DuckDBPyConnection, metrics: tuple[str, ...] | None = None) -> Numbers:
    from vawg.metrics import compute_all

    return numbers_from_vawg(compute_all(con, grain="month", by=("area",), metrics=metrics))


# --- the floor: hand-written DuckDB SQL ------------------------------------------------------------
POS = "('1','1A','2','3','4','6','7','8')"
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
            "oc1": "pos AND code = '1'"}  # fmt: skip


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
    "referrals": "SELECT date_trunc('month', referred_date) m, count(*) n, "
    "count(*) FILTER (upper(trim(programme)) = 'NEW_CHANCE') nc FROM interventions GROUP BY ALL",
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
    sexes = victims.groupby(["m", "area", "sex"], as_index=False)["n"].sum()
    sexes["total"] = sexes.groupby(["m", "area"])["n"].transform("sum")
    _put(out, "victim_sex_profile", sexes, "n", "total", breakdown="sex")
    _put(out, "intervention_referrals", r["referrals"], "n", area=None)
    _put(out, "new_chance_referrals", r["referrals"], "nc", area=None)
    _put(out, "intervention_completions", r["completions"], "n", area=None)
    _put(out, "easi_completions", r["completions"], "easi", area=None)
    return out


# --- what an analyst writes today: pandas ----------------------------------------------------------
def run_pandas(con: duckdb.DuckDBPyConnection, end: pd.Timestamp) -> Numbers:
    """PANDAS_METRICS the straightforward way: load the tables, merge, group, loop over month ends."""
    load = con.cursor()
    crimes = load.sql("SELECT crime_id, recorded_date, offence_code::VARCHAR AS offence_code, area, da_flag, "
                      "hba_flag FROM crimes").df()  # fmt: skip
    ref = load.sql("SELECT offence_code, vawg_category FROM ref_offence").df()
    outcomes = load.sql("SELECT crime_id, outcome_code::VARCHAR AS code, outcome_date, load_id, "
                        "outcome_code FROM outcomes").df()  # fmt: skip
    links = load.sql(
        "SELECT crime_id, person_id, role::VARCHAR AS role, linked_date, age FROM crime_persons"
    ).df()
    custody = load.sql(
        "SELECT person_id, crime_id, arrest_date, disposal::VARCHAR AS disposal FROM custody"
    ).df()
    persons = load.sql("SELECT person_id, sex::VARCHAR AS sex FROM persons").df()
    incidents = load.sql("SELECT reported_date, area, da_flag FROM incidents").df()
    load.close()
    out: Numbers = {}

    def put(metric: str, frame: pd.DataFrame, num: str, den: str | None = None, breakdown: str | None = None,
            area: str | None = "area") -> None:  # fmt: skip
        _put(out, metric, frame, num, den, area=area, breakdown=breakdown)

    outcomes = outcomes.sort_values(["crime_id", "outcome_date", "load_id", "outcome_code"])
    current = outcomes.groupby("crime_id").tail(1)[["crime_id", "code", "outcome_date"]]
    first = (
        outcomes.groupby("crime_id", as_index=False)["outcome_date"]
        .min()
        .rename(columns={"outcome_date": "fo"})
    )
    c = crimes.merge(ref, on="offence_code", how="left").merge(current, on="crime_id", how="left")
    c = c.merge(first, on="crime_id", how="left")
    c["da"] = c["da_flag"].fillna(False).astype(bool)
    c["vawg"] = c["vawg_category"].notna() | c["da"] | c["hba_flag"].fillna(False).astype(bool)
    c["stalking"] = c["offence_code"] == "8Q"
    c["pos"] = c["code"].isin(["1", "1A", "2", "3", "4", "6", "7", "8"])
    c["oc1"] = c["pos"] & (c["code"] == "1")
    c["m"] = c["recorded_date"].dt.to_period("M").dt.start_time
    c["om"] = c["outcome_date"].dt.to_period("M").dt.start_time
    for flag in ("vawg", "da", "stalking"):
        put(f"{flag}_recorded_crimes", c[c[flag]].groupby(["m", "area"], as_index=False).size(), "size")
    da = c[c["da"]]
    cohort = da.groupby(["m", "area"], as_index=False).agg(n=("crime_id", "size"), pos=("pos", "sum"),
                                                            oc1=("oc1", "sum"))  # fmt: skip
    put("da_positive_outcome_rate", cohort, "pos", "n")
    put("da_outcome_1_share", cohort, "oc1", "pos")
    closed = da[da["pos"]].groupby(["om", "area"], as_index=False).size().rename(columns={"om": "m"})
    put("da_positive_outcome_rate_closure", closed.merge(cohort, on=["m", "area"], how="outer"), "size", "n")
    st = c[c["stalking"]]
    st_n = st.groupby(["m", "area"], as_index=False).size()
    st_pos = st[st["pos"]].groupby(["om", "area"], as_index=False).size().rename(columns={"om": "m"})
    put(
        "stalking_positive_outcome_rate",
        st_pos.merge(st_n, on=["m", "area"], how="outer"),
        "size_x",
        "size_y",
    )
    # Outstanding suspects: for each month end, the links started and not yet ended (a loop of masks).
    sus = links[links["role"] == "suspect"].merge(
        da[["crime_id", "recorded_date", "area", "fo"]], on="crime_id"
    )
    arrests = custody.dropna(subset=["crime_id"]).groupby(["person_id", "crime_id"], as_index=False)[
        "arrest_date"].min()  # fmt: skip
    sus = sus.merge(arrests, on=["person_id", "crime_id"], how="left")
    start = sus[["recorded_date", "linked_date"]].max(axis=1)
    stop = sus[["fo", "arrest_date"]].min(axis=1)
    rows = []
    for month in pd.date_range(start.min().to_period("M").start_time, end, freq="MS"):
        month_end = month + pd.offsets.MonthEnd(0)
        live = (start <= month_end) & (stop.isna() | (stop > month_end))
        for area, n in sus.loc[live, "area"].value_counts().items():
            rows.append({"m": month, "area": area, "n": n})
    put("da_outstanding_suspects", pd.DataFrame(rows), "n")
    k = custody.merge(c[["crime_id", "area", "da"]], on="crime_id", how="left").merge(persons, on="person_id",
                                                                                     how="left")  # fmt: skip
    k["m"] = k["arrest_date"].dt.to_period("M").dt.start_time
    k["area"] = k["area"].fillna("unknown")
    k_da = k[k["da"].fillna(False).astype(bool)]
    put(
        "da_suspects_bailed",
        k_da[k_da["disposal"] == "bail"].groupby(["m", "area"], as_index=False).size(),
        "size",
    )
    put(
        "da_suspects_rui",
        k_da[k_da["disposal"] == "rui"].groupby(["m", "area"], as_index=False).size(),
        "size",
    )
    put("female_detainees", k[k["sex"] == "F"].groupby(["m", "area"], as_index=False).size(), "size")
    v = links[links["role"] == "victim"].merge(c.loc[c["vawg"], ["crime_id", "m", "area"]], on="crime_id")
    v = v.dropna(subset=["age"])
    v["band"] = pd.cut(v["age"], [-1, 17, 24, 34, 44, 54, 64, 200],
                       labels=["0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]).astype(str)  # fmt: skip
    bands = v.groupby(["m", "area", "band"], as_index=False).size()
    bands["total"] = bands.groupby(["m", "area"])["size"].transform("sum")
    put("victim_age_profile", bands, "size", "total", breakdown="band")
    inc = incidents[incidents["da_flag"].fillna(False).astype(bool)].copy()
    inc["m"] = inc["reported_date"].dt.to_period("M").dt.start_time
    put("da_incidents", inc.groupby(["m", "area"], as_index=False).size(), "size")
    return out


# --- comparing and timing ------------------------------------------------------------------------
def differences(expected: Numbers, got: Numbers, metrics: tuple[str, ...] | None = None) -> list[str]:
    """Cells where two implementations disagree (empty when they give identical numbers)."""
    problems = []
    for metric in metrics or tuple(expected):
        want, have = expected.get(metric, {}), got.get(metric, {})
        for key in sorted(set(want) | set(have), key=str):
            a, b = want.get(key), have.get(key)
            same = a is not None and b is not None and a[0] == b[0] and (
                a[1] == b[1] or (isinstance(a[1], float) and math.isclose(a[1], b[1], rel_tol=1e-9, abs_tol=1e-9))
            )  # fmt: skip
            if not same:
                problems.append(f"{metric} {key}: {a} vs {b}")
    return problems


def _timed(fn: Callable[[], Any], repeats: int = 1) -> tuple[float, float, Any]:
    """Best wall-clock seconds, the CPU seconds of that run (all threads of this process, DuckDB's
    included: steadier than wall time on a shared machine) and the result."""
    best, cpu, result = math.inf, math.inf, None
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = fn()
        wall = time.perf_counter() - started
        if wall < best:
            best, cpu = wall, time.process_time() - cpu_started
    return best, cpu, result


def run(workdir: Path, scales: list[float]) -> list[dict[str, Any]]:
    from vawg.metrics import REGISTRY
    from vawg.store import connect

    rows: list[dict[str, Any]] = []
    for scale in scales:
        con = connect(ensure_store(workdir, scale), read_only=True)
        crimes = con.execute("SELECT count(*) FROM crimes").fetchall()[0][0]
        end = pd.Timestamp(con.execute("SELECT value FROM meta WHERE key = 'extract_date'").fetchall()[0][0])
        run_sql(con)  # warm the operating system's file cache for all three
        repeats = 2 if scale <= 5 else 1
        t_sql, cpu_sql, sql_results = _timed(lambda c=con: run_sql(c), repeats)
        t_ibis, cpu_ibis, ibis_numbers = _timed(lambda c=con: run_vawg(c), repeats)
        t_pandas, cpu_pandas, pandas_numbers = _timed(lambda c=con, e=end: run_pandas(c, e))
        # Like for like with pandas: vawg computing only the pandas baseline's metrics.
        t_subset, _, _ = _timed(lambda c=con: run_vawg(c, PANDAS_METRICS))
        sql_numbers_ = sql_numbers(sql_results, end)
        missing = set(REGISTRY.ids()) - set(sql_numbers_)
        problems = [f"floor lacks {m}" for m in sorted(missing)]
        problems += differences(sql_numbers_, ibis_numbers) + differences(
            sql_numbers_, pandas_numbers, PANDAS_METRICS
        )
        con.close()
        if problems:
            raise AssertionError(f"scale {scale}: the implementations disagree:\n" + "\n".join(problems[:30]))
        cells = sum(len(v) for v in ibis_numbers.values())
        for stage, seconds, cpu, note in (
            ("metrics_ibis", t_ibis, cpu_ibis, f"{len(ibis_numbers)} metrics, {cells:,} cells"),
            ("metrics_sql", t_sql, cpu_sql, "hand-written DuckDB SQL, same cells"),
            ("metrics_pandas", t_pandas, cpu_pandas, f"{len(PANDAS_METRICS)} headline metrics; vawg on the "
             f"same {len(PANDAS_METRICS)}: {t_subset:.1f} s ({t_pandas / t_subset:.1f}x faster)"),
        ):  # fmt: skip
            rows.append({"stage": stage, "scale": scale, "rows": int(crimes), "seconds": round(seconds, 3),
                         "ratio_to_sql": round(seconds / t_sql, 2), "cpu_seconds": round(cpu, 2),
                         "cpu_ratio_to_sql": round(cpu / cpu_sql, 2), "note": note})  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    for row in run(args.workdir, [float(s) for s in args.scales.split(",")]):
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The metrics benchmark's pandas baseline: every indicator the way an analyst writes it today.

``run_pandas(con, end)`` reads each table it needs from the store into a DataFrame once (ENUMs as
text), builds "crimes with their current outcome" once and computes all the REGISTRY indicators
with plain vectorised pandas: filter, merge, groupby, ``value_counts``, sort +
``groupby().shift()``. It returns the numbers in ``metrics_bench.Numbers`` form and must equal the
hand-written SQL floor cell for cell (``metrics_bench.differences``).

Straightforward, not clever, and not deliberately slow either:

* as-of indicators (open investigations, outstanding suspects and their duration bands) are
  computed as the definition reads: for every month end, mask the rows live at that date and count
  them by area (the floor instead sums +1/-1 events);
* windowed indicators likewise: a repeat victim/suspect is a record whose previous record of the
  same person (sort, ``groupby().shift()``) is at most 365 days earlier; a serial perpetrator is a
  suspect whose DA crimes in the 1094 days up to this one (a self-merge on the person and a date
  filter) have two or more crimes and two or more victims;
* days-to-outcome quantiles use ``quantile(q)`` (linear interpolation, as DuckDB's quantile_cont).
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
from metrics_floor import POSITIVE_CODES, SCOPES, Numbers, _put

# outcome measure -> the current outcome codes it counts ("oc1" is outcome 1 among positives).
MEASURES = {
    "pos": list(POSITIVE_CODES),
    "charge": ["1", "1A"],
    "ns": ["14", "16"],
    "ev": ["15"],
    "oc1": ["1"],
}
RATE_NAMES = {"pos": "positive_outcome_rate", "charge": "charge_rate",
              "ns": "victim_not_supporting_rate", "ev": "evidential_difficulties_rate"}  # fmt: skip
DURATION_BINS = [0, 30, 91, 182, 365, np.inf]  # days outstanding, [lo, hi)
DURATION_BANDS = ["under 1 month", "1-3 months", "3-6 months", "6-12 months", "12 months or more"]
AGE_BINS = [-np.inf, 17, 24, 34, 44, 54, 64, np.inf]  # (lo, hi]: ages are whole years
AGE_BANDS = ["0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
KEYS = ["m", "area"]
FOLLOW_UP = (90, 180)  # fixed follow-up bases: positive outcome within N days of recording
FLAGS = [*MEASURES, *(f"pos{days}" for days in FOLLOW_UP)]


def month_start(dates: pd.Series) -> pd.Series:
    return dates.dt.to_period("M").dt.start_time


def month_ends(first: pd.Timestamp, end: pd.Timestamp) -> pd.DatetimeIndex:
    """Every month end from ``first``'s month up to ``end``'s month."""
    return pd.date_range(first.to_period("M").start_time, end, freq="MS") + pd.offsets.MonthEnd(0)


# --- loading ---------------------------------------------------------------------------------------
def load_tables(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Each table once, only the columns used; ENUMs as text except outcome_code, kept as an ordered
    categorical because the current outcome breaks date ties on the code's order."""
    cur = con.cursor()
    sql = {
        "crimes": "SELECT crime_id, recorded_date, offence_code::VARCHAR AS offence_code, area, da_flag, "
        "hba_flag FROM crimes",
        "ref": "SELECT offence_code, vawg_category FROM ref_offence",
        "outcomes": "SELECT crime_id, outcome_code, outcome_date, load_id FROM outcomes",
        "links": "SELECT crime_id, person_id, role::VARCHAR AS role, linked_date, age FROM crime_persons",
        "persons": "SELECT person_id, sex::VARCHAR AS sex FROM persons",
        "custody": "SELECT person_id, crime_id, arrest_date, disposal::VARCHAR AS disposal, bail_end_date, "
        "custody_id, referral FROM custody",
        "ref_groups": "SELECT offence_code, offence_group, offence_subgroup FROM ref_offence",
        "crime_codes": "SELECT crime_id, area, offence_code::VARCHAR AS offence_code FROM crimes",
        "birth": "SELECT person_id, birth_year FROM persons",
        "incidents": "SELECT reported_date, area, da_flag, crime_id FROM incidents",
        "orders": "SELECT order_id, order_type::VARCHAR AS order_type, status::VARCHAR AS status, "
        "start_date, parent_order_id FROM orders",
        "breaches": "SELECT order_id, breach_date FROM order_breaches",
        "interventions": "SELECT person_id, programme, referred_date, completed_date FROM interventions",
        "conduct": "SELECT received_date, allegation::VARCHAR AS allegation, referred_iopc, "
        "outcome::VARCHAR AS outcome, outcome_date FROM conduct_cases",
        "training": "SELECT completed_date FROM training_completions",
        "training_staff": "SELECT staff_id, course, tier::VARCHAR AS tier, completed_date FROM training_completions",
        "eligible": "SELECT course, tier::VARCHAR AS tier, as_of_date, headcount FROM training_eligible",
    }
    tables = {name: cur.sql(query).df() for name, query in sql.items()}
    cur.close()
    return tables


def crimes_with_outcome(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per crime: scope flags, current outcome (latest date, then load, then code), first
    outcome date and the outcome measure flags. Every group of indicators reuses it, so the raw
    crimes and outcomes tables are dropped from ``t`` (memory at scale 30)."""
    crimes, outcomes, ref = t.pop("crimes"), t.pop("outcomes"), t["ref"]
    vawg_codes = ref.loc[ref["vawg_category"].notna(), "offence_code"]
    crimes = crimes.assign(
        da=crimes["da_flag"],
        vawg=crimes["offence_code"].isin(vawg_codes) | crimes["da_flag"] | crimes["hba_flag"].fillna(False),
        stalking=crimes["offence_code"] == "8Q",
        m=month_start(crimes["recorded_date"]),
    ).drop(columns=["offence_code", "da_flag", "hba_flag"])
    outcomes = outcomes.sort_values(["outcome_date", "load_id", "outcome_code"])
    current = outcomes.drop_duplicates("crime_id", keep="last")
    current = pd.DataFrame({"crime_id": current["crime_id"], "code": current["outcome_code"].astype(str),
                            "outcome_date": current["outcome_date"]})  # fmt: skip
    first = outcomes.groupby("crime_id")["outcome_date"].min().rename("fo")
    current = current.merge(first, left_on="crime_id", right_index=True)
    c = crimes.merge(current, on="crime_id", how="left")
    for measure, codes in MEASURES.items():
        c[measure] = c["code"].isin(codes)
    waited = (c["outcome_date"] - c["recorded_date"]).dt.days
    for days in FOLLOW_UP:
        c[f"pos{days}"] = c["pos"] & (waited <= days)
    c["om"] = month_start(c["outcome_date"])
    return c


# --- outcomes: recorded crimes, outcome rates (both bases), days to outcome ------------------------
def outcome_indicators(out: Numbers, c: pd.DataFrame) -> pd.DataFrame:
    recorded_all = []
    for s in SCOPES:
        scoped = c.loc[c[s], [*KEYS, "om", "crime_id", "recorded_date", "outcome_date", *FLAGS]]
        counts = {"n": ("crime_id", "size")} | {m: (m, "sum") for m in FLAGS}
        recorded = scoped.groupby(KEYS, as_index=False).agg(**counts)
        closed = scoped[scoped["outcome_date"].notna()].rename(columns={"m": "rm", "om": "m"})
        closed_counts = closed.groupby(KEYS, as_index=False).agg(**counts)
        # Closure base: outcomes assigned this month over crimes recorded this month.
        both = closed_counts.merge(recorded[[*KEYS, "n"]], on=KEYS, how="outer", suffixes=("", "_rec"))
        _put(out, f"{s}_recorded_crimes", recorded, "n")
        for measure, name in RATE_NAMES.items():
            # The stalking positive rate's default base is closure (the paper's figure).
            stalking_pos = (s, measure) == ("stalking", "pos")
            _put(out, f"{s}_{name}" + ("_cohort" if stalking_pos else ""), recorded, measure, "n")
            _put(out, f"{s}_{name}" + ("" if stalking_pos else "_closure"), both, measure, "n_rec")
        _put(out, f"{s}_outcome_1_share", recorded, "oc1", "pos")
        _put(out, f"{s}_outcome_1_share_closure", closed_counts, "oc1", "pos")
        for days in FOLLOW_UP:
            _put(out, f"{s}_positive_outcome_rate_{days}d", recorded, f"pos{days}", "n")
        _put(out, f"{s}_positive_outcome_rate_finalised", closed_counts, "pos", "n")
        days = closed.assign(days=(closed["outcome_date"] - closed["recorded_date"]).dt.days)
        by_month = days.groupby(KEYS)["days"]
        quantiles = pd.DataFrame({"n": by_month.size(), "median": by_month.quantile(0.5),
                                  "p90": by_month.quantile(0.9)})  # fmt: skip
        for q in ("median", "p90"):
            out[f"{s}_days_to_outcome_{q}"] = {
                (m, area, None): (int(row["n"]), float(row[q])) for (m, area), row in quantiles.iterrows()
            }
        recorded_all.append(recorded[[*KEYS, "n"]].rename(columns={"n": f"{s}_n"}).set_index(KEYS))
    return pd.concat(recorded_all, axis=1).reset_index()  # recorded counts, reused by custody


# --- stocks: open investigations, outstanding suspects (as at each month end) ----------------------
def stock_indicators(out: Numbers, c: pd.DataFrame, t: dict[str, pd.DataFrame], end: pd.Timestamp) -> None:
    # Open at a month end: recorded by then and no outcome (first outcome) by then. ~(date <= x)
    # rather than (date > x) keeps the rows with no date (NaT compares False).
    crimes = c.loc[c["vawg"] | c["stalking"], ["recorded_date", "fo", "area", *SCOPES]]
    rows = []
    for month_end in month_ends(crimes["recorded_date"].min(), end):
        live = (crimes["recorded_date"] <= month_end) & ~(crimes["fo"] <= month_end)
        rows.append(crimes[live].groupby("area")[list(SCOPES)].sum().assign(m=month_end).reset_index())
    stock = pd.concat(rows)
    for s in SCOPES:
        _put(out, f"{s}_open_investigations", stock, s)

    # A suspect is outstanding from linking (not before recording) until the first outcome or their
    # first arrest for that crime, whichever is first (min/max skip missing dates).
    links, da_crimes = t["links"], c.loc[c["da"], ["crime_id", "recorded_date", "fo", "area"]]
    sus = links[links["role"] == "suspect"].merge(da_crimes, on="crime_id")
    custody = t["custody"].dropna(subset=["crime_id"])
    first_arrest = custody.groupby(["person_id", "crime_id"], as_index=False)["arrest_date"].min()
    sus = sus.merge(first_arrest, on=["person_id", "crime_id"], how="left")
    sus["start"] = sus[["recorded_date", "linked_date"]].max(axis=1)
    sus["stop"] = sus[["fo", "arrest_date"]].min(axis=1)
    totals, bands = [], []
    for month_end in month_ends(sus["start"].min(), end):
        live = sus[(sus["start"] <= month_end) & ~(sus["stop"] <= month_end)]
        totals.append(live["area"].value_counts().rename("n").reset_index().assign(m=month_end))
        band = pd.cut((month_end - live["start"]).dt.days, DURATION_BINS, right=False, labels=DURATION_BANDS)
        counts = live.assign(band=band.astype(str)).groupby(["area", "band"]).size()
        bands.append(counts.rename("n").reset_index().assign(m=month_end))
    _put(out, "da_outstanding_suspects", pd.concat(totals), "n")
    _put(out, "da_outstanding_suspects_by_duration", pd.concat(bands), "n", breakdown="band")


# --- custody and incidents -------------------------------------------------------------------------
def custody_indicators(
    out: Numbers, c: pd.DataFrame, t: dict[str, pd.DataFrame], recorded: pd.DataFrame
) -> None:
    k = t["custody"].merge(c[["crime_id", "area", "da"]], on="crime_id", how="left")
    k = k.merge(t["persons"], on="person_id", how="left")
    k["area"] = k["area"].fillna("unknown")  # arrests for no (known) crime
    k["da"] = k["da"].fillna(False).astype(bool)
    k["m"] = month_start(k["arrest_date"])
    k["arrests"] = k["da"]
    k["bail"] = k["da"] & (k["disposal"] == "bail")
    k["rui"] = k["da"] & (k["disposal"] == "rui")
    k["bail_or_rui"] = k["bail"] | k["rui"]
    k["female"] = k["sex"] == "F"
    monthly = k.groupby(KEYS, as_index=False)[["arrests", "bail", "rui", "bail_or_rui", "female"]].sum()
    per_crime = monthly.merge(recorded[[*KEYS, "da_n"]], on=KEYS, how="outer")
    _put(out, "da_arrests_per_100_crimes", per_crime, "arrests", "da_n")
    _put(out, "da_suspects_bailed", monthly, "bail")
    _put(out, "da_suspects_rui", monthly, "rui")
    _put(out, "da_bail_share", monthly, "bail", "bail_or_rui")
    _put(out, "female_detainees", monthly, "female")
    bailed = k[k["bail"] & k["bail_end_date"].notna()]
    expiring = bailed.groupby([month_start(bailed["bail_end_date"]).rename("m"), "area"]).size()
    _put(out, "da_bails_expiring", expiring.rename("n").reset_index(), "n")

    inc = t["incidents"]
    inc = inc[inc["da_flag"]].assign(m=month_start(inc["reported_date"]), crimed=inc["crime_id"].notna())
    incidents = inc.groupby(KEYS, as_index=False).agg(n=("crimed", "size"), crimed=("crimed", "sum"))
    _put(out, "da_incidents", incidents, "n")
    _put(out, "da_incident_crimed_rate", incidents, "crimed", "n")


# --- orders ----------------------------------------------------------------------------------------
def order_indicators(out: Numbers, t: dict[str, pd.DataFrame]) -> None:
    o, breaches = t["orders"], t["breaches"]
    granted_dvpo = o[(o["order_type"] == "DVPO") & (o["status"] == "granted")]
    o = o.assign(
        m=month_start(o["start_date"]),
        granted=o["status"] == "granted",
        decided=o["status"].isin(["granted", "refused"]),
        dvpn=o["order_type"] == "DVPN",
    )
    o["converted"] = o["dvpn"] & o["order_id"].isin(granted_dvpo["parent_order_id"])
    o["breached"] = o["granted"] & o["order_id"].isin(breaches["order_id"])
    cols = ["granted", "decided", "dvpn", "converted", "breached"]
    monthly = o.groupby("m")[cols].sum().assign(n=o.groupby("m").size()).reset_index()
    _put(out, "orders_issued", monthly, "n", area=None)
    _put(out, "orders_granted", monthly, "granted", area=None)
    _put(out, "orders_granted_rate", monthly, "granted", "decided", area=None)
    _put(out, "dvpn_dvpo_conversion_rate", monthly, "converted", "dvpn", area=None)
    _put(out, "orders_breached_rate", monthly, "breached", "granted", area=None)
    known = breaches[breaches["order_id"].isin(o["order_id"])]
    counts = known.groupby(month_start(known["breach_date"]).rename("m")).size().rename("n").reset_index()
    _put(out, "order_breaches", counts, "n", area=None)


# --- people: repeats, serial perpetrators, victim profiles ----------------------------------------
def people_indicators(out: Numbers, c: pd.DataFrame, t: dict[str, pd.DataFrame]) -> None:
    links = t["links"][["crime_id", "person_id", "role", "age"]]
    da = links.merge(c.loc[c["da"], ["crime_id", "recorded_date", "area", "m"]], on="crime_id")
    # Repeat: the same person's previous DA record (by date, then crime) is within 365 days.
    da = da.sort_values(["role", "person_id", "recorded_date", "crime_id"])
    previous = da.groupby(["role", "person_id"])["recorded_date"].shift()
    da["rep"] = (da["recorded_date"] - previous).dt.days <= 365
    repeats = da.groupby(["role", *KEYS], as_index=False).agg(n=("rep", "size"), rep=("rep", "sum"))
    for role in ("victim", "suspect"):
        _put(out, f"da_repeat_{role}_rate", repeats[repeats["role"] == role], "rep", "n")
    _put(out, "da_serial_perpetrators", serial_perpetrators(da), "n")

    v = links[links["role"] == "victim"].merge(c.loc[c["vawg"], ["crime_id", "m", "area"]], on="crime_id")
    v = v.merge(t["persons"], on="person_id", how="left")
    v["sex"] = v["sex"].fillna("U")
    v["band"] = pd.cut(v["age"], AGE_BINS, labels=AGE_BANDS)
    aged = v[v["age"].notna()].assign(young=v["age"].between(18, 34))
    young = aged.groupby(KEYS, as_index=False).agg(n=("young", "sum"), total=("young", "size"))
    _put(out, "victim_age_18_34_share", young, "n", "total")
    ages = (
        aged.assign(age=aged["age"].astype(int).astype(str))
        .groupby([*KEYS, "age"])
        .size()
        .rename("n")
        .reset_index()
    )
    ages["total"] = ages.groupby(KEYS)["n"].transform("sum")
    _put(out, "victim_age_years", ages, "n", "total", breakdown="age")
    for name, col in (("victim_age_profile", "band"), ("victim_sex_profile", "sex")):
        counts = v.groupby([*KEYS, col], observed=True).size().rename("n").reset_index()  # no NaN band
        counts["total"] = counts.groupby(KEYS)["n"].transform("sum")
        counts[col] = counts[col].astype(str)
        _put(out, name, counts, "n", "total", breakdown=col)


def serial_perpetrators(da: pd.DataFrame) -> pd.DataFrame:
    """Distinct suspects by month and area whose DA crime that month, together with their other DA
    crimes in the 1094 days up to its date (same day included), makes two or more crimes with two or
    more victims other than themselves. The suspect must be 16+ (or of unknown age) on that crime."""
    sus = da[da["role"] == "suspect"]
    victims = da.loc[da["role"] == "victim", ["crime_id", "person_id"]].rename(
        columns={"person_id": "victim"}
    )
    # (suspect, DA crime, victim) triples; only crimes with a victim other than the suspect count.
    pairs = sus[["person_id", "crime_id", "recorded_date"]].merge(victims, on="crime_id")
    pairs = pairs[pairs["person_id"] != pairs["victim"]]
    anchors = sus[sus["age"].isna() | (sus["age"] >= 16)]
    anchors = anchors.merge(pairs[["person_id", "crime_id"]].drop_duplicates(), on=["person_id", "crime_id"])
    # Look back from each anchor crime over the same suspect's triples (self-merge, then date filter).
    window = anchors[["person_id", "crime_id", "recorded_date"]]
    window = window.merge(pairs, on="person_id", suffixes=("", "_past"))
    gap = (window["recorded_date"] - window["recorded_date_past"]).dt.days
    window = window[(gap >= 0) & (gap <= 1094)]
    per_crime = window.groupby(["person_id", "crime_id"], as_index=False).agg(
        crimes=("crime_id_past", "nunique"), victims=("victim", "nunique"))  # fmt: skip
    serial = per_crime[(per_crime["crimes"] >= 2) & (per_crime["victims"] >= 2)]
    serial = serial.merge(anchors[["person_id", "crime_id", *KEYS]], on=["person_id", "crime_id"])
    return serial.groupby(KEYS, as_index=False)["person_id"].nunique().rename(columns={"person_id": "n"})


# --- interventions ---------------------------------------------------------------------------------
def intervention_indicators(out: Numbers, t: dict[str, pd.DataFrame]) -> None:
    iv = t["interventions"]
    iv = iv.assign(programme=iv["programme"].str.strip(" ").str.upper())  # SQL trim(): spaces only
    referrals = iv.assign(m=month_start(iv["referred_date"]), nc=iv["programme"] == "NEW_CHANCE")
    monthly = referrals.groupby("m", as_index=False).agg(n=("nc", "size"), nc=("nc", "sum"))
    _put(out, "intervention_referrals", monthly, "n", area=None)
    _put(out, "new_chance_referrals", monthly, "nc", area=None)
    done = iv[iv["completed_date"].notna()].assign(m=lambda d: month_start(d["completed_date"]))
    # People, not referrals: someone completing two programmes in a month counts once.
    people = done.groupby("m")["person_id"].nunique().rename("n").to_frame()
    people["easi"] = done[done["programme"] == "EASI"].groupby("m")["person_id"].nunique()
    _put(out, "intervention_completions", people.reset_index(), "n", area=None)
    _put(out, "easi_completions", people.reset_index(), "easi", area=None)


# --- Our Behaviours: Professional Standards cases and training ---------------------------------------
def behaviour_indicators(out: Numbers, t: dict[str, pd.DataFrame]) -> None:
    k = t["conduct"]
    received = k.assign(m=month_start(k["received_date"]), apsp=k["allegation"] == "apsp",
                        iopc=k["referred_iopc"].fillna(False).astype(bool))  # fmt: skip
    monthly = received.groupby("m", as_index=False).agg(
        n=("apsp", "size"), apsp=("apsp", "sum"), iopc=("iopc", "sum")
    )
    _put(out, "conduct_cases_received", monthly, "n", area=None)
    _put(out, "conduct_apsp_cases", monthly, "apsp", area=None)
    _put(out, "conduct_iopc_referrals", monthly, "iopc", area=None)
    closed = k[k["outcome"].notna() & k["outcome_date"].notna()].copy()
    closed["m"] = month_start(closed["outcome_date"])
    closed["finding"] = closed["outcome"].isin(
        ["upheld", "not_upheld", "no_case_to_answer", "reflective_practice"]
    )
    closed["upheld"] = closed["outcome"] == "upheld"
    closed["days"] = (closed["outcome_date"] - closed["received_date"]).dt.days
    by_month = closed.groupby("m", as_index=False).agg(
        finding=("finding", "sum"), upheld=("upheld", "sum"), closed=("days", "size"), med=("days", "median"))  # fmt: skip
    _put(out, "conduct_upheld_rate", by_month, "upheld", "finding", area=None)
    cells = out.setdefault("conduct_days_to_outcome", {})
    for row in by_month.itertuples(index=False):
        cells[(row.m, None, None)] = (int(row.closed), float(row.med))
    training = t["training"]
    counts = (
        training.groupby(month_start(training["completed_date"]).rename("m")).size().rename("n").reset_index()
    )
    _put(out, "training_completions", counts, "n", area=None)


def training_coverage(out: Numbers, t: dict[str, pd.DataFrame], end: pd.Timestamp) -> None:
    """Coverage at each month end (``end`` for the last month): per course and tier, distinct staff
    completed by then and the latest headcount by then; summed, the total only when every cell has one."""
    done, heads = t["training_staff"], t["eligible"]
    dates = pd.concat([done["completed_date"], heads["as_of_date"]]).dropna()
    if dates.empty:
        return
    cells_out = out.setdefault("training_coverage", {})
    heads = heads.sort_values("as_of_date", kind="stable")
    for m in pd.date_range(pd.Timestamp(dates.min()).to_period("M").start_time, end, freq="MS"):
        at = min(m + pd.offsets.MonthEnd(0), end)
        n = (
            done[pd.to_datetime(done["completed_date"]) <= at]
            .groupby(["course", "tier"])["staff_id"]
            .nunique()
        )
        h = heads[pd.to_datetime(heads["as_of_date"]) <= at].groupby(["course", "tier"])["headcount"].last()
        cells = pd.concat([n.rename("n"), h.rename("h")], axis=1)
        total_n = int(cells["n"].fillna(0).sum())
        total_h = int(cells["h"].sum()) if cells["h"].notna().all() else 0
        if total_n or total_h:
            cells_out[(m, None, None)] = (total_n, total_h)


# --- New Chance (the shipped eligibility file, written out again) ---------------------------------
NEW_CHANCE_GROUPS, NEW_CHANCE_SUBGROUPS = ["Theft offences"], ["Violence without injury"]
NEW_CHANCE_DISPOSALS, NEW_CHANCE_WINDOW = ["caution", "community_resolution", "nfa"], pd.Timedelta(days=28)


def new_chance_indicators(out: Numbers, t: dict[str, pd.DataFrame]) -> None:
    k = t["custody"].merge(t["persons"], on="person_id").merge(t["birth"], on="person_id")
    k = k.merge(t["crime_codes"], on="crime_id", how="left")
    k = k.merge(t["ref_groups"], on="offence_code", how="left")
    links = t["links"][t["links"]["role"] == "suspect"]
    ages = links.groupby(["crime_id", "person_id"], as_index=False)["age"].max()
    k = k.merge(ages, on=["crime_id", "person_id"], how="left")
    age = k["age"].fillna(k["arrest_date"].dt.year - k["birth_year"])
    eligible = k[
        (k["sex"] == "F") & k["disposal"].isin(NEW_CHANCE_DISPOSALS) & (age >= 18)
        & (k["offence_group"].isin(NEW_CHANCE_GROUPS) | k["offence_subgroup"].isin(NEW_CHANCE_SUBGROUPS))
    ].copy()  # fmt: skip
    iv = t["interventions"]
    nc = iv[iv["programme"].str.strip(" ").str.upper() == "NEW_CHANCE"][["person_id", "referred_date"]]
    pairs = eligible[["custody_id", "person_id", "arrest_date"]].merge(nc, on="person_id")
    in_window = pairs[(pairs["referred_date"] >= pairs["arrest_date"])
                      & (pairs["referred_date"] <= pairs["arrest_date"] + NEW_CHANCE_WINDOW)]  # fmt: skip
    in_custody = eligible["referral"].fillna("").str.strip(" ").str.lower() == "new_chance"
    eligible["missed"] = ~(in_custody | eligible["custody_id"].isin(in_window["custody_id"]))
    eligible["area"] = eligible["area"].fillna("unknown")
    eligible["m"] = month_start(eligible["arrest_date"])
    monthly = eligible.groupby(KEYS, as_index=False).agg(n=("missed", "size"), missed=("missed", "sum"))
    _put(out, "new_chance_eligible", monthly, "n")
    _put(out, "new_chance_missed_referral_rate", monthly, "missed", "n")


def run_pandas(con: duckdb.DuckDBPyConnection, end: pd.Timestamp) -> Numbers:
    """All REGISTRY indicators by month and area, the floor's cells (see module docstring)."""
    t = load_tables(con)
    c = crimes_with_outcome(t)
    out: Numbers = {}
    recorded = outcome_indicators(out, c)
    stock_indicators(out, c, t, end)
    custody_indicators(out, c, t, recorded)
    order_indicators(out, t)
    people_indicators(out, c, t)
    intervention_indicators(out, t)
    behaviour_indicators(out, t)
    training_coverage(out, t, end)
    new_chance_indicators(out, t)
    return out

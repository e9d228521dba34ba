"""A small, hand-made store (about 3,000 crimes over two years) for the report and return tests.

Built by inserting rows into a real ``vawg.store`` so the metrics run on it as on a force's store.
It has a tiny area ("Solihull") whose counts fall under the suppression threshold, a summer peak in
DA incidents, outstanding suspects that fall, and stalking outcomes that improve at the end.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from vawg.store import connect

START, END = date(2021, 4, 1), date(2023, 3, 31)
AREAS = ("Birmingham", "Coventry", "Solihull")
AREA_WEIGHTS = (0.62, 0.37, 0.01)
# offence code -> (share, DA share)
OFFENCES = {"105A": (0.45, 0.8), "8Q": (0.12, 0.3), "8L": (0.1, 0.3), "19C": (0.05, 0.3), "20A": (0.06, 0.1),
            "8R": (0.07, 0.2), "49": (0.15, 0.0)}  # fmt: skip
POSITIVE = ("1", "1A", "3", "8")
OTHER = ("14", "15", "16", "18", "21")


def _days(rng: np.random.Generator, n: int) -> list[date]:
    span = (END - START).days
    # a summer bump: accept days in June-August more often
    days = []
    while len(days) < n:
        d = START + timedelta(days=int(rng.integers(0, span + 1)))
        if d.month in (6, 7, 8) or rng.random() < 0.8:
            days.append(d)
    return sorted(days)


def build_store(path: Path | str, *, seed: int = 7, crimes: int = 3000) -> Path | str:
    """Write the hand-made store to the file ``path`` and return the path."""
    rng = np.random.default_rng(seed)
    codes = list(OFFENCES)
    shares = np.array([OFFENCES[c][0] for c in codes])
    recorded = _days(rng, crimes)
    offence = rng.choice(codes, size=crimes, p=shares / shares.sum())
    da = np.array([rng.random() < OFFENCES[c][1] for c in offence])
    crime = pd.DataFrame(
        {
            "crime_id": [f"C{i:08d}" for i in range(crimes)],
            "recorded_date": recorded,
            "offence_code": offence,
            "area": rng.choice(AREAS, size=crimes, p=AREA_WEIGHTS),
            "da_flag": da,
            "hba_flag": False,
            "online_flag": offence == "8R",
            "committed_date": [d - timedelta(days=int(rng.integers(0, 5))) for d in recorded],
        }
    )
    n_people = crimes * 2
    persons = pd.DataFrame(
        {
            "person_id": [f"P{i:07d}" for i in range(n_people)],
            "sex": rng.choice(["F", "M", "U"], size=n_people, p=[0.55, 0.43, 0.02]),
            "birth_year": rng.integers(1950, 2006, size=n_people),
            "ethnicity": rng.choice(["White", "Asian", "Black", ""], size=n_people, p=[0.6, 0.2, 0.1, 0.1]),
        }
    )
    links = []
    for i, row in enumerate(crime.itertuples()):
        victim, suspect = f"P{2 * i:07d}", f"P{2 * i + 1:07d}"
        age = int(rng.choice([16, 21, 29, 38, 50, 60, 70], p=[0.05, 0.2, 0.3, 0.2, 0.13, 0.07, 0.05]))
        links.append((row.crime_id, victim, "victim", row.recorded_date, age if rng.random() < 0.9 else None))
        links.append((row.crime_id, suspect, "suspect", row.recorded_date, int(rng.integers(18, 60))))
    crime_persons = pd.DataFrame(links, columns=["crime_id", "person_id", "role", "linked_date", "age"])
    outcomes = []
    custody = []
    for row in crime.itertuples():
        late = row.recorded_date >= date(2022, 10, 1)
        p_positive = 0.09 if (row.offence_code == "8Q" and late) else (0.06 if late else 0.04)
        closed = rng.random() < 0.7
        when = row.recorded_date + timedelta(days=int(rng.integers(10, 200)))
        if closed and when <= END:
            code = rng.choice(POSITIVE) if rng.random() < p_positive / 0.7 else rng.choice(OTHER)
            outcomes.append((row.crime_id, str(code), when))
        if row.da_flag and rng.random() < 0.45:
            arrest = row.recorded_date + timedelta(days=int(rng.integers(0, 60)))
            if arrest <= END:
                disposal = (
                    "bail"
                    if (arrest >= date(2022, 10, 28) and rng.random() < 0.7)
                    else rng.choice(["bail", "rui", "charged", "nfa"], p=[0.2, 0.4, 0.2, 0.2])
                )
                suspect = f"P{2 * int(row.crime_id[1:]) + 1:07d}"
                custody.append((f"K{len(custody):08d}", suspect, row.crime_id, arrest, str(disposal)))
    incident_days = _days(rng, 2400)
    incidents = pd.DataFrame(
        {
            "incident_id": [f"I{i:08d}" for i in range(len(incident_days))],
            "reported_date": incident_days,
            "area": rng.choice(AREAS, size=len(incident_days), p=AREA_WEIGHTS),
            "da_flag": True,
        }
    )
    con = connect(path)
    con.register("_crimes", crime)
    con.execute("INSERT INTO crimes BY NAME SELECT *, NULL AS extra, 1 AS load_id FROM _crimes")
    con.register("_persons", persons)
    con.execute(
        "INSERT INTO persons SELECT person_id, sex, birth_year, nullif(ethnicity, ''), "
        "CASE WHEN ethnicity = '' THEN 'Not stated' ELSE ethnicity END, NULL, 1 FROM _persons"
    )
    con.register("_links", crime_persons)
    con.execute("INSERT INTO crime_persons SELECT *, NULL, 1 FROM _links")
    con.register("_outcomes", pd.DataFrame(outcomes, columns=["crime_id", "outcome_code", "outcome_date"]))
    con.execute("INSERT INTO outcomes SELECT *, NULL, 1 FROM _outcomes")
    con.register("_incidents", incidents)
    con.execute("INSERT INTO incidents SELECT *, NULL, NULL, 1 FROM _incidents")
    con.register("_custody", pd.DataFrame(custody, columns=["custody_id", "person_id", "crime_id", "arrest_date",
                                                            "disposal"]))  # fmt: skip
    con.execute("INSERT INTO custody SELECT *, NULL, NULL, NULL, NULL, 1 FROM _custody")
    easi = persons["person_id"].iloc[1:40:2]
    con.register("_easi", pd.DataFrame({"person_id": easi}))
    con.execute(
        "INSERT INTO interventions SELECT person_id, 'EASI', DATE '2022-06-01', DATE '2022-11-15', 'completed', "
        "NULL, 1 FROM _easi"
    )
    con.execute("INSERT OR REPLACE INTO meta VALUES ('extract_date', '2023-03-31')")
    con.execute(
        "INSERT INTO quarantine (load_id, table_name, file, line, column_name, rule, value, message, raw) "
        "VALUES (1, 'persons', 'persons.csv', 12, 'sex', 'code', 'Q', "
        "'sex: expected one of F, M, X, U; found Q', NULL)"
    )
    con.close()
    return path

"""A hand-made store of a dozen crimes whose every indicator can be worked out on paper.

The people, crimes and dates are chosen so each definition has a case that tells it apart from a
near miss (a history outcome that is not current, a link made after recording, an arrest that
ends an outstanding suspect, a repeat just outside 12 months…). The expected values, with the
arithmetic, are in the tests that use this store.

    crime  recorded    code  area        DA  HBA  victim (age)  suspect (age)  outcomes (date)
    C01    2022-04-05  8Q    Birmingham  Y       P01 F (32)    P02 (37)       16 (05-01), 1 (06-15)
    C02    2022-04-12  105A  Birmingham  Y       P08 F (27)    P02 (37) linked 04-20   3 (04-30)
    C03    2022-04-20  19C   Coventry            P03 F (22)                   18 (07-10)
    C04    2022-05-03  8Q    Coventry            P05 M (62)    P04 (52)       1 (05-20)
    C05    2022-05-15  105A  Coventry    Y       P03 F (22)    P04 (52)       14 (06-05)
    C06    2022-05-28  8L    Birmingham          P08 F (--)                   15 (06-30)
    C07    2022-06-02  105A  Birmingham  Y       P05 M (62)    P04 (52)       (open)
    C08    2022-06-10  8Q    Birmingham  Y       P01 F (32)    P02 (37)       8 (06-28)
    C09    2022-06-20  49    Birmingham          P08 F (27)                   18 (06-30)
    C10    2022-06-25  105A  Coventry        Y   P03 F (22)                   (open)
    C11    2021-05-10  105A  Birmingham  Y       P01 F (31)    P02 (36)       1 (2021-07-01)
    C12    2021-04-20  105A  Birmingham  Y       P03 F (21)    P07 (13)       16 (2021-08-01)

Custody: K1 P02/C02 2022-04-25 bail to 07-25; K2 P04/C05 05-20 rui; K3 P02/C08 07-05 bail to
10-05; K4 P06 (F, no crime) 05-10 nfa; K5 P06/C09 06-21 caution; K6 P04/C07 08-10 bail to 09-30.
Incidents: I1 04-02 Birmingham DA → C01; I2 04-10 Birmingham DA; I3 05-01 Coventry DA → C05;
I4 05-02 Coventry not DA. Orders: O1 DVPN granted 04-26 (P02); O2 DVPO granted 04-28 parent O1;
O3 DVPN granted 05-21 (P04); O4 DVPO refused 05-23 parent O3; O5 SPO granted 06-20 (P02).
Breaches: O2 05-10; O5 07-01; O5 08-01. Interventions: P02 EASI 05-01 → completed 09-01; P04 EASI
06-01 (not completed); P06 NEW_CHANCE 06-22; P02 EASI again 09-05 → completed 11-01.
meta extract_date = 2022-12-31.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from vawg.store import connect

PERSONS = [
    ("P01", "F", 1990), ("P02", "M", 1985), ("P03", "F", 2000), ("P04", "M", 1970),
    ("P05", "M", 1960), ("P06", "F", 1999), ("P07", "M", 2008), ("P08", "F", 1995),
]  # fmt: skip
CRIMES = [
    ("C01", "2022-04-05", "8Q", "Birmingham", True, False),
    ("C02", "2022-04-12", "105A", "Birmingham", True, False),
    ("C03", "2022-04-20", "19C", "Coventry", False, False),
    ("C04", "2022-05-03", "8Q", "Coventry", False, False),
    ("C05", "2022-05-15", "105A", "Coventry", True, False),
    ("C06", "2022-05-28", "8L", "Birmingham", False, False),
    ("C07", "2022-06-02", "105A", "Birmingham", True, False),
    ("C08", "2022-06-10", "8Q", "Birmingham", True, False),
    ("C09", "2022-06-20", "49", "Birmingham", False, False),
    ("C10", "2022-06-25", "105A", "Coventry", False, True),
    ("C11", "2021-05-10", "105A", "Birmingham", True, False),
    ("C12", "2021-04-20", "105A", "Birmingham", True, False),
]
LINKS = [  # crime, person, role, linked_date, age
    ("C01", "P01", "victim", None, 32), ("C01", "P02", "suspect", None, 37),
    ("C02", "P08", "victim", None, 27), ("C02", "P02", "suspect", "2022-04-20", 37),
    ("C03", "P03", "victim", None, 22),
    ("C04", "P05", "victim", None, 62), ("C04", "P04", "suspect", None, 52),
    ("C05", "P03", "victim", None, 22), ("C05", "P04", "suspect", None, 52),
    ("C06", "P08", "victim", None, None),
    ("C07", "P05", "victim", None, 62), ("C07", "P04", "suspect", None, 52),
    ("C08", "P01", "victim", None, 32), ("C08", "P02", "suspect", None, 37),
    ("C09", "P08", "victim", None, 27),
    ("C10", "P03", "victim", None, 22),
    ("C11", "P01", "victim", None, 31), ("C11", "P02", "suspect", None, 36),
    ("C12", "P03", "victim", None, 21), ("C12", "P07", "suspect", None, 13),
]  # fmt: skip
OUTCOMES = [  # crime, code, date, load_id (C01's 16 is history: the 1 is later)
    ("C01", "16", "2022-05-01", 1), ("C01", "1", "2022-06-15", 2),
    ("C02", "3", "2022-04-30", 1), ("C03", "18", "2022-07-10", 1), ("C04", "1", "2022-05-20", 1),
    ("C05", "14", "2022-06-05", 1), ("C06", "15", "2022-06-30", 1), ("C08", "8", "2022-06-28", 1),
    ("C09", "18", "2022-06-30", 1), ("C11", "1", "2021-07-01", 1), ("C12", "16", "2021-08-01", 1),
]  # fmt: skip
CUSTODY = [  # id, person, crime, arrest, disposal, bail_end
    ("K1", "P02", "C02", "2022-04-25", "bail", "2022-07-25"),
    ("K2", "P04", "C05", "2022-05-20", "rui", None),
    ("K3", "P02", "C08", "2022-07-05", "bail", "2022-10-05"),
    ("K4", "P06", None, "2022-05-10", "nfa", None),
    ("K5", "P06", "C09", "2022-06-21", "caution", None),
    ("K6", "P04", "C07", "2022-08-10", "bail", "2022-09-30"),
]
INCIDENTS = [
    ("I1", "2022-04-02", "Birmingham", True, "C01"),
    ("I2", "2022-04-10", "Birmingham", True, None),
    ("I3", "2022-05-01", "Coventry", True, "C05"),
    ("I4", "2022-05-02", "Coventry", False, None),
]
ORDERS = [  # id, person, type, status, start, parent
    ("O1", "P02", "DVPN", "granted", "2022-04-26", None),
    ("O2", "P02", "DVPO", "granted", "2022-04-28", "O1"),
    ("O3", "P04", "DVPN", "granted", "2022-05-21", None),
    ("O4", "P04", "DVPO", "refused", "2022-05-23", "O3"),
    ("O5", "P02", "SPO", "granted", "2022-06-20", None),
]
BREACHES = [("O2", "2022-05-10"), ("O5", "2022-07-01"), ("O5", "2022-08-01")]
INTERVENTIONS = [  # person, programme, referred, completed, status
    ("P02", "EASI", "2022-05-01", "2022-09-01", "completed"),
    ("P04", "EASI", "2022-06-01", None, "started"),
    ("P06", "NEW_CHANCE", "2022-06-22", None, "referred"),
    ("P02", "EASI", "2022-09-05", "2022-11-01", "completed"),
]


def build_handmade_store(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Write the hand-made records into a new store at ``path`` and return the open connection."""
    con = connect(path)
    con.executemany("INSERT INTO persons VALUES (?, ?, ?, NULL, 'Not stated', NULL, 1)", PERSONS)
    con.executemany(
        "INSERT INTO crimes (crime_id, recorded_date, offence_code, area, da_flag, hba_flag, online_flag, "
        "committed_date, extra, load_id) VALUES (?, ?, ?, ?, ?, ?, false, NULL, NULL, 1)",
        CRIMES,
    )
    con.executemany("INSERT INTO crime_persons VALUES (?, ?, ?, ?, ?, NULL, 1)", LINKS)
    con.executemany("INSERT INTO outcomes VALUES (?, ?, ?, NULL, ?)", OUTCOMES)
    con.executemany("INSERT INTO custody VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, 1)", CUSTODY)
    con.executemany("INSERT INTO incidents VALUES (?, ?, ?, ?, ?, NULL, 1)", INCIDENTS)
    con.executemany(
        "INSERT INTO orders (order_id, person_id, order_type, status, start_date, parent_order_id, load_id) "
        "VALUES (?, ?, ?, ?, ?, ?, 1)",
        ORDERS,
    )
    con.executemany("INSERT INTO order_breaches VALUES (?, ?, NULL, NULL, 1)", BREACHES)
    con.executemany("INSERT INTO interventions VALUES (?, ?, ?, ?, ?, NULL, 1)", INTERVENTIONS)
    con.execute("INSERT INTO meta VALUES ('extract_date', '2022-12-31')")
    return con


@pytest.fixture(scope="module")
def handmade_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("handmade") / "store.duckdb"
    build_handmade_store(path).close()
    return path


@pytest.fixture
def handmade(handmade_path: Path) -> duckdb.DuckDBPyConnection:
    """The hand-made store, opened read-only (as the report and CLI open a store)."""
    con = connect(handmade_path, read_only=True)
    yield con
    con.close()

"""A tiny hand-made store for the disproportionality tests: 51 DA suspects whose every stage is
set by hand, so each relative rate can be worked out on paper (see test_disproportionality.py).

Groups (all DA crimes of offence 105A recorded on 1 June 2022):

* 20 White men (W1): 10 arrested (man 0 twice, for two crimes: bail, then RUI), bailed 0-4,
  NFA 5-9; charged: man 0 (first crime) and men 10-16 — 8 people;
* 16 White women: 0-5 arrested and NFA'd; 6-10 charged (1A); 11-15 cautioned;
* 5 Black women (B1): 0-1 arrested and NFA'd (2 people: withheld);
* 10 men whose ethnicity is not stated (blank): 0-4 arrested and RUI'd; 5-9 charged.

Plus a woman suspected of a non-DA crime and a man of a DA crime recorded in 2021: both outside
the population of the window.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.risk.storebuilder import StoreBuilder

START, END = date(2022, 4, 1), date(2023, 3, 31)
DAY = date(2022, 6, 1)


def build_handmade(path: Path) -> Path:
    b = StoreBuilder.open(path)

    def suspect(
        sex: str, ethnicity: str | None, offence: str = "105A", da: bool = True, day: date = DAY
    ) -> tuple[str, str]:
        pid = b.person(sex=sex, ethnicity=ethnicity, birth_year=1990)
        return pid, b.crime(day, offence=offence, da=da, suspects=(pid,))

    def outcome(crime: str, code: str) -> None:
        b.insert("outcomes", crime_id=crime, outcome_code=code, outcome_date=date(2022, 8, 1))

    for i in range(20):  # White men
        pid, crime = suspect("M", "W1")
        if i == 0:
            second = b.crime(DAY, offence="105A", da=True, suspects=(pid,))
            b.arrest(pid, date(2022, 6, 2), crime_id=crime, disposal="bail")
            b.arrest(pid, date(2022, 7, 2), crime_id=second, disposal="rui")
            outcome(crime, "1")
        elif i <= 4:
            b.arrest(pid, date(2022, 6, 2), crime_id=crime, disposal="bail")
        elif i <= 9:
            b.arrest(pid, date(2022, 6, 2), crime_id=crime, disposal="nfa")
        elif i <= 16:
            outcome(crime, "1")
    for i in range(16):  # White women
        pid, crime = suspect("F", "W1")
        if i <= 5:
            b.arrest(pid, date(2022, 6, 2), crime_id=crime, disposal="nfa")
        elif i <= 10:
            outcome(crime, "1A")
        else:
            outcome(crime, "3")
    for i in range(5):  # Black women
        pid, crime = suspect("F", "B1")
        if i <= 1:
            b.arrest(pid, date(2022, 6, 2), crime_id=crime, disposal="nfa")
    for i in range(10):  # men, ethnicity not stated
        pid, crime = suspect("M", None)
        if i <= 4:
            b.arrest(pid, date(2022, 6, 2), crime_id=crime, disposal="rui")
        else:
            outcome(crime, "1")
    suspect("F", "W1", offence="49", da=False)  # not domestic abuse
    suspect("M", "W1", day=date(2021, 6, 1))  # before the window
    b.con.close()
    return path

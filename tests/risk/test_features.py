"""person_features and the labels on a hand-made store, every value worked out by hand below."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tests.risk.storebuilder import StoreBuilder
from vawg.errors import RiskError
from vawg.risk import (
    FEATURE_COLUMNS,
    future_offending,
    person_features,
    person_features_panel,
    serious_sexual_label,
)

AS_OF = date(2022, 1, 1)  # 12-month window: [2021-01-01, 2022-01-01); 3 years: [2019-01-01, 2022-01-01)


@pytest.fixture
def store() -> StoreBuilder:
    b = StoreBuilder.open()
    b.person("S", sex="M", birth_year=1990, ethnicity="W1")
    for v in ("V1", "V2", "V3", "V4"):
        b.person(v, sex="F", birth_year=1995, ethnicity="A2")
    b.person("T", birth_year=None, ethnicity=None)
    b.person("U")
    # c1: stalking in 2018, before the 3-year window: counts only in stalking_offences_total.
    b.crime(date(2018, 6, 1), offence="8Q", suspects=("S",), victims=("V1",), crime_id="c1")
    # c2: assault with injury flagged DA: a VAWG crime through the flag; 12 months.
    b.crime(date(2021, 3, 1), offence="8N", da=True, suspects=("S",), victims=("V2",), crime_id="c2")
    # c3: sexual assault the day before as-of; its victim was linked only after as-of.
    b.crime(date(2021, 12, 31), offence="20A", suspects=("S",), crime_id="c3")
    b.link("c3", "V4", "victim", linked=date(2022, 1, 5))
    # c4: a non-VAWG assault (no flag) on V3: harm, and a victim (victims count on any crime).
    b.crime(date(2020, 6, 1), offence="8N", suspects=("S",), victims=("V3",), crime_id="c4")
    # c5: recorded ON the as-of date: not before it, so left out.
    b.crime(AS_OF, offence="8Q", suspects=("S",), crime_id="c5")
    # c6: harassment in 2021 but S and U linked as suspects only after as-of: left out.
    b.crime(date(2021, 6, 1), offence="8L", suspects=("S", "U"), linked=date(2022, 2, 1), crime_id="c6")
    # c7: malicious communications a day before the 12-month window: 3 years only.
    b.crime(date(2020, 12, 31), offence="8R", suspects=("S",), victims=("V1",), crime_id="c7")
    # c8: T's only crime is after as-of; c9: S's rape after as-of (a serious sexual label).
    b.crime(date(2022, 2, 1), offence="8Q", suspects=("T",), crime_id="c8")
    b.crime(date(2022, 6, 1), offence="19C", suspects=("S",), victims=("V2",), crime_id="c9")
    o1 = b.order("S", date(2021, 5, 1))
    b.breach(o1, date(2021, 6, 1))
    b.breach(o1, date(2022, 2, 1))  # after as-of
    o2 = b.order("S", date(2022, 3, 1))  # order after as-of, with an (inconsistent) earlier breach
    b.breach(o2, date(2021, 12, 1))
    b.intel("S", date(2021, 6, 1), "drugs")
    b.intel("S", date(2020, 12, 15), "drugs")  # before the 12-month window
    b.intel("S", date(2021, 2, 1), "violence")
    b.intel("S", AS_OF, "other")  # on as-of: left out
    b.arrest("S", date(2021, 3, 2))
    b.arrest("S", date(2020, 11, 1))  # before the window
    b.arrest("S", AS_OF)  # on as-of
    return b


def _harm(b: StoreBuilder, *codes: str) -> float:
    rows = dict(b.con.execute("SELECT offence_code, harm_days FROM ref_offence").fetchall())
    return float(sum(rows[c] for c in codes))


def test_features_of_a_hand_made_suspect(store: StoreBuilder) -> None:
    features = person_features(store.con, AS_OF)
    assert list(features.columns) == list(FEATURE_COLUMNS)
    assert features["person_id"].tolist() == ["S"]  # T and U were not yet suspects; victims never
    s = features.iloc[0]
    expected = {
        "as_of": AS_OF,
        "age": 32,
        "sex": "M",
        "ethnicity_group": "White",
        "days_since_last_vawg": 1,  # c3 on 2021-12-31
        "vawg_offences_12m": 2,  # c2, c3
        "vawg_offences_3y": 3,  # c2, c3, c7
        "stalking_offences_total": 2,  # c1 (8Q), c7 (8R)
        "distinct_victims_3y": 3,  # V2 (c2), V3 (c4), V1 (c7); not V4, linked to c3 after as-of
        "da_suspect_3y": 1,  # c2
        "orders_breached": 1,
        "orders_total": 1,
        "drug_intel_12m": 1,
        "other_intel_12m": 1,
        "arrests_12m": 1,
        "serious_sexual_prior": 1,  # c3
    }
    assert {k: s[k] for k in expected} == expected
    assert s["harm_days_3y"] == _harm(store, "8N", "20A", "8N", "8R")  # c2, c3, c4, c7


def test_unknown_birth_year_and_ethnicity_are_null_and_not_stated(store: StoreBuilder) -> None:
    later = person_features(store.con, date(2022, 3, 1)).set_index("person_id")
    assert pd.isna(later.loc["T", "age"])
    assert later.loc["T", "ethnicity_group"] == "Not stated"
    assert later.loc["U", "vawg_offences_12m"] == 1  # the late link counts once it is known


def test_a_person_with_no_vawg_crime_has_no_recency(store: StoreBuilder) -> None:
    store.person("W")
    store.crime(date(2021, 5, 1), offence="105A", suspects=("W",))
    w = person_features(store.con, AS_OF, persons=["W"]).iloc[0]
    assert pd.isna(w["days_since_last_vawg"])
    assert w["vawg_offences_3y"] == 0
    assert w["harm_days_3y"] == _harm(store, "105A")


def test_panel_equals_one_call_per_date(store: StoreBuilder) -> None:
    dates = [date(2021, 7, 1), AS_OF, date(2022, 7, 1)]
    panel = person_features_panel(store.con, dates)
    singles = pd.concat([person_features(store.con, d) for d in dates], ignore_index=True)
    pd.testing.assert_frame_equal(panel, singles)
    assert panel.groupby("as_of").size().to_dict() == {date(2021, 7, 1): 1, AS_OF: 1, date(2022, 7, 1): 3}


def test_persons_restricts_the_rows(store: StoreBuilder) -> None:
    later = date(2022, 7, 1)
    only = person_features(store.con, later, persons=["T", "nobody"])
    assert only["person_id"].tolist() == ["T"]
    full = person_features(store.con, later).set_index("person_id").loc[["T"]].reset_index()
    pd.testing.assert_frame_equal(only, full)


def test_no_dates_is_an_error(store: StoreBuilder) -> None:
    with pytest.raises(RiskError, match="no as-of date"):
        person_features_panel(store.con, [])


def test_serious_sexual_label_looks_forward_only(store: StoreBuilder) -> None:
    label = serious_sexual_label(store.con, AS_OF)
    assert label.to_dict("list") == {"person_id": ["S"], "label": [1]}  # c9 rape on 2022-06-01
    assert serious_sexual_label(store.con, AS_OF, horizon_days=151)["label"].tolist() == [
        0
    ]  # ends 2022-06-01
    assert serious_sexual_label(store.con, AS_OF, horizon_days=152)["label"].tolist() == [1]


def test_future_offending_counts_vawg_and_harm_in_the_horizon(store: StoreBuilder) -> None:
    future = future_offending(store.con, [AS_OF]).set_index("person_id")
    # S: c5 (8Q on as-of) and c9 (19C); c6's link is not a new crime (recorded before as-of).
    assert future.loc["S", "vawg_offences"] == 2
    assert future.loc["S", "vawg_harm_days"] == _harm(store, "8Q", "19C")
    assert future.loc["S", "serious_sexual_offences"] == 1

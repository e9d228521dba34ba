"""The pilot evaluation: the panel by hand, then the planted effect of the synthetic force."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.risk.storebuilder import StoreBuilder
from vawg.errors import RiskError
from vawg.risk import evaluate_pilot, pilot_panel
from vawg.risk.rfsdi._pilot import DEFAULT_PILOT_AREAS, DEFAULT_PILOT_START, is_pilot_area


def test_defaults_are_the_board_papers_and_the_synthetic_forces() -> None:
    import vawg.synth

    assert DEFAULT_PILOT_AREAS == vawg.synth.PILOT_AREAS
    assert DEFAULT_PILOT_START == vawg.synth.PILOT_START


def test_parts_of_a_pilot_area_are_in_the_pilot() -> None:
    import pandas as pd

    areas = pd.Series(
        ["Birmingham", "Birmingham East", "birmingham west", "Birminghamshire", "Coventry", None]
    )
    assert is_pilot_area(areas, ["Birmingham"]).tolist() == [True, True, True, False, False, False]


@pytest.fixture
def store() -> StoreBuilder:
    b = StoreBuilder.open()
    for p in ("A", "B", "C", "V"):
        b.person(p)
    # A (Birmingham): DA in Jan 2021, again 15 Feb 2022 and 20 Feb 2022. B (Coventry): DA in Jun 2021,
    # moves to Birmingham with a DA crime in Jan 2022. C: DA in 2020 only (not known by 2022: 12 months).
    b.crime(date(2021, 1, 10), offence="8N", da=True, area="Birmingham", suspects=("A",), victims=("V",))
    b.crime(date(2022, 2, 15), offence="8N", da=True, area="Birmingham", suspects=("A",), victims=("V",))
    b.crime(date(2022, 2, 20), offence="8Q", da=True, area="Birmingham", suspects=("A",), victims=("V",))
    b.crime(date(2021, 6, 1), offence="8N", da=True, area="Coventry", suspects=("B",), victims=("V",))
    b.crime(date(2022, 1, 5), offence="8N", da=True, area="Birmingham", suspects=("B",), victims=("V",))
    b.crime(date(2020, 1, 10), offence="8N", da=True, area="Coventry", suspects=("C",), victims=("V",))
    b.crime(
        date(2022, 2, 1), offence="8Q", da=False, area="Coventry", suspects=("C",), victims=("V",)
    )  # not DA
    return b


def test_panel_by_hand(store: StoreBuilder) -> None:
    panel = pilot_panel(
        store.con, start=date(2021, 12, 1), end=date(2022, 2, 1), pilot_start=date(2022, 2, 1)
    )
    rows = {(r.month, r.area): (r.known_suspects, r.reoffenders, r.reoffences) for r in panel.itertuples()}
    # December 2021: A (Birmingham, Jan 2021) and B (Coventry, Jun 2021) are known; no one re-offends.
    assert rows[(date(2021, 12, 1), "Birmingham")] == (1, 0, 0)
    assert rows[(date(2021, 12, 1), "Coventry")] == (1, 0, 0)
    # January 2022: A's Jan 2021 crime has left the 12-month window on 1 Jan 2022 (10 Jan 2021 is
    # inside [1 Jan 2021, 1 Jan 2022)): A still known. B re-offends on 5 Jan, counted in Coventry.
    assert rows[(date(2022, 1, 1), "Coventry")] == (1, 1, 1)
    assert rows[(date(2022, 1, 1), "Birmingham")] == (1, 0, 0)
    # February 2022: A's last DA crime (10 Jan 2021) is out of the window: A is not known; B is known
    # in Birmingham now (latest crime) and does not re-offend. A's two February crimes are not re-offences.
    assert rows[(date(2022, 2, 1), "Birmingham")] == (1, 0, 0)
    assert (date(2022, 2, 1), "Coventry") not in rows
    assert panel.loc[panel["month"] == date(2022, 2, 1), "treated"].tolist() == [1]


def test_a_panel_without_comparison_areas_is_an_error(store: StoreBuilder) -> None:
    with pytest.raises(RiskError, match="needs pilot and other areas both before and after"):
        evaluate_pilot(store.con, pilot_areas=("Birmingham", "Coventry"))


def test_did_recovers_the_planted_pilot_effect(default_force: tuple[Path, Path]) -> None:
    from vawg.synth import PLANTED_PILOT_EFFECT

    con = duckdb.connect(str(default_force[1]), read_only=True)
    try:
        report = evaluate_pilot(con)
    finally:
        con.close()
    assert report.relative_reduction.covers(PLANTED_PILOT_EFFECT)
    assert report.rate_ratio.covers(1 - PLANTED_PILOT_EFFECT)
    assert report.rate_ratio.high < 1  # the pilot effect is detected, not only covered
    assert report.relative_reduction.high - report.relative_reduction.low < 0.25
    assert report.n_areas == 7 and report.n_months_pre >= 12 and report.n_months_post >= 9
    # Pre-period trends are shown for both groups, every month.
    pre = report.monthly[report.monthly["month"] < report.pilot_start]
    assert set(pre.groupby("month")["group"].nunique()) == {2}
    assert "Parallel trends" in report.to_dict()["parallel_trends_assumption"]

"""The force-editable change points and targets files: shipped defaults, overrides, bad rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from vawg.errors import ConfigError
from vawg.metrics import change_dates, load_change_points, load_targets, target_on


def test_the_bail_change_is_shipped_and_no_target_is() -> None:
    bailed = [p for p in load_change_points() if p.metric_id == "da_suspects_bailed"]
    assert [(p.date, "bail" in p.reason) for p in bailed] == [(date(2022, 10, 28), True)]
    assert change_dates("da_suspects_bailed") == [date(2022, 10, 28)]
    assert load_targets() == ()


def test_a_forces_own_files_replace_the_shipped_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vawg.config import get_settings

    (tmp_path / "cp.csv").write_text("metric_id,date,reason\nda_incidents,2021-07-01,New call handling\n")
    (tmp_path / "t.csv").write_text(
        "metric_id,value,direction,from_date,reason\n"
        "da_positive_outcome_rate,5%,at_least,2022-04-01,Plan 2022\n"
        "da_positive_outcome_rate,0.06,at_least,2023-01-01,Raised\n"
    )
    monkeypatch.setenv("VAWG_CHANGE_POINTS_FILE", str(tmp_path / "cp.csv"))
    monkeypatch.setenv("VAWG_TARGETS_FILE", str(tmp_path / "t.csv"))
    get_settings.cache_clear()
    assert change_dates("da_incidents") == [date(2021, 7, 1)] and change_dates("da_suspects_bailed") == []
    assert target_on("da_positive_outcome_rate", date(2022, 3, 31)) is None
    assert target_on("da_positive_outcome_rate", date(2022, 12, 1)).value == pytest.approx(0.05)
    latest = target_on("da_positive_outcome_rate", date(2023, 3, 1))
    assert (latest.value, latest.direction, latest.reason) == (0.06, "at_least", "Raised")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("metric_id,date,reason\nda_incidentz,2021-07-01,x\n", r"row 2, column metric_id: expected a metric id"),
        ("metric_id,date,reason\nda_incidents,1/7/2021,x\n", r"row 2, column date: expected a date YYYY-MM-DD; found '1/7/2021'"),
        ("metric_id,date,reason\nda_incidents,2021-07-01,x\nda_incidents,2021-08-01,\n", r"row 3, column reason"),
        ("metric,date\nda_incidents,2021-07-01\n", r"missing metric_id, reason"),
    ],
)  # fmt: skip
def test_a_bad_change_points_file_names_file_row_and_column(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "cp.csv"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_change_points(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("da_incidents,lots,at_least,2022-04-01,", r"row 2, column value: expected a number"),
        ("da_incidents,5,higher,2022-04-01,", r"row 2, column direction: expected at_least or at_most; found 'higher'"),
    ],
)  # fmt: skip
def test_a_bad_targets_file_names_row_and_column(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"metric_id,value,direction,from_date,reason\n{row}\n")
    with pytest.raises(ConfigError, match=message):
        load_targets(path)

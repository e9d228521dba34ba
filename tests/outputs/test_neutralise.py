"""The one-cell rule: text that a spreadsheet would read as a formula gets a leading quote."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.outputs._safety import HOSTILE, dangerous
from vawg.outputs import neutralise, neutralise_frame


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 121", "'+44 121"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1+1", "'  =1+1"),  # a blank a spreadsheet trims does not hide the trigger
        ("\u200b=1", "'\u200b=1"),
        ("＝1+1", "'＝1+1"),
        ("-12", "'-12"),  # text that looks like a number is still text
        ("Birmingham", "Birmingham"),
        (" Birmingham", " Birmingham"),
        ("a=b", "a=b"),
        ("", ""),
        ("'=1", "'=1"),  # already neutral: idempotent
    ],
)
def test_text_cells(value: str, expected: str) -> None:
    assert neutralise(value) == expected


@pytest.mark.parametrize("value", [-3, -3.5, Decimal("-1.25"), 0, True, None, date(2022, 1, 1)])
def test_numbers_and_other_values_are_kept(value: object) -> None:
    assert neutralise(value) is value


def test_nan_is_kept() -> None:
    assert math.isnan(neutralise(float("nan")))


def test_frame_neutralises_text_columns_and_names_only() -> None:
    frame = pd.DataFrame({"=id": ["=A", "B"], "score": [-1.5, 2.0], "n": [-3, 4], "mixed": [-7, "-x"]})
    out = neutralise_frame(frame)
    assert list(out.columns) == ["'=id", "score", "n", "mixed"]
    assert out["'=id"].tolist() == ["'=A", "B"]
    assert out["score"].tolist() == [-1.5, 2.0] and out["n"].tolist() == [-3, 4]
    assert out["mixed"].tolist() == [-7, "'-x"]  # a real number in a text column stays a number
    assert frame["=id"].tolist() == ["=A", "B"]  # the input is not changed


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_not_dangerous_once_neutralised(value: str) -> None:
    assert dangerous(value) or value == "a;=1+1"
    assert not dangerous(neutralise(value))


@given(st.text(max_size=12))
def test_no_text_is_dangerous_once_neutralised(value: str) -> None:
    assert not dangerous(neutralise(value))
    assert neutralise(neutralise(value)) == neutralise(value)

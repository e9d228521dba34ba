"""Contract tables from columns: ids, dates, codes, the column check and the future-date guard."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pytest

from vawg.synth._writer import codes, contract_table, dates, ids


def test_ids_are_padded_pseudonyms_with_nulls() -> None:
    assert ids("P", np.array([1, 42, -1]), 100).to_pylist() == ["P0000001", "P0000042", None]
    assert ids("C", np.array([7]), 10**9).to_pylist() == ["C0000000007"]  # widens when it must


def test_dates_and_codes_map_with_nulls() -> None:
    assert dates(np.array([0, -1, 19447])).to_pylist() == [date(1970, 1, 1), None, date(2023, 3, 31)]
    assert codes(("victim", "suspect"), np.array([1, 0, -1])).to_pylist() == ["suspect", "victim", None]


def _outcomes(day: int) -> dict[str, pa.Array]:
    return {
        "crime_id": pa.array(["C1"]),
        "outcome_code": pa.array(["1"]),
        "outcome_date": dates(np.array([day])),
    }


def test_contract_table_orders_columns_and_refuses_strangers() -> None:
    table = contract_table("outcomes", dict(reversed(list(_outcomes(19000).items()))))
    assert table.column_names == ["crime_id", "outcome_code", "outcome_date"]
    with pytest.raises(ValueError, match="differ from the contract"):
        contract_table("outcomes", {**_outcomes(19000), "extra": pa.array([1])})


def test_no_date_after_the_extract_unless_the_contract_allows_it() -> None:
    with pytest.raises(ValueError, match="after the extract date"):
        contract_table("outcomes", _outcomes(19448))
    future_due = {
        "action_id": pa.array(["AC1"]), "crime_id": pa.array(["C1"]), "forum": pa.array(["stalking_clinic"]),
        "description": pa.array(["x"]), "owner": pa.array(["PPU Stalking Team"]),
        "set_date": dates(np.array([19440])), "due_date": dates(np.array([19460])), "done_date": dates(np.array([-1])),
    }  # fmt: skip
    assert contract_table("actions", future_due).num_rows == 1

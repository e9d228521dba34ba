"""The registry is the single description of every list: each list and column is documented, and a
computed frame has exactly the registry's columns and types."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from vawg.errors import OperationsError
from vawg.operations import LISTS, ListColumn, ListRegistry, WorkListSpec, compute_list

DOC = Path(__file__).parents[2] / "docs" / "operations.md"


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## ", text, flags=re.M)
    return {part.split("\n", 1)[0].strip().strip("`"): part for part in parts[1:]}


def test_every_list_and_column_is_documented() -> None:
    sections = _sections(DOC.read_text())
    for spec in LISTS:
        assert spec.id in sections, f"list {spec.id} missing from docs/operations.md"
        body = sections[spec.id]
        for column in (*spec.columns, *spec.summary_columns):
            assert f"| `{column.name}` |" in body, f"{spec.id}.{column.name} missing from docs/operations.md"
        assert "```" in body, f"{spec.id}: docs/operations.md has no example"


def test_every_record_is_filled_in() -> None:
    assert LISTS.ids() == ["outstanding-suspects", "orders-briefing", "stalking-clinic", "bail", "new-chance"]
    for spec in LISTS:
        for text in (spec.title, spec.audience, spec.definition, spec.sort, spec.paper_ref):
            assert text.strip()
        for column in spec.columns:
            assert column.meaning.strip(), f"{spec.id}.{column.name}"
        assert any(c.identifier for c in spec.columns)


@pytest.mark.parametrize("list_id", LISTS.ids())
def test_frames_have_the_registry_columns_and_types(handmade, list_id: str) -> None:
    work = compute_list(handmade, list_id, date(2023, 1, 31))
    spec = LISTS.get(list_id)
    assert list(work.frame.columns) == list(spec.column_names)
    schema = spec.arrow_schema()
    for name in spec.column_names:
        assert work.frame[name].dtype.pyarrow_dtype == schema.field(name).type, (list_id, name)
    meta = work.metadata()
    assert meta["as_of"] == "2023-01-31" and meta["definition"] == spec.definition
    assert meta["row_count"] == len(work.frame) and meta["marking"] == "OFFICIAL-SENSITIVE"


def test_an_undocumented_column_is_refused(handmade) -> None:
    import pandas as pd

    from vawg.operations._result import typed_frame

    spec = WorkListSpec(
        "x", "X", "a", "d", "p", (ListColumn("person_id", "text", "who", identifier=True),), "s"
    )
    with pytest.raises(AssertionError, match="differ from the registry"):
        typed_frame(spec, pd.DataFrame({"person_id": ["P1"], "secret": [1]}))
    assert spec.arrow_schema().field("person_id").type == pa.string()


def test_unknown_list_names_the_lists() -> None:
    with pytest.raises(OperationsError, match="did you mean bail") as caught:
        LISTS.get("bale")
    assert caught.value.context["valid"] == LISTS.ids()
    with pytest.raises(OperationsError, match="registered twice"):
        ListRegistry((LISTS.get("bail"), LISTS.get("bail")))


def test_bad_area_and_date_say_what_is_valid(handmade) -> None:
    with pytest.raises(OperationsError, match="the areas are: North, South"):
        compute_list(handmade, "bail", date(2023, 1, 31), area="Nowhere")
    with pytest.raises(OperationsError, match="from 2022-03-01 to 2023-03-31"):
        compute_list(handmade, "bail", date(2023, 4, 1))


def test_every_column_has_a_heading_in_words_unique_in_its_list() -> None:
    from vawg.operations import PERSON_SECTIONS, heading_of

    assert heading_of("rfsdi_level") == "RFSDI level" and heading_of("crime_ids") == "Crime IDs"
    assert heading_of("breaches_90d") == "Breaches in 90 days"
    for spec in (*LISTS, *PERSON_SECTIONS):
        headings = [c.heading for c in spec.columns]
        assert len(set(headings)) == len(headings), spec.id
        for heading in headings:
            assert heading[:1].isupper() and "_" not in heading, (spec.id, heading)

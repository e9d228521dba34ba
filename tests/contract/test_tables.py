import pytest

from vawg.contract import (
    ETHNICITY_NOT_STATED,
    RULES,
    TABLES,
    code_sets,
    ethnicity_group,
    load_sequence,
    table,
)


def test_required_and_optional_tables_as_the_contract_says() -> None:
    required = {t.name for t in TABLES if t.required}
    assert required == {"crimes", "persons", "crime_persons", "outcomes"}
    assert len(TABLES) == 15  # 11 of contract 1.0 + suspect_status and the three Our Behaviours tables (1.1)


def test_every_code_column_names_a_code_set() -> None:
    sets = code_sets()
    for spec in TABLES:
        for col in spec.columns:
            if col.type == "code":
                assert col.codes in sets, (spec.name, col.name)


def test_every_reference_and_key_names_real_columns() -> None:
    for spec in TABLES:
        assert set(spec.key) <= set(spec.column_names)
        for ref in spec.references:
            assert ref.column in spec.column_names
            assert ref.target in table(ref.table).column_names
        for order in spec.date_orders:
            other = table(order.earlier_table) if order.earlier_table else spec
            assert order.earlier in other.column_names and order.later in spec.column_names


def test_load_sequence_puts_referenced_tables_first() -> None:
    position = {t.name: i for i, t in enumerate(load_sequence())}
    for spec in TABLES:
        for ref in spec.references:
            if ref.table != spec.name:
                assert position[ref.table] < position[spec.name], (spec.name, ref.table)


def test_examples_are_valid_codes() -> None:
    sets = code_sets()
    for spec in TABLES:
        for col in spec.columns:
            if col.type == "code" and col.example:
                assert col.example in sets[col.codes or ""], (spec.name, col.name, col.example)


@pytest.mark.parametrize(
    ("value", "group"),
    [("A1", "Asian"), ("b3", "Black"), ("W4", "White"), ("O2", "Other"), ("mixed", "Mixed"), ("White", "White"),
     ("", ETHNICITY_NOT_STATED), (None, ETHNICITY_NOT_STATED), ("ns", ETHNICITY_NOT_STATED)],
)  # fmt: skip
def test_ethnicity_groups(value: str | None, group: str) -> None:
    assert ethnicity_group(value) == group


def test_unknown_ethnicity_is_an_error() -> None:
    with pytest.raises(ValueError, match="not an ethnicity code"):
        ethnicity_group("Z9")


def test_rules_cover_the_contract() -> None:
    assert set(RULES) == {
        "required_missing", "bad_type", "unknown_code", "duplicate_id", "unknown_reference",
        "date_out_of_range", "outcome_before_recorded", "end_before_start", "malformed_row",
        "value_out_of_range",
    }  # fmt: skip


def test_ranges_name_int_columns_of_the_contract() -> None:
    from vawg.contract import RANGES, TABLES_BY_NAME

    assert {(r.table, r.column) for r in RANGES} == {("crime_persons", "age"), ("persons", "birth_year")}
    for r in RANGES:
        assert TABLES_BY_NAME[r.table].column(r.column).type == "int"

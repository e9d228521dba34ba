"""The row rules of the contract, each with a stable id used in the quarantine table."""

from __future__ import annotations

from dataclasses import dataclass

from vawg.contract._spec import EARLIEST_DATE


@dataclass(frozen=True)
class Rule:
    """A row rule: ``id`` is stored in ``quarantine.rule`` and never changes."""

    id: str
    title: str
    expected: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("required_missing", "required value missing", "a value in every required column"),
        Rule("bad_type", "value not of its type", "a value of the column's type (ISO date, integer, boolean)"),
        Rule("unknown_code", "unknown code", "one of the column's codes"),
        Rule("duplicate_id", "duplicate id", "a key that appears once in the file"),
        Rule("unknown_reference", "reference to an id in neither this bundle nor the store",
             "an id present in the referenced table"),
        Rule("date_out_of_range", "date before 1900 or after the extract date",
             f"a date from {EARLIEST_DATE} to the extract date"),
        Rule("outcome_before_recorded", "outcome_date before the crime's recorded_date",
             "outcome_date on or after the crime's recorded_date"),
        Rule("value_out_of_range", "a number outside its plausible range",
             "an age from 0 to 120; a birth year from 1900 to the extract year"),
        Rule("end_before_start", "an end date before its start date", "an end date on or after its start date"),
        # Not in the contract's list by name: a row the CSV reader cannot split into the header's
        # columns (too many or too few fields, a stray quote). It is quarantined whole, never lost.
        Rule("malformed_row", "row cannot be split into the header's columns",
             "a row with one field per header column, quoted per RFC 4180"),
    )
}  # fmt: skip

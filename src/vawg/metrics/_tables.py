"""The store's tables as *unbound* Ibis tables, typed from the contract.

Metric expressions are built over these and compiled to SQL with ``ibis.to_sql``; they never need
a live backend to be built, so the same definitions compile for DuckDB today and Spark later, and
the SQL snapshot tests run without a database. Codes (DuckDB ENUMs) are declared as strings: the
engines compare an ENUM with a string literal as text.
"""

from __future__ import annotations

from functools import cache

import ibis
import ibis.expr.types as ir

from vawg.contract import TABLES, Column

_IBIS_TYPES = {
    "text": "string",
    "date": "date",
    "bool": "boolean",
    "int": "int32",
    "code": "string",
    "number": "float64",
    "time": "time",
}

_EXTRA_SCHEMAS: dict[str, dict[str, str]] = {
    "ref_offence": {
        "offence_code": "string",
        "description": "string",
        "offence_group": "string",
        "offence_subgroup": "string",
        "vawg_category": "string",
        "harm_days": "float64",
    },
    "ref_outcome": {
        "outcome_code": "string",
        "description": "string",
        "outcome_group": "string",
        "is_positive": "boolean",
    },
}


def _ibis_type(column: Column) -> str:
    return _IBIS_TYPES[column.type]


@cache
def schema(name: str) -> ibis.Schema:
    """The Ibis schema of a store table (data tables carry ``load_id`` for tie-breaking)."""
    if name in _EXTRA_SCHEMAS:
        return ibis.schema(_EXTRA_SCHEMAS[name])
    for spec in TABLES:
        if spec.name == name:
            fields = {c.name: _ibis_type(c) for c in spec.columns}
            if name == "persons":
                fields["ethnicity_group"] = "string"
            fields["load_id"] = "int64"
            return ibis.schema(fields)
    raise KeyError(f"no store table {name!r}")


def table(name: str) -> ir.Table:
    """An unbound Ibis table named like the store's table ``name``."""
    return ibis.table(schema(name), name=name)

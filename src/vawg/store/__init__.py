"""The store: an embedded DuckDB database whose schema is generated from the input contract."""

from vawg.store._connection import connect, ibis_connection
from vawg.store._derived import derived_current, refresh_derived
from vawg.store._meta import EXTRACT_DATE_SOURCES, extract_date, extract_date_source
from vawg.store._schema import ENUM_TYPES, SCHEMA_VERSION, create_schema, sql_string, sql_type, table_ddl
from vawg.store._swap import replacing_store

__all__ = [
    "ENUM_TYPES",
    "EXTRACT_DATE_SOURCES",
    "SCHEMA_VERSION",
    "connect",
    "create_schema",
    "derived_current",
    "extract_date",
    "extract_date_source",
    "ibis_connection",
    "refresh_derived",
    "replacing_store",
    "sql_string",
    "sql_type",
    "table_ddl",
]

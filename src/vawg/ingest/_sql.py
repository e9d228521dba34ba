"""The SQL of one table's load: typed casts, row rules and their quarantine messages.

Every rule is a set-wise SQL expression evaluated by DuckDB over the whole file at once; nothing
here looks at a row in Python. The stage table holds, per contract column, the typed value (``name``)
and, for columns that need a cast, the text as read (``name__raw``): a row breaks "value not of its
type" exactly when the text is there and the typed value is not.
"""

from __future__ import annotations

from datetime import date

from vawg.contract import (
    EARLIEST_DATE,
    FALSE_VALUES,
    RANGE_RULE,
    RULES,
    TRUE_VALUES,
    Column,
    Table,
    code_sets,
    ranges_of,
)
from vawg.contract._codes import CENSUS_ETHNICITY_GROUP, ETHNICITY_GROUPS, ETHNICITY_NOT_STATED
from vawg.ingest._source import SourceFile
from vawg.store import sql_string, sql_type

TYPE_WORDS = {
    "date": "an ISO date (YYYY-MM-DD)",
    "int": "a whole number",
    "bool": "a boolean (true/false, 1/0, Y/N, yes/no)",
    "number": "a decimal number",
    "time": "a time of day (HH:MM or HH:MM:SS, 24-hour)",
}


def _raw(column: Column) -> str:
    return column.name if column.type == "text" else f"{column.name}__raw"


def _lit(value: object) -> str:
    return "NULL" if value is None else sql_string(str(value))


# DuckDB evaluates a CASE's ELSE only for the rows that reach it (COALESCE does not always skip its
# later arguments), so each cast below tries the common spelling first and pays for trim(), lower()
# or a pattern only on the rows that need them.


def _date_expr(raw: str) -> str:
    # ISO only: DuckDB's own cast also takes '2022/01/05' or a time of day. Ten characters with the
    # first '-' fifth is cheap to test and leaves the cast only YYYY-MM-DD; spaces around are forgiven.
    trimmed = f"trim({raw})"
    return (
        f"CASE WHEN length({raw}) = 10 AND strpos({raw}, '-') = 5 THEN TRY_CAST({raw} AS DATE) "
        f"ELSE CASE WHEN {trimmed} LIKE '____-__-__' THEN TRY_CAST({trimmed} AS DATE) END END"
    )


def _bool_expr(raw: str) -> str:
    loose = f"lower(trim({raw}))"
    true = ", ".join(sql_string(v) for v in TRUE_VALUES)
    false = ", ".join(sql_string(v) for v in FALSE_VALUES)
    return (
        f"CASE WHEN {raw} = 'true' THEN true WHEN {raw} = 'false' THEN false "
        f"ELSE CASE WHEN {loose} IN ({true}) THEN true WHEN {loose} IN ({false}) THEN false END END"
    )


def _int_expr(raw: str) -> str:
    return (
        f"CASE WHEN regexp_full_match(trim({raw}), '[+-]?[0-9]{{1,9}}') THEN CAST(trim({raw}) AS INTEGER) END"
    )


def _number_expr(raw: str) -> str:
    # Plain decimals only (DuckDB's own cast also takes 'inf', 'nan' and '1e5').
    return f"CASE WHEN regexp_full_match(trim({raw}), '[+-]?[0-9]+(\\.[0-9]*)?') THEN CAST(trim({raw}) AS DOUBLE) END"


def _time_expr(raw: str) -> str:
    # Contract 1.1 times of day: 24-hour HH:MM or HH:MM:SS only (DuckDB's own cast also takes '9:5'
    # or '24:00:00'); spaces around are forgiven.
    return (
        f"CASE WHEN regexp_full_match(trim({raw}), '([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?') "
        f"THEN CAST(trim({raw}) AS TIME) END"
    )


def _code_expr(raw: str, sql_t: str, values: tuple[str, ...]) -> str:
    """Canonical spelling of a code matched case-insensitively; NULL when it is not a code.

    The exact spelling is tried first (an ENUM cast is a dictionary lookup); upper(), lower() or a
    CASE over the code set run only for the rows that are not already canonical.
    """
    if all(v == v.upper() for v in values):
        loose = f"upper(trim({raw}))"
    elif all(v == v.lower() for v in values):
        loose = f"lower(trim({raw}))"
    else:
        whens = " ".join(f"WHEN {_lit(v.lower())} THEN {_lit(v)}" for v in values)
        loose = f"CASE lower(trim({raw})) {whens} END"
    if sql_t != "VARCHAR":
        exact = f"TRY_CAST({raw} AS {sql_t})"
        return f"CASE WHEN {exact} IS NOT NULL THEN {exact} ELSE TRY_CAST({loose} AS {sql_t}) END"
    listed = ", ".join(_lit(v) for v in values)
    return (
        f"CASE WHEN {raw} IN ({listed}) THEN {raw} ELSE CASE WHEN {loose} IN ({listed}) THEN {loose} END END"
    )


def ethnicity_group_expr(column: str) -> str:
    """The 5+1 group of a canonical ethnicity value (blank or NS: not stated)."""
    whens = [f"WHEN {_lit(code)} THEN {_lit(group)}" for code, group in CENSUS_ETHNICITY_GROUP.items()]
    whens += [f"WHEN {_lit(group)} THEN {_lit(group)}" for group in ETHNICITY_GROUPS]
    return f"CAST(CASE {column} {' '.join(whens)} ELSE {_lit(ETHNICITY_NOT_STATED)} END AS ethnicity_group_t)"


class TablePlan:
    """SQL for loading one source file into its table; ``enums`` are the store's ENUM values."""

    def __init__(self, source: SourceFile, enums: dict[str, tuple[str, ...]], extract_date: date) -> None:
        self.source = source
        self.table: Table = source.table
        self.enums = enums
        self.extract_date = extract_date

    # -- the stage ------------------------------------------------------------------------------
    def stage_sql(self, stage: str) -> str:
        items: list[str] = []
        for column in self.table.columns:
            ref = self.source.columns.get(column.name)
            sql_t = sql_type(column)
            if ref is None:
                items.append(f"CAST(NULL AS {sql_t}) AS {column.name}")
                if column.type != "text":
                    items.append(f"CAST(NULL AS VARCHAR) AS {column.name}__raw")
                continue
            raw = f"nullif({ref}, '')"
            if column.type == "text":
                items.append(f"{raw} AS {column.name}")
                continue
            items.append(f"{raw} AS {column.name}__raw")
            items.append(f"{self._typed(column, f'{column.name}__raw', sql_t)} AS {column.name}")
        if self.source.extras:
            pairs = ", ".join(f"{_lit(name)}, {ref}" for name, ref in self.source.extras.items())
            items.append(f"json_object({pairs}) AS _extra")
        else:
            items.append("CAST(NULL AS JSON) AS _extra")
        return f"CREATE TEMP TABLE {stage} AS SELECT {', '.join(items)} FROM {self.source.relation}"

    def _typed(self, column: Column, raw: str, sql_t: str) -> str:
        if column.type == "date":
            return _date_expr(raw)
        if column.type == "bool":
            return _bool_expr(raw)
        if column.type == "int":
            return _int_expr(raw)
        if column.type == "number":
            return _number_expr(raw)
        if column.type == "time":
            return _time_expr(raw)
        assert column.codes is not None
        values = self.enums.get(sql_t) or code_sets()[column.codes]
        return _code_expr(raw, sql_t, values)

    # -- row rules --------------------------------------------------------------------------------
    def _date_bounds(self, column: Column) -> str:
        low = f"DATE '{EARLIEST_DATE}'"
        if column.may_be_future:
            return f"{column.name} < {low}"
        return f"({column.name} < {low} OR {column.name} > DATE '{self.extract_date.isoformat()}')"

    def ok_sql(self) -> str:
        """True for a row that breaks no rule checkable within the row itself."""
        parts: list[str] = []
        for column in self.table.columns:
            if column.required:
                parts.append(f"{column.name} IS NOT NULL")
            elif column.type != "text":
                parts.append(f"({column.name} IS NOT NULL OR {column.name}__raw IS NULL)")
            if column.type == "date":
                parts.append(f"NOT coalesce({self._date_bounds(column)}, false)")
        for order in self.table.date_orders:
            if order.earlier_table is None:
                parts.append(f"NOT coalesce({order.later} < {order.earlier}, false)")
        parts += [
            f"NOT coalesce({self._outside(r.column, r.low, r.high)}, false)"
            for r in ranges_of(self.table.name)
        ]
        return " AND ".join(parts)

    def _outside(self, column: str, low: int, high: int | None) -> str:
        top = high if high is not None else self.extract_date.year
        return f"({column} < {int(low)} OR {column} > {int(top)})"

    def violations_sql(self, bad: str) -> str:
        """One row (rec, column_name, rule, value, message) per broken row rule of the rows in ``bad``."""
        selects: list[str] = []

        def add(column: str | None, rule: str, condition: str, value: str, message: str) -> None:
            assert rule in RULES
            selects.append(
                f"SELECT _rec AS rec, {_lit(column)} AS column_name, {_lit(rule)} AS rule, "
                f"CAST({value} AS VARCHAR) AS value, {message} AS message FROM {bad} WHERE {condition}"
            )

        for column in self.table.columns:
            name, raw = column.name, _raw(column)
            if column.required:
                add(name, "required_missing", f"{raw} IS NULL", "NULL", _lit(f"{name} is required but empty"))
            if column.type != "text":
                rule = "unknown_code" if column.type == "code" else "bad_type"
                expected = (
                    f"one of the {column.codes} codes" if column.type == "code" else TYPE_WORDS[column.type]
                )
                add(
                    name, rule, f"{raw} IS NOT NULL AND {name} IS NULL", raw,
                    f"{_lit(name + ': ')} || '''' || {raw} || '''' || {_lit(' is not ' + expected)}",
                )  # fmt: skip
            if column.type == "date":
                limit = (
                    EARLIEST_DATE
                    if column.may_be_future
                    else f"{EARLIEST_DATE} to {self.extract_date.isoformat()}"
                )
                add(
                    name, "date_out_of_range", self._date_bounds(column), raw,
                    f"{_lit(name + ' ')} || {raw} || {_lit(f' is outside {limit} (the extract date)')}"
                    if not column.may_be_future
                    else f"{_lit(name + ' ')} || {raw} || {_lit(' is before ' + limit)}",
                )  # fmt: skip
        for order in self.table.date_orders:
            if order.earlier_table is None:
                add(
                    order.later, order.rule, f"{order.later} < {order.earlier}", f"{order.later}__raw",
                    f"{_lit(order.later + ' ')} || CAST({order.later} AS VARCHAR) || "
                    f"{_lit(f' is before {order.earlier} ')} || CAST({order.earlier} AS VARCHAR)",
                )  # fmt: skip
        for r in ranges_of(self.table.name):
            if r.column in self.source.columns:
                top = r.high if r.high is not None else self.extract_date.year
                add(
                    r.column, RANGE_RULE, self._outside(r.column, r.low, r.high), f"{r.column}__raw",
                    f"{_lit(r.column + ' ')} || CAST({r.column} AS VARCHAR) || "
                    f"{_lit(f' is outside {r.low} to {top} ({r.meaning}; {r.limit_text()})')}",
                )  # fmt: skip
        return "\nUNION ALL\n".join(selects)

    def raw_json_sql(self, alias: str) -> str:
        """The row as read (text values, extra columns included) for quarantine.raw."""
        pairs = ", ".join(
            f"{_lit(c.name)}, {alias}.{_raw(c)}" for c in self.table.columns if c.name in self.source.columns
        )
        row = f"json_object({pairs})"
        return f"CASE WHEN {alias}._extra IS NULL THEN {row} ELSE json_merge_patch({row}, {alias}._extra) END"

    # -- writing ----------------------------------------------------------------------------------
    def target_columns(self) -> list[str]:
        names = list(self.table.column_names)
        if self.table.name == "persons":
            names.append("ethnicity_group")
        return [*names, "extra", "load_id"]

    def target_values(self, alias: str, load_id: int) -> list[str]:
        values = [f"{alias}.{c}" for c in self.table.column_names]
        if self.table.name == "persons":
            values.append(ethnicity_group_expr(f"{alias}.ethnicity"))
        return [*values, f"{alias}._extra", str(int(load_id))]

    def same_sql(self, s: str, t: str) -> str:
        """True when the staged row equals the stored one (contract columns and extra columns)."""
        parts = [f"{s}.{c} IS NOT DISTINCT FROM {t}.{c}" for c in self.table.column_names]
        parts.append(f"CAST({s}._extra AS VARCHAR) IS NOT DISTINCT FROM CAST({t}.extra AS VARCHAR)")
        return " AND ".join(parts)

    def key_join(self, s: str, t: str) -> str:
        return " AND ".join(f"{s}.{k} = {t}.{k}" for k in self.table.key)

    def key_text(self, alias: str) -> str:
        return "concat_ws('|', " + ", ".join(f"CAST({alias}.{k} AS VARCHAR)" for k in self.table.key) + ")"

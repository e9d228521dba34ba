"""Turn internal columns into contract tables and write them (CSV or Parquet) in chunks.

Headers, column order and types come from ``vawg.contract`` (``Table.columns``), never from a copy
here: a table whose columns do not match its contract record fails loudly. Ids are pseudonyms made
from numbers (``P0000001``, ``C00000001`` …); codes are taken from small dictionaries with
``pyarrow.compute.take``, so no Python loop runs per row.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from vawg.contract import TABLES_BY_NAME, Table
from vawg.synth._calendar import EXTRACT_DATE

Format = Literal["csv", "parquet"]
CHUNK_ROWS = 1_000_000
ARROW_TYPES = {
    "text": pa.string(),
    "code": pa.string(),
    "date": pa.date32(),
    "bool": pa.bool_(),
    "int": pa.int32(),
    "number": pa.float64(),
    "time": pa.string(),  # contract 1.1: written as HH:MM text
}
ID_WIDTH = {"P": 7, "C": 8, "IN": 8, "CU": 7, "OR": 6, "IL": 7, "AC": 6}


def schema(table: Table) -> pa.Schema:
    """Arrow schema of a contract table."""
    return pa.schema([pa.field(c.name, ARROW_TYPES[c.type]) for c in table.columns])


def ids(prefix: str, numbers: np.ndarray, total: int) -> pa.Array:
    """``prefix`` + zero-padded number; null where number < 0. Width grows if ``total`` needs it."""
    width = max(ID_WIDTH[prefix], len(str(total)))
    numbers = np.asarray(numbers, dtype=np.int64)
    text = pc.utf8_lpad(pc.cast(pa.array(np.maximum(numbers, 0)), pa.string()), width, padding="0")
    joined = pc.binary_join_element_wise(prefix, text, "")
    missing = numbers < 0
    return (
        pc.if_else(pa.array(missing), pa.nulls(len(numbers), pa.string()), joined)
        if missing.any()
        else joined
    )


class Pseudonyms:
    """The ids of rows numbered ``number[row]`` (1, 2, …): formatted once, then taken by row."""

    def __init__(self, prefix: str, number: np.ndarray) -> None:
        self.number = np.asarray(number, dtype=np.int64)
        self.text = ids(prefix, np.arange(1, len(self.number) + 1), len(self.number))

    def __call__(self, rows: np.ndarray) -> pa.Array:
        """Ids of ``rows``; null where row < 0."""
        rows = np.asarray(rows, dtype=np.int64)
        index = self.number[np.maximum(rows, 0)] - 1 if len(self.number) else np.zeros(len(rows), np.int64)
        return pc.take(self.text, pa.array(index, mask=rows < 0))


def inverse(number: np.ndarray) -> np.ndarray:
    """Rows in number order, for numbers that are a permutation of 1..n."""
    order = np.empty(len(number), np.int64)
    order[np.asarray(number) - 1] = np.arange(len(number))
    return order


def dates(days: np.ndarray) -> pa.Array:
    """Dates from days since 1970; null where day < 0."""
    days = np.asarray(days, dtype=np.int64)
    return pa.array(days.astype("datetime64[D]"), pa.date32(), mask=days < 0)


def codes(values: tuple[str, ...] | list[str], index: np.ndarray) -> pa.Array:
    """Strings from a small dictionary; null where index < 0."""
    index = np.asarray(index)
    taken = pc.take(pa.array(list(values), pa.string()), pa.array(np.maximum(index, 0).astype(np.int32)))
    missing = index < 0
    return pc.if_else(pa.array(missing), pa.nulls(len(index), pa.string()), taken) if missing.any() else taken


def ints(values: np.ndarray, null: np.ndarray) -> pa.Array:
    return pa.array(np.asarray(values, dtype=np.int32), pa.int32(), mask=null)


def bools(values: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    return pa.array(np.asarray(values, dtype=bool), pa.bool_(), mask=null)


def contract_table(name: str, columns: dict[str, pa.Array]) -> pa.Table:
    """An arrow table in the contract's column order; every column of the contract, no other, and no
    date after the extract date where the contract forbids one (a guard against generator bugs)."""
    spec = TABLES_BY_NAME[name]
    if set(columns) != set(spec.column_names):
        raise ValueError(
            f"{name}: built columns {sorted(columns)} differ from the contract's {spec.column_names}"
        )
    for col in spec.columns:
        if col.type == "date" and not col.may_be_future and len(columns[col.name]):
            latest = pc.max(columns[col.name]).as_py()
            if latest is not None and latest > EXTRACT_DATE:
                raise ValueError(f"{name}.{col.name}: {latest} is after the extract date {EXTRACT_DATE}")
    return pa.Table.from_arrays([columns[c] for c in spec.column_names], schema=schema(spec))


def write_table(out_dir: Path, name: str, fmt: Format, rows: int,
                chunk: Callable[[slice], dict[str, pa.Array]]) -> int:  # fmt: skip
    """Write table ``name`` of ``rows`` rows, building ``CHUNK_ROWS`` rows at a time."""
    path = out_dir / f"{name}.{fmt}"
    spec = TABLES_BY_NAME[name]
    writer: pacsv.CSVWriter | pq.ParquetWriter
    if fmt == "csv":
        writer = pacsv.CSVWriter(
            str(path), schema(spec), write_options=pacsv.WriteOptions(quoting_style="needed")
        )
    else:
        writer = pq.ParquetWriter(str(path), schema(spec), compression="zstd")
    with writer:
        for start in range(0, max(rows, 1), CHUNK_ROWS):
            part = slice(start, min(rows, start + CHUNK_ROWS))
            writer.write_table(contract_table(name, chunk(part)))
    return rows

"""Build small hand-made stores for the risk tests: rows inserted into a real vawg store.

Each ``add_*`` fills the contract's optional columns with None unless given; ``load_id`` is 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import count
from pathlib import Path
from typing import Any

import duckdb

from vawg.contract import TABLES_BY_NAME
from vawg.contract._codes import ethnicity_group
from vawg.store import connect


@dataclass
class StoreBuilder:
    con: duckdb.DuckDBPyConnection
    _ids: dict[str, count[int]] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path | str = ":memory:") -> StoreBuilder:
        return cls(connect(path))

    def _next(self, prefix: str) -> str:
        n = next(self._ids.setdefault(prefix, count(1)))
        return f"{prefix}{n:07d}"

    def insert(self, table: str, **values: Any) -> None:
        columns = [c.name for c in TABLES_BY_NAME[table].columns]
        unknown = set(values) - set(columns)
        assert not unknown, f"{table}: unknown columns {unknown}"
        row = [values.get(c) for c in columns]
        extra_cols = ["ethnicity_group"] if table == "persons" else []
        extra_vals = [ethnicity_group(values.get("ethnicity"))] if table == "persons" else []
        names = ", ".join([*columns, *extra_cols, "extra", "load_id"])
        marks = ", ".join(["?"] * (len(columns) + len(extra_cols) + 2))
        self.con.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", [*row, *extra_vals, None, 1])

    def person(
        self,
        person_id: str | None = None,
        *,
        sex: str = "M",
        birth_year: int | None = 1990,
        ethnicity: str | None = "W1",
    ) -> str:
        pid = person_id or self._next("P")
        self.insert("persons", person_id=pid, sex=sex, birth_year=birth_year, ethnicity=ethnicity)
        return pid

    def crime(
        self,
        recorded: date,
        *,
        offence: str = "8Q",
        area: str = "Birmingham",
        da: bool = False,
        hba: bool | None = None,
        suspects: tuple[str, ...] = (),
        victims: tuple[str, ...] = (),
        linked: date | None = None,
        crime_id: str | None = None,
    ) -> str:
        cid = crime_id or self._next("C")
        self.insert(
            "crimes",
            crime_id=cid,
            recorded_date=recorded,
            offence_code=offence,
            area=area,
            da_flag=da,
            hba_flag=hba,
        )
        for p in suspects:
            self.insert("crime_persons", crime_id=cid, person_id=p, role="suspect", linked_date=linked)
        for p in victims:
            self.insert("crime_persons", crime_id=cid, person_id=p, role="victim", linked_date=linked)
        return cid

    def link(self, crime_id: str, person_id: str, role: str, linked: date | None = None) -> None:
        self.insert("crime_persons", crime_id=crime_id, person_id=person_id, role=role, linked_date=linked)

    def intel(self, person_id: str, submitted: date, topic: str = "other") -> str:
        iid = self._next("IL")
        self.insert("intelligence", intel_id=iid, person_id=person_id, submitted_date=submitted, topic=topic)
        return iid

    def arrest(
        self, person_id: str, arrested: date, *, crime_id: str | None = None, disposal: str = "bail"
    ) -> str:
        cid = self._next("CU")
        self.insert(
            "custody",
            custody_id=cid,
            person_id=person_id,
            crime_id=crime_id,
            arrest_date=arrested,
            disposal=disposal,
        )
        return cid

    def order(self, person_id: str, start: date, *, order_type: str = "DVPO", status: str = "granted") -> str:
        oid = self._next("OR")
        self.insert(
            "orders",
            order_id=oid,
            person_id=person_id,
            order_type=order_type,
            status=status,
            start_date=start,
        )
        return oid

    def breach(self, order_id: str, breached: date) -> None:
        self.insert("order_breaches", order_id=order_id, breach_date=breached)

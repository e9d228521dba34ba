"""The data quality report of a store: how complete, which codes, what was quarantined, which months."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from vawg.contract import ETHNICITY_NOT_STATED, TABLES
from vawg.store import EXTRACT_DATE_SOURCES, extract_date, extract_date_source, sql_string

MAX_GAPS_LISTED = 24  # the first months with no rows, listed by name (the count is always given)

# Columns with a "not stated" value besides a blank: the share matters to every equality analysis.
NOT_STATED = {
    ("persons", "ethnicity"): f"ethnicity_group = {sql_string(ETHNICITY_NOT_STATED)}",
    ("persons", "sex"): "sex = 'U'",
}


@dataclass
class QualityReport:
    """What ``vawg quality`` shows; each part is a DataFrame (``to_dict`` gives the JSON)."""

    extract_date: date | None
    completeness: (
        pd.DataFrame
    )  # table, column, required, rows, missing, missing_pct, not_stated, not_stated_pct
    codes: pd.DataFrame  # table, column, code, rows, share
    quarantine: pd.DataFrame  # table, rule, rows, lines
    date_coverage: pd.DataFrame  # table, column, rows, first, last, months, empty_months, gaps, per_month
    loads: pd.DataFrame  # the loads history, newest first
    extract_date_source: str | None = None  # option | manifest | inferred | today (store meta)

    @property
    def extract_date_note(self) -> str | None:
        """How the extract date was set, in words; None when given or from the manifest."""
        if self.extract_date_source in ("inferred", "today"):
            return f"Extract date {self.extract_date}: {EXTRACT_DATE_SOURCES[self.extract_date_source]}"
        return None

    def to_dict(self) -> dict[str, Any]:
        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            out = []
            for row in frame.to_dict(orient="records"):
                out.append({str(k): _plain(v) for k, v in row.items()})
            return out

        return {
            "extract_date": self.extract_date.isoformat() if self.extract_date else None,
            "extract_date_source": self.extract_date_source,
            "extract_date_note": self.extract_date_note,
            "completeness": records(self.completeness),
            "codes": records(self.codes),
            "quarantine": records(self.quarantine),
            "date_coverage": records(self.date_coverage),
            "loads": records(self.loads),
        }


def _plain(value: Any) -> Any:
    """A JSON-ready value (dates as ISO text, missing as null, numpy numbers as Python ones)."""
    if isinstance(value, dict | list):
        return value
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def quality_report(con: duckdb.DuckDBPyConnection) -> QualityReport:
    """Completeness, codes, quarantine, date coverage and loads of the store ``con``."""
    return QualityReport(
        extract_date=extract_date(con),
        extract_date_source=extract_date_source(con),
        completeness=_completeness(con),
        codes=_codes(con),
        quarantine=con.execute(
            'SELECT table_name AS "table", rule, count(*) AS rows, count(DISTINCT (load_id, line)) AS lines '
            # Open problems only: a row resolved by a later load (fixed, or superseded by a newer
            # full extract) is history, not a problem of the data as it stands.
            'FROM quarantine WHERE resolved_by_load IS NULL GROUP BY ALL ORDER BY "table", rule'
        ).df(),
        date_coverage=_date_coverage(con),
        loads=con.execute(
            'SELECT load_id, table_name AS "table", file, status, extract_date, started_at, rows_read, '
            "rows_loaded, rows_quarantined, rows_unchanged, message FROM loads ORDER BY load_id DESC"
        ).df(),
    )


def _completeness(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    for spec in TABLES:
        items = ["count(*)"] + [f"count({c})" for c in spec.column_names]
        stated = [NOT_STATED.get((spec.name, c)) for c in spec.column_names]
        items += [f"count(*) FILTER (WHERE {s})" for s in stated if s]
        counts = con.execute(f"SELECT {', '.join(items)} FROM {spec.name}").fetchone() or ()
        total, present = int(counts[0]), counts[1 : 1 + len(spec.columns)]
        extra = iter(counts[1 + len(spec.columns) :])
        for column, filled, flag in zip(spec.columns, present, stated, strict=True):
            missing = total - int(filled)
            not_stated = int(next(extra)) if flag else None
            rows.append(
                {
                    "table": spec.name,
                    "column": column.name,
                    "required": column.required,
                    "rows": total,
                    "missing": missing,
                    "missing_pct": round(100 * missing / total, 2) if total else None,
                    "not_stated": not_stated,
                    "not_stated_pct": round(100 * not_stated / total, 2)
                    if total and not_stated is not None
                    else None,
                }
            )
    return pd.DataFrame(rows).astype({"rows": "int64", "missing": "int64", "not_stated": "Int64"})


def _codes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    parts = []
    for spec in TABLES:
        for column in spec.columns:
            if column.type == "code":
                parts.append(
                    f"SELECT '{spec.name}' AS \"table\", '{column.name}' AS \"column\", "
                    f"CAST({column.name} AS VARCHAR) AS code, count(*) AS rows FROM {spec.name} GROUP BY ALL"
                )
    frame = con.execute(" UNION ALL ".join(parts) + ' ORDER BY "table", "column", rows DESC, code').df()
    totals = frame.groupby(["table", "column"])["rows"].transform("sum")
    frame["share"] = (frame["rows"] / totals).round(4)
    return frame


def _date_coverage(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    for spec in TABLES:
        for column in spec.columns:
            if column.type != "date":
                continue
            # One scan per column: the months with their counts, first and last dates.
            monthly = con.execute(
                f"SELECT strftime({column.name}, '%Y-%m') AS month, count(*), min({column.name}), "
                f"max({column.name}) FROM {spec.name} WHERE {column.name} IS NOT NULL GROUP BY 1 ORDER BY 1"
            ).fetchall()
            per_month = {m: int(n) for m, n, _, _ in monthly}
            first = monthly[0][2] if monthly else None
            last = monthly[-1][3] if monthly else None
            span = _months(first, last)
            gaps = [m for m in span if m not in per_month]
            rows.append(
                {
                    "table": spec.name,
                    "column": column.name,
                    "rows": sum(per_month.values()),
                    "first": first,
                    "last": last,
                    "months": len(span),
                    "empty_months": len(gaps),
                    "gaps": gaps[:MAX_GAPS_LISTED],
                    "per_month": per_month,
                }
            )
    return pd.DataFrame(rows)


def _months(first: date | None, last: date | None) -> list[str]:
    """Every month from ``first``'s to ``last``'s, as YYYY-MM."""
    if first is None or last is None:
        return []
    return [str(m) for m in pd.period_range(first, last, freq="M")]

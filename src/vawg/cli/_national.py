"""CLI: `vawg national load` and `vawg national compare` (logic in vawg.national)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from vawg.cli._options import DbOption, open_store
from vawg.config import get_settings


def _isna(value: Any) -> bool:
    """pandas' missing-value test, imported when a value is printed (not when the CLI starts)."""
    import pandas as pd

    return bool(pd.isna(value))


def _pct(value: Any, digits: int = 2) -> str:
    return "" if _isna(value) else f"{float(value) * 100:.{digits}f}%"


def _num(value: Any) -> str:
    return "" if _isna(value) else f"{int(value):+,}"


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    national = typer.Typer(help="National context: the Home Office recorded crime tables by force.")
    app.add_typer(national, name="national")

    @national.command("load")
    def load(
        file: Annotated[
            Path, typer.Argument(help="Home Office police recorded crime table by force area (CSV).")
        ],
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the load report as JSON.")] = False,
    ) -> None:
        """Load the Home Office table into the store's national_crime table (replaces its years)."""
        from vawg.national import load_national

        with open_store(db) as con:
            report = load_national(file, con)
        if as_json:
            typer.echo(json.dumps(report.to_dict(), indent=2))
            return
        Console().print(
            f"Loaded {report.rows:,} rows for {', '.join(report.financial_years)}: "
            f"{report.territorial_forces} territorial forces; not ranked: "
            f"{', '.join(report.special_forces + report.fraud_bodies)}; "
            f"{report.zero_dash_rows:,} zeros written '-00'; {report.negative_rows} negative "
            f"(reclassification) rows kept; {report.replaced_rows:,} earlier rows replaced.",
            highlight=False,
        )

    @national.command("compare")
    def compare(
        db: DbOption = None,
        force: Annotated[str | None, typer.Option(help="Force name as the Home Office spells it.")] = None,
        category: Annotated[
            str | None, typer.Option(help="Only this category (e.g. stalking); default: all.")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
    ) -> None:
        """Set the force's VAWG offence categories beside every other force's, by quarter."""
        from vawg.national import CATEGORIES_BY_ID, compare_force

        name = force or get_settings().force_name
        if category is not None and category not in CATEGORIES_BY_ID:
            raise typer.BadParameter(f"unknown category {category!r}; one of {', '.join(CATEGORIES_BY_ID)}")
        with open_store(db, read_only=True) as con:
            result = compare_force(con, name)
        rows = result.force_rows
        if category is not None:
            rows = rows[rows["category"] == category]
        if as_json:
            payload = result.to_dict()
            if category is not None:
                payload["rows"] = [r for r in payload["rows"] if r["category"] == category]
            typer.echo(json.dumps(payload, indent=2, default=str))
            return
        table = Table(title=f"{name} beside the territorial forces of England and Wales (Home Office data)")
        for heading in ("quarter", "category", "count", "change", "share", "median share", "rank (count)"):
            table.add_column(heading, justify="left" if heading in ("quarter", "category") else "right")
        table.add_column("rank (share)", justify="right")
        for row in rows.to_dict(orient="records"):
            ranked = bool(row["is_territorial"])
            table.add_row(
                str(row["period"]),
                str(row["category_title"]),
                f"{int(row['count']):,}",
                _num(row["change"]),
                _pct(row["share"]),
                _pct(row["national_median_share"]),
                f"{row['rank_count']} of {row['forces_ranked']}" if ranked else "not ranked",
                f"{row['rank_share']} of {row['forces_ranked']}" if ranked else "not ranked",
            )
        Console().print(table)

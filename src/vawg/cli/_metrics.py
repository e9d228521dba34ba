"""CLI: `vawg metrics list`, `vawg metrics show ID` and `vawg metrics sql ID` (logic in vawg.metrics)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from vawg.cli._options import DbOption, open_store


def _fmt(value: Any, unit: str) -> str:
    if value is None or pd.isna(value):
        return ""
    if unit == "rate":
        return f"{float(value) * 100:.1f}%"
    if unit in ("days", "ratio"):
        return f"{float(value):,.1f}"
    return f"{float(value):,.0f}"


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    metrics = typer.Typer(help="The indicator catalogue and its values.", no_args_is_help=True)
    app.add_typer(metrics, name="metrics")

    @metrics.command("list")
    def list_(
        as_json: Annotated[bool, typer.Option("--json", help="Print the catalogue as JSON.")] = False,
    ) -> None:
        """Print the catalogue: every metric id with its title, unit and paper reference."""
        from vawg.metrics import REGISTRY

        if as_json:
            typer.echo(json.dumps([m.to_dict() for m in REGISTRY], indent=2))
            return
        table = Table(title=f"vawg metrics ({len(REGISTRY)})")
        for column in ("id", "title", "unit", "basis", "dimensions", "paper"):
            table.add_column(column)
        for m in REGISTRY:
            table.add_row(m.id, m.title, m.unit, m.basis or "", ", ".join(m.dimensions), m.paper_ref or "")
        Console().print(table)

    @metrics.command("show")
    def show(
        metric_id: Annotated[str, typer.Argument(help="A metric id (see `vawg metrics list`).")],
        db: DbOption = None,
        grain: Annotated[str, typer.Option(help="month, quarter, fy or all.")] = "month",
        by: Annotated[list[str] | None, typer.Option(help="Break down by a dimension (repeatable).")] = None,
        start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
        end: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the values as JSON.")] = False,
    ) -> None:
        """Print a metric's values by period, with counts and 95% intervals."""
        from vawg.metrics import compute

        with open_store(db, read_only=True) as con:
            result = compute(con, metric_id, grain=grain, by=tuple(by or ()), start=start, end=end)
        if as_json:
            typer.echo(json.dumps(result.to_dict(), indent=2, default=str))
            return
        unit = result.metric.unit
        table = Table(title=f"{result.metric.title} [{result.metric.id}]", caption=result.metric.definition)
        dims = result.dimension_columns
        for column in ("period", *dims, "numerator", "denominator", "value", "95% CI"):
            table.add_column(column, justify="left" if column in ("period", *dims) else "right")
        for r in result.frame.to_dict(orient="records"):
            ci = f"{_fmt(r['ci_low'], unit)}–{_fmt(r['ci_high'], unit)}" if not pd.isna(r["ci_low"]) else ""
            den = "" if pd.isna(r["denominator"]) else f"{int(r['denominator']):,}"
            table.add_row(
                r["period"],
                *(str(r[d]) for d in dims),
                f"{int(r['numerator']):,}",
                den,
                _fmt(r["value"], unit),
                ci,
            )
        Console().print(table)

    @metrics.command("sql")
    def sql(
        metric_id: Annotated[str, typer.Argument(help="A metric id (see `vawg metrics list`).")],
        grain: Annotated[str, typer.Option(help="month, quarter, fy or all.")] = "month",
        by: Annotated[list[str] | None, typer.Option(help="Break down by a dimension (repeatable).")] = None,
    ) -> None:
        """Print the SQL a metric compiles to (DuckDB dialect), for review or reuse."""
        from vawg.metrics import metric_sql

        for statement in metric_sql(metric_id, grain=grain, by=tuple(by or ())):
            typer.echo(statement + ";\n")

"""CLI: `vawg metrics list`, `vawg metrics show ID` and `vawg metrics sql ID` (logic in vawg.metrics)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from vawg.cli._options import DbOption, add_columns, open_store


def _isna(value: Any) -> bool:
    """pandas' missing-value test, imported when a value is printed (not when the CLI starts)."""
    import pandas as pd

    return bool(pd.isna(value))


def _fmt(value: Any, unit: str) -> str:
    if value is None or _isna(value):
        return ""
    if unit == "rate":
        return f"{float(value) * 100:.1f}%"
    if unit in ("days", "ratio"):
        return f"{float(value):,.1f}"
    return f"{float(value):,.0f}"


def _print_spc(chart: Any) -> None:
    unit, result = chart.metric.unit, chart.spc
    kind = "seasonally adjusted " if chart.adjusted else ""
    table = Table(title=f"SPC of the {kind}monthly {chart.metric.title} [{chart.metric.id}]")
    columns = ("month", "value", *(("adjusted",) if chart.adjusted else ()), "same month last year",
               "relative change", "phase", "mean", "limits", "point")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="left" if column in ("month", "point") else "right",
                         no_wrap=column == "month", min_width=7 if column == "month" else None)  # fmt: skip
    yoy = chart.year_on_year
    for i, row in enumerate(result.frame.to_dict(orient="records")):
        last = yoy.iloc[i]
        relative = "" if _isna(last["relative_change"]) else f"{last['relative_change']:+.1%}"
        table.add_row(
            str(row["x"])[:7], _fmt(last["value"], unit), *((_fmt(row["y"], unit),) if chart.adjusted else ()),
            _fmt(last["last_year"], unit), relative, str(row["phase"]), _fmt(row["mean"], unit),
            f"{_fmt(row['lpl'], unit)} to {_fmt(row['upl'], unit)}", row["point_type"].replace("special_cause_", "special: ").replace("_", " "),
        )  # fmt: skip
    console = Console()
    console.print(table)
    for point in chart.change_points:
        console.print(f"Change point {point.date}: {point.reason} (limits recalculated)", highlight=False)
    target = "no target set" if chart.target is None else (
        f"target {chart.target.direction.replace('_', ' ')} {_fmt(chart.target.value, unit)} from {chart.target.from_date}"
    )  # fmt: skip
    console.print(f"Variation: {result.variation.replace('_', ' ')}; assurance: "
                  f"{(result.assurance or 'none').replace('_', ' ')} ({target})", highlight=False)  # fmt: skip
    for note in result.notes:
        console.print(f"note: {note}", highlight=False)


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
        rows = [
            [m.id, m.title, m.unit, m.basis or "", ", ".join(m.dimensions), m.paper_ref or ""]
            for m in REGISTRY
        ]
        add_columns(table, ["id", "title", "unit", "basis", "dimensions", "paper"], rows)  # ids never cut
        for row in rows:
            table.add_row(*row)
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
        as_csv: Annotated[bool, typer.Option("--csv", help="Print the values as CSV.")] = False,
    ) -> None:
        """Print a metric's values by period, with counts and 95% intervals."""
        from vawg.metrics import compute

        if as_json and as_csv:
            raise typer.BadParameter("give --json or --csv, not both")
        with open_store(db, read_only=True) as con:
            result = compute(con, metric_id, grain=grain, by=tuple(by or ()), start=start, end=end)
        if as_json:
            typer.echo(json.dumps(result.to_dict(), indent=2, default=str))
            return
        if as_csv:
            columns = [
                "period",
                *result.dimension_columns,
                "numerator",
                "denominator",
                "value",
                "ci_low",
                "ci_high",
            ]
            typer.echo(result.frame[columns].to_csv(index=False, lineterminator="\n"), nl=False)
            return
        unit = result.metric.unit
        table = Table(title=f"{result.metric.title} [{result.metric.id}]", caption=result.metric.definition)
        dims = result.dimension_columns
        for column in ("period", *dims, "numerator", "denominator", "value", "95% CI"):
            table.add_column(column, justify="left" if column in ("period", *dims) else "right")
        for r in result.frame.to_dict(orient="records"):
            ci = f"{_fmt(r['ci_low'], unit)}–{_fmt(r['ci_high'], unit)}" if not _isna(r["ci_low"]) else ""
            den = "" if _isna(r["denominator"]) else f"{int(r['denominator']):,}"
            table.add_row(
                r["period"],
                *(str(r[d]) for d in dims),
                f"{int(r['numerator']):,}",
                den,
                _fmt(r["value"], unit),
                ci,
            )
        Console().print(table)

    @metrics.command("spc")
    def spc_command(
        metric_id: Annotated[str, typer.Argument(help="A metric id (see `vawg metrics list`).")],
        db: DbOption = None,
        start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
        end: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
        seasonal: Annotated[
            bool, typer.Option("--seasonal", help="Chart the seasonally adjusted values (STL; 24+ months).")
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the chart as JSON.")] = False,
    ) -> None:
        """A metric's monthly SPC (XmR) chart: phases after declared changes, target, same month last year."""
        from vawg.metrics import compute, metric_spc

        with open_store(db, read_only=True) as con:
            result = compute(con, metric_id, grain="month", start=start, end=end)
        chart = metric_spc(result.metric, result.series(), seasonally_adjusted=seasonal)
        if as_json:
            typer.echo(json.dumps(chart.to_dict(), indent=2, default=str))
            return
        _print_spc(chart)

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

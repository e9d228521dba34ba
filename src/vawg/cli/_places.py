"""CLI: `vawg places load | counts | hotspots | map` (logic in vawg.places)."""

from __future__ import annotations

import calendar
import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from vawg.cli._options import DbOption, cli_errors, open_store

SourceOption = Annotated[
    str,
    typer.Option(
        "--source", help="policeuk (police.uk street data) or force (the force's public-space VAWG)."
    ),
]
FromOption = Annotated[
    str | None, typer.Option("--from", help="First month, YYYY-MM (default: the data's first).")
]
ToOption = Annotated[str | None, typer.Option("--to", help="Last month, YYYY-MM (default: the data's last).")]
UnitOption = Annotated[str, typer.Option("--unit", help="h3 (hexagons) or lsoa.")]
ResolutionOption = Annotated[
    int, typer.Option("--resolution", help="H3 resolution (8: about 0.74 km² a cell).")
]


def _month(text: str | None, option: str, *, last_day: bool) -> date | None:
    """YYYY-MM (or YYYY-MM-DD) as the first (``--from``) or last (``--to``) day of its month."""
    if text is None:
        return None
    try:
        year, month = int(text[:4]), int(text[5:7])
        if text[4] != "-" or len(text) not in (7, 10):
            raise ValueError
        day = calendar.monthrange(year, month)[1] if last_day else 1
        return date(year, month, day)
    except (ValueError, IndexError):
        raise typer.BadParameter(f"{option}: expected a month YYYY-MM; found {text!r}") from None


def _check(source: str, unit: str) -> None:
    from vawg.places import SOURCES, UNITS

    if source not in SOURCES:
        raise typer.BadParameter(f"--source: expected one of {', '.join(SOURCES)}; found {source!r}")
    if unit not in UNITS:
        raise typer.BadParameter(f"--unit: expected one of {', '.join(UNITS)}; found {unit!r}")


def _cell(value: Any) -> str:
    return "<5" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    places = typer.Typer(
        help="Safety in Public: police.uk street data, public-space VAWG, hotspots and maps."
    )
    app.add_typer(places, name="places")

    @places.command("load")
    def load(
        folder: Annotated[
            Path,
            typer.Argument(help="A police.uk street-level CSV, or a folder of them (searched recursively)."),
        ],
        db: DbOption = None,
        vintage: Annotated[
            str | None,
            typer.Option(
                help="Date the files were downloaded, YYYY-MM-DD (default: today); the latest vintage of a month wins."
            ),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the load report as JSON.")] = False,
    ) -> None:
        """Load police.uk street-level files (modern or 2011 format) into the store, vintage-aware."""
        from vawg.places import load_policeuk

        when = None
        if vintage is not None:
            try:
                when = date.fromisoformat(vintage)
            except ValueError:
                raise typer.BadParameter(
                    f"--vintage: expected a date YYYY-MM-DD; found {vintage!r}"
                ) from None
        with cli_errors(), open_store(db) as con:
            report = load_policeuk(folder, con, vintage=when, progress=not as_json)
        if as_json:
            typer.echo(json.dumps(report.to_dict(), indent=2, default=str))
            return
        table = Table(title=f"police.uk files loaded (vintage {report.vintage})")
        for heading in (
            "file",
            "format",
            "force",
            "month",
            "rows",
            "no location",
            "action",
            "outcomes changed",
        ):
            table.add_column(
                heading,
                justify="right" if heading in ("rows", "no location", "outcomes changed") else "left",
                no_wrap=heading == "file",
            )
        for m in report.months:
            table.add_row(
                m.file,
                m.file_format,
                m.reported_by,
                m.month,
                f"{m.rows:,}",
                f"{m.rows_without_location:,}",
                m.action,
                f"{m.outcome_changes:,}",
            )
        console = Console(width=max(Console().width, 120))
        console.print(table)
        for name, count in report.unmapped_categories.items():
            console.print(
                f"{count:,} rows of the old category {name!r} cannot be mapped to a current category (kept, category empty)."
            )
        for name, count in report.unknown_categories.items():
            console.print(f"{count:,} rows of the unknown category {name!r} (kept, category empty).")

    @places.command("counts")
    def counts(
        db: DbOption = None,
        source: SourceOption = "force",
        start: FromOption = None,
        end: ToOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    ) -> None:
        """Counts and trend of a source by month, by area and (force data) by hour and day; small counts withheld."""
        from vawg.places import area_counts, hour_weekday_counts, monthly_trend, points, published_grid

        _check(source, "h3")
        with cli_errors(), open_store(db, read_only=True) as con:
            pts = points(
                con, source, _month(start, "--from", last_day=False), _month(end, "--to", last_day=True)
            )
        trend = monthly_trend(pts)
        areas = area_counts(pts)
        raw_grid = hour_weekday_counts(pts)
        grid = None if raw_grid is None else published_grid(raw_grid)
        if as_json:
            payload = {
                "source": pts.source, "description": pts.description, "from": str(pts.start), "to": str(pts.end),
                "without_location": pts.without_location, "trend": trend.trend, "trend_p": trend.p, "sen_slope": trend.slope,
                "areas": areas.to_dict(orient="records"),
                "hour_by_weekday": None if grid is None else {str(d): list(row) for d, row in grid.iterrows()},
            }  # fmt: skip
            typer.echo(json.dumps(payload, indent=2, default=str))
            return
        console = Console(width=max(Console().width, 120))
        console.print(f"{pts.description}, {pts.start:%b %Y}-{pts.end:%b %Y}: {len(pts.frame):,} located "
                      f"({pts.without_location:,} without a location); monthly trend: {trend.trend} "
                      f"(Mann-Kendall p = {trend.p:.3f}, Sen's slope {trend.slope:+.2f} a month).", highlight=False)  # fmt: skip
        table = Table(title="By area (earlier and later half of the period)")
        for heading in ("area", "count", "earlier", "later", "change"):
            table.add_column(heading, justify="left" if heading == "area" else "right")
        for row in areas.to_dict(orient="records"):
            table.add_row(str(row["area"]), _cell(row["count"]), _cell(row["count_earlier"]), _cell(row["count_later"]),
                          "withheld" if row["change"] is None else f"{row['change']:+,}")  # fmt: skip
        console.print(table)
        if raw_grid is not None:
            bands = published_grid(raw_grid, bands=6)
            hours = Table(title="By day of the week and hour of the day (--json: every hour)")
            hours.add_column("day")
            for band in bands.columns:
                hours.add_column(str(band), justify="right")
            for day, band_row in bands.iterrows():
                hours.add_row(str(day), *(_cell(v) for v in band_row))
            console.print(hours)

    @places.command("hotspots")
    def hotspots(
        db: DbOption = None,
        source: SourceOption = "force",
        start: FromOption = None,
        end: ToOption = None,
        unit: UnitOption = "h3",
        resolution: ResolutionOption = 8,
        top: Annotated[int, typer.Option(help="Rows in the table (significant hot spots).")] = 10,
        as_json: Annotated[bool, typer.Option("--json", help="Print every unit as JSON.")] = False,
        out: Annotated[
            Path | None, typer.Option(help="Write every unit to FILE: .json, .geojson (map layers) or .csv.")
        ] = None,
    ) -> None:
        """Getis-Ord Gi* hotspots with an FDR correction and Mann-Kendall emerging hotspots."""
        from vawg.places import find_hotspots, geojson_layers

        _check(source, unit)
        with cli_errors(), open_store(db, read_only=True) as con:
            result = find_hotspots(con, source, _month(start, "--from", last_day=False),
                                   _month(end, "--to", last_day=True), unit=unit, resolution=resolution)  # fmt: skip
        if out is not None:
            suffix = out.suffix.lower()
            if suffix == ".geojson":
                out.write_text(json.dumps(geojson_layers(result), default=str), encoding="utf-8")
            elif suffix == ".csv":
                result.published().drop(columns=["p"]).to_csv(out, index=False)
            elif suffix == ".json":
                out.write_text(json.dumps(result.to_dict(), indent=2, default=str), encoding="utf-8")
            else:
                raise typer.BadParameter(
                    f"--out: expected a .json, .geojson or .csv file; found {out.name!r}"
                )
        if as_json:
            typer.echo(json.dumps(result.to_dict(), indent=2, default=str))
            return
        console = Console(width=max(Console().width, 140))
        console.print(f"{result.description}, {result.start:%b %Y}-{result.end:%b %Y}: {result.points:,} located crimes in "
                      f"{len(result.table):,} units; {len(result.significant('Hot'))} hot and {len(result.significant('Cold'))} "
                      "cold spots at FDR q < 0.05.", highlight=False)  # fmt: skip
        table = Table(title="Significant hot spots holding the most crimes (counts under 5 withheld)")
        for heading in (
            "#",
            "unit",
            "lat",
            "lon",
            "count",
            "earlier",
            "later",
            "change",
            "Gi* z",
            "class",
            "trend",
            "emerging",
        ):
            table.add_column(
                heading,
                no_wrap=heading == "unit",
                justify="left" if heading in ("unit", "class", "trend", "emerging") else "right",
            )
        published = result.published().set_index("unit")
        for rank, u in enumerate(result.top_hot(top)["unit"], start=1):
            r = published.loc[u]
            table.add_row(str(rank), str(u), f"{r['latitude']:.4f}", f"{r['longitude']:.4f}", _cell(r["count"]),
                          _cell(r["count_earlier"]), _cell(r["count_later"]),
                          "withheld" if r["change"] is None else f"{r['change']:+,}", _cell(r["z"]), str(r["label"]),
                          str(r["trend"]), str(r["emerging"]))  # fmt: skip
        console.print(table)

    @places.command("map")
    def map_(
        out: Annotated[Path, typer.Option(help="The map: FILE.png or FILE.svg.")],
        db: DbOption = None,
        source: SourceOption = "force",
        start: FromOption = None,
        end: ToOption = None,
        unit: UnitOption = "h3",
        resolution: ResolutionOption = 8,
    ) -> None:
        """Draw the hotspot map (Gi* classes, hatched, no basemap) as a PNG or SVG."""
        from vawg.places import draw_hotspot_map, find_hotspots, save_figure

        _check(source, unit)
        with cli_errors():
            with open_store(db, read_only=True) as con:
                result = find_hotspots(con, source, _month(start, "--from", last_day=False),
                                       _month(end, "--to", last_day=True), unit=unit, resolution=resolution)  # fmt: skip
            path = save_figure(draw_hotspot_map(result), out)
        Console().print(f"Map written to {path}", highlight=False)

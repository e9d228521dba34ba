"""CLI: `vawg equality rri`, `vawg equality profile`, `vawg equality para42` (logic in vawg.equality)."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from vawg.cli._options import DbOption, JsonOption, cli_errors, open_store, parse_date

FromOption = Annotated[
    str | None, typer.Option("--from", help="First recorded date (default: 12 months to the extract).")
]
ToOption = Annotated[str | None, typer.Option("--to", help="Last recorded date (default: the extract date).")]
OutOption = Annotated[Path | None, typer.Option("--out", help="Write the table to FILE.csv or FILE.xlsx.")]


def _window(con: Any, start: str | None, end: str | None) -> tuple[date, date]:
    from vawg.equality import default_window

    first, last = default_window(con)
    return (parse_date(start, "--from") if start else first, parse_date(end, "--to") if end else last)


def _working(what: str) -> Any:
    """A spinner on stderr while the analysis runs (a minute at a large force's intersections)."""
    return Console(stderr=True).status(f"vawg equality: {what} …")


def _num(value: Any, digits: int = 2) -> str:
    return (
        ""
        if value is None or (isinstance(value, float) and not math.isfinite(value))
        else f"{value:.{digits}f}"
    )


def _count(value: Any) -> str:
    from pandas import NA  # here, not at start-up: the CLI starts without pandas

    return "withheld" if value is None or value is NA else f"{int(value):,}"


def _interval(low: Any, high: Any) -> str:
    return f"{_num(low)}–{_num(high)}" if _num(low) else ""


def _references(items: list[str]) -> dict[str, str]:
    from vawg.equality import BY_WORDS

    out = {}
    for item in items:
        word, _, group = item.partition("=")
        if word.strip().lower() not in BY_WORDS or not group.strip():
            raise typer.BadParameter(
                f"--reference: expected DIMENSION=GROUP, e.g. sex=Female; found {item!r}"
            )
        out[BY_WORDS[word.strip().lower()]] = group.strip()
    return out


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    equality = typer.Typer(
        help="Equality: disproportionality by stage (relative rates), victims and suspects by group."
    )
    app.add_typer(equality, name="equality")

    @equality.command("rri")
    def rri(
        db: DbOption = None,
        population: Annotated[
            str,
            typer.Option(help="da-suspects, vawg-suspects, stalking-suspects, da-victims or vawg-victims."),
        ] = "da-suspects",
        by: Annotated[
            str, typer.Option(help="sex, ethnicity, age, or two of them: sex,ethnicity / sex,age.")
        ] = "sex",
        start: FromOption = None,
        end: ToOption = None,
        reference: Annotated[
            list[str] | None,
            typer.Option(
                help="Reference group, e.g. sex=Female (default: sex=Male, ethnicity=White, age=25-34)."
            ),
        ] = None,
        as_json: JsonOption = False,
        out: OutOption = None,
    ) -> None:
        """Relative rates by stage against a reference group, with 95% intervals, offence-adjusted rates
        and bounds for "not stated"."""
        from vawg.equality import findings, missing_caveat, relative_rates, write_equality_table

        refs = _references(reference or [])
        with cli_errors(), open_store(db, read_only=True) as con, _working("relative rates by stage"):
            first, last = _window(con, start, end)
            result = relative_rates(con, population, by, start=first, end=last, reference=refs)
        if out is not None:
            with cli_errors():
                path = write_equality_table(result.rows, out)
            Console().print(f"Wrote {len(result.rows):,} rows to {path}", highlight=False)
            return
        if as_json:
            payload = result.to_dict() | {"findings": findings(result)}
            typer.echo(json.dumps(payload, indent=2, default=str))
            return
        console = Console(width=max(Console().width, 160))
        table = Table(
            title=f"{result.population.title}, {first} to {last}: relative rates against {result.reference} ({result.people:,} people)"
        )
        for heading in (
            "stage",
            "group",
            "people",
            "of",
            "rate",
            "RR",
            "95% interval",
            "p",
            "cumulative RR",
            "adjusted RR",
            "adjusted interval",
            "not-stated bounds",
        ):
            table.add_column(
                heading, justify="left" if heading in ("stage", "group") else "right", overflow="fold"
            )
        for r in result.rows.to_dict(orient="records"):
            table.add_row(
                r["stage"], r["group"], _count(r["people"]),
                _count(r["base"]), _num(r["rate"] * 100, 1) + ("%" if _num(r["rate"]) else ""),
                _num(r["rr"]), _interval(r["ci_low"], r["ci_high"]), _num(r["p_value"], 3), _num(r["cumulative_rr"]),
                _num(r["adjusted_rr"]), _interval(r["adjusted_low"], r["adjusted_high"]), _interval(r["bound_low"], r["bound_high"]),
            )  # fmt: skip
        console.print(table)
        for sentence in findings(result) + missing_caveat(
            result,
            "charged"
            if any(s.stage_id == "charged" for s in result.population.stages)
            else result.population.stages[-1].stage_id,
        ):
            console.print(sentence, highlight=False)

    @equality.command("profile")
    def profile(
        db: DbOption = None,
        start: FromOption = None,
        end: ToOption = None,
        as_json: JsonOption = False,
        out: OutOption = None,
    ) -> None:
        """Victims and suspects by sex, age band and ethnicity ("Not stated" always shown; small counts withheld)."""
        from vawg.equality import equality_profile, write_equality_table

        with cli_errors(), open_store(db, read_only=True) as con, _working("victims and suspects by group"):
            first, last = _window(con, start, end)
            frame = equality_profile(con, start=first, end=last)
        if out is not None:
            with cli_errors():
                path = write_equality_table(frame, out, sheet="profile")
            Console().print(f"Wrote {len(frame):,} rows to {path}", highlight=False)
            return
        if as_json:
            rows = [
                {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in r.items()}
                for r in frame.to_dict(orient="records")
            ]
            typer.echo(json.dumps({"from": str(first), "to": str(last), "rows": rows}, indent=2, default=str))
            return
        table = Table(title=f"Victims and suspects by group, crimes recorded {first} to {last}")
        for heading in ("population", "dimension", "group", "people", "share", "95% interval"):
            table.add_column(
                heading, justify="left" if heading in ("population", "dimension", "group") else "right"
            )
        for r in frame.to_dict(orient="records"):
            shown = not r["suppressed"]
            table.add_row(r["population"], r["dimension"], r["group"], f"{int(r['people']):,}" if shown else "withheld",
                          f"{r['share']:.1%}" if shown else "", _interval(r["share_low"], r["share_high"]) if shown else "")  # fmt: skip
        Console(width=max(Console().width, 120)).print(table)

    @equality.command("para42")
    def para42(
        db: DbOption = None, start: FromOption = None, end: ToOption = None, as_json: JsonOption = False
    ) -> None:
        """The board paper's para 42 answered: female against male DA suspects, overall and by ethnicity."""
        from vawg.equality import answer_para_42

        with cli_errors(), open_store(db, read_only=True) as con, _working("female and male DA suspects"):
            first, last = _window(con, start, end)
            answer = answer_para_42(con, start=first, end=last)
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "from": str(first),
                        "to": str(last),
                        "findings": answer.sentences,
                        "caveat": answer.caveat,
                    },
                    indent=2,
                )
            )
            return
        console = Console(width=max(Console().width, 120))
        console.print(
            f"DA suspects of crimes recorded {first} to {last}: female against male", highlight=False
        )
        for sentence in [*answer.sentences, *answer.caveat]:
            console.print(f"- {sentence}", highlight=False)

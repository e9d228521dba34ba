"""The board report's "Equality and disproportionality" section (paras 42, 54-56).

Female against male DA suspects at each stage over the report's twelve months: a dot-and-interval
figure (raw and offence-adjusted relative rates, log scale, a line at 1), a table and the findings
in words, with the not-stated caveat quantified. Everything comes from ``vawg.equality``; small
counts are withheld there. Self-contained: the board report only adds this section.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, NullLocator

from vawg.equality import answer_para_42
from vawg.errors import ConfigError
from vawg.reports._board_data import ReportWindow
from vawg.reports._style import GREY, OKABE_ITO, RenderedFigure, add_title, figure_style, new_figure, save

FIGURE_KEY = "equality-relative-rates"
STAGES = ("arrested", "bailed", "rui", "nfa", "charged", "cautioned", "community_resolution", "evidential")


@dataclass(frozen=True)
class RateTableRow:
    stage: str
    women: str  # "143 of 312"
    men: str
    rr: str
    interval: str
    adjusted: str


@dataclass
class DisproportionalitySection:
    sentences: list[str]
    caveat: list[str]
    rows: list[RateTableRow]
    figure: RenderedFigure | None
    period: str


def _fmt(value: Any, digits: int = 2) -> str:
    return (
        ""
        if value is None or not isinstance(value, float | int) or not math.isfinite(value)
        else f"{value:.{digits}f}"
    )


def _count(people: Any, base: Any) -> str:
    def one(v: Any) -> str:
        return "withheld" if pd.isna(v) else f"{int(v):,}"

    return f"{one(people)} of {one(base)}"


def _figure(rows: list[dict[Hashable, Any]], out_dir: Path, note: str) -> RenderedFigure | None:
    shown = [r for r in rows if _fmt(r["rr"]) and _fmt(r["ci_low"])]
    if not shown:
        return None
    with figure_style():
        fig = new_figure((6.9, 0.45 * len(shown) + 1.4))
        ax = fig.add_subplot()
        y = np.arange(len(shown))[::-1]
        for offset, (key, low, high, colour, marker, label) in enumerate(
            (
                ("rr", "ci_low", "ci_high", OKABE_ITO["blue"], "o", "raw"),
                (
                    "adjusted_rr",
                    "adjusted_low",
                    "adjusted_high",
                    OKABE_ITO["vermillion"],
                    "s",
                    "adjusted for offence type",
                ),
            )
        ):
            pts = [
                (yy + (0.15 if offset == 0 else -0.15), r)
                for yy, r in zip(y, shown, strict=True)
                if _fmt(r[key]) and _fmt(r[low])
            ]
            if not pts:
                continue
            ys = [p[0] for p in pts]
            mid = np.array([p[1][key] for p in pts])
            err = np.array([[p[1][key] - p[1][low] for p in pts], [p[1][high] - p[1][key] for p in pts]])
            ax.errorbar(mid, ys, xerr=err, fmt=marker, color=colour, ecolor=colour, capsize=3, label=label)
        ax.axvline(1.0, color=GREY, linestyle="--", linewidth=1)
        ax.set_xscale("log")
        lo, hi = ax.get_xlim()
        ax.set_xticks([t for t in (0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32) if lo <= t <= hi] or [1])
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_yticks(y, [r["stage_title"].split(" (")[0] for r in shown])
        ax.set_xlabel("Relative rate, female to male DA suspects (log scale; 1 = the same rate)")
        ax.grid(axis="x", color="#D9D9D9")
        ax.legend(loc="lower right")
        add_title(fig, "Female against male DA suspects: relative rate at each stage, with 95% intervals")
        fig.supxlabel(
            f"Source: vawg.equality (relative rates) · {note}", x=0.01, ha="left", fontsize=7.5, color=GREY
        )
        png, svg = save(fig, out_dir, FIGURE_KEY)
    alt = "; ".join(
        f"{r['stage_title']}: {_fmt(r['rr'])} ({_fmt(r['ci_low'])} to {_fmt(r['ci_high'])})" for r in shown
    )
    return RenderedFigure(FIGURE_KEY, None, "Female against male DA suspects by stage", (), png, svg,
                          f"Relative rates, female to male DA suspects: {alt}.")  # fmt: skip


def disproportionality_section(
    con: duckdb.DuckDBPyConnection, window: ReportWindow, figure_dir: Path, force: str
) -> DisproportionalitySection | None:
    """The section for the report's twelve months, or None when there are no male DA suspects to
    compare with. ``force`` names the force in the figure's source line."""
    try:
        answer = answer_para_42(con, start=window.start, end=window.end)
    except ConfigError:  # no male DA suspects in the window: nothing to compare with
        return None
    table = answer.overall.rows
    female = table[(table["group"] == "Female") & table["stage"].isin(STAGES)].to_dict(orient="records")
    male = {r["stage"]: r for r in table[table["group"] == "Male"].to_dict(orient="records")}
    rows = [
        RateTableRow(
            r["stage_title"], _count(r["people"], r["base"]), _count(male[r["stage"]]["people"], male[r["stage"]]["base"]),
            _fmt(r["rr"]), f"{_fmt(r['ci_low'])}–{_fmt(r['ci_high'])}" if _fmt(r["ci_low"]) else "",
            f"{_fmt(r['adjusted_rr'])} ({_fmt(r['adjusted_low'])}–{_fmt(r['adjusted_high'])})" if _fmt(r["adjusted_low"]) else "",
        )
        for r in female
    ]  # fmt: skip
    unclear = [s for s in answer.by_ethnicity_sentences if s.endswith("no clear difference.")]
    clear = [s for s in answer.by_ethnicity_sentences if not s.endswith("no clear difference.")]
    if unclear:
        clear.append(
            f"The other {len(unclear)} comparisons of women with men within an ethnic group showed no clear "
            "difference (their 95% intervals include 1); small groups give wide intervals."
        )
    return DisproportionalitySection(
        sentences=answer.overall_sentences + clear,
        caveat=answer.caveat,
        rows=rows,
        figure=_figure(female, figure_dir, f"{force}, DA crimes recorded {window.label}"),
        period=window.label,
    )


__all__ = ["FIGURE_KEY", "DisproportionalitySection", "RateTableRow", "disproportionality_section"]

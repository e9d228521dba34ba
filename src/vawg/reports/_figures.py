"""The board paper's three figures, drawn from metric results (never from a query of their own).

* Figure 1: outstanding DA suspects at each month end (``da_outstanding_suspects``), 12 months;
* Figure 2: stalking offences recorded (``stalking_recorded_crimes``, bars) with the stalking positive
  outcome rate (``stalking_positive_outcome_rate``, line, %, second axis), 12 months;
* Figure 3: recorded DA incidents (``da_incidents``) over two financial years.

Each is written as PNG (for the PDF and slides) and SVG (for the web), with the metric ids in a
caption and alt text generated from the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from vawg.errors import ReportError
from vawg.reports._paper_figures import PAPER_FIGURES, PaperFigure
from vawg.reports._sentences import month_name
from vawg.reports._style import (
    GREY,
    OKABE_ITO,
    RenderedFigure,
    ResultLike,
    add_caption,
    add_title,
    figure_style,
    month_axis_labels,
    new_figure,
    save,
)

THOUSANDS = FuncFormatter(lambda v, _: f"{v:,.0f}")


def _monthly(result: ResultLike, months: int) -> pd.DataFrame:
    """The last ``months`` rows of a monthly, undimensioned result, oldest first."""
    frame = result.frame.sort_values("period_start")
    if frame["period_start"].duplicated().any():
        raise ReportError(f"{result.metric.id}: a figure needs one row per month; got a breakdown")
    frame = frame.tail(months).reset_index(drop=True)
    if frame.empty:
        raise ReportError(f"{result.metric.id}: no months to draw", metric=result.metric.id)
    return frame


def _month_ticks(ax: object, frame: pd.DataFrame, every: int = 1) -> None:
    positions = np.arange(len(frame))
    labels = month_axis_labels(frame["period_start"])
    ax.set_xticks(positions[::every], labels[::every])  # type: ignore[attr-defined]
    ax.set_xlim(-0.6, len(frame) - 0.4)  # type: ignore[attr-defined]


def draw_outstanding_suspects(result: ResultLike, spec: PaperFigure = PAPER_FIGURES[0]) -> tuple[Figure, str]:
    """Figure 1: a line of month-end counts, the lowest point labelled."""
    frame = _monthly(result, spec.months)
    fig = new_figure()
    ax = fig.add_subplot()
    x = np.arange(len(frame))
    values = frame["value"].to_numpy(dtype=float)
    ax.plot(x, values, color=OKABE_ITO["blue"], marker="o", linewidth=2, markersize=4.5,
            label="Outstanding DA suspects (month end)")  # fmt: skip
    low = int(np.nanargmin(values))
    ax.plot([x[low]], [values[low]], marker="v", markersize=9, color=OKABE_ITO["vermillion"], linestyle="none",
            label="Lowest in the period")  # fmt: skip
    ax.annotate(f"{values[low]:,.0f}", (x[low], values[low]), textcoords="offset points", xytext=(0, -16),
                ha="center", fontsize=8.5, color=OKABE_ITO["vermillion"])  # fmt: skip
    ax.set_ylim(0, np.nanmax(values) * 1.15)
    ax.set_ylabel("Suspects outstanding")
    ax.yaxis.set_major_formatter(THOUSANDS)
    ax.set_xlabel("Month end")
    add_title(fig, spec.title)
    ax.legend(loc="lower left")
    _month_ticks(ax, frame)
    alt = (
        f"Line chart of outstanding domestic abuse suspects at each month end from {month_name(frame['period_start'].iloc[0])} "
        f"to {month_name(frame['period_start'].iloc[-1])}: {values[0]:,.0f} at the start, {values[-1]:,.0f} at the end; "
        f"lowest {values[low]:,.0f} in {month_name(frame['period_start'].iloc[low])}."
    )
    return fig, alt


def draw_stalking(
    count: ResultLike, rate: ResultLike, spec: PaperFigure = PAPER_FIGURES[1]
) -> tuple[Figure, str]:
    """Figure 2: bars of stalking offences, the positive outcome rate (%) as a line on a second axis."""
    counts = _monthly(count, spec.months)
    rates = _monthly(rate, spec.months).set_index("period_start")["value"].reindex(counts["period_start"])
    fig = new_figure()
    ax = fig.add_subplot()
    x = np.arange(len(counts))
    ax.bar(x, counts["value"], color=OKABE_ITO["sky_blue"], edgecolor=OKABE_ITO["blue"], width=0.7,
           hatch="//", linewidth=0.6)  # fmt: skip
    ax.set_ylabel("Stalking offences recorded")
    ax.yaxis.set_major_formatter(THOUSANDS)
    ax.set_ylim(0, float(counts["value"].max()) * 1.25)
    ax.set_xlabel("Month recorded")
    right = ax.twinx()
    percent = rates.to_numpy(dtype=float) * 100
    right.plot(x, percent, color=OKABE_ITO["vermillion"], marker="D", markersize=4.5, linewidth=2,
               linestyle="-")  # fmt: skip
    right.set_ylabel("Positive outcome rate (%)", color=OKABE_ITO["vermillion"])
    right.set_ylim(0, max(np.nanmax(percent) * 1.3, 1) if np.isfinite(percent).any() else 1)
    right.spines["right"].set_visible(True)
    right.grid(False)
    add_title(fig, spec.title)
    handles = [
        Patch(facecolor=OKABE_ITO["sky_blue"], edgecolor=OKABE_ITO["blue"], hatch="//",
              label="Stalking offences (bars, left axis)"),
        *right.get_lines()[:1],
    ]  # fmt: skip
    handles[1].set_label("Positive outcome rate, % (line, right axis)")
    ax.legend(handles=handles, loc="upper left", ncols=2)
    _month_ticks(ax, counts)
    last = percent[-1]
    alt = (
        f"Bar and line chart by month, {month_name(counts['period_start'].iloc[0])} to "
        f"{month_name(counts['period_start'].iloc[-1])}: stalking offences recorded ranged from "
        f"{counts['value'].min():,.0f} to {counts['value'].max():,.0f} a month; the positive outcome rate was "
        f"{last:.1f}% in the last month."
    )
    return fig, alt


def draw_da_incidents(result: ResultLike, spec: PaperFigure = PAPER_FIGURES[2]) -> tuple[Figure, str]:
    """Figure 3: monthly DA incidents over two years, each financial year shaded and labelled."""
    frame = _monthly(result, spec.months)
    fig = new_figure()
    ax = fig.add_subplot()
    x = np.arange(len(frame))
    values = frame["value"].to_numpy(dtype=float)
    ax.plot(x, values, color=OKABE_ITO["bluish_green"], marker="s", markersize=4, linewidth=2,
            label="DA incidents recorded")  # fmt: skip
    ax.set_ylim(0, np.nanmax(values) * 1.2)
    starts = pd.to_datetime(frame["period_start"])
    fy = np.where(starts.dt.month >= 4, starts.dt.year, starts.dt.year - 1)
    for i, year in enumerate(dict.fromkeys(fy)):
        where = np.flatnonzero(fy == year)
        if i % 2 == 0:
            ax.axvspan(where[0] - 0.5, where[-1] + 0.5, color="#F2F2F2", zorder=0)
        ax.text((where[0] + where[-1]) / 2, np.nanmax(values) * 1.12, f"{year}/{(year + 1) % 100:02d}",
                ha="center", fontsize=8.5, color=GREY)  # fmt: skip
    ax.set_ylabel("Incidents per month")
    ax.yaxis.set_major_formatter(THOUSANDS)
    ax.set_xlabel("Month reported")
    add_title(fig, spec.title)
    ax.legend(loc="lower left")
    _month_ticks(ax, frame, every=2)
    alt = (
        f"Line chart of domestic abuse incidents recorded each month from {month_name(frame['period_start'].iloc[0])} "
        f"to {month_name(frame['period_start'].iloc[-1])}, between {values.min():,.0f} and {values.max():,.0f} a month."
    )
    return fig, alt


def render_paper_figures(
    results: Mapping[str, ResultLike], out_dir: Path, *, source_note: str | None = None, show_ids: bool = True
) -> list[RenderedFigure]:
    """Draw the three figures from monthly ``results`` (keyed by metric id) into ``out_dir``.

    ``show_ids=False`` leaves the metric ids out of the caption (the board paper lists them in its appendix).
    """
    missing = [m for spec in PAPER_FIGURES for m in spec.metric_ids if m not in results]
    if missing:
        raise ReportError(f"the paper's figures need metrics {', '.join(missing)}", missing=missing)
    rendered = []
    with figure_style():
        for spec in PAPER_FIGURES:
            if spec.number == 1:
                fig, alt = draw_outstanding_suspects(results[spec.metric_ids[0]], spec)
            elif spec.number == 2:
                fig, alt = draw_stalking(results[spec.metric_ids[0]], results[spec.metric_ids[1]], spec)
            else:
                fig, alt = draw_da_incidents(results[spec.metric_ids[0]], spec)
            add_caption(fig, spec.metric_ids, source_note, show_ids=show_ids)
            png, svg = save(fig, Path(out_dir), spec.key)
            rendered.append(RenderedFigure(spec.key, spec.number, spec.title, spec.metric_ids, png, svg, alt))
    return rendered


__all__ = [
    "PAPER_FIGURES",
    "PaperFigure",
    "draw_da_incidents",
    "draw_outstanding_suspects",
    "draw_stalking",
    "render_paper_figures",
]

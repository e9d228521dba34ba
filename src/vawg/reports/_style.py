"""The look of every vawg figure: colour-blind-safe colours, readable type, PNG and SVG output.

Colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies), and no figure
relies on colour alone: series differ in shape too (bars against lines, marker shapes, dash styles)
and each carries a text label. Figures are drawn on ``matplotlib.figure.Figure`` objects, never
pyplot: no global backend or figure state (PNGs are rasterised by Agg, SVGs by the SVG canvas), so
rendering is safe in tests, threads and a web server.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from vawg.reports._palette import GREY, OKABE_ITO

# Sized for an A4 board pack: 17 cm wide at full column width; 9 pt and up.
FIGURE_SIZE = (6.9, 3.5)
PNG_DPI = 200

RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#D9D9D9",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8.5,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "svg.fonttype": "none",  # keep SVG text as text: searchable and read by screen readers
    "svg.hashsalt": "vawg",  # deterministic ids, so the same data gives the same file
}


class ResultLike(Protocol):
    """What a figure needs of a ``vawg.metrics.MetricResult``: the metric record and its frame."""

    metric: Any
    frame: pd.DataFrame


@dataclass(frozen=True)
class RenderedFigure:
    """A figure written to disk: where, what it shows and which metrics it was drawn from."""

    key: str
    number: int | None
    title: str
    metric_ids: tuple[str, ...]
    png: Path
    svg: Path
    alt_text: str


@contextmanager
def figure_style() -> Iterator[None]:
    with mpl.rc_context(cast(Any, RC)):
        yield


def new_figure(size: tuple[float, float] = FIGURE_SIZE) -> Figure:
    return Figure(figsize=size, layout="constrained")


def add_caption(
    fig: Figure, metric_ids: tuple[str, ...], source_note: str | None, *, show_ids: bool = True
) -> None:
    """A caption under the plot naming the metric ids the figure was drawn from (or, for a board
    paper, ``show_ids=False``, only the force's records: the ids are in the paper's appendix)."""
    ids = ", ".join(metric_ids)
    text = (
        f"Source: vawg metric{'s' if len(metric_ids) > 1 else ''} {ids}"
        if show_ids
        else "Source: force records"
    )
    if source_note:
        text += f" · {source_note}"
    fig.supxlabel(textwrap.fill(text, 125), x=0.01, ha="left", fontsize=7.5, color=GREY)


def add_title(fig: Figure, title: str) -> None:
    """The figure's title across the whole figure (not one axes), wrapped if long."""
    fig.suptitle(textwrap.fill(title, 80), x=0.01, ha="left", fontsize=10.5, fontweight="bold")


def month_axis_labels(starts: pd.Series) -> list[str]:
    """'Apr 22' style labels for month starts."""
    return [pd.Timestamp(d).strftime("%b %y") for d in starts]


def save(fig: Figure, out_dir: Path, stem: str) -> tuple[Path, Path]:
    """Write ``stem.png`` and ``stem.svg`` into ``out_dir``; return both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    png, svg = out_dir / f"{stem}.png", out_dir / f"{stem}.svg"
    fig.savefig(png, dpi=PNG_DPI, metadata={"Software": "vawg"})
    fig.savefig(svg, metadata={"Date": None, "Creator": "vawg"})
    return png, svg


__all__ = [
    "FIGURE_SIZE",
    "GREY",
    "OKABE_ITO",
    "PNG_DPI",
    "RenderedFigure",
    "ResultLike",
    "add_caption",
    "add_title",
    "figure_style",
    "month_axis_labels",
    "new_figure",
    "save",
]

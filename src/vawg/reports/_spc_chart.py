"""XmR (SPC) charts and the NHS "Making Data Count" icons, drawn from ``vawg.metrics.spc`` results.

The statistics (limits, rules, point types, icons) are ``vawg.metrics.spc``'s; this module only
draws them. No meaning rests on colour alone or on a glyph alone: every special-cause type has its
own marker shape *and* colour and a legend label (improvement ✚ blue, concern ✖ orange, neutral high
▲ and neutral low ▼ purple), and every icon its own symbol, colour and a text label beside it.
Phases after declared change points get their own mean and limits, with the change marked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle
from matplotlib.ticker import FuncFormatter, PercentFormatter

from vawg.reports._spc_icons import ASSURANCE_ICONS, POINT_STYLES, VARIATION_ICONS, icon_label, icon_svg
from vawg.reports._style import (
    GREY,
    OKABE_ITO,
    RenderedFigure,
    figure_style,
    month_axis_labels,
    save,
)

TILE_SIZE = (3.6, 2.5)


def _draw_icon(fig: Figure, variation: str, top: float) -> None:
    """The variation icon at the right of the plot, level with its top."""
    label, colour, letter = VARIATION_ICONS.get(variation, ("Unknown", GREY, "?"))
    width, height = fig.get_size_inches()
    side = 0.42  # inches
    inset = fig.add_axes((1 - (side + 0.08) / width, top - side / height, side / width, side / height))
    inset.add_patch(Circle((0.5, 0.5), 0.45, facecolor="white", edgecolor=colour, linewidth=2))
    inset.text(0.5, 0.47, letter, ha="center", va="center", fontsize=10 if len(letter) == 1 else 7.5,
               fontweight="bold", color=colour)  # fmt: skip
    inset.set_xlim(0, 1)
    inset.set_ylim(0, 1)
    inset.axis("off")
    inset.set_label(label)


def draw_spc(
    result: Any, *, title: str | None, unit: str = "count", size: tuple[float, float] = TILE_SIZE
) -> Figure:
    """An XmR chart of a ``vawg.metrics.SpcResult``: points, mean, process limits, special causes.

    A fixed layout (not the layout engine): title on top, the icon right of the plot, the legend
    and the caption below, so small tiles line up in a grid.
    """
    frame: pd.DataFrame = result.frame
    scale = 100 if unit == "rate" else 1
    y = frame["y"].to_numpy(dtype=float) * scale
    x = np.arange(len(frame))
    fig = Figure(figsize=size)
    top = 0.80 if title else 0.94
    fig.subplots_adjust(left=0.13, right=0.84, top=top, bottom=0.34)
    ax = fig.add_subplot()
    ax.plot(x, y, color=GREY, linewidth=1.2, marker="o", markersize=2.5, zorder=2)
    phases = frame["phase"].to_numpy() if "phase" in frame else np.ones(len(frame), dtype=int)
    for phase in np.unique(phases):  # each phase's own mean and limits, as steps across its points
        at = np.flatnonzero(phases == phase)
        span = [x[at[0]] - 0.5, x[at[-1]] + 0.5]
        row = frame.iloc[at[0]]
        mean, lpl, upl = (row[k] if k in frame else getattr(result, k) for k in ("mean", "lpl", "upl"))
        ax.plot(span, [mean * scale] * 2, color=OKABE_ITO["black"], linewidth=1, zorder=1)
        for limit in (lpl, upl):
            ax.plot(
                span,
                [limit * scale] * 2,
                color=OKABE_ITO["black"],
                linewidth=0.9,
                linestyle=(0, (4, 2)),
                zorder=1,
            )
        if at[0] > 0:  # a declared change point: a vertical rule and the word
            ax.axvline(x[at[0]] - 0.5, color=GREY, linewidth=0.8, linestyle=":", zorder=1)
            ax.text(x[at[0]] - 0.4, 1.0, "change", transform=ax.get_xaxis_transform(), fontsize=6, color=GREY,
                    va="bottom", ha="left")  # fmt: skip
    handles = [
        Line2D([], [], color=OKABE_ITO["black"], label="Mean"),
        Line2D([], [], color=OKABE_ITO["black"], linestyle=(0, (4, 2)), label="Process limits"),
    ]
    if len(np.unique(phases)) > 1:
        handles.append(Line2D([], [], color=GREY, linestyle=":", label="Limits recalculated"))
    if getattr(result, "target", None) is not None:
        ax.axhline(
            result.target * scale, color=OKABE_ITO["bluish_green"], linewidth=1.1, linestyle="-.", zorder=1
        )
        handles.append(Line2D([], [], color=OKABE_ITO["bluish_green"], linestyle="-.", label="Target"))
    for point_type, (label, colour, marker, _) in POINT_STYLES.items():
        mask = (frame["point_type"] == point_type).to_numpy()
        if mask.any():
            ax.plot(x[mask], y[mask], linestyle="none", marker=marker, markersize=5.5, color=colour, zorder=3)
            handles.append(Line2D([], [], linestyle="none", marker=marker, color=colour, label=label))
    if title:  # a tile in the report has its own heading
        fig.text(0.02, 0.93, title, fontsize=8.5, fontweight="bold", va="center")
    if (y >= 0).all():  # counts and rates: a limit below zero is not drawn
        ax.set_ylim(bottom=0)
    if hasattr(frame["x"].iloc[0], "month"):
        labels = month_axis_labels(frame["x"])
        step = max(1, len(labels) // 6)
        ax.set_xticks(x[::step], labels[::step])
    ax.tick_params(labelsize=7)
    ax.yaxis.set_major_formatter(
        PercentFormatter(100) if unit == "rate" else FuncFormatter(lambda v, _: f"{v:,.0f}")
    )
    fig.legend(handles=handles, fontsize=6.5, loc="lower left", bbox_to_anchor=(0.01, 0.07), ncols=2,
               handlelength=1.6, columnspacing=1.0)  # fmt: skip
    _draw_icon(fig, result.variation, top)
    return fig


def render_spc_chart(
    result: Any,
    out_dir: Path,
    *,
    key: str,
    metric_id: str,
    title: str,
    unit: str,
    source_note: str | None = None,
    show_title: bool = True,
) -> RenderedFigure:
    """Write the XmR chart of ``result`` as PNG and SVG; alt text states the icon and the limits."""
    with figure_style():
        fig = draw_spc(result, title=title if show_title else None, unit=unit)
        # a board tile names the force's records (its metric id is in the appendix), a bare chart its id
        source = f"Source: {source_note}" if source_note else f"Source: metric {metric_id}"
        fig.text(0.02, 0.015, source, fontsize=6.5, color=GREY)
        png, svg = save(fig, Path(out_dir), key)
    scale = 100 if unit == "rate" else 1
    suffix = "%" if unit == "rate" else ""
    phased = (
        f"limits recalculated from {', '.join(f'{pd.Timestamp(d):%B %Y}' for d in result.phase_starts)}; "
        if getattr(result, "phase_starts", None)
        else ""
    )
    alt = (
        f"SPC chart of {title}: {phased}mean {result.mean * scale:,.1f}{suffix}, process limits "
        f"{result.lpl * scale:,.1f}{suffix} to {result.upl * scale:,.1f}{suffix}; "
        f"{int(result.frame['special_cause'].sum())} special-cause points; latest point: "
        f"{icon_label(result.variation).lower()}."
    )
    return RenderedFigure(key, None, title, (metric_id,), png, svg, alt)


__all__ = [
    "ASSURANCE_ICONS",
    "POINT_STYLES",
    "VARIATION_ICONS",
    "draw_spc",
    "icon_label",
    "icon_svg",
    "render_spc_chart",
]

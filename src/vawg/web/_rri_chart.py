"""The equality page's dot-and-interval chart: each group's relative rate at each stage, with its
95% interval, on a log scale with a line at 1, drawn as SVG on the server.

Written as SVG directly (not matplotlib) because it is one small figure per selection, drawn in a
few milliseconds and inlined in the page. Groups differ in marker shape as well as colour (never
colour alone), and the figure carries a text description; the table beside it gives every value.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from html import escape
from typing import Any

# Okabe-Ito (colour-blind safe), paired with a shape each.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "plus", "cross")
LEFT, RIGHT, TOP, ROW, WIDTH = 230, 20, 30, 15, 720
TICKS = (1 / 64, 1 / 32, 1 / 16, 0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64)


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and math.isfinite(value) and value > 0


def plotted(rows: Sequence[Mapping[Hashable, Any]]) -> list[Mapping[Hashable, Any]]:
    """The rows the chart can show: a relative rate and an interval (not the reference, not withheld)."""
    return [
        r
        for r in rows
        if not r["is_reference"]
        and not r["suppressed"]
        and _finite(r["rr"])
        and _finite(r["ci_low"])
        and _finite(r["ci_high"])
    ]


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    r = 4.5
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" fill="{colour}"/>'
    points = {
        "triangle": ((0, -r), (r, r), (-r, r)),
        "triangle-down": ((0, r), (r, -r), (-r, -r)),
        "diamond": ((0, -r), (r, 0), (0, r), (-r, 0)),
    }.get(shape)
    if points:
        pts = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in points)
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "plus":
        return (
            f'<path d="M{x - r:.1f} {y:.1f}H{x + r:.1f}M{x:.1f} {y - r:.1f}V{y + r:.1f}" '
            f'stroke="{colour}" stroke-width="2.5"/>'
        )
    return (
        f'<path d="M{x - r:.1f} {y - r:.1f}L{x + r:.1f} {y + r:.1f}M{x - r:.1f} {y + r:.1f}L{x + r:.1f} {y - r:.1f}" '
        f'stroke="{colour}" stroke-width="2.5"/>'
    )


def rri_chart_svg(rows: Sequence[Mapping[Hashable, Any]], *, reference: str, description: str) -> str | None:
    """The chart of ``rows`` (a relative rate table's rows) as an SVG element, or None when no row
    has an interval. ``description`` is the figure's text alternative."""
    shown = plotted(rows)
    if not shown:
        return None
    groups = list(dict.fromkeys(str(r["group"]) for r in shown))
    stages = list(dict.fromkeys(str(r["stage_title"]) for r in shown))
    low = min(min(r["ci_low"] for r in shown), 1.0)
    high = max(max(r["ci_high"] for r in shown), 1.0)
    lo_tick = max([t for t in TICKS if t <= low] or [TICKS[0]])
    hi_tick = min([t for t in TICKS if t >= high] or [TICKS[-1]])
    span = math.log(hi_tick) - math.log(lo_tick)

    def x_of(value: float) -> float:
        clamped = min(max(value, lo_tick), hi_tick)
        return LEFT + (math.log(clamped) - math.log(lo_tick)) / span * (WIDTH - LEFT - RIGHT)

    legend_rows = math.ceil(len(groups) / 3)
    height = TOP + ROW * (len(shown) + len(stages)) + 40 + 18 * legend_rows
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rri-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="rri-title rri-desc">',
        '<title id="rri-title">Relative rate at each stage, with 95% intervals</title>',
        f'<desc id="rri-desc">{escape(description)}</desc>',
        f'<text x="{LEFT}" y="16" font-size="12">Relative rate against {escape(reference)} '
        "(log scale; 1 = the same rate)</text>",
    ]
    y = TOP
    bottom = TOP + ROW * (len(shown) + len(stages))
    for tick in (t for t in TICKS if lo_tick <= t <= hi_tick):
        tx = x_of(tick)
        dash = "" if tick == 1 else ' stroke-dasharray="2 3"'
        colour = "#444444" if tick == 1 else "#BBBBBB"
        out.append(
            f'<line x1="{tx:.1f}" y1="{TOP - 4}" x2="{tx:.1f}" y2="{bottom}" stroke="{colour}"{dash}/>'
        )
        label = f"{tick:g}" if tick >= 1 else f"1/{round(1 / tick)}"
        out.append(f'<text x="{tx:.1f}" y="{bottom + 14}" font-size="11" text-anchor="middle">{label}</text>')
    for stage in stages:
        out.append(f'<text x="4" y="{y + 11}" font-size="12" font-weight="bold">{escape(stage)}</text>')
        y += ROW
        for r in (r for r in shown if r["stage_title"] == stage):
            i = groups.index(str(r["group"]))
            colour, shape = COLOURS[i % len(COLOURS)], SHAPES[i % len(SHAPES)]
            cy = y + ROW / 2
            out.append(f'<text x="14" y="{y + 11}" font-size="11">{escape(str(r["group"]))}</text>')
            out.append(
                f'<line x1="{x_of(r["ci_low"]):.1f}" y1="{cy:.1f}" x2="{x_of(r["ci_high"]):.1f}" y2="{cy:.1f}" '
                f'stroke="{colour}" stroke-width="2"/>'
            )
            out.append(_marker(shape, x_of(r["rr"]), cy, colour))
            y += ROW
    ly = bottom + 34
    for i, group in enumerate(groups):
        lx = LEFT + (i % 3) * 160
        row_y = ly + (i // 3) * 18
        out.append(_marker(SHAPES[i % len(SHAPES)], lx, row_y - 4, COLOURS[i % len(COLOURS)]))
        out.append(f'<text x="{lx + 10}" y="{row_y}" font-size="11">{escape(group)}</text>')
    out.append("</svg>")
    return "\n".join(out)


__all__ = ["plotted", "rri_chart_svg"]

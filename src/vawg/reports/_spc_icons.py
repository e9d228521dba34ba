"""The "Making Data Count" icons: variation and assurance, as inline SVG with a label in words.

Each icon carries a letter as well as a colour (no meaning by colour alone) and a <title> for screen
readers. Apart from the charts (``_spc_chart``) so a web page's tiles do not import matplotlib.
"""

from __future__ import annotations

from html import escape
from typing import Any

from vawg.reports._palette import GREY, OKABE_ITO

# variation -> (label, colour, symbol on the icon): H/L say high or low, + improvement, ! concern,
# so two icons never differ by colour alone.
VARIATION_ICONS: dict[str, tuple[str, str, str]] = {
    "common_cause": ("Common cause variation", GREY, "~"),
    "improvement_high": ("Special cause: improvement (high)", OKABE_ITO["blue"], "H+"),
    "improvement_low": ("Special cause: improvement (low)", OKABE_ITO["blue"], "L+"),
    "concern_high": ("Special cause: concern (high)", OKABE_ITO["orange"], "H!"),
    "concern_low": ("Special cause: concern (low)", OKABE_ITO["orange"], "L!"),
    "neutral_high": ("Special cause: neutral (high)", OKABE_ITO["reddish_purple"], "H"),
    "neutral_low": ("Special cause: neutral (low)", OKABE_ITO["reddish_purple"], "L"),
}

# SPC chart points: point_type -> (legend label, colour, matplotlib marker, the marker as a glyph in
# text). The chart draws the marker; a caption or alt text names the glyph, so both say the same.
POINT_STYLES: dict[str, tuple[str, str, str, str]] = {
    "special_cause_improvement": ("Special cause: improvement", OKABE_ITO["blue"], "P", "✚"),
    "special_cause_concern": ("Special cause: concern", OKABE_ITO["orange"], "X", "✖"),
    "special_cause_neutral_high": ("Special cause: neutral (high)", OKABE_ITO["reddish_purple"], "^", "▲"),
    "special_cause_neutral_low": ("Special cause: neutral (low)", OKABE_ITO["reddish_purple"], "v", "▼"),
}


def point_key() -> str:
    """The chart's special-cause markers in words: "✚ improvement, ✖ concern, …"."""
    return ", ".join(
        f"{glyph} {label.removeprefix('Special cause: ')}" for label, _, _, glyph in POINT_STYLES.values()
    )


# assurance -> (label, colour, letter); None: no target set
ASSURANCE_ICONS: dict[str | None, tuple[str, str, str]] = {
    "pass": ("Consistently passes the target", OKABE_ITO["blue"], "P"),
    "fail": ("Consistently fails the target", OKABE_ITO["orange"], "F"),
    "hit_and_miss": ("Hit and miss against the target", GREY, "?"),
    None: ("No target set", "#BBBBBB", "–"),
}


def icon_svg(kind: str | None, *, assurance: bool = False, size: int = 30) -> str:
    """An inline SVG icon (circle with a letter) with a <title> for screen readers."""
    table: dict[Any, tuple[str, str, str]] = ASSURANCE_ICONS if assurance else VARIATION_ICONS
    label, colour, letter = table.get(kind, ("Unknown", GREY, "?"))
    r = size / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
        f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>'
        f'<circle cx="{r}" cy="{r}" r="{r - 1.5}" fill="white" stroke="{colour}" stroke-width="3"/>'
        f'<text x="{r}" y="{r + size * 0.17}" text-anchor="middle" font-family="DejaVu Sans, sans-serif" '
        f'font-weight="bold" font-size="{size * (0.48 if len(letter) == 1 else 0.36):.0f}" fill="{colour}">'
        f"{escape(letter)}</text></svg>"
    )


def icon_label(kind: str | None, *, assurance: bool = False) -> str:
    table: dict[Any, tuple[str, str, str]] = ASSURANCE_ICONS if assurance else VARIATION_ICONS
    return table.get(kind, ("Unknown", GREY, "?"))[0]


__all__ = ["ASSURANCE_ICONS", "POINT_STYLES", "VARIATION_ICONS", "icon_label", "icon_svg", "point_key"]

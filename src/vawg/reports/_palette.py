"""The colours every figure and icon uses: Okabe–Ito (safe for colour-blind readers) and a grey.

Kept apart from the drawing code so an icon on a web page does not import matplotlib.
"""

from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
GREY = "#6E6E6E"

__all__ = ["GREY", "OKABE_ITO"]

"""The board report's "Safety in Public" section: trend figure, hotspot map, top cells, sentences.

Built from the force's public-space VAWG (the rule in ``vawg.places._sources``) over the report's
24 months (the past twelve against the twelve before), and from police.uk "Violence and sexual
offences" when loaded months fall in that window. Aggregates only; small counts withheld.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from vawg.errors import VawgError
from vawg.places._analysis import HotspotResult, analyse_points
from vawg.places._categories import VIOLENCE_AND_SEXUAL
from vawg.places._maps import MapFigure, draw_hotspot_map, draw_trend, write_both
from vawg.places._sources import PUBLIC_SPACE_RULE, Points, force_points, policeuk_points
from vawg.places._trends import MonthlyTrend, monthly_trend, night_time_share

TOP_ROWS = 5


@dataclass(frozen=True)
class TopCell:
    """One row of the section's table of significant hot spots (published values, as text)."""

    rank: int
    where: str
    count: str
    earlier: str
    later: str
    change: str
    z: str
    label: str
    trend: str


@dataclass
class SafetySection:
    """What the template shows under "Safety in Public"."""

    sentences: list[str]
    figures: list[MapFigure]
    top: list[TopCell]
    rule: str = PUBLIC_SPACE_RULE
    notes: list[str] = field(default_factory=list)


def _withheld(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def _count(value: object) -> str:
    return "<5" if _withheld(value) else f"{int(str(value)):,}"


def _change(value: object) -> str:
    return "withheld" if _withheld(value) else f"{int(str(value)):+,}"


def _top_cells(result: HotspotResult, pts: Points) -> list[TopCell]:
    published = result.published().set_index("unit")
    hot = result.top_hot(TOP_ROWS)
    rows = []
    for rank, unit in enumerate(hot["unit"], start=1):
        row = published.loc[unit]
        near = str(row["area"])
        rows.append(TopCell(
            rank, f"{near} ({float(row['latitude']):.3f}, {float(row['longitude']):.3f})", _count(row["count"]),
            _count(row["count_earlier"]), _count(row["count_later"]), _change(row["change"]),
            "—" if row["z"] is None else f"{float(row['z']):.1f}", str(row["label"]), str(row["trend"]),
        ))  # fmt: skip
    return rows


def _change_sentence(trend: MonthlyTrend, what: str, start: date) -> str:
    counts = trend.counts
    half = len(counts) // 2
    earlier, later = int(counts.iloc[:half].sum()), int(counts.iloc[len(counts) - half :].sum())
    if earlier:
        pct = (later - earlier) / earlier
        move = f"{'up' if pct > 0 else 'down'} {abs(pct):.0%}" if abs(pct) >= 0.005 else "unchanged"
    else:
        move = "none in the earlier period"
    words = {"increasing": "a rising trend", "decreasing": "a falling trend", "no trend": "no significant trend",
             "too few months": "too few months to test a trend"}[trend.trend]  # fmt: skip
    return (f"{what}: {later:,} in the past {half} months against {earlier:,} in the {half} before ({move}); "
            f"the monthly series since {start:%B %Y} shows {words} (Mann-Kendall, 5% level).")  # fmt: skip


def safety_in_public_section(con: duckdb.DuckDBPyConnection, figure_dir: Path, start: date, end: date,
                             *, force_name: str = "The force") -> SafetySection | None:  # fmt: skip
    """The section for months ``start``..``end`` (24 months in the board report), or None when the
    store holds no locations (a contract 1.0 store and no police.uk data)."""
    try:
        pts = force_points(con, start, end)
    except VawgError:
        return None
    if len(pts.frame) < 3:
        return None
    trends: dict[str, MonthlyTrend] = {"Force public-space VAWG": monthly_trend(pts)}
    sentences = [
        _change_sentence(
            trends["Force public-space VAWG"], f"{force_name} recorded public-space VAWG offences", start
        )
    ]
    try:
        police = policeuk_points(con, start, end, VIOLENCE_AND_SEXUAL)
        if len(police.frame):
            trends['police.uk "Violence and sexual offences"'] = monthly_trend(police)
            sentences.append(_change_sentence(
                trends['police.uk "Violence and sexual offences"'], 'police.uk "Violence and sexual offences"', start
            ))  # fmt: skip
    except VawgError:
        pass
    result = analyse_points(pts)
    hot = result.significant("Hot")
    emerging = int((result.table["emerging"] == "new or intensifying hot spot").sum())
    clusters = result.hot_clusters()
    sentences.append(
        f"Getis-Ord Gi* finds {len(hot)} hexagons of about 0.7 km² that are significant hot spots of public-space "
        f"VAWG (false-discovery rate under 5%), in {clusters} place{'s' if clusters != 1 else ''}; {emerging} of "
        "them new or intensifying (a rising Mann-Kendall trend). The map and table below show where."
        if len(hot)
        else "Getis-Ord Gi* finds no significant hot spot of public-space VAWG (false-discovery rate under 5%)."
    )
    night = night_time_share(pts)
    if night and night[1]:
        sentences.append(f"{night[0] / night[1]:.0%} of these offences with a known time happened on Friday and "
                         "Saturday nights (21:00-03:59), the night-time economy's hours (Operation Shepherdess).")  # fmt: skip
    sentences.append("Domestic abuse is excluded and never mapped: its places are homes.")
    span = f"{start:%b %Y}-{end:%b %Y}"
    figures = [
        write_both(draw_trend(trends, f"Public-space VAWG by month, {span}"), figure_dir, "safety-in-public-trend",
                   f"Public-space VAWG by month, {span}",
                   "Line chart of monthly counts; " + "; ".join(f"{k}: {v.trend}" for k, v in trends.items())),
        write_both(draw_hotspot_map(result, f"Hot spots of public-space VAWG, {span}"), figure_dir,
                   "safety-in-public-map", f"Hot spots of public-space VAWG, {span}",
                   f"Hexagon map of Gi* classes; {len(hot)} significant hot spots, numbered as in the table"),
    ]  # fmt: skip
    notes = [f"{pts.without_location:,} public-space offences had no location: they are in no count, trend or map above."
             if pts.without_location else "Every public-space offence in the period had a location."]  # fmt: skip
    return SafetySection(sentences, figures, _top_cells(result, pts), notes=notes)


__all__ = ["SafetySection", "TopCell", "safety_in_public_section"]

"""SPC charts and icons drawn from vawg.metrics.spc results."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from vawg.metrics import spc
from vawg.reports import icon_svg, render_spc_chart
from vawg.reports._spc_chart import ASSURANCE_ICONS, POINT_STYLES, VARIATION_ICONS


def _series(values: list[float]) -> pd.Series:
    return pd.Series(values, index=pd.date_range(date(2021, 4, 1), periods=len(values), freq="MS").date)


def test_special_cause_points_are_marked_by_shape_and_the_alt_text_counts_them(tmp_path: Path) -> None:
    values = [100, 102, 98, 101, 99, 103, 97, 100, 101, 99, 100, 98, 60, 58, 57, 59, 61, 56, 58, 57]
    result = spc(_series(values), higher_is_better=False)
    chart = render_spc_chart(result, tmp_path, key="spc", metric_id="m_id", title="A count", unit="count")
    special = int(result.frame["special_cause"].sum())
    assert special > 0
    assert f"{special} special-cause points" in chart.alt_text
    assert "improvement" in chart.alt_text  # low is better here, and the last point is low
    svg = chart.svg.read_text(encoding="utf-8")
    assert "Special cause: improvement" in svg and "Process limits" in svg and "m_id" in svg


def test_common_cause_series_has_no_special_markers(tmp_path: Path) -> None:
    values = [50, 52, 49, 51, 50, 48, 51, 49, 52, 50, 49, 51, 50, 48]
    result = spc(_series(values), higher_is_better=True)
    chart = render_spc_chart(result, tmp_path, key="flat", metric_id="m", title="Flat", unit="count")
    svg = chart.svg.read_text(encoding="utf-8")
    assert result.variation == "common_cause"
    assert not any(label in svg for label, _, _, _ in POINT_STYLES.values())


def test_icons_carry_a_text_label_as_well_as_a_colour() -> None:
    for kind, (label, colour, letter) in VARIATION_ICONS.items():
        svg = icon_svg(kind)
        assert f"<title>{label}</title>" in svg and colour in svg and f">{letter}</text>" in svg
    assert "No target set" in icon_svg(None, assurance=True)  # type: ignore[arg-type]
    assert set(ASSURANCE_ICONS) == {"pass", "fail", "hit_and_miss", None}


def test_no_meaning_by_colour_alone_or_by_glyph_alone() -> None:
    # every special-cause type has its own marker and its own (colour, marker) pair
    markers = [marker for _, _, marker, _ in POINT_STYLES.values()]
    assert len(set(markers)) == len(markers)
    # neutral high and low: same family colour, different glyphs pointing the way they lie
    assert POINT_STYLES["special_cause_neutral_high"][2] == "^"
    assert POINT_STYLES["special_cause_neutral_low"][2] == "v"
    # every icon has its own symbol, so two icons never differ only by colour
    for table in (VARIATION_ICONS, ASSURANCE_ICONS):
        symbols = [symbol for _, _, symbol in table.values()]
        assert len(set(symbols)) == len(symbols)
        labels = [label for label, _, _ in table.values()]
        assert len(set(labels)) == len(labels)


def test_a_phased_chart_draws_each_phases_limits_and_marks_the_change(tmp_path: Path) -> None:
    values = [10, 12] * 6 + [30, 32] * 6
    result = spc(_series(values), higher_is_better=None, phases=[date(2022, 4, 1)], target=20.0,
                 target_higher_is_better=False)  # fmt: skip
    assert result.assurance == "fail"  # at most 20, but the new phase's limits are 31 ± 5.3
    chart = render_spc_chart(result, tmp_path, key="ph", metric_id="m", title="Bailed", unit="count")
    svg = chart.svg.read_text(encoding="utf-8")
    assert "Limits recalculated" in svg and "Target" in svg
    assert "limits recalculated from April 2022" in chart.alt_text
    assert "mean 31.0, process limits 25.7 to 36.3" in chart.alt_text


def test_the_text_glyph_of_each_point_type_is_the_shape_the_chart_draws() -> None:
    # The metric page's caption said "▲ improvement, ▼ concern, ◆ neutral" beside a chart drawing a
    # plus, a cross and two triangles. matplotlib's markers: P a filled plus, X a filled cross,
    # ^ and v triangles up and down.
    from vawg.reports import point_key

    shape_of = {"P": "✚", "X": "✖", "^": "▲", "v": "▼"}
    for _, _, marker, glyph in POINT_STYLES.values():
        assert shape_of[marker] == glyph
    assert point_key() == "✚ improvement, ✖ concern, ▲ neutral (high), ▼ neutral (low)"

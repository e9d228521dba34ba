"""The paper's figures, drawn from frames in the MetricResult shape."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vawg.errors import ReportError
from vawg.reports import OKABE_ITO, PAPER_FIGURES, render_paper_figures


@dataclass
class _Metric:
    id: str
    title: str
    unit: str


@dataclass
class _Result:
    metric: _Metric
    frame: pd.DataFrame


def _monthly(metric_id: str, unit: str, values: list[float], months: int = 24) -> _Result:
    starts = pd.date_range(date(2021, 4, 1), periods=months, freq="MS").date
    frame = pd.DataFrame(
        {
            "period_start": starts,
            "period": [d.strftime("%Y-%m") for d in starts],
            "numerator": np.round(values).astype("int64"),
            "denominator": pd.array([pd.NA] * months, dtype="Int64"),
            "value": np.asarray(values, dtype=float),
            "ci_low": np.nan,
            "ci_high": np.nan,
        }
    )
    return _Result(_Metric(metric_id, metric_id, unit), frame)


@pytest.fixture
def results() -> dict[str, _Result]:
    outstanding = [1500 - 10 * i for i in range(24)]
    outstanding[20] = 1100  # the low point, in December 2022
    return {
        "da_outstanding_suspects": _monthly("da_outstanding_suspects", "count", outstanding),
        "stalking_recorded_crimes": _monthly(
            "stalking_recorded_crimes", "count", [400 + i for i in range(24)]
        ),
        "stalking_positive_outcome_rate": _monthly(
            "stalking_positive_outcome_rate", "rate", [0.05] * 23 + [0.071]
        ),
        "da_incidents": _monthly(
            "da_incidents", "count", [4000 + 500 * np.sin(i / 12 * 2 * np.pi) for i in range(24)]
        ),
    }


def test_three_figures_in_png_and_svg_with_titles_and_sources(
    results: dict[str, _Result], tmp_path: Path
) -> None:
    figures = render_paper_figures(results, tmp_path, source_note="test force")
    assert [f.number for f in figures] == [1, 2, 3]
    for figure, spec in zip(figures, PAPER_FIGURES, strict=True):
        assert figure.png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        svg = figure.svg.read_text(encoding="utf-8")
        assert spec.title in svg  # SVG text stays text (svg.fonttype none)
        for metric_id in spec.metric_ids:
            assert metric_id in svg  # the caption names the metric
        assert "test force" in svg


def test_alt_text_is_written_from_the_data(results: dict[str, _Result], tmp_path: Path) -> None:
    fig1, fig2, fig3 = render_paper_figures(results, tmp_path)
    assert "lowest 1,100 in December 2022" in fig1.alt_text  # last 12 months only: Apr 2022 - Mar 2023
    assert "April 2022 to March 2023" in fig1.alt_text
    assert "7.1% in the last month" in fig2.alt_text
    assert "April 2021 to March 2023" in fig3.alt_text  # two years


def test_series_use_colour_blind_safe_colours(results: dict[str, _Result], tmp_path: Path) -> None:
    allowed = {c.lower() for c in OKABE_ITO.values()} | {"#000000", "#ffffff"}
    for figure in render_paper_figures(results, tmp_path):
        svg = figure.svg.read_text(encoding="utf-8").lower()
        strokes = set(re.findall(r"stroke:\s*(#[0-9a-f]{6})", svg)) | set(
            re.findall(r"fill:\s*(#[0-9a-f]{6})", svg)
        )
        greys = {c for c in strokes if c[1:3] == c[3:5] == c[5:7]}  # axes, grid, caption
        assert strokes - greys - {"#f2f2f2"} <= allowed, figure.key


def test_a_missing_metric_or_a_breakdown_is_refused(results: dict[str, _Result], tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="da_incidents"):
        render_paper_figures({k: v for k, v in results.items() if k != "da_incidents"}, tmp_path)
    doubled = results["da_incidents"].frame
    results["da_incidents"] = _Result(results["da_incidents"].metric, pd.concat([doubled, doubled]))
    with pytest.raises(ReportError, match="one row per month"):
        render_paper_figures(results, tmp_path)

"""The board paper's three figures as records: number, title, metrics, span (drawn by ``_figures``).

Kept apart from the drawing code so what reads the list (the report's data, the web app) does not
import matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaperFigure:
    """One of the paper's figures: its number, title, metrics and how many months it spans."""

    number: int
    key: str
    title: str
    metric_ids: tuple[str, ...]
    months: int
    paper_ref: str


PAPER_FIGURES: tuple[PaperFigure, ...] = (
    PaperFigure(1, "fig1_outstanding_da_suspects", "Figure 1. Outstanding DA suspects, against time",
                ("da_outstanding_suspects",), 12, "para 28"),
    PaperFigure(2, "fig2_stalking_offences_outcome_rate",
                "Figure 2. Total stalking offences and positive outcome rate (%) against time",
                ("stalking_recorded_crimes", "stalking_positive_outcome_rate"), 12, "para 31"),
    PaperFigure(3, "fig3_recorded_da_incidents", "Figure 3. Recorded domestic abuse incidents against time",
                ("da_incidents",), 24, "para 32"),
)  # fmt: skip


__all__ = ["PAPER_FIGURES", "PaperFigure"]

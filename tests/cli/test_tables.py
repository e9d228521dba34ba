"""Tables never cut an identifier at 80 columns (model list prints through print_frame)."""

from __future__ import annotations

import io

import pandas as pd
from rich.console import Console

from vawg.cli import _model_summary


def test_model_list_keeps_long_names_whole_at_80_columns(monkeypatch) -> None:
    console = Console(width=80, record=True, file=io.StringIO())
    monkeypatch.setattr(_model_summary, "console", console)
    name = "stalking_escalation_gradient_boosting_v2"
    frame = pd.DataFrame({"name": [name], "version": ["12"], "status": ["draft"],
                          "data from": ["2020-04-01"], "data to": ["2023-03-31"], "approved_by": ["–"],
                          "approved_at": ["–"]})  # fmt: skip
    _model_summary.print_frame(frame, "Model registry")
    text = console.export_text()
    assert name in text and "…" not in text

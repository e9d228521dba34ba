"""How `vawg model` prints: tables of frames, and the summary of a version's stored evaluation."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

console = Console()


def print_frame(frame: Any, title: str) -> None:
    from vawg.cli._options import add_columns

    table = Table(title=title, title_justify="left")
    cells = [[fmt(v) for v in row] for row in frame.itertuples(index=False)]
    add_columns(table, [str(c) for c in frame.columns], cells)
    for line in cells:
        table.add_row(*line)
    console.print(table)


def fmt(value: Any) -> str:
    import pandas as pd

    if value is None or (not isinstance(value, str | bytes) and pd.isna(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M")
    return escape(str(value))


def print_summary(record: dict[str, Any]) -> None:
    """Metrics with intervals, the paired differences, the selection, planted truth, fairness warnings."""
    import pandas as pd

    evaluation = record.get("evaluation") or {}
    if evaluation.get("metrics"):
        frame = pd.DataFrame(evaluation["metrics"])
        frame["value"] = [
            f"{e:.3f} ({lo:.3f}-{hi:.3f})" if lo is not None and e is not None else fmt(e)
            for e, lo, hi in zip(frame["estimate"], frame["ci_low"], frame["ci_high"], strict=True)
        ]
        print_frame(
            frame.pivot(index="metric", columns="model", values="value").reset_index(),
            "Test-set metrics (95% CI)",
        )
        print_frame(pd.DataFrame(evaluation["differences"]), "Paired bootstrap differences in AUC")
    selection = record.get("selection") or {}
    if selection:
        console.print(f"[bold]Selected:[/] {selection['model']}. {escape(selection['reason'])}")
    truth = record.get("truth")
    if truth:
        console.print(
            f"Learned vs planted: sign agreement {fmt(truth.get('sign_agreement'))} (refit on the planted "
            f"terms: {fmt(truth.get('refit_sign_agreement'))}, planted inside its 95% CI "
            f"{fmt(truth.get('refit_in_ci'))}), importance rank "
            f"correlation {fmt(truth.get('importance_rank_correlation'))}, probability "
            + ", ".join(f"{k} {fmt(v)}" for k, v in truth["probability"].items())
        )
    _print_where_officers_act(record)
    for audit in (record.get("fairness") or {}).values():
        for warning in audit.get("warnings", []):
            console.print(f"[yellow]warning:[/] {escape(warning)}")


def _print_where_officers_act(record: dict[str, Any]) -> None:
    """Recalibration before/after in the top k, the operating point from capacity, error rates by
    group at capacity (small groups withheld by the library; the whole range is in the model card)."""
    from vawg.risk.governance.ethics import fairness_range_frame, recalibration_frames

    study = record.get("recalibration") or {}
    if study.get("skipped"):
        console.print(f"[yellow]Recalibration:[/] {escape(study['skipped'])}")
    frames = recalibration_frames(record)
    if frames:
        print_frame(
            frames["at_k"],
            f"Calibration within the top k, before and after recalibration on {study['validation']} "
            f"(used: {study['method']})",
        )
        print_frame(frames["operating_point"], "Operating point from team capacity (decision curve)")
    at_capacity = fairness_range_frame(record, capacity_only=True)
    if not at_capacity.empty:
        short = at_capacity.drop(columns="Cut-off").rename(columns=lambda c: c.removesuffix(" (95% CI)"))
        print_frame(short, f"Error rates by group at {at_capacity['Cut-off'].iloc[0]} (95% CI)")


__all__ = ["console", "fmt", "print_frame", "print_summary"]

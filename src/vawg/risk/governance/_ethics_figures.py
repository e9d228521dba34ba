"""Figures of the ethics pack, drawn from a version's stored evaluation record (no person data).

ROC curves and reliability curves of each scorer, and by-group bars of the audited scorer's error
rates with their intervals. Each returns the PNG path it wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only; never a window

import matplotlib.pyplot as plt

from vawg import MARKING
from vawg.risk.governance._ethics_tables import FAIRNESS_METRICS, MODEL_TITLES

COLOURS = {"rfsdi": "#7f7f7f", "logistic": "#1f77b4", "gbm": "#d62728"}
DPI = 120


def _finish(fig: Any, path: Path) -> Path:
    fig.text(0.99, 0.01, MARKING, ha="right", va="bottom", fontsize=7, color="#555555")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def roc_figure(evaluation: dict[str, Any], path: Path) -> Path:
    """ROC curve of every scorer on the test set, with its AUC in the legend."""
    aucs = {m["model"]: m["estimate"] for m in evaluation["metrics"] if m["metric"] == "auc"}
    fig, ax = plt.subplots(figsize=(5.2, 4.4))
    for model, curve in evaluation["roc"].items():
        auc = aucs.get(model)
        name = MODEL_TITLES.get(model, model)
        label = f"{name} (AUC {auc:.3f})" if auc is not None else name
        ax.plot(curve["fpr"], curve["tpr"], label=label, color=COLOURS.get(model))
    ax.plot([0, 1], [0, 1], linestyle=":", color="#999999", label="Chance")
    ax.set_xlabel("False positive rate")
    ax.set_ylabel("True positive rate")
    ax.set_title("ROC curves on the test as-of date")
    ax.legend(fontsize=8, loc="lower right")
    return _finish(fig, path)


def reliability_figure(evaluation: dict[str, Any], path: Path) -> Path:
    """Observed rate against mean predicted probability (deciles of the prediction)."""
    fig, ax = plt.subplots(figsize=(5.2, 4.4))
    top = 0.0
    for model, curve in evaluation["reliability"].items():
        ax.plot(
            curve["mean_predicted"],
            curve["observed"],
            marker="o",
            markersize=3,
            label=MODEL_TITLES.get(model, model),
            color=COLOURS.get(model),
        )
        top = max([top, *curve["mean_predicted"], *curve["observed"]])
    top = top * 1.05 or 1.0
    ax.plot([0, top], [0, top], linestyle=":", color="#999999", label="Perfect calibration")
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("Mean predicted probability")
    ax.set_ylabel("Observed rate")
    ax.set_title("Reliability (calibration) curves")
    ax.legend(fontsize=8, loc="upper left")
    return _finish(fig, path)


def group_bars_figure(
    fairness: dict[str, Any], path: Path, metrics: tuple[str, ...] = ("tpr", "fpr", "precision")
) -> Path:
    """One panel per metric: the value per group (with its interval), dimensions side by side."""
    rows = fairness["by_group"]
    fig, axes = plt.subplots(len(metrics), 1, figsize=(7.2, 2.3 * len(metrics)), sharex=True)
    axes = [axes] if len(metrics) == 1 else list(axes)
    labels = [f"{r['dimension']}: {r['group']}" for r in rows]
    positions = list(range(len(rows)))
    for ax, metric in zip(axes, metrics, strict=True):
        values = [r.get(metric) if r.get(metric) is not None else 0.0 for r in rows]
        low = [
            max(v - (r.get(f"{metric}_ci_low") if r.get(f"{metric}_ci_low") is not None else v), 0)
            for v, r in zip(values, rows, strict=True)
        ]
        high = [
            max((r.get(f"{metric}_ci_high") if r.get(f"{metric}_ci_high") is not None else v) - v, 0)
            for v, r in zip(values, rows, strict=True)
        ]
        colours = ["#bbbbbb" if r.get("small_group") else "#1f77b4" for r in rows]
        ax.bar(positions, values, color=colours, yerr=[low, high], capsize=2, ecolor="#333333")
        ax.set_ylabel(FAIRNESS_METRICS.get(metric, metric), fontsize=8)
        ax.tick_params(axis="y", labelsize=7)
    axes[-1].set_xticks(positions)
    axes[-1].set_xticklabels(labels, rotation=70, ha="right", fontsize=7)
    axes[0].set_title("Error rates by group at the operating point (grey: small group)", fontsize=9)
    return _finish(fig, path)


__all__ = ["group_bars_figure", "reliability_figure", "roc_figure"]

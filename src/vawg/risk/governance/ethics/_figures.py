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
from vawg.reports import OKABE_ITO
from vawg.risk.governance.ethics._tables import FAIRNESS_METRICS, MODEL_TITLES

# Okabe-Ito colours (colour-blind safe), and a line style and marker each, so the curves are told
# apart without colour (printed in grey, or by a reader who cannot tell the hues apart).
COLOURS = {"rfsdi": OKABE_ITO["black"], "logistic": OKABE_ITO["blue"], "gbm": OKABE_ITO["vermillion"]}
STYLES = {"rfsdi": ("--", "s"), "logistic": ("-", "o"), "gbm": ("-.", "^")}
SMALL_GROUP, GROUP = "#BBBBBB", OKABE_ITO["blue"]
DPI = 120


def _finish(fig: Any, path: Path, marking: str = MARKING) -> Path:
    # The marking sits in its own strip at the top, so rotated group labels never run into it.
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    fig.text(0.99, 0.995, marking, ha="right", va="top", fontsize=7, color="#555555")
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
        line, marker = STYLES.get(model, ("-", None))
        ax.plot(curve["fpr"], curve["tpr"], label=label, color=COLOURS.get(model), linestyle=line,
                marker=marker, markevery=0.1, markersize=4)  # fmt: skip
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
            marker=STYLES.get(model, ("-", "o"))[1],
            linestyle=STYLES.get(model, ("-", "o"))[0],
            markersize=4,
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
        colours = [SMALL_GROUP if r.get("small_group") else GROUP for r in rows]
        hatches = ["//" if r.get("small_group") else "" for r in rows]
        bars = ax.bar(positions, values, color=colours, yerr=[low, high], capsize=2, ecolor="#333333")
        for bar, hatch in zip(bars, hatches, strict=True):
            bar.set_hatch(hatch)
        ax.set_ylabel(FAIRNESS_METRICS.get(metric, metric), fontsize=8)
        ax.tick_params(axis="y", labelsize=7)
    axes[-1].set_xticks(positions)
    axes[-1].set_xticklabels(labels, rotation=70, ha="right", fontsize=7)
    axes[0].set_title("Error rates by group at the operating point (grey, hatched: small group)", fontsize=9)
    return _finish(fig, path)


__all__ = ["group_bars_figure", "reliability_figure", "roc_figure"]

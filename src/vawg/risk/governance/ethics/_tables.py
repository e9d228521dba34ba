"""Markdown tables of the ethics pack, from a version's stored record and its metadata."""

from __future__ import annotations

from typing import Any

import pandas as pd

from vawg.risk.governance._equality_disclosure import SMALL_COUNT_NOTE, withheld_counts

MODEL_TITLES = {
    "rfsdi": "RFSDI (recalibrated)",
    "logistic": "Logistic regression",
    "gbm": "Gradient boosting",
}
METRIC_TITLES = {
    "auc": "AUC (ROC)",
    "average_precision": "Average precision",
    "brier": "Brier score (lower is better)",
    "calibration_intercept": "Calibration intercept (0 ideal)",
    "calibration_slope": "Calibration slope (1 ideal)",
}
FAIRNESS_METRICS = {
    "base_rate": "Base rate",
    "selection_rate": "Selected",
    "tpr": "True positive rate",
    "fpr": "False positive rate",
    "precision": "Precision",
    "auc": "AUC",
    "brier": "Brier",
}


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value).replace("|", "/").replace("\n", " ")


def markdown_table(header: list[str], rows: list[list[Any]]) -> str:
    """A GitHub-style Markdown table (empty string when there are no rows)."""
    if not rows:
        return ""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _with_ci(value: Any, low: Any, high: Any) -> str:
    if value is None:
        return "–"
    if low is None or high is None:
        return f"{value:.3f}"
    return f"{value:.3f} ({low:.3f} to {high:.3f})"


def _metric_title(metric: str) -> str:
    if metric.startswith("precision_at_"):
        return f"Precision in top {metric.rsplit('_', 1)[1]}"
    if metric.startswith("recall_at_"):
        return f"Recall in top {metric.rsplit('_', 1)[1]}"
    return METRIC_TITLES.get(metric, metric)


def metrics_table(record: dict[str, Any], *, capacity: bool = False) -> str:
    """Metric × scorer, each cell the estimate with its 95% interval."""
    rows = (record.get("evaluation") or {}).get("metrics") or []
    if not rows:
        return ""
    frame = pd.DataFrame(rows)
    at_capacity = frame["metric"].str.contains("_at_")
    frame = frame[at_capacity] if capacity else frame[~at_capacity]
    models = list(dict.fromkeys(frame["model"]))
    out = []
    for metric in dict.fromkeys(frame["metric"]):
        cells = []
        for model in models:
            hit = frame[(frame["metric"] == metric) & (frame["model"] == model)]
            r = hit.iloc[0] if len(hit) else None
            cells.append(
                "–" if r is None else _with_ci(_num(r["estimate"]), _num(r["ci_low"]), _num(r["ci_high"]))
            )
        out.append([_metric_title(metric), *cells])
    return markdown_table(["Metric", *(MODEL_TITLES.get(m, m) for m in models)], out)


def capacity_table(record: dict[str, Any]) -> str:
    return metrics_table(record, capacity=True)


def _num(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def differences_table(record: dict[str, Any]) -> str:
    rows = (record.get("evaluation") or {}).get("differences") or []
    return markdown_table(
        ["Comparison (AUC)", "Difference (95% interval)"],
        [
            [
                f"{MODEL_TITLES.get(r['model_a'], r['model_a'])} minus {MODEL_TITLES.get(r['model_b'], r['model_b'])}",
                _with_ci(_num(r["difference"]), _num(r["ci_low"]), _num(r["ci_high"])),
            ]
            for r in rows
        ],
    )


def audited(record: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """(scorer, fairness record) of the audited scorer, if the record has an audit."""
    fairness = record.get("fairness") or {}
    selected = (record.get("selection") or {}).get("model")
    if isinstance(selected, str) and selected in fairness:
        return selected, fairness[selected]
    first = next(iter(fairness.items()), None)
    return (str(first[0]), first[1]) if first else None


def fairness_table(audit: dict[str, Any], threshold: int | None = None) -> str:
    """The equality table, small counts withheld (``vawg.disclosure``) with every rate of their row."""
    withheld = withheld_counts(audit["by_group"], threshold)
    rows = []
    for r in audit["by_group"]:
        hidden = {part for part in ("n", "positives") if (r["dimension"], r["group"], part) in withheld}
        rates = (
            ["withheld"] * 5
            if hidden
            else [
                _with_ci(_num(r.get(m)), _num(r.get(f"{m}_ci_low")), _num(r.get(f"{m}_ci_high")))
                for m in ("selection_rate", "tpr", "fpr", "precision", "auc")
            ]
        )
        rows.append(
            [
                r["dimension"],
                r["group"],
                "withheld" if "n" in hidden else r["n"],
                "withheld" if "positives" in hidden else r["positives"],
                *rates,
                "; ".join(
                    ([SMALL_COUNT_NOTE] if hidden else []) + (["small group"] if r.get("small_group") else [])
                ),
            ]
        )
    header = ["Dimension", "Group", "n", "With outcome", "Selected", "TPR", "FPR", "Precision", "AUC", "Note"]
    return markdown_table(header, rows)


def fairness_summary_table(audit: dict[str, Any]) -> str:
    rows = [
        [
            r["dimension"],
            FAIRNESS_METRICS.get(r["metric"], r["metric"]),
            _num(r["difference"]),
            _num(r["ratio"]),
            _num(r["difference_large_groups"]),
            _num(r["ratio_large_groups"]),
        ]
        for r in audit["summary"]
    ]
    header = ["Dimension", "Metric", "Difference (all)", "Ratio (all)", "Difference (large)", "Ratio (large)"]
    return markdown_table(header, rows)


def group_calibration_table(audit: dict[str, Any]) -> str:
    rows = [
        [
            r["dimension"],
            r["group"],
            r["n"],
            _num(r.get("mean_predicted")),
            _with_ci(
                _num(r.get("base_rate")), _num(r.get("base_rate_ci_low")), _num(r.get("base_rate_ci_high"))
            ),
            _num(r.get("observed_to_expected")),
        ]
        for r in audit["by_group"]
    ]
    return markdown_table(
        ["Dimension", "Group", "n", "Mean predicted", "Observed (95% CI)", "Observed / expected"], rows
    )


def truth_tables(record: dict[str, Any]) -> dict[str, str]:
    truth = record.get("truth")
    if not truth:
        return {}
    coef = [
        [
            r["feature"],
            r.get("planted"),
            r.get("learned_per_sd"),
            r.get("sign_agrees"),
            r.get("refit"),
            r.get("planted_in_ci"),
        ]
        for r in truth["coefficients"]
    ]
    imp = [
        [r["feature"], r["planted_effect"], r["planted_rank"], r["importance"], r["gbm_rank"]]
        for r in truth["importance"]
    ]
    prob = [[k, v] for k, v in truth["probability"].items()]
    return {
        "coefficients": markdown_table(
            [
                "Feature",
                "Planted",
                "Logistic (per SD)",
                "Sign agrees",
                "Refit on planted terms",
                "Planted in refit CI",
            ],
            coef,
        ),
        "importance": markdown_table(
            ["Feature", "Planted effect", "Planted rank", "GBM importance", "GBM rank"], imp
        ),
        "probability": markdown_table(["Statistic", "Value"], prob),
        "sign_agreement": _cell(truth.get("sign_agreement")),
        "refit_sign_agreement": _cell(truth.get("refit_sign_agreement")),
        "refit_in_ci": _cell(truth.get("refit_in_ci")),
        "rank_correlation": _cell(truth.get("importance_rank_correlation")),
    }


def coefficients_table(record: dict[str, Any]) -> str:
    rows = [
        [
            r["input"] if "input" in r else r["feature"],
            r.get("transform", ""),
            r["coef_per_sd"],
            r["odds_ratio_per_sd"],
        ]
        for r in record.get("coefficients") or []
    ]
    return markdown_table(["Input", "Transform", "Coefficient per SD", "Odds ratio per SD"], rows)


def features_table(meta: dict[str, Any]) -> str:
    features = (meta.get("data") or {}).get("features") or {}
    return markdown_table(["Feature", "Definition"], [[k, v] for k, v in features.items()])


def history_table(history: pd.DataFrame) -> str:
    rows = [
        [str(r["changed_at"])[:19], r["from_status"] or "–", r["to_status"], r["changed_by"], r["note"] or ""]
        for r in history.to_dict("records")
    ]
    return markdown_table(["When (UTC)", "From", "To", "By", "Note"], rows)


def flat_metrics_table(record: dict[str, Any], limit: int = 60) -> str:
    """Any other stored metrics (e.g. RFSDI's validation), flattened to key/value rows."""
    rows: list[list[Any]] = []

    def walk(prefix: str, value: Any) -> None:
        if len(rows) >= limit:
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        elif isinstance(value, int | float | str | bool) or value is None:
            rows.append([prefix, value])

    walk("", record)
    return markdown_table(["Stored metric", "Value"], rows)


__all__ = [
    "audited",
    "capacity_table",
    "coefficients_table",
    "differences_table",
    "fairness_summary_table",
    "fairness_table",
    "features_table",
    "flat_metrics_table",
    "group_calibration_table",
    "history_table",
    "markdown_table",
    "metrics_table",
    "truth_tables",
]

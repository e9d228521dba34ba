"""The calibration and fairness evidence of a stored evaluation as tables, for the pack and the CLI.

One source for both: recalibration before/after within the top k and by group, the operating point
chosen from capacity with its net benefit, and error rates by group over the score range. Groups
whose count of people or of outcomes would disclose (``vawg.disclosure``, the same cells the
equality table withholds) are shown as "withheld" with every rate of their row.
"""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

from vawg.risk.governance._equality_disclosure import withheld_counts

WITHHELD = "withheld"
METHOD_TITLES = {"before": "Before", "platt": "Platt", "isotonic": "Isotonic"}


def _rate(value: Any, low: Any = None, high: Any = None) -> str:
    if value is None or value != value:
        return "–"
    if low is None or high is None or low != low:
        return f"{value:.3f}"
    return f"{value:.3f} ({low:.3f}–{high:.3f})"


def withheld_groups(rows: list[dict[str, Any]], outcomes: str = "positives") -> frozenset[tuple[Any, Any]]:
    """(dimension, group) pairs whose count of people or of ``outcomes`` ``vawg.disclosure`` withholds."""
    cells = [
        {"dimension": r["dimension"], "group": r["group"], "n": r["n"], "positives": r[outcomes]}
        for r in rows
    ]
    if not cells:
        return frozenset()
    keys = [cast(tuple[Any, ...], cell) for cell in withheld_counts(cells)]
    return frozenset((key[0], key[1]) for key in keys)


def recalibration_frames(record: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """``at_k`` (mean predicted before/after and observed per k), ``overall``, ``by_group``, ``operating_point``."""
    study = record.get("recalibration") or {}
    if not study or "at_k" not in study:
        return {}
    methods = ["before", *study.get("methods", [])]
    at_k = []
    for i, base in enumerate(study["at_k"]["before"]):
        row = {"Top k": base["k"], "Outcomes": base["outcomes"],
               "Observed (95% CI)": _rate(base["observed"], base["observed_low"], base["observed_high"])}  # fmt: skip
        for m in methods:
            row[f"Predicted: {METHOD_TITLES.get(m, m)}"] = _rate(study["at_k"][m][i]["mean_predicted"])
        at_k.append(row)
    overall = [
        {"Scores": METHOD_TITLES.get(m, m), "Brier": _rate(s["brier"]), "Mean predicted": _rate(s["mean_predicted"]),
         "Calibration intercept": _rate(s["calibration_intercept"]), "Calibration slope": _rate(s["calibration_slope"])}
        for m, s in study["overall"].items()
    ]  # fmt: skip
    by_group = []
    for where in ("all", "top_k"):
        rows = [r for r in study["by_group"] if r["where"] == where]
        hidden = withheld_groups(rows, "outcomes")
        for r in rows:
            secret = (r["dimension"], r["group"]) in hidden
            by_group.append(
                {"Among": "everyone" if where == "all" else f"top {study['operating_point']['k']}",
                 "Dimension": r["dimension"], "Group": r["group"],
                 "n": WITHHELD if secret else r["n"], "Outcomes": WITHHELD if secret else r["outcomes"],
                 "Observed (95% CI)": WITHHELD if secret else _rate(r["observed"], r["observed_low"], r["observed_high"]),
                 "Predicted before": WITHHELD if secret else _rate(r["mean_predicted_before"]),
                 f"Predicted after ({study['method']})": WITHHELD if secret else _rate(r["mean_predicted_after"])}
            )  # fmt: skip
    op = study["operating_point"]
    operating = [
        {"Capacity (top k)": op["k"], "Threshold (recalibrated)": f"{op['threshold']:.4f}",
         "People acted on": op["acted_on"], "Net benefit": f"{op['net_benefit']:.4f}",
         "Net benefit, act on all": f"{op['net_benefit_all']:.4f}", "Net benefit, act on none": "0"}
    ]  # fmt: skip
    return {
        "at_k": pd.DataFrame(at_k),
        "overall": pd.DataFrame(overall),
        "by_group": pd.DataFrame(by_group),
        "operating_point": pd.DataFrame(operating),
    }


# The card reads the whole range for these; the finer breakdowns at the capacity cut-off only (a
# 30-page table is not read; the stored record keeps every cut-off of every breakdown).
WHOLE_RANGE_DIMENSIONS = ("Sex", "Ethnicity")


def fairness_range_frame(
    record: dict[str, Any], *, capacity_only: bool = False, whole_range: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """TPR, FPR and precision by group at each cut-off over the score range (or only at capacity;
    with ``whole_range``, every cut-off for those dimensions and the capacity one for the rest)."""
    ranges = record.get("fairness_range") or {}
    # the selected model's (escalation), else the one tool's table (RFSDI stores only its own)
    selected = (record.get("selection") or {}).get("model") or (
        next(iter(ranges)) if len(ranges) == 1 else None
    )
    rows = ranges.get(selected or "") or []
    if not rows:
        return pd.DataFrame()
    audit = (record.get("fairness") or {}).get(selected or "") or {}
    hidden = withheld_groups(audit.get("by_group") or [])
    out = []
    for r in rows:
        at_capacity = str(r["cut"]).startswith("capacity")
        if not at_capacity and (
            capacity_only or (whole_range is not None and r["dimension"] not in whole_range)
        ):
            continue
        secret = (r["dimension"], r["group"]) in hidden
        cells = {
            m: WITHHELD if secret else _rate(r[m], r[f"{m}_ci_low"], r[f"{m}_ci_high"])
            for m in ("tpr", "fpr", "precision")
        }
        out.append(
            {"Cut-off": r["cut"], "Dimension": r["dimension"], "Group": r["group"],
             "n": WITHHELD if secret else r["n"], "Outcomes": WITHHELD if secret else r["positives"],
             "Selected": WITHHELD if secret else r["selected"],
             "TPR (95% CI)": cells["tpr"], "FPR (95% CI)": cells["fpr"], "Precision (95% CI)": cells["precision"]}
        )  # fmt: skip
    return pd.DataFrame(out)


__all__ = [
    "WHOLE_RANGE_DIMENSIONS",
    "WITHHELD",
    "fairness_range_frame",
    "recalibration_frames",
    "withheld_groups",
]

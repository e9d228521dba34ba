"""Sections of the ethics pack computed from the record: data completeness and representativeness,
calibration within the top k and the decision curve."""

from __future__ import annotations

from typing import Any

from vawg.contract import ETHNICITY_NOT_STATED as NOT_STATED  # vawg.equality would load fairlearn
from vawg.risk.governance.ethics._tables import markdown_table


def completeness_table(audit: dict[str, Any]) -> str:
    """For each dimension of the fairness audit: people, "Not stated" count and share, largest group.

    The ATRS asks for data completeness and representativeness; e.g. an ethnicity not stated for a
    quarter of the people audited is a limit on every ethnicity figure in the pack.
    """
    by_dimension: dict[str, list[dict[str, Any]]] = {}
    for row in audit.get("by_group", []):
        by_dimension.setdefault(str(row["dimension"]), []).append(row)
    rows = []
    for dimension, groups in by_dimension.items():
        total = sum(int(g["n"]) for g in groups)
        missing = sum(int(g["n"]) for g in groups if g["group"] == NOT_STATED)
        largest = max(groups, key=lambda g: int(g["n"]))
        rows.append(
            [
                dimension,
                total,
                missing,
                f"{missing / total:.1%}" if total else "–",
                f"{largest['group']} ({int(largest['n']) / total:.1%})" if total else "–",
            ]
        )
    header = ["Dimension", "People audited", "Not stated", "Not stated (share)", "Largest group (share)"]
    return markdown_table(header, rows)


def officers_act_tables(record: dict[str, Any], model: str | None) -> dict[str, str]:
    """Calibration in the top k and the decision curve of ``model`` (the selected scorer), as tables."""
    at_k = (record.get("calibration_at_k") or {}).get(model or "")
    curve = (record.get("decision_curve") or {}).get(model or "")
    if not at_k or not curve:
        return {}
    calibration = markdown_table(
        ["Top k", "Mean predicted", "Observed (95% interval)", "Outcomes"],
        [[r["k"], f"{r['mean_predicted']:.3f}",
          f"{r['observed']:.3f} ({r['observed_low']:.3f}–{r['observed_high']:.3f})", r["outcomes"]] for r in at_k],
    )  # fmt: skip
    decisions = markdown_table(
        ["Threshold", "People acted on", "Net benefit", "Net benefit, act on all"],
        [[f"{r['threshold']:.3f}", r["acted_on"], f"{r['net_benefit']:.4f}", f"{r['net_benefit_all']:.4f}"]
         for r in curve],
    )  # fmt: skip
    return {"calibration_at_k": calibration, "decision_curve": decisions}


__all__ = ["completeness_table", "officers_act_tables"]

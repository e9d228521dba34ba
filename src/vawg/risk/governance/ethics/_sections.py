"""Sections of the ethics pack computed from the record: data completeness and representativeness,
calibration within the top k and the decision curve."""

from __future__ import annotations

from typing import Any

import pandas as pd

from vawg.contract import ETHNICITY_NOT_STATED as NOT_STATED  # vawg.equality would load fairlearn
from vawg.risk.governance.ethics._evaluation_tables import withheld_groups
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


def frame_table(frame: pd.DataFrame) -> str:
    """A frame of display strings as a Markdown table (empty string for an empty frame)."""
    if frame.empty:
        return ""
    return markdown_table([str(c) for c in frame.columns], frame.astype(object).values.tolist())


def overrides_table(summary: pd.DataFrame) -> str:
    """How often practitioners overrode the version's operational scores, which way, by group.

    From ``override_summary``; groups whose count of people scored or overridden would disclose are
    withheld through ``vawg.disclosure`` (the same rule as the equality table).
    """
    if summary.empty or int(summary["people"].sum()) == 0:
        return ""
    rows = [{"dimension": r["dimension"], "group": r["group"], "n": int(r["people"]),
             "positives": int(r["raised"]) + int(r["lowered"])} for r in summary.to_dict("records")]  # fmt: skip
    hidden = withheld_groups(rows)
    out = []
    for r in summary.to_dict("records"):
        secret = (r["dimension"], r["group"]) in hidden
        share = r["share_overridden"]
        out.append(
            [r["dimension"], r["group"], *(["withheld"] * 4 if secret else
             [int(r["people"]), int(r["raised"]), int(r["lowered"]), "–" if share != share else f"{share:.1%}"])]
        )  # fmt: skip
    return markdown_table(
        ["Dimension", "Group", "People scored", "Raised", "Lowered", "Share overridden"], out
    )


def bands_table(record: dict[str, Any]) -> str:
    """RFSDI's band options (``vawg risk evaluate``): people per band and re-offending (Wilson 95%)."""
    rows = record.get("bands") or []
    return markdown_table(
        ["Option", "Rule", "Level", "People", "Per as-of date", "Re-offending (95% interval)"],
        [[r["option"], r["rule"], r["level"], r["people"], f"{r['per_date']:.0f}",
          "–" if r["rate"] is None else f"{r['rate']:.3f} ({r['ci_low']:.3f}–{r['ci_high']:.3f})"] for r in rows],
    )  # fmt: skip


__all__ = ["bands_table", "completeness_table", "frame_table", "officers_act_tables", "overrides_table"]

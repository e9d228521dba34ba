"""Present scores and the RFSDI evaluation: tables for the terminal, files (CSV, JSON, a figure) for a folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
from rich.table import Table

from vawg.outputs import write_table
from vawg.risk.rfsdi._pilot import PilotReport
from vawg.risk.rfsdi._scores import RiskScores
from vawg.risk.rfsdi._validity import ValidityReport


def _f(value: Any, digits: int = 3) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):.{digits}f}"


def scores_table(scores: RiskScores, title: str) -> Table:
    """One row per scored person: rank, id, area, score, level and each component's points."""
    table = Table(title=title, caption=scores.framing)
    for heading in ("rank", "person", "area", "score", "level", *scores.components):
        table.add_column(heading, justify="right" if heading not in ("person", "area", "level") else "left")
    for row in scores.frame.itertuples():
        table.add_row(
            str(row.rank), str(row.person_id), str(row.area), f"{row.score:.2f}", str(row.level),
            *(f"{getattr(row, f'{c}_points'):.2f}" for c in scores.components),
        )  # fmt: skip
    return table


def level_summary(scores: RiskScores) -> pd.DataFrame:
    """Scores for evaluation, as aggregates only: people, share and score range by level.

    Evaluation produces evaluation; a person-level list is operational and needs an approved version,
    so ``--purpose evaluation`` shows and writes this table and never the people in it.
    """
    frame = scores.frame
    present = set(frame["level"].astype(str))
    order = [lv for lv in ("high", "medium", "standard") if lv in present] + sorted(
        present - {"high", "medium", "standard"}
    )
    rows = []
    for level in order:
        part = frame[frame["level"].astype(str) == level]
        rows.append(
            {
                "version": scores.version,
                "level": level,
                "people": len(part),
                "share": len(part) / len(frame),
                "mean_score": float(part["score"].mean()),
                "min_score": float(part["score"].min()),
                "max_score": float(part["score"].max()),
            }
        )
    return pd.DataFrame(
        rows, columns=["version", "level", "people", "share", "mean_score", "min_score", "max_score"]
    )


def evaluation_tables(validity: ValidityReport, pilot: PilotReport | None) -> list[Table]:
    """Rich tables of the validation and, if run, the pilot evaluation."""
    v = validity
    head = Table(title=f"RFSDI {v.version}: predictive validity, {v.horizon_days}-day follow-up")
    head.add_column("measure")
    head.add_column("value", justify="right")
    head.add_row("as-of dates", ", ".join(d.isoformat() for d in v.as_of_dates))
    head.add_row("person-dates (persons)", f"{v.n_rows:,} ({v.n_persons:,})")
    head.add_row("re-offended (any VAWG offence)", f"{v.base_rate:.1%}")
    head.add_row(
        "AUC (95% person-cluster bootstrap)", f"{v.auc.estimate:.3f} ({v.auc.low:.3f}-{v.auc.high:.3f})"
    )
    head.add_row("Spearman score vs next-year harm", f"{v.spearman_harm:.3f} (p={v.spearman_p:.2g})")
    head.add_row("risk levels monotone", "yes" if v.calibration_monotone else "NO")
    tables = [head]

    cal = Table(title="Calibration of risk levels (re-offending rate, Wilson 95%)")
    for col in ("level", "n", "re-offended", "rate", "interval", "mean harm next"):
        cal.add_column(col, justify="left" if col == "level" else "right")
    for r in v.calibration.itertuples():
        cal.add_row(str(r.level), f"{r.n:,}", f"{r.reoffended:,}", _f(r.rate), f"{_f(r.ci_low)}-{_f(r.ci_high)}",
                    _f(r.mean_harm_next, 1))  # fmt: skip
    tables.append(cal)

    if not v.bands.empty:
        bands = Table(title="Risk bands compared: people per band and re-offending (Wilson 95%)")
        for col in ("option", "rule", "level", "people", "per date", "rate", "interval"):
            bands.add_column(col, justify="left" if col in ("option", "rule", "level") else "right")
        for r in v.bands.itertuples():
            bands.add_row(str(r.option), str(r.rule), str(r.level), f"{r.people:,}", f"{r.per_date:,.0f}",
                          _f(r.rate), f"{_f(r.ci_low)}-{_f(r.ci_high)}")  # fmt: skip
        tables.append(bands)

    pk = Table(title="Precision at the top k (mean over as-of dates)")
    for col in ("k", "precision", "base rate", "lift", "share of next-year harm"):
        pk.add_column(col, justify="right")
    for k, part in v.precision_at_k.groupby("k"):
        pk.add_row(str(k), _f(part["precision"].mean()), _f(part["base_rate"].mean()), _f(part["lift"].mean(), 2),
                   _f(part["harm_share"].mean()))  # fmt: skip
    tables.append(pk)

    comp = v.rfgv_comparison.iloc[0]
    if "auc_rfgv" in v.rfgv_comparison:
        cmp_table = Table(title=f"RFSDI vs RFGV on serial DA perpetrators (n={int(comp['n']):,})")
        cmp_table.add_column("tool")
        cmp_table.add_column("AUC (95%)", justify="right")
        for tool in ("rfsdi", "rfgv"):
            cmp_table.add_row(
                tool,
                f"{comp[f'auc_{tool}']:.3f} ({comp[f'auc_{tool}_low']:.3f}-{comp[f'auc_{tool}_high']:.3f})",
            )
        tables.append(cmp_table)

    if pilot is not None:
        p = pilot
        did = Table(
            title=f"Pilot ({', '.join(p.pilot_areas)} from {p.pilot_start}): difference-in-differences"
        )
        did.add_column("measure")
        did.add_column("value", justify="right")
        did.add_row(
            "rate ratio (95%)",
            f"{p.rate_ratio.estimate:.3f} ({p.rate_ratio.low:.3f}-{p.rate_ratio.high:.3f})",
        )
        rr = p.relative_reduction
        did.add_row("relative reduction (95%)", f"{rr.estimate:.1%} ({rr.low:.1%} to {rr.high:.1%})")
        ad = p.absolute_difference
        did.add_row(
            "absolute difference per suspect-month", f"{ad.estimate:+.4f} ({ad.low:+.4f} to {ad.high:+.4f})"
        )
        did.add_row("p-value", f"{p.p_value:.3g}")
        if p.placebo is not None:
            pl = p.placebo
            did.add_row(
                "permutation p-value (placebo-in-space)",
                f"{pl.p_value:.3g} over {pl.n_assignments} sets of areas (smallest possible {pl.smallest_p:.3g})",
            )
        did.add_row("areas; months before / after", f"{p.n_areas}; {p.n_months_pre} / {p.n_months_post}")
        did.add_row("standard errors", p.se)
        pt = p.pre_trend_ratio_per_month
        did.add_row("pre-period trend, pilot vs rest (ratio/month)",
                    f"{pt.estimate:.4f} ({pt.low:.4f}-{pt.high:.4f}), p={p.pre_trend_p_value:.2g}")  # fmt: skip
        did.caption = p.assumption
        tables.append(did)
        two = Table(title="Re-offences per known suspect-month")
        for col in ("group", "period", "suspect-months", "re-offences", "rate"):
            two.add_column(col, justify="right" if col not in ("group", "period") else "left")
        for r in p.two_by_two.itertuples():
            two.add_row(
                str(r.group), str(r.period), f"{r.known_suspect_months:,}", f"{r.reoffences:,}", _f(r.rate, 4)
            )
        tables.append(two)
    return tables


def plot_pilot_trends(pilot: PilotReport, path: Path) -> Path:
    """Monthly re-offending rate of known suspects, pilot areas vs the rest, with the go-live line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 4.5))
    for group, part in pilot.monthly.groupby("group"):
        ax.plot(list(part["month"]), part["rate"].to_numpy(), marker="o", ms=3, label=str(group))
    ax.axvline(pilot.pilot_start, color="grey", linestyle="--", label="RFSDI go-live")  # type: ignore[arg-type]
    ax.set_ylabel("DA re-offences per known suspect")
    ax.set_title("RFSDI pilot: re-offending by known DA suspects (parallel before go-live?)")
    ax.legend()
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def write_evaluation(out: Path, validity: ValidityReport, pilot: PilotReport | None) -> list[Path]:
    """Write summary.json, one CSV per table and the pilot figure into ``out``; return the files."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    summary = {"validity": validity.to_dict(), "pilot": pilot.to_dict() if pilot else None}
    (out / "summary.json").write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    written.append(out / "summary.json")
    tables = {
        "validity_by_date": validity.by_date,
        "precision_at_k": validity.precision_at_k,
        "calibration": validity.calibration,
        "rfgv_comparison": validity.rfgv_comparison,
    }
    if pilot is not None:
        tables |= {
            "pilot_panel": pilot.panel,
            "pilot_monthly": pilot.monthly,
            "pilot_two_by_two": pilot.two_by_two,
        }
    for name, frame in tables.items():
        written.append(write_table(frame, out / f"{name}.csv"))
    if pilot is not None:
        written.append(plot_pilot_trends(pilot, out / "pilot_trends.png"))
    return written


__all__ = [
    "evaluation_tables",
    "level_summary",
    "plot_pilot_trends",
    "scores_table",
    "write_evaluation",
]

"""What the report says for every strand beyond its indicators: the action plan's state (issue 15) and
the Our Behaviours strand's own evidence — Professional Standards cases and training coverage.

The action plan lives in the store's app-state file; a store that has none gets no plan sentence (and
nothing is created by reading). Counts of police-perpetrated VAWG cases are published aggregates:
a count under the suppression threshold is written as "fewer than N", never as the number.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from vawg.config import get_settings
from vawg.metrics import compute
from vawg.reports._board_data import ReportWindow


def _store_path(con: duckdb.DuckDBPyConnection) -> Path | None:
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    return Path(rows[0][0]) if rows and rows[0][0] else None


def plan_sentences(con: duckdb.DuckDBPyConnection, window: ReportWindow) -> dict[str, list[str]]:
    """Strand title → the action plan sentence, for each strand with actions (empty without a plan)."""
    from vawg.appstate import app_state_path
    from vawg.strategy import ActionPlan, load_strands, plan_sentence, strand_summary

    path = _store_path(con)
    if path is None:
        return {}
    app = app_state_path(path)
    if not app.exists():
        return {}
    strands = load_strands()
    with ActionPlan(app) as plan:
        if not plan.actions():
            return {}
        summary = strand_summary(plan, strands, window.end)
    return {str(row["title"]): [plan_sentence(row)] for _, row in summary.iterrows() if row["actions"]}


def _count(n: int, threshold: int) -> str:
    return f"fewer than {threshold}" if 0 < n < threshold else f"{n:,}"


def _total(con: duckdb.DuckDBPyConnection, metric: str, start: object, end: object) -> int:
    frame = compute(con, metric, grain="all", start=start, end=end).frame  # type: ignore[arg-type]
    return int(frame["numerator"].sum()) if len(frame) else 0


def behaviours_sentences(con: duckdb.DuckDBPyConnection, window: ReportWindow) -> list[str]:
    """The Our Behaviours strand's evidence in words (empty when the store has none of its tables' rows)."""
    from vawg.strategy import coverage_sentence, training_coverage

    threshold = get_settings().suppression_threshold
    out: list[str] = []
    now = _total(con, "conduct_cases_received", window.start, window.end)
    before = _total(con, "conduct_cases_received", window.previous_start, window.previous_end)
    if now or before:
        apsp = _total(con, "conduct_apsp_cases", window.start, window.end)
        iopc = _total(con, "conduct_iopc_referrals", window.start, window.end)
        out.append(
            f"Professional Standards received {_count(now, threshold)} complaints and conduct matters about "
            f"police-perpetrated violence against women and girls in {window.label}, against "
            f"{_count(before, threshold)} in the twelve months before; {_count(apsp, threshold)} concerned abuse of "
            f"position for a sexual purpose and {_count(iopc, threshold)} were referred to the IOPC."
        )
    coverage = training_coverage(con, window.end)
    sentence = coverage_sentence(coverage, window.end)
    if sentence:
        out.append(sentence)
    return out


def add_strand_sentences(
    key_points: dict[str, list[str]], extra: dict[str, list[str]], placeholder: str
) -> dict[str, list[str]]:
    """``key_points`` with ``extra`` sentences added per strand; a strand's "no indicator" placeholder is
    dropped once it has something to say."""
    out = {}
    for strand, sentences in key_points.items():
        more = extra.get(strand, [])
        kept = [s for s in sentences if s != placeholder] if more else sentences
        out[strand] = [*kept, *more]
    return out

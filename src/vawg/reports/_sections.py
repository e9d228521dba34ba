"""The board report's sections beyond the key points: SPC tiles, equality, national context, data quality.

Indicators come from metric results; the national context from ``vawg.national``'s comparison
measures and the data-quality caveats from ``vawg.quality``: both are context, not indicators.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from vawg.config import get_settings
from vawg.errors import ReportError
from vawg.metrics import REGISTRY, equal_width_bands, load_change_points, load_targets, metric_spc
from vawg.quality import quality_report
from vawg.reports._board_data import ReportWindow
from vawg.reports._indicators import REPORT_INDICATORS
from vawg.reports._sentences import format_value, plural
from vawg.reports._spc_chart import icon_label, icon_svg, render_spc_chart
from vawg.reports._style import RenderedFigure


@dataclass
class SpcTile:
    metric_id: str
    title: str
    latest: str
    latest_period: str
    variation: str
    variation_label: str
    variation_icon: str
    assurance_label: str
    assurance_icon: str
    chart: RenderedFigure
    notes: list[str] = field(default_factory=list)  # change points and the target, in words


def _tile_notes(chart: Any) -> list[str]:
    """Why the limits change, the target in force, and (seasonal) the month against a year before."""
    metric, notes = chart.metric, []
    starts = chart.spc.phase_starts
    for point in chart.change_points:
        if starts and point.date <= starts[-1]:
            notes.append(f"Limits recalculated after {point.date:%-d %B %Y}: {point.reason}.")
    if chart.target is not None:
        target = chart.target
        word = "at least" if target.higher_is_better else "at most"
        notes.append(f"Target: {word} {format_value(target.value, metric.unit)} (from {target.from_date:%-d %B %Y}"
                     + (f"; {target.reason}" if target.reason else "") + ").")  # fmt: skip
    if chart.adjusted:
        notes.append("Seasonally adjusted (the usual effect of the calendar month removed), so a summer peak "
                     "is not read as a special cause.")  # fmt: skip
        last = chart.year_on_year.iloc[-1]
        if pd.notna(last["last_year"]):
            when = pd.Timestamp(chart.year_on_year.index[-1])
            relative = (
                f", {last['relative_change']:+.1%} relative change"
                if pd.notna(last["relative_change"])
                else ""
            )
            notes.append(f"{when:%B %Y}: {format_value(last['value'], metric.unit)} against "
                         f"{format_value(last['last_year'], metric.unit)} in {when.year - 1} ({last['change']:+,.0f}"
                         f"{relative}).")  # fmt: skip
    return notes


def _tile(chart: Any, out_dir: Path, source_note: str | None) -> SpcTile:
    metric, result, values = chart.metric, chart.spc, chart.series
    suffix = " (seasonally adjusted)" if chart.adjusted else ""
    key = f"spc_{metric.id}" + ("_adjusted" if chart.adjusted else "")
    rendered = render_spc_chart(result, out_dir, key=key, metric_id=metric.id, title=metric.title + suffix,
                                unit=metric.unit, source_note=source_note, show_title=False)  # fmt: skip
    latest = result.frame["y"].iloc[-1] if chart.adjusted else values.iloc[-1]
    return SpcTile(metric.id, metric.title + suffix, format_value(latest, metric.unit),
                   pd.Timestamp(values.index[-1]).strftime("%B %Y"), result.variation,
                   icon_label(result.variation), icon_svg(result.variation),
                   icon_label(result.assurance, assurance=True), icon_svg(result.assurance, assurance=True),
                   rendered, _tile_notes(chart))  # fmt: skip


def _mature_values(result: Any) -> tuple[pd.Series, int]:
    """The monthly values a chart may show, and how many immature (cohort) months were left out."""
    values = result.series()
    if "mature" not in result.frame:
        return values.dropna(), 0
    mature = result.frame["mature"].to_numpy(dtype=bool)
    return values[mature].dropna(), int((~mature).sum())


def spc_tiles(monthly: dict[str, Any], out_dir: Path, source_note: str | None) -> list[SpcTile]:
    """An XmR chart and icons for each report indicator marked ``spc`` (24 monthly points).

    ``vawg.metrics.metric_spc`` recalculates the limits after the metric's declared change points
    and reads the target in force in the last month; an indicator marked ``seasonal`` gets a second
    tile, of its seasonally adjusted values, with the last month against the same month a year before.
    A cohort-basis rate's immature months (``settings.outcome_follow_up_days``) are left out: they
    are never the headline figure nor a signal.
    """
    tiles = []
    points, targets = load_change_points(), load_targets()
    for spec in REPORT_INDICATORS:
        if not spec.spc or spec.metric_id not in monthly:
            continue
        metric = REGISTRY.get(spec.metric_id)
        values, immature = _mature_values(monthly[spec.metric_id])
        if len(values) < 2:
            continue
        tile = _tile(metric_spc(metric, values, change_points=points, targets=targets), out_dir, source_note)
        if immature:
            tile.notes.insert(0, f"Cohort basis: {plural(immature, 'later month')} left out, with under "
                              f"{get_settings().outcome_follow_up_days} days for their crimes to reach an outcome.")  # fmt: skip
        tiles.append(tile)
        if spec.seasonal and len(values) >= 24:
            adjusted = metric_spc(
                metric, values, seasonally_adjusted=True, change_points=points, targets=targets
            )
            tiles.append(_tile(adjusted, out_dir, source_note))
    return tiles


@dataclass
class ProfileRow:
    group: str
    victims: int
    share: str
    interval: str


@dataclass
class EqualitySection:
    sentences: list[str]
    age: list[ProfileRow]
    sex: list[ProfileRow]
    age_total: int
    sex_total: int


_SEX_WORDS = {"F": "female", "M": "male", "X": "another sex", "U": "not recorded"}


def _profile(results: Mapping[str, Any], metric_id: str) -> pd.DataFrame:
    result = results[metric_id]
    return result.frame.sort_values(str(result.metric.breakdown)).reset_index(drop=True)


def _rows(frame: pd.DataFrame, column: str, words: dict[str, str] | None = None) -> list[ProfileRow]:
    return [
        ProfileRow((words or {}).get(str(r[column]), str(r[column])), int(r["numerator"]), format_value(r["value"], "rate"),
                   f"{format_value(r['ci_low'], 'rate')} to {format_value(r['ci_high'], 'rate')}")
        for r in frame.to_dict(orient="records")
    ]  # fmt: skip


def equality_section(results: Mapping[str, Any], window: ReportWindow) -> EqualitySection:
    """Victims' age bands and sex on VAWG crimes recorded in the past twelve months.

    ``results`` are grain-"all" metric results over the window (``_board_data.CURRENT_EXTRA``).
    """
    width = get_settings().age_band_width
    if "victim_age_years" in results:  # equal-width bands after 18-24: like compared with like
        age = equal_width_bands(results["victim_age_years"].frame, width).rename(columns={"band": "age_band"})
        bands_words = f" (in bands of {width} years after 18–24)"
    else:
        age, bands_words = _profile(results, "victim_age_profile"), ""
    sex = _profile(results, "victim_sex_profile")
    sentences = []
    if len(age) and age["denominator"].iloc[0]:
        top = age.iloc[int(age["numerator"].to_numpy().argmax())]
        young = results["victim_age_18_34_share"].frame.iloc[0]
        sentences.append(
            f"The largest single age group for victims{bands_words} is {top['age_band'].replace('-', '–')}, with "
            f"{format_value(top['value'], 'rate')} of victims; the age range 18–34 accounts for "
            f"{format_value(young['value'], 'rate')} (95% CI {format_value(young['ci_low'], 'rate')} to "
            f"{format_value(young['ci_high'], 'rate')}; victims of VAWG crimes recorded {window.label} whose age "
            "is known)."
        )
    if len(sex) and sex["denominator"].iloc[0]:
        parts = [
            f"{format_value(r['value'], 'rate')} {_SEX_WORDS.get(str(r['sex']), r['sex'])}"
            for r in sex.to_dict(orient="records")
        ]
        sentences.append(f"Of victims of VAWG crimes in the same period, {', '.join(parts)}.")
    return EqualitySection(
        sentences,
        _rows(age, "age_band"),
        _rows(sex, "sex", _SEX_WORDS),
        int(age["denominator"].iloc[0]) if len(age) else 0,
        int(sex["denominator"].iloc[0]) if len(sex) else 0,
    )


@dataclass
class NationalSection:
    period: str
    force: str
    sentences: list[str]
    rows: list[dict[str, str]]


def national_section(con: duckdb.DuckDBPyConnection) -> NationalSection | None:
    """The force beside the territorial forces in the latest quarter of Home Office data loaded."""
    from vawg.national import compare_force, has_national_data

    if not has_national_data(con):
        return None
    force = get_settings().force_name
    try:
        comparison = compare_force(con, force)
    except ReportError as exc:
        return NationalSection("", force, [f"National data is loaded but cannot be compared: {exc}"], [])
    latest = comparison.latest()
    rows = [
        {"category": r["category_title"], "count": f"{int(r['count']):,}", "change": "" if pd.isna(r["change"]) else f"{int(r['change']):+,}",
         "share": f"{r['share']:.2%}", "median": f"{r['national_median_share']:.2%}",
         "rank_count": f"{r['rank_count']} of {r['forces_ranked']}", "rank_share": f"{r['rank_share']} of {r['forces_ranked']}"}
        for r in latest.to_dict(orient="records")
    ]  # fmt: skip
    sentences = []
    total = latest[latest["category"] == "vawg_offences"]
    if len(total):
        t = total.iloc[0]
        sentences.append(
            f"In {t['period']} (financial year {t['financial_year']}), the latest quarter of Home Office police "
            f"recorded crime data used here, {force} recorded "
            f"{int(t['count']):,} offences in VAWG offence categories, {t['share']:.1%} of its recorded crime against a "
            f"median of {t['national_median_share']:.1%} among the {t['forces_ranked']} territorial forces: "
            f"{_ordinal(int(t['rank_count']))} by count and {_ordinal(int(t['rank_share']))} by share."
        )
    sentences.append(
        "The Home Office table counts offences by code only: domestic abuse (a flag) and victim sex are not in it, "
        "so these are the offence-category layer of VAWG."
    )
    return NationalSection(comparison.latest_period, force, sentences, rows)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass
class QualitySection:
    source: str
    sentences: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)


def _pct(completeness: pd.DataFrame, table: str, column: str) -> float | None:
    """Percent of rows not stated (when the column has a 'not stated' value) or missing."""
    hit = completeness[(completeness["table"] == table) & (completeness["column"] == column)]
    if hit.empty or not int(hit["rows"].iloc[0]):
        return None
    for field_name in ("not_stated_pct", "missing_pct"):
        value = hit[field_name].iloc[0]
        if pd.notna(value) and (field_name == "missing_pct" or value > 0):
            return float(value)
    return None


def quality_section(con: duckdb.DuckDBPyConnection) -> QualitySection:
    """Data quality caveats from ``vawg.quality.quality_report``: context for the figures, not indicators."""
    report = quality_report(con)
    quarantined = int(report.quarantine["rows"].sum()) if len(report.quarantine) else 0
    loaded = int(report.loads["rows_loaded"].sum()) if len(report.loads) else 0
    against = f" against {plural(loaded, 'row')} loaded" if loaded else ""
    sentences = [
        f"{plural(quarantined, 'row was', 'rows were')} quarantined at ingest{against}; quarantined rows are in no figure."
        if quarantined
        else "No rows were quarantined at ingest."
    ]
    if report.extract_date_source == "inferred":  # every stock and rate is valued up to this day
        sentences.insert(0, f"The extract date ({report.extract_date:%-d %B %Y}) was not supplied with the data: it was "
                         "inferred from the latest date in the records and should be confirmed.")  # fmt: skip
    elif report.extract_date_source == "today":
        sentences.insert(0, "The extract date was not supplied with the data and was taken as the day of loading; "
                         "it should be confirmed.")  # fmt: skip
    facts = (
        ("persons", "ethnicity", "Ethnicity is not stated for {:.1f}% of people: this report does not break figures down by it."),
        ("persons", "sex", "Sex is not recorded for {:.1f}% of people."),
        ("crime_persons", "age", "Age is missing on {:.1f}% of the links between people and crimes (the age profile counts victims of known age)."),
    )  # fmt: skip
    for table, column, words in facts:
        value = _pct(report.completeness, table, column)
        if value is not None:
            sentences.append(words.format(value))
    coverage = report.date_coverage
    holes = coverage[coverage["empty_months"] > 0] if len(coverage) else coverage
    for row in holes.head(5).to_dict(orient="records"):
        what = f"{_TABLE_WORDS.get(str(row['table']), str(row['table']).replace('_', ' '))} (by {str(row['column']).replace('_', ' ')})"
        sentences.append(
            f"The records of {what} have {plural(int(row['empty_months']), 'month')} with none inside their range "
            f"({', '.join(row['gaps'])}): figures for those months may be incomplete."
        )
    rows = [
        {"table": str(r["table"]), "rule": str(r["rule"]), "rows": f"{int(r['rows']):,}"}
        for r in report.quarantine.sort_values("rows", ascending=False).head(15).to_dict(orient="records")
    ]
    return QualitySection("vawg.quality.quality_report", sentences, rows)


# The force's tables in words, for caveats a board reads (table names stay in the analysts' appendix).
_TABLE_WORDS = {
    "crimes": "crimes", "crime_persons": "people linked to crimes", "persons": "people", "outcomes": "outcomes",
    "incidents": "incidents", "custody": "custody", "orders": "protective orders", "order_breaches": "order breaches",
    "interventions": "interventions", "actions": "actions",
}  # fmt: skip


__all__ = [
    "EqualitySection",
    "NationalSection",
    "ProfileRow",
    "QualitySection",
    "SpcTile",
    "equality_section",
    "national_section",
    "quality_section",
    "spc_tiles",
]

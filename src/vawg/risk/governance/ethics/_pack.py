"""The ethics pack of a registered model version: a model card and an ATRS record, Markdown and PDF.

Inputs are ONE model metadata file (TOML: who owns the tool, what it is for and not for, its data,
governance, risks; ``vawg/risk/governance/models/<name>.toml`` by default) and what the registry stores with
the version (status and approval, evaluation, fairness audit). Sections follow Mitchell et al.
(2019) for the card and the Algorithmic Transparency Recording Standard (Tier 1 and Tier 2) for
the record. Every PDF page carries the OFFICIAL-SENSITIVE marking; the pack states that the outputs
are for safeguarding and diversion, not enforcement.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, PackageLoader, StrictUndefined

from vawg import MARKING
from vawg.errors import ReportError
from vawg.risk.governance._evidence import EthicsDecision, ethics_decision, record_ethics_pack
from vawg.risk.governance._lifecycle import get_version, status_history
from vawg.risk.governance._registry import ModelRegistry, ModelVersion
from vawg.risk.governance.ethics import _tables as tables
from vawg.risk.governance.ethics._evaluation_tables import (
    WHOLE_RANGE_DIMENSIONS,
    fairness_range_frame,
    recalibration_frames,
)
from vawg.risk.governance.ethics._sections import (
    bands_table,
    completeness_table,
    frame_table,
    officers_act_tables,
    overrides_table,
)

FRAMING = (
    "Outputs of this tool are for safeguarding victims and offering diversion to the person, not "
    "for enforcement. A score is never evidence and never grounds for arrest, charge, bail "
    "conditions, search or any coercive power, and never a decision in itself."
)
# The ATRS record is written for publication: OFFICIAL, not OFFICIAL-SENSITIVE (it holds no person data).
PUBLICATION_MARKING = "OFFICIAL"
SYNTHETIC_BANNER = "SYNTHETIC DATA: the evaluation figures come from a synthetic force, not real records"
REQUIRED_SECTIONS = ("model", "owner", "purpose", "decision", "data", "governance")
MISSING_METADATA = "{path}: model metadata lacks section(s) {missing}; expected {expected}"


@dataclass
class EthicsPack:
    """The files written for one version."""

    model_card_md: Path
    atrs_md: Path
    model_card_pdf: Path | None = None
    atrs_pdf: Path | None = None
    figures: list[Path] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        found = [self.model_card_md, self.atrs_md, self.model_card_pdf, self.atrs_pdf, *self.figures]
        return [p for p in found if p is not None]


def default_metadata_path(name: str) -> Path:
    """The shipped metadata file of model ``name`` (``vawg/risk/governance/models/<name>.toml``)."""
    return Path(str(resources.files("vawg.risk.governance").joinpath("models", f"{name}.toml")))


def load_metadata(path: Path) -> dict[str, Any]:
    """Read and check a model metadata TOML file."""
    if not path.is_file():
        raise ReportError(f"{path}: no model metadata file here", path=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ReportError(f"{path}: not valid TOML ({exc})", path=str(path)) from exc
    missing = [s for s in REQUIRED_SECTIONS if s not in data]
    if missing:
        raise ReportError(
            MISSING_METADATA.format(
                path=path, missing=", ".join(missing), expected=", ".join(REQUIRED_SECTIONS)
            ),
            path=str(path),
            missing=missing,
        )
    return data


def is_synthetic(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's data are synthetic (ingest records ``data_origin`` from the manifest)."""
    present = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchall()
    if not present[0][0]:
        return False
    rows = con.execute("SELECT value FROM meta WHERE key = 'data_origin'").fetchall()
    return bool(rows) and rows[0][0] == "synthetic"


def _figures(record: dict[str, Any], out: Path, stem: str) -> dict[str, Path]:
    # imported here: matplotlib takes a second to import and the registry alone does not need it
    from vawg.risk.governance.ethics._figures import group_bars_figure, reliability_figure, roc_figure

    found: dict[str, Path] = {}
    evaluation = record.get("evaluation") or {}
    if evaluation.get("roc"):
        found["roc"] = roc_figure(evaluation, out / "figures" / f"{stem}-roc.png")
    if evaluation.get("reliability"):
        found["reliability"] = reliability_figure(evaluation, out / "figures" / f"{stem}-reliability.png")
    audit = tables.audited(record)
    if audit is not None:
        found["groups"] = group_bars_figure(audit[1], out / "figures" / f"{stem}-groups.png")
    return found


def _context(
    meta: dict[str, Any],
    version: ModelVersion,
    record: dict[str, Any],
    history: Any,
    figures: dict[str, Path],
    out: Path,
    decision: EthicsDecision | None = None,
    synthetic: bool = False,
    overrides: str = "",
) -> dict[str, Any]:
    audit = tables.audited(record)
    recalibration = record.get("recalibration") or {}
    return {
        "marking": MARKING,
        "framing": FRAMING,
        "meta": meta,
        "version": version,
        "record": record,
        "history": tables.history_table(history),
        "figures": {k: p.relative_to(out).as_posix() for k, p in figures.items()},
        "metrics_table": tables.metrics_table(record),
        "differences_table": tables.differences_table(record),
        "capacity_table": tables.capacity_table(record),
        "selection": record.get("selection") or {},
        "panel": record.get("panel") or {},
        "audit_model": audit[0] if audit else None,
        "fairness": audit[1] if audit else None,
        "fairness_table": tables.fairness_table(audit[1]) if audit else "",
        "fairness_summary": tables.fairness_summary_table(audit[1]) if audit else "",
        "calibration_table": tables.group_calibration_table(audit[1]) if audit else "",
        "truth_tables": tables.truth_tables(record),
        "features_table": tables.features_table(meta),
        "coefficients_table": tables.coefficients_table(record),
        "other_metrics": tables.flat_metrics_table(record) if not record.get("evaluation") else "",
        "title": meta["model"].get("title", version.name),
        "atrs_marking": PUBLICATION_MARKING,
        "synthetic_banner": SYNTHETIC_BANNER if synthetic else "",
        "decision": decision,
        "completeness": completeness_table(audit[1]) if audit else "",
        "officers_act": officers_act_tables(record, (record.get("selection") or {}).get("model")),
        "atrs": meta.get("atrs", {}),
        "algo_care": meta.get("algo_care", []),
        "article8": meta.get("article8", {}),
        "recalibration": recalibration,
        "recalibration_tables": {k: frame_table(f) for k, f in recalibration_frames(record).items()},
        "fairness_range_table": frame_table(fairness_range_frame(record, whole_range=WHOLE_RANGE_DIMENSIONS)),
        "overrides_table": overrides,
        "bands_table": bands_table(record),
    }


def _overrides(registry: ModelRegistry, con: duckdb.DuckDBPyConnection, name: str, version: str) -> str:
    """The version's overrides table, through the public ``override_summary`` (imported here: the
    governance package imports this one)."""
    from vawg.risk.governance import override_summary

    return overrides_table(override_summary(registry, con, name, version))


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("vawg.risk.governance.ethics", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def markdown_to_pdf(
    markdown: str, pdf: Path, *, title: str, base: Path, marking: str = MARKING, banner: str = ""
) -> Path:
    """Render Markdown to a marked A4 PDF (WeasyPrint), images resolved against ``base``; ``banner``
    (e.g. that the data are synthetic) is printed at the top of every page."""
    from markdown_it import MarkdownIt
    from weasyprint import CSS, HTML

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    css_text = (
        resources.files("vawg.risk.governance.ethics")
        .joinpath("templates", "pack.css")
        .read_text(encoding="utf-8")
    )
    css_text = css_text.replace("__MARKING__", marking).replace("__BANNER__", banner.replace('"', "'"))
    html = f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"
    HTML(string=html, base_url=str(base)).write_pdf(str(pdf), stylesheets=[CSS(string=css_text)])
    return pdf


def build_ethics_pack(
    registry: ModelRegistry,
    con: duckdb.DuckDBPyConnection,
    out_dir: Path,
    *,
    name: str = "escalation",
    version: str | None = None,
    metadata_path: Path | None = None,
    pdf: bool = True,
) -> EthicsPack:
    """Write the model card and ATRS record of ``name`` ``version`` (default: latest) to ``out_dir``.

    The version, its status history and ethics decision come from ``registry``; ``con`` (the data
    store, read-only is enough) says whether the data are synthetic.
    """
    meta = load_metadata(metadata_path or default_metadata_path(name))
    found = get_version(registry, name, version)
    record = found.metrics or {}
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{name}-{found.version}"
    figures = _figures(record, out_dir, stem)
    history = status_history(registry, name, found.version)
    decision = ethics_decision(registry, name, found.version)
    context = _context(
        meta,
        found,
        record,
        history,
        figures,
        out_dir,
        decision,
        is_synthetic(con),
        _overrides(registry, con, name, found.version),
    )
    env = _environment()
    pack = EthicsPack(
        model_card_md=out_dir / f"{stem}-model-card.md",
        atrs_md=out_dir / f"{stem}-atrs.md",
        figures=list(figures.values()),
    )
    card = env.get_template("model_card.md.j2").render(**context)
    atrs = env.get_template("atrs.md.j2").render(**context)
    pack.model_card_md.write_text(card, encoding="utf-8")
    pack.atrs_md.write_text(atrs, encoding="utf-8")
    # The approval gate asks that the pack of this exact version was generated (_evidence).
    record_ethics_pack(
        registry,
        name,
        found.version,
        model_card_sha256=hashlib.sha256(card.encode("utf-8")).hexdigest(),
        atrs_sha256=hashlib.sha256(atrs.encode("utf-8")).hexdigest(),
    )
    if pdf:
        title = context["title"]
        banner = context["synthetic_banner"]
        pack.model_card_pdf = markdown_to_pdf(
            card,
            out_dir / f"{stem}-model-card.pdf",
            title=f"Model card: {title}",
            base=out_dir,
            banner=banner,
        )
        pack.atrs_pdf = markdown_to_pdf(
            atrs, out_dir / f"{stem}-atrs.pdf", title=f"ATRS record: {title}", base=out_dir,
            marking=PUBLICATION_MARKING, banner=banner,
        )  # fmt: skip
    return pack


__all__ = [
    "FRAMING",
    "PUBLICATION_MARKING",
    "SYNTHETIC_BANNER",
    "EthicsPack",
    "build_ethics_pack",
    "default_metadata_path",
    "is_synthetic",
    "load_metadata",
    "markdown_to_pdf",
]

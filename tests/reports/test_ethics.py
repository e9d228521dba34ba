"""The ethics pack: model card and ATRS record from one metadata file plus the registry."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from tests.risk.governed import SHA, move, record_decision
from vawg import MARKING
from vawg.errors import ReportError
from vawg.risk import governance as gov
from vawg.risk.escalation._panel import FEATURES, PanelDates
from vawg.risk.escalation._train import save_and_register, train_escalation
from vawg.risk.governance.ethics._pack import (
    FRAMING,
    SYNTHETIC_BANNER,
    build_ethics_pack,
    default_metadata_path,
    load_metadata,
)

DATES = PanelDates(
    (date(2020, 10, 1), date(2021, 4, 1)), date(2022, 4, 1), 365, date(2020, 4, 1), date(2023, 3, 31)
)
MITCHELL = (
    "Model details", "Intended use", "Factors", "Metrics", "Evaluation data", "Training data",
    "Quantitative analyses", "Ethical considerations", "Caveats and recommendations",
)  # fmt: skip
ATRS = (
    "Tier 1", "Name", "Description", "Website", "Contact email", "Tier 2", "Owner and responsibility",
    "Description and rationale", "Decision-making process", "Tool specification", "Risks, mitigations and impact assessments",
)  # fmt: skip


def _panel(n: int = 1500, seed: int = 3) -> pd.DataFrame:
    """A small panel with every feature column and a signal in two of them."""
    rng = np.random.default_rng(seed)
    frames = []
    for i, as_of in enumerate(DATES.all):
        f = pd.DataFrame({c: rng.poisson(0.8, n) for c in FEATURES})
        f["stalking_offences_total"] += 1
        f["age"] = rng.integers(16, 70, n)
        f["harm_days_3y"] = rng.gamma(2.0, 20.0, n)
        f["person_id"] = [f"P{i * n + j:07d}" for j in range(n)]
        f["as_of"] = as_of
        f["sex"] = rng.choice(["M", "F", "U"], n, p=[0.85, 0.12, 0.03])
        f["ethnicity_group"] = rng.choice(["White", "Asian", "Black", "Not stated"], n)
        logit = -3.5 + 0.6 * f["drug_intel_12m"] + 0.4 * f["stalking_offences_total"] - 0.02 * (f["age"] - 40)
        f["label"] = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype("int64")
        frames.append(f)
    return pd.concat(frames, ignore_index=True)


def _rfsdi(frame: pd.DataFrame) -> pd.Series:
    return frame["vawg_offences_12m"].astype("float64") + frame["drug_intel_12m"]


@pytest.fixture(scope="module")
def registry(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[gov.ModelRegistry, duckdb.DuckDBPyConnection, str, Path]:
    base = tmp_path_factory.mktemp("ethics")
    con, models = duckdb.connect(), gov.ModelRegistry(base / "store.app.sqlite")
    # As ingest records it for a synthetic bundle: every page of the pack must say so.
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('data_origin', 'synthetic')")
    run = train_escalation(con, panel=_panel(), dates=DATES, n_boot=20, rfsdi_fn=_rfsdi)
    version = save_and_register(models, run, base / "models")
    move(models, "submit", "escalation", version.version)
    build_ethics_pack(models, con, base / "draft-pack", version=version.version, pdf=False)  # before approval
    record_decision(models, "escalation", version.version)
    move(models, "approve", "escalation", version.version)
    return models, con, version.version, base


@pytest.fixture(scope="module")
def pack(registry: tuple[gov.ModelRegistry, duckdb.DuckDBPyConnection, str, Path]):  # type: ignore[no-untyped-def]
    models, con, version, base = registry
    return build_ethics_pack(models, con, base / "pack", version=version)


def test_pack_writes_markdown_pdf_and_figures(pack) -> None:  # type: ignore[no-untyped-def]
    for path in pack.paths:
        assert path.is_file() and path.stat().st_size > 0
    assert {p.name.rsplit("-", 1)[-1] for p in pack.figures} == {"roc.png", "reliability.png", "groups.png"}


def test_every_pdf_page_carries_the_marking(pack) -> None:  # type: ignore[no-untyped-def]
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF"
    # The model card is OFFICIAL-SENSITIVE; the ATRS record is for publication, OFFICIAL (issue 11).
    for pdf, marking in ((pack.model_card_pdf, MARKING), (pack.atrs_pdf, "OFFICIAL")):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        assert len(pages) >= 2
        assert all(marking in page for page in pages)


def test_model_card_has_mitchell_sections_and_the_framing(pack) -> None:  # type: ignore[no-untyped-def]
    card = pack.model_card_md.read_text(encoding="utf-8")
    positions = [card.index(f"## {i}. {section}") for i, section in enumerate(MITCHELL, start=1)]
    assert positions == sorted(positions)
    assert FRAMING in card
    assert "not enforcement" in card
    assert card.startswith(f"**{MARKING}**")
    assert "chair" in card and "review in 6 months" in card  # approval recorded in the card
    assert "Not stated" in card  # the fairness table keeps the group
    assert "![ROC curves](figures/" in card


def test_atrs_record_has_both_tiers(pack) -> None:  # type: ignore[no-untyped-def]
    atrs = pack.atrs_md.read_text(encoding="utf-8")
    for heading in ATRS:
        assert heading in atrs, heading
    assert atrs.index("Tier 1") < atrs.index("Tier 2")
    meta = load_metadata(default_metadata_path("escalation"))
    assert meta["contacts"]["enquiries"] in atrs
    assert meta["owner"]["senior_responsible_owner"] in atrs
    assert FRAMING in atrs


def test_missing_metadata_sections_are_named(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[model]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(ReportError, match="lacks section"):
        load_metadata(path)
    with pytest.raises(ReportError, match="no model metadata file"):
        load_metadata(tmp_path / "missing.toml")


def test_a_rule_based_tool_gets_a_card_from_its_stored_metrics(tmp_path: Path) -> None:
    models = gov.ModelRegistry(tmp_path / "store.app.sqlite")
    gov.register_version(
        models, "rfsdi", "rfsdi-1.0", training_window=(date(2020, 4, 1), date(2023, 3, 31)),
        metrics={"validation": {"auc": 0.64, "n": 5000}}, metadata={"kind": "rule-based"}, artifact_sha256=SHA,
    )  # fmt: skip
    pack = build_ethics_pack(models, duckdb.connect(), tmp_path, name="rfsdi", pdf=False)
    card = pack.model_card_md.read_text(encoding="utf-8")
    assert "validation.auc" in card and "0.640" in card
    assert "RFSDI offender risk score" in card
    assert pack.model_card_pdf is None and pack.figures == []


def test_atrs_is_marked_for_publication_and_says_the_data_are_synthetic(pack) -> None:  # type: ignore[no-untyped-def]
    atrs = pack.atrs_md.read_text(encoding="utf-8")
    assert atrs.startswith("**OFFICIAL**") and not atrs.startswith(f"**{MARKING}**")
    assert SYNTHETIC_BANNER in atrs and SYNTHETIC_BANNER in pack.model_card_md.read_text(encoding="utf-8")
    for pdf in (pack.model_card_pdf, pack.atrs_pdf):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        assert all("SYNTHETIC DATA" in page for page in pages)


def test_figures_render_as_figures_not_inside_a_table(pack) -> None:  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    for path in (pack.model_card_md, pack.atrs_md):
        html = MarkdownIt("commonmark").enable("table").render(path.read_text(encoding="utf-8"))
        cells = re.findall(r"<td>(.*?)</td>", html, flags=re.S)
        assert html.count("<img") >= 2
        assert not any("<img" in cell or "![" in cell for cell in cells), path.name


def test_atrs_has_the_missing_fields_and_impact_assessments_from_the_decision(pack) -> None:  # type: ignore[no-untyped-def]
    atrs = pack.atrs_md.read_text(encoding="utf-8")
    for field in ("Previous process", "Training required", "Architecture", "Phase", "Maintenance",
                  "Data collection", "Data cleaning", "Data completeness and representativeness",
                  "Not stated (share)"):  # fmt: skip
        assert field in atrs, field
    assert "DPIA-117" in atrs and "EIA-042" in atrs and "FDEC-2023-04" in atrs
    assert "To be completed" not in atrs


def test_model_card_has_algo_care_and_article_8(pack) -> None:  # type: ignore[no-untyped-def]
    card = pack.model_card_md.read_text(encoding="utf-8")
    assert "### ALGO-CARE" in card and "### Article 8 ECHR: proportionality" in card
    for item in ("Advisory", "Lawful", "Granularity", "Ownership", "Challengeable", "Accuracy",
                 "Responsible", "Explainable"):  # fmt: skip
        assert f"| {item} |" in card, item
    assert "FDEC-2023-04" in card
    assert "calibration within the top k" in card and "Net benefit" in card


def test_roc_curves_differ_by_more_than_colour_and_labels_clear_the_marking(
    monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import matplotlib.pyplot as plt

    from vawg.risk.governance.ethics import _figures as figs

    kept: list = []  # type: ignore[type-arg]
    monkeypatch.setattr(figs.plt, "close", kept.append)
    grid = [0.0, 0.5, 1.0]
    evaluation = {"metrics": [], "roc": {m: {"fpr": grid, "tpr": grid} for m in ("rfsdi", "logistic", "gbm")}}
    figs.roc_figure(evaluation, tmp_path / "roc.png")
    lines = [line for line in kept[0].axes[0].get_lines() if line.get_label() != "Chance"]
    assert len({(line.get_linestyle(), line.get_marker()) for line in lines}) == 3
    audit = {
        "by_group": [
            {"dimension": "Ethnicity", "group": f"A long group label {i}", "n": 10} for i in range(6)
        ]
    }
    figs.group_bars_figure(audit, tmp_path / "groups.png")
    fig = kept[1]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    marking = next(t for t in fig.texts if t.get_text() == MARKING).get_window_extent(renderer)
    labels = [t.get_window_extent(renderer) for t in fig.axes[-1].get_xticklabels()]
    assert not any(marking.overlaps(box) for box in labels)
    monkeypatch.undo()  # plt.close is the real one again
    for f in kept:
        plt.close(f)

"""The ethics pack: model card and ATRS record from one metadata file plus the registry."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from vawg import MARKING
from vawg.errors import ReportError
from vawg.risk import governance as gov
from vawg.risk.escalation._panel import FEATURES, PanelDates
from vawg.risk.escalation._train import save_and_register, train_escalation
from vawg.risk.governance._ethics import FRAMING, build_ethics_pack, default_metadata_path, load_metadata

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
def registry(tmp_path_factory: pytest.TempPathFactory) -> tuple[duckdb.DuckDBPyConnection, str, Path]:
    base = tmp_path_factory.mktemp("ethics")
    con = duckdb.connect()
    run = train_escalation(con, panel=_panel(), dates=DATES, n_boot=20, rfsdi_fn=_rfsdi)
    version = save_and_register(con, run, base / "models")
    gov.submit(con, "escalation", version.version, by="analyst")
    gov.approve(con, "escalation", version.version, by="board chair", conditions="review in 6 months")
    return con, version.version, base


@pytest.fixture(scope="module")
def pack(registry: tuple[duckdb.DuckDBPyConnection, str, Path]):  # type: ignore[no-untyped-def]
    con, version, base = registry
    return build_ethics_pack(con, base / "pack", version=version)


def test_pack_writes_markdown_pdf_and_figures(pack) -> None:  # type: ignore[no-untyped-def]
    for path in pack.paths:
        assert path.is_file() and path.stat().st_size > 0
    assert {p.name.rsplit("-", 1)[-1] for p in pack.figures} == {"roc.png", "reliability.png", "groups.png"}


def test_every_pdf_page_carries_the_marking(pack) -> None:  # type: ignore[no-untyped-def]
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF"
    for pdf in (pack.model_card_pdf, pack.atrs_pdf):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        assert len(pages) >= 2
        assert all(MARKING in page for page in pages)


def test_model_card_has_mitchell_sections_and_the_framing(pack) -> None:  # type: ignore[no-untyped-def]
    card = pack.model_card_md.read_text(encoding="utf-8")
    positions = [card.index(f"## {i}. {section}") for i, section in enumerate(MITCHELL, start=1)]
    assert positions == sorted(positions)
    assert FRAMING in card
    assert "not enforcement" in card
    assert card.startswith(f"**{MARKING}**")
    assert "board chair" in card and "review in 6 months" in card  # approval recorded in the card
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
    con = duckdb.connect()
    gov.register_version(
        con, "rfsdi", "rfsdi-1.0", training_window=(date(2020, 4, 1), date(2023, 3, 31)),
        metrics={"validation": {"auc": 0.64, "n": 5000}}, metadata={"kind": "rule-based"},
    )  # fmt: skip
    pack = build_ethics_pack(con, tmp_path, name="rfsdi", pdf=False)
    card = pack.model_card_md.read_text(encoding="utf-8")
    assert "validation.auc" in card and "0.640" in card
    assert "RFSDI offender risk score" in card
    assert pack.model_card_pdf is None and pack.figures == []

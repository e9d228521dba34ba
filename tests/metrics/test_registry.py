"""The registry: every metric documented (fields and docs/metrics.md), stable ids, helpful errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import vawg.metrics
from vawg.errors import MetricError
from vawg.metrics import GRAINS, REGISTRY, Metric
from vawg.metrics.frames._base import FRAME_DIMENSIONS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "metrics.md"

# The board paper's ids (agreed interfaces): they must exist and never change.
PAPER_IDS = (
    "da_positive_outcome_rate", "da_outcome_1_share", "da_suspects_bailed", "da_suspects_rui",
    "victim_age_profile", "da_outstanding_suspects", "stalking_recorded_crimes",
    "stalking_positive_outcome_rate", "da_incidents", "easi_completions", "female_detainees",
)  # fmt: skip


def test_public_api_is_pinned() -> None:
    expected = {"REGISTRY", "Metric", "MetricResult", "compute", "compute_all", "wilson_interval",
                "compare_proportions", "spc", "SpcResult", "seasonal_trend"}  # fmt: skip
    assert expected <= set(vawg.metrics.__all__)
    assert all(hasattr(vawg.metrics, name) for name in vawg.metrics.__all__)


@pytest.mark.parametrize("metric", list(REGISTRY), ids=lambda m: m.id)
def test_every_metric_is_documented(metric: Metric) -> None:
    for name, value in metric.documentation_fields().items():
        assert value not in ("", (), None), f"{metric.id}: {name} is empty"
    assert re.fullmatch(r"[a-z][a-z0-9_]*", metric.id)
    assert metric.unit in ("count", "rate", "days", "ratio")
    assert set(metric.grains) <= set(GRAINS)
    text = DOCS.read_text(encoding="utf-8")
    section = re.search(rf"^### `{metric.id}`\n(.*?)(?=^### |^## |\Z)", text, re.M | re.S)
    assert section, f"docs/metrics.md has no section '### `{metric.id}`'"
    # The section carries the registry's definition word for word (the docs are generated from it).
    assert " ".join(metric.definition.split()) in " ".join(section.group(1).split())


@pytest.mark.parametrize("metric", list(REGISTRY), ids=lambda m: m.id)
def test_every_metric_is_computable_as_declared(metric: Metric) -> None:
    assert metric.num is not None
    frame_dims = FRAME_DIMENSIONS[metric.num.frame]
    assert set(metric.dimensions) <= set(frame_dims), f"{metric.id}: a dimension its frame lacks"
    if metric.kind in ("rate", "ratio"):
        assert metric.den is not None
    if metric.kind == "share":
        assert metric.breakdown in frame_dims


def test_paper_ids_exist() -> None:
    for metric_id in PAPER_IDS:
        assert metric_id in REGISTRY
    assert REGISTRY.get("stalking_positive_outcome_rate").basis == "closure"
    assert REGISTRY.get("da_positive_outcome_rate").basis == "cohort"


def test_unknown_id_names_close_ids() -> None:
    with pytest.raises(MetricError, match="da_positive_outcome_rate") as err:
        REGISTRY.get("da_positive_outcome_rte")
    assert "da_positive_outcome_rate" in err.value.context["close"]
    with pytest.raises(MetricError, match="vawg metrics list"):
        REGISTRY.get("zzzz")


def test_catalogue_order_and_frame() -> None:
    ids = REGISTRY.ids()
    assert ids[0] == "vawg_recorded_crimes" and len(ids) == len(set(ids)) == len(REGISTRY)
    frame = REGISTRY.to_frame()
    assert list(frame["id"]) == ids
    assert {"id", "title", "definition", "unit", "paper_ref"} <= set(frame.columns)


def test_a_duplicate_id_is_refused() -> None:
    registry = vawg.metrics.Registry()
    metric = REGISTRY.get("da_incidents")
    registry.add(metric)
    with pytest.raises(MetricError, match="twice"):
        registry.add(metric)

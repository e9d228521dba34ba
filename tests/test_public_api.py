"""The public API is what each package's ``__all__`` lists (httpx style): pinned here."""

import importlib

import pytest

import vawg

PACKAGES = (
    "vawg", "vawg.contract", "vawg.reference", "vawg.store", "vawg.synth", "vawg.ingest",
    "vawg.quality", "vawg.metrics", "vawg.reports", "vawg.disclosure", "vawg.national",
    "vawg.risk", "vawg.risk.features", "vawg.risk.rfsdi", "vawg.risk.escalation", "vawg.risk.governance",
    "vawg.risk.governance.ethics",
    "vawg.equality", "vawg.cli", "vawg.appstate", "vawg.accounts", "vawg.audit", "vawg.outputs",
    "vawg.operations", "vawg.places", "vawg.web", "vawg.strategy",
)  # fmt: skip


@pytest.mark.parametrize("name", PACKAGES)
def test_all_names_resolve_and_are_public(name: str) -> None:
    module = importlib.import_module(name)
    exported = module.__all__
    assert len(exported) == len(set(exported)), f"{name}.__all__ has duplicates"
    for attr in exported:
        assert hasattr(module, attr), f"{name}.__all__ names {attr}, which does not exist"
        assert not attr.startswith("_") or attr == "__version__", f"{name} exports private {attr}"


def test_top_level_api_is_pinned() -> None:
    assert sorted(vawg.__all__) == sorted(
        [
            "MARKING", "ConfigError", "FileRejected", "GovernanceError", "IngestError", "MetricError",
            "ReferenceDataError", "ReportError", "RiskError", "Settings", "StoreError", "VawgError",
            "__version__", "get_settings",
        ]
    )  # fmt: skip


def test_error_tree_has_one_root() -> None:
    for name in vawg.__all__:
        obj = getattr(vawg, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, vawg.VawgError)
    assert issubclass(vawg.GovernanceError, vawg.RiskError)
    assert issubclass(vawg.FileRejected, vawg.IngestError)

"""The risk package's layout: light paths stay light, the CLI uses public names, one settings object."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import vawg.cli

HEAVY = ("sklearn", "fairlearn")
CLI_DIR = Path(vawg.cli.__file__).parent


@pytest.mark.parametrize(
    "module", ["vawg.risk", "vawg.risk.features", "vawg.risk.rfsdi", "vawg.risk.governance"]
)
def test_light_paths_do_not_import_scikit_learn_or_fairlearn(module: str) -> None:
    code = f"import sys, {module}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"importing {module} loaded {done.stdout.strip()}"


def test_the_escalation_names_of_vawg_risk_load_on_first_use() -> None:
    code = (
        "import sys, vawg.risk as r; before = 'sklearn' in sys.modules; f = r.train_escalation; "
        "from vawg.risk.escalation import train_escalation; "
        "print(before, 'sklearn' in sys.modules, f is train_escalation)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "True"]


def _risk_imports(path: Path) -> list[tuple[str, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("vawg.risk"):
            found += [(node.module, alias.name) for alias in node.names]
    return found


@pytest.mark.parametrize("path", sorted(CLI_DIR.glob("*.py")), ids=lambda p: p.name)
def test_the_cli_imports_public_risk_names_only(path: Path) -> None:
    for module, name in _risk_imports(path):
        assert not any(part.startswith("_") for part in module.split(".")), f"{path.name}: {module}"
        exported = importlib.import_module(module).__all__
        assert name in exported, f"{path.name} imports {name} from {module}, not in its __all__"


def test_one_settings_object_holds_the_risk_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from vawg.config import Settings

    monkeypatch.setenv("VAWG_RFSDI_CONFIG", str(tmp_path / "own.toml"))
    monkeypatch.setenv("VAWG_USER", "pc123")
    settings = Settings()
    assert settings.rfsdi_config == tmp_path / "own.toml"
    assert settings.user == "pc123"
    import vawg.risk.rfsdi._config as config_module

    assert not hasattr(config_module, "RiskSettings")

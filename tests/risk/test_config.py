"""The RFSDI TOML: the shipped file is valid, transforms do what the file says, bad keys are named."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from vawg.errors import ConfigError
from vawg.risk import default_config_path, load_config, parse_config
from vawg.risk.rfsdi._config import RFG_COMPONENTS, RFSDI_COMPONENTS, Component


def shipped() -> dict[str, Any]:
    return tomllib.loads(default_config_path().read_text(encoding="utf-8"))


def test_shipped_config_is_valid_and_weights_sum_to_100() -> None:
    cfg = load_config()
    assert cfg.version == shipped()["model"]["version"]
    assert sum(c.weight for c in cfg.rfsdi_components().values()) == 100
    assert tuple(cfg.rfsdi_components()) == RFSDI_COMPONENTS
    assert tuple(cfg.rfg_components()) == RFG_COMPONENTS
    assert len(cfg.sha256) == 64


def test_steps_transform_uses_inclusive_upper_bounds() -> None:
    c = Component(weight=10, transform="steps", bounds=[28, 91], levels=[1.0, 0.5, 0.1])
    levels = c.level(np.array([0, 28, 29, 91, 92, np.nan]))
    assert levels.tolist() == [1.0, 1.0, 0.5, 0.5, 0.1, 0.0]


def test_linear_log_and_decay_transforms() -> None:
    linear = Component(weight=1, transform="linear", cap=4, missing_level=0.25)
    assert linear.level(np.array([0, 1, 4, 9, np.nan])).tolist() == [0.0, 0.25, 1.0, 1.0, 0.25]
    log = Component(weight=1, transform="log", cap=99)
    assert log.level(np.array([9.0, 99.0, 1e6])).tolist() == pytest.approx([0.5, 1.0, 1.0])
    decay = Component(weight=1, transform="decay", half_life_days=30)
    assert decay.level(np.array([0.0, 30.0, 60.0])).tolist() == pytest.approx([1.0, 0.5, 0.25])


def _with(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    data = shipped()
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "key", "says"),
    [
        (("rfsdi", "recency", "levels"), [1.0, 0.5], "rfsdi.recency", "levels needs one more entry"),
        (("rfsdi", "recency", "bounds"), [91, 28, 182, 365, 730], "rfsdi.recency", "bounds must increase"),
        (("rfsdi", "frequency", "cap"), None, "rfsdi.frequency", "needs cap"),
        (("rfsdi", "frequency", "weight"), -5, "rfsdi.frequency.weight", "greater than or equal to 0"),
        (("rfsdi", "frequency", "window_months"), "twelve", "rfsdi.frequency.window_months", "integer"),
        (
            ("rfsdi", "drugs", "topics"),
            ["drugs", "cannabis"],
            "rfsdi.drugs.topics",
            "unknown intelligence topic",
        ),
        (("rfsdi", "severity", "offences"), "violent", "rfsdi.severity.offences", "'vawg', 'da' or 'all'"),
        (("rfsdi", "severity", "transfrom"), "log", "rfsdi.severity.transfrom", "Extra inputs"),
        (("rfg", "bands", "medium"), 80, "rfg.bands", "must be below high"),
        (("bands", "high_count"), None, "bands", "needs high_count"),
        (("bands", "method"), "quartile", "bands.method", "'fixed', 'capacity' or 'percentile'"),
        (("rfg", "cohort", "min_age"), -1, "rfg.cohort.min_age", "greater than or equal to 0"),
        (("model", "version"), None, "model.version", "Field required"),
        (("rfsdi", "intelligence"), None, "rfsdi.intelligence", "Field required"),
    ],
)
def test_invalid_config_names_the_key(path: tuple[str, ...], value: Any, key: str, says: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(_with(path, value), source="force.toml")
    assert info.value.context["key"] == key
    assert str(info.value).startswith("force.toml: invalid RFSDI configuration: ")
    assert key in str(info.value) and says in str(info.value)


def test_unreadable_and_malformed_files_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[model\nversion = 1", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a valid TOML file"):
        load_config(bad)


def test_a_forces_own_file_from_the_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "force.toml"
    own.write_text(default_config_path().read_text(encoding="utf-8").replace('"rfsdi-1.1"', '"force-2.1"'))
    monkeypatch.setenv("VAWG_RFSDI_CONFIG", str(own))
    cfg = load_config()
    assert cfg.version == "force-2.1"
    assert cfg.source == str(own)

"""The RFSDI and RFG/RFGV configuration: weights, windows, transforms and bands, read from TOML.

The shipped file is ``vawg/risk/rfsdi/rfsdi.toml``; a force uses its own with ``--config FILE`` or the
``VAWG_RFSDI_CONFIG`` setting. Every key is validated here, and a bad key is a ConfigError that names
it (``rfsdi.recency.levels``), so a force editing the file learns exactly what to fix.

Each component turns one raw value (days, a count, harm days) into a *level* between 0 and 1 with a
transform, and earns ``weight × level`` points; a score is the sum of its components' points.
"""

from __future__ import annotations

import hashlib
import math
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from vawg.config import Settings
from vawg.contract._codes import INTEL_TOPIC
from vawg.errors import ConfigError
from vawg.risk.rfsdi._bands import Bands

Offences = Literal["vawg", "da", "all"]
Transform = Literal["steps", "linear", "log", "decay"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Component(_Strict):
    """One component: a weight (its maximum points) and a transform from raw value to level 0–1.

    Transforms: ``steps`` (value ≤ bounds[i] earns levels[i]; above the last bound, levels[-1]),
    ``linear`` (value / cap, at most 1), ``log`` (ln(1+value) / ln(1+cap), at most 1), ``decay``
    (0.5 ** (value / half_life_days): halves every half-life). A missing value earns ``missing_level``.
    """

    weight: float = Field(ge=0)
    description: str = ""
    transform: Transform
    cap: float | None = Field(None, gt=0)
    half_life_days: float | None = Field(None, gt=0)
    bounds: list[float] | None = None
    levels: list[float] | None = None
    missing_level: float = Field(0.0, ge=0, le=1)

    @field_validator("levels")
    @classmethod
    def _levels_in_unit_interval(cls, levels: list[float] | None) -> list[float] | None:
        if levels is not None and any(not 0 <= v <= 1 for v in levels):
            raise ValueError(f"every level must be between 0 and 1; found {levels}")
        return levels

    @model_validator(mode="after")
    def _transform_has_its_parameters(self) -> Component:
        needs = {
            "steps": ("bounds", "levels"),
            "linear": ("cap",),
            "log": ("cap",),
            "decay": ("half_life_days",),
        }
        missing = [k for k in needs[self.transform] if getattr(self, k) is None]
        if missing:
            raise ValueError(f"transform {self.transform!r} needs {' and '.join(missing)}")
        if self.transform == "steps":
            assert self.bounds is not None and self.levels is not None
            if sorted(self.bounds) != self.bounds or len(set(self.bounds)) != len(self.bounds):
                raise ValueError(f"bounds must increase strictly; found {self.bounds}")
            if len(self.levels) != len(self.bounds) + 1:
                raise ValueError(
                    f"levels needs one more entry than bounds (the last is for values above the last "
                    f"bound): {len(self.bounds)} bounds, {len(self.levels)} levels"
                )
        return self

    def level(self, values: np.ndarray) -> np.ndarray:
        """Level (0–1) of each raw value; NaN (no such record) gets ``missing_level``."""
        v = np.asarray(values, dtype="float64")
        safe = np.where(np.isnan(v), 0.0, np.maximum(v, 0.0))
        if self.transform == "steps":
            assert self.bounds is not None and self.levels is not None
            out = np.asarray(self.levels)[np.searchsorted(np.asarray(self.bounds), safe, side="left")]
        elif self.transform == "linear":
            assert self.cap is not None
            out = np.minimum(safe / self.cap, 1.0)
        elif self.transform == "log":
            assert self.cap is not None
            out = np.minimum(np.log1p(safe) / math.log1p(self.cap), 1.0)
        else:
            assert self.half_life_days is not None
            out = np.power(0.5, safe / self.half_life_days)
        return np.where(np.isnan(v), self.missing_level, out)


class RecencyComponent(Component):
    """Days since the person's last offence of the kind ``offences`` (as suspect)."""

    offences: Offences = "vawg"


class WindowComponent(Component):
    """A count or harm sum over offences of kind ``offences`` in the ``window_months`` before as-of."""

    offences: Offences = "vawg"
    window_months: int = Field(ge=1, le=240)


class IntelComponent(Component):
    """Intelligence submissions on the person with a topic in ``topics``, in the window."""

    window_months: int = Field(ge=1, le=240)
    topics: list[str] = Field(min_length=1)

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, topics: list[str]) -> list[str]:
        unknown = [t for t in topics if t not in INTEL_TOPIC]
        if unknown:
            raise ValueError(f"unknown intelligence topic(s) {unknown}; topics are {list(INTEL_TOPIC)}")
        return topics


class ModelInfo(_Strict):
    name: Literal["rfsdi"] = "rfsdi"
    version: str = Field(min_length=1)
    description: str = ""


class Population(_Strict):
    """Who is scored: suspects on an offence of kind ``offences`` in the ``lookback_months``."""

    lookback_months: int = Field(36, ge=1, le=240)
    offences: Offences = "vawg"


class RfsdiComponents(_Strict):
    recency: RecencyComponent
    frequency: WindowComponent
    severity: WindowComponent
    drugs: IntelComponent
    intelligence: IntelComponent


class RfgCohort(_Strict):
    """MATAC serial DA perpetrators: min_da_records DA crimes against min_victims victims, aged min_age+."""

    window_months: int = Field(36, ge=1, le=240)
    min_da_records: int = Field(2, ge=1)
    min_victims: int = Field(2, ge=1)
    min_age: int = Field(16, ge=0)


class RfgConfig(_Strict):
    version: str = Field(min_length=1)
    description: str = ""
    cohort: RfgCohort = RfgCohort()
    recency: RecencyComponent
    frequency: WindowComponent
    gravity: WindowComponent
    victims: WindowComponent
    bands: Bands


class RiskConfig(_Strict):
    """The whole file: the RFSDI model, its population and bands, and the RFG/RFGV variant."""

    model: ModelInfo
    population: Population = Population()
    rfsdi: RfsdiComponents
    bands: Bands
    rfg: RfgConfig
    source: str = "<memory>"
    sha256: str = ""

    @property
    def version(self) -> str:
        return self.model.version

    def rfsdi_components(self) -> dict[str, Component]:
        return {name: getattr(self.rfsdi, name) for name in RFSDI_COMPONENTS}

    def rfg_components(self) -> dict[str, Component]:
        return {name: getattr(self.rfg, name) for name in RFG_COMPONENTS}


RFSDI_COMPONENTS = ("recency", "frequency", "severity", "drugs", "intelligence")
RFG_COMPONENTS = ("recency", "frequency", "gravity", "victims")


def default_config_path() -> Path:
    """The force's file if ``VAWG_RFSDI_CONFIG`` names one, else the shipped ``rfsdi.toml``."""
    # Read afresh, not the cached get_settings(): the file may be named after the process started.
    own = Settings().rfsdi_config
    if own is not None:
        return Path(own)
    return Path(str(resources.files("vawg.risk.rfsdi") / "rfsdi.toml"))


def _describe(error: dict[str, Any]) -> tuple[str, str]:
    key = ".".join(str(p) for p in error["loc"]) or "(top level)"
    found = error.get("input")
    found_text = "" if isinstance(found, dict) else f" (found {found!r})"
    message = str(error["msg"]).removeprefix("Value error, ")
    return key, f"{key}: {message}{found_text}"


def parse_config(data: dict[str, Any], *, source: str = "<memory>", sha256: str = "") -> RiskConfig:
    """Validate a parsed TOML document; ConfigError naming the first bad key (and listing all)."""
    try:
        return RiskConfig.model_validate({**data, "source": source, "sha256": sha256})
    except ValidationError as exc:
        described = [_describe(dict(e)) for e in exc.errors()]
        first_key = described[0][0]
        raise ConfigError(
            f"{source}: invalid RFSDI configuration: " + "; ".join(text for _, text in described),
            path=source,
            key=first_key,
            keys=[k for k, _ in described],
        ) from None


def load_config(path: Path | str | None = None) -> RiskConfig:
    """Read and validate an RFSDI/RFG TOML file (default: :func:`default_config_path`)."""
    target = Path(path) if path is not None else default_config_path()
    try:
        raw = target.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"{target}: cannot read the RFSDI configuration ({exc.strerror})", path=str(target)
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{target}: not a valid TOML file ({exc})", path=str(target)) from None
    return parse_config(data, source=str(target), sha256=hashlib.sha256(raw).hexdigest())


__all__ = [
    "RFG_COMPONENTS",
    "RFSDI_COMPONENTS",
    "Bands",
    "Component",
    "RiskConfig",
    "default_config_path",
    "load_config",
    "parse_config",
]

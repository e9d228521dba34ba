"""Load and check the reference tables (as pandas frames: they are small)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from vawg.config import get_settings
from vawg.errors import ReferenceDataError

# The VAWG categories an offence code can map to. Domestic abuse and honour-based abuse are flags on
# a crime, not categories of code (domain facts §3): they are separate layers in every metric.
VAWG_CATEGORIES: tuple[str, ...] = (
    "rape",
    "sexual_assault",
    "other_sexual",
    "stalking",
    "harassment",
    "malicious_communications",
    "controlling_coercive",
    "fgm",
    "forced_marriage",
)

_COLUMNS: dict[str, tuple[str, ...]] = {
    "offence_codes.csv": ("offence_code", "description", "offence_group", "offence_subgroup", "source"),
    "vawg_categories.csv": ("offence_code", "vawg_category", "source"),
    "outcome_types.csv": ("outcome_code", "description", "outcome_group", "source"),
    "harm_weights.csv": ("offence_code", "harm_days", "guideline", "starting_point", "source"),
}


def _read(name: str, reference_dir: Path | None) -> pd.DataFrame:
    if reference_dir is not None and (reference_dir / name).exists():
        path: Path | str = reference_dir / name
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        path = f"vawg/reference/data/{name}"
        with resources.files("vawg.reference").joinpath("data", name).open("r", encoding="utf-8") as fh:
            frame = pd.read_csv(fh, dtype=str, keep_default_na=False)
    missing = [c for c in _COLUMNS[name] if c not in frame.columns]
    if missing:
        raise ReferenceDataError(
            f"{path}: expected columns {', '.join(_COLUMNS[name])}; missing {', '.join(missing)}",
            path=str(path),
            missing=missing,
        )
    return frame


@dataclass(frozen=True)
class ReferenceData:
    """The four reference tables, checked against each other."""

    offence_codes: pd.DataFrame
    vawg_categories: pd.DataFrame
    outcome_types: pd.DataFrame
    harm_weights: pd.DataFrame

    def offence_table(self, default_harm_days: float) -> pd.DataFrame:
        """One row per offence code: description, group, subgroup, VAWG category (or null), harm days."""
        table = self.offence_codes.drop(columns="source").merge(
            self.vawg_categories[["offence_code", "vawg_category"]], on="offence_code", how="left"
        )
        weights = self.harm_weights[["offence_code", "harm_days"]].astype({"harm_days": float})
        table = table.merge(weights, on="offence_code", how="left")
        table["harm_days"] = table["harm_days"].fillna(default_harm_days)
        return table


def load_reference(reference_dir: Path | None = None) -> ReferenceData:
    """Read and cross-check the reference tables (shipped, or a force's replacements)."""
    if reference_dir is None:
        reference_dir = get_settings().reference_dir
    return _load(reference_dir)


@lru_cache(maxsize=4)
def _load(reference_dir: Path | None) -> ReferenceData:
    data = ReferenceData(*(_read(n, reference_dir) for n in _COLUMNS))
    codes = set(data.offence_codes["offence_code"])
    if len(codes) != len(data.offence_codes):
        raise ReferenceDataError("offence_codes.csv: duplicate offence_code values")
    for name, frame in (
        ("vawg_categories.csv", data.vawg_categories),
        ("harm_weights.csv", data.harm_weights),
    ):
        unknown = sorted(set(frame["offence_code"]) - codes)
        if unknown:
            raise ReferenceDataError(
                f"{name}: offence codes not in offence_codes.csv: {', '.join(unknown)}", unknown=unknown
            )
    bad = sorted(set(data.vawg_categories["vawg_category"]) - set(VAWG_CATEGORIES))
    if bad:
        raise ReferenceDataError(
            f"vawg_categories.csv: unknown categories {', '.join(bad)}; expected one of "
            f"{', '.join(VAWG_CATEGORIES)}"
        )
    try:
        days = data.harm_weights["harm_days"].astype(float)
    except ValueError as exc:
        raise ReferenceDataError(f"harm_weights.csv: harm_days must be numbers ({exc})") from exc
    if (days < 0).any():
        raise ReferenceDataError("harm_weights.csv: harm_days must not be negative")
    return data


def offence_codes() -> pd.DataFrame:
    """Home Office offence codes with group and subgroup."""
    return load_reference().offence_codes


def vawg_categories() -> pd.DataFrame:
    """The VAWG category of each VAWG offence code."""
    return load_reference().vawg_categories


def outcome_types() -> pd.DataFrame:
    """Home Office outcome types with their groups."""
    return load_reference().outcome_types


def harm_weights() -> pd.DataFrame:
    """Harm weight in days per offence code, with the sentencing guideline each cites."""
    return load_reference().harm_weights

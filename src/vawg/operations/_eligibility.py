"""New Chance eligibility, read from a TOML file the force edits (``new_chance.toml`` is the default).

``VAWG_NEW_CHANCE_CONFIG`` (``Settings.new_chance_config``) names the force's own file. Every key is
validated; a bad file is a ConfigError that names the file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from vawg.config import get_settings
from vawg.contract import DISPOSAL
from vawg.errors import ConfigError

SHIPPED = Path(__file__).with_name("new_chance.toml")
KEYS = (
    "offence_groups", "offence_subgroups", "offence_codes", "disposals", "min_age", "referral_window_days",
    "list_lookback_days",
)  # fmt: skip


@dataclass(frozen=True)
class NewChanceEligibility:
    """Which arrests of women qualify for a New Chance referral, and in what window."""

    offence_groups: tuple[str, ...]
    offence_subgroups: tuple[str, ...]
    offence_codes: tuple[str, ...]
    disposals: tuple[str, ...]
    min_age: int
    referral_window_days: int
    list_lookback_days: int = 90
    source: str = str(SHIPPED)


def _strings(path: Path, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            f"{path}: eligibility.{key}: expected a list of strings; found {value!r}", path=str(path), key=key
        )
    return tuple(value)


def _count(path: Path, key: str, value: object, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ConfigError(
            f"{path}: eligibility.{key}: expected a whole number of at least {low}; found {value!r}",
            path=str(path),
            key=key,
        )
    return value


def load_eligibility(path: Path | str | None = None) -> NewChanceEligibility:
    """The eligibility file at ``path``, else the force's (VAWG_NEW_CHANCE_CONFIG), else the shipped one."""
    target = Path(path) if path is not None else (get_settings().new_chance_config or SHIPPED)
    try:
        data = tomllib.loads(target.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"{target}: cannot read the New Chance eligibility file ({exc.strerror})", path=str(target)
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{target}: not a valid TOML file ({exc})", path=str(target)) from None
    section = data.get("eligibility")
    if not isinstance(section, dict):
        raise ConfigError(f"{target}: expected an [eligibility] table", path=str(target), key="eligibility")
    missing = [k for k in KEYS if k not in section]
    unknown = sorted(set(section) - set(KEYS))
    if missing or unknown:
        raise ConfigError(
            f"{target}: [eligibility] expects the keys {', '.join(KEYS)}; "
            + (f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(unknown)}"),
            path=str(target),
            key=(missing or unknown)[0],
        )
    disposals = _strings(target, "disposals", section["disposals"])
    bad = [d for d in disposals if d not in DISPOSAL]
    if bad:
        raise ConfigError(
            f"{target}: eligibility.disposals: {', '.join(bad)} not a disposal; expected some of {', '.join(DISPOSAL)}",
            path=str(target),
            key="disposals",
        )
    return NewChanceEligibility(
        offence_groups=_strings(target, "offence_groups", section["offence_groups"]),
        offence_subgroups=_strings(target, "offence_subgroups", section["offence_subgroups"]),
        offence_codes=_strings(target, "offence_codes", section["offence_codes"]),
        disposals=disposals,
        min_age=_count(target, "min_age", section["min_age"], 0),
        referral_window_days=_count(target, "referral_window_days", section["referral_window_days"], 0),
        list_lookback_days=_count(target, "list_lookback_days", section["list_lookback_days"], 1),
        source=str(target),
    )


__all__ = ["NewChanceEligibility", "load_eligibility"]

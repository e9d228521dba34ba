"""Settings: one pydantic-settings object, read from ``VAWG_*`` environment variables.

Everything a force may want to change without code lives here or in a file this object points at.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from pydantic_settings.exceptions import SettingsError

from vawg.errors import ConfigError

# Home Office outcome types counted as "positive" by default. Forces define this locally
# (domain facts §2); some add 22 (diversionary activity). Override with VAWG_POSITIVE_OUTCOMES.
DEFAULT_POSITIVE_OUTCOMES = ("1", "1A", "2", "3", "4", "6", "7", "8")


class Settings(BaseSettings):
    """All of vawg's settings. ``VAWG_DB=/data/force.duckdb`` sets ``db`` and so on."""

    model_config = SettingsConfigDict(env_prefix="VAWG_", env_file=None, extra="ignore")

    db: Path = Field(Path("vawg.duckdb"), description="Path of the DuckDB store.")
    force_name: str = Field("West Midlands", description="The force's name as the Home Office spells it.")
    # NoDecode: the environment value is read by _outcome_codes, not as JSON, so the natural
    # form "1,1A,2" works (a JSON list '["1","1A"]' still does).
    positive_outcomes: Annotated[tuple[str, ...], NoDecode] = Field(
        DEFAULT_POSITIVE_OUTCOMES,
        description="Outcome codes counted as positive outcomes, comma-separated: 1,1A,2,3,4,6,7,8.",
    )
    suppression_threshold: int = Field(
        5, description="Published aggregates suppress counts below this (FOI practice: under 5)."
    )
    reference_dir: Path | None = Field(
        None,
        description="A folder of reference CSVs that replace the shipped ones file by file "
        "(offence_codes.csv, vawg_categories.csv, outcome_types.csv, harm_weights.csv).",
    )
    default_harm_days: float = Field(
        1.0, description="Harm weight (days) for an offence code with no entry in harm_weights.csv."
    )
    outcome_follow_up_days: int = Field(
        90,
        ge=1,
        description="Days a cohort-basis outcome rate's period needs after its end (to the extract "
        "date) before it is mature: headlined, compared and signalled.",
    )
    age_band_width: int = Field(
        5, ge=1, description="Width in years of the equal-width victim age bands after 18-24 (divides 50)."
    )
    change_points_file: Path | None = Field(
        None,
        description="CSV of declared SPC change points (metric_id,date,reason); default: the shipped "
        "file with the October 2022 bail change.",
    )
    targets_file: Path | None = Field(
        None,
        description="CSV of the force's targets (metric_id,value,direction,from_date,reason); "
        "default: none set.",
    )
    new_chance_config: Path | None = Field(
        None, description="A force's New Chance eligibility TOML (default: the shipped new_chance.toml)."
    )
    threads: int | None = Field(None, description="DuckDB threads; default: DuckDB's own choice.")
    memory_limit: str | None = Field(None, description="DuckDB memory_limit, e.g. '8GB'.")
    app_db: Path | None = Field(
        None,
        description="The app-state file (users, sessions, audit log); default: beside the store, "
        "<store>.app.sqlite.",
    )
    strands_file: Path | None = Field(
        None,
        description="A TOML file of the strategy's strands; default: the paper's six (vawg/strategy/strands.toml).",
    )
    rfsdi_config: Path | None = Field(
        None, description="A force's own RFSDI/RFG TOML file (default: the shipped rfsdi.toml)."
    )
    user: str | None = Field(
        None,
        description="The vawg user a CLI command acts as (VAWG_USER); without one, the score log "
        "records the login name.",
    )
    log_dir: Path | None = Field(
        None,
        description="Where an internal error's traceback is written (exit status 4); default: "
        "$XDG_STATE_HOME/vawg/logs, else ~/.local/state/vawg/logs.",
    )
    cache_dir: Path | None = Field(
        None,
        description="Where compiled metric SQL is kept so a cold `vawg metrics show` skips Ibis "
        "(docs/metrics.md); default: $XDG_CACHE_HOME/vawg, else ~/.cache/vawg.",
    )
    password: SecretStr | None = Field(
        None, description="That user's password, for automation only (VAWG_PASSWORD); else prompted."
    )
    # vawg serve (docs/web.md)
    web_secure_cookies: bool = Field(
        False, description="Mark the web session cookie Secure (set it when serving behind TLS)."
    )
    web_session_idle_minutes: int = Field(
        30, ge=1, description="A web session ends after this many minutes without a request."
    )
    web_session_max_hours: int = Field(
        10, ge=1, description="A web session ends this many hours after sign-in, however active."
    )
    web_forwarded_allow_ips: str = Field(
        "127.0.0.1",
        description="Reverse proxies whose X-Forwarded-For/-Proto headers vawg serve trusts (comma-separated).",
    )

    @field_validator("positive_outcomes", mode="before")
    @classmethod
    def _outcome_codes(cls, value: Any) -> Any:
        """``1,1A,2``, ``1 1A 2`` or a JSON list; codes upper-cased (1a is 1A), blanks dropped."""
        if isinstance(value, str):
            text = value.strip()
            parsed = json.loads(text) if text.startswith("[") else re.split(r"[,;\s]+", text)
            value = parsed
        codes = tuple(str(code).strip().upper() for code in value if str(code).strip())
        if not codes:
            raise ValueError("expected outcome codes separated by commas, e.g. 1,1A,2,3,4,6,7,8")
        for code in codes:
            if not re.fullmatch(r"\d{1,2}[A-Z]?", code):
                raise ValueError(f"{code!r} is not a Home Office outcome code (e.g. 1, 1A, 16)")
        return codes


def _setting_problem(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"VAWG_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        )
    return str(exc)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once; a bad VAWG_* value is a ConfigError (exit 2), not a traceback."""
    try:
        return Settings()
    except (ValidationError, SettingsError, json.JSONDecodeError) as exc:
        raise ConfigError(f"invalid setting: {_setting_problem(exc)}") from None


__all__ = ["DEFAULT_POSITIVE_OUTCOMES", "Settings", "get_settings"]

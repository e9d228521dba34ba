"""Settings: one pydantic-settings object, read from ``VAWG_*`` environment variables.

Everything a force may want to change without code lives here or in a file this object points at.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# Home Office outcome types counted as "positive" by default. Forces define this locally
# (domain facts §2); some add 22 (diversionary activity). Override with VAWG_POSITIVE_OUTCOMES.
DEFAULT_POSITIVE_OUTCOMES = ("1", "1A", "2", "3", "4", "6", "7", "8")


class Settings(BaseSettings):
    """All of vawg's settings. ``VAWG_DB=/data/force.duckdb`` sets ``db`` and so on."""

    model_config = SettingsConfigDict(env_prefix="VAWG_", env_file=None, extra="ignore")

    db: Path = Field(Path("vawg.duckdb"), description="Path of the DuckDB store.")
    force_name: str = Field("West Midlands", description="The force's name as the Home Office spells it.")
    positive_outcomes: tuple[str, ...] = Field(
        DEFAULT_POSITIVE_OUTCOMES, description="Outcome codes counted as positive outcomes."
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
    threads: int | None = Field(None, description="DuckDB threads; default: DuckDB's own choice.")
    memory_limit: str | None = Field(None, description="DuckDB memory_limit, e.g. '8GB'.")
    app_db: Path | None = Field(
        None,
        description="The app-state file (users, sessions, audit log); default: beside the store, "
        "<store>.app.sqlite.",
    )
    rfsdi_config: Path | None = Field(
        None, description="A force's own RFSDI/RFG TOML file (default: the shipped rfsdi.toml)."
    )
    user: str | None = Field(
        None,
        description="The vawg user a CLI command acts as (VAWG_USER); without one, the score log "
        "records the login name.",
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


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once."""
    return Settings()


__all__ = ["DEFAULT_POSITIVE_OUTCOMES", "Settings", "get_settings"]

"""The strategy's strands: a force-editable TOML list (the paper's six by default)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from vawg.config import get_settings
from vawg.errors import ConfigError

_ID = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Strand:
    """One strand of the strategy."""

    id: str
    title: str
    paper_ref: str = ""


def default_strands_path() -> Path:
    return Path(str(resources.files("vawg.strategy") / "strands.toml"))


def load_strands(path: Path | str | None = None) -> tuple[Strand, ...]:
    """The strands from ``path``, else ``VAWG_STRANDS_FILE``, else the shipped default."""
    source = Path(path) if path is not None else (get_settings().strands_file or default_strands_path())
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{source}: cannot read the strands file ({exc})", path=str(source)) from exc
    strands: list[Strand] = []
    for i, entry in enumerate(data.get("strand", []), start=1):
        sid, title = str(entry.get("id", "")), str(entry.get("title", "")).strip()
        if not _ID.match(sid) or not title:
            raise ConfigError(
                f"{source}: strand {i}: expected an id of lower-case letters, digits and hyphens and a title; found id={sid!r} title={title!r}",
                path=str(source),
            )
        strands.append(Strand(sid, title, str(entry.get("paper_ref", ""))))
    if not strands:
        raise ConfigError(f"{source}: no [[strand]] entries", path=str(source))
    if len({s.id for s in strands}) != len(strands):
        raise ConfigError(f"{source}: strand ids must be unique", path=str(source))
    return tuple(strands)

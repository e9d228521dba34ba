"""`vawg synth` writes a bundle and reports its rows; a bad scale is a one-line error."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from vawg.cli import app


def test_synth_writes_a_parquet_bundle(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["synth", str(tmp_path / "b"), "--seed", "3", "--scale", "0.01",
                                      "--format", "parquet"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "crime_persons" in result.output
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert (manifest["seed"], manifest["scale"]) == (3, 0.01)
    assert (tmp_path / "b" / "crimes.parquet").is_file() and (
        tmp_path / "b" / "truth" / "escalation.parquet"
    ).is_file()


def test_synth_refuses_a_scale_of_zero(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["synth", str(tmp_path), "--scale", "0"])
    assert result.exit_code == 2  # bad input: one line on stderr, no traceback (vawg.cli._exit)
    assert "scale must be above 0" in result.stderr

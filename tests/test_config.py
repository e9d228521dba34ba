"""VAWG_POSITIVE_OUTCOMES in the natural form the docs use, and bad values as ConfigError."""

import os
import subprocess
import sys

import pytest

from vawg import ConfigError
from vawg.config import get_settings


@pytest.fixture(autouse=True)
def _fresh_settings():
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("1,1A,2,3,4,6,7,8", ("1", "1A", "2", "3", "4", "6", "7", "8")),
        (" 1, 1a ,22 ", ("1", "1A", "22")),
        ("1 1A", ("1", "1A")),
        ('["1","22"]', ("1", "22")),
    ],
)
def test_positive_outcomes_natural_form(
    monkeypatch: pytest.MonkeyPatch, text: str, codes: tuple[str, ...]
) -> None:
    monkeypatch.setenv("VAWG_POSITIVE_OUTCOMES", text)
    assert get_settings().positive_outcomes == codes


@pytest.mark.parametrize("text", ["", "1,charge", "[1,"])
def test_bad_positive_outcomes_is_a_config_error_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv("VAWG_POSITIVE_OUTCOMES", text)
    with pytest.raises(ConfigError, match="VAWG_POSITIVE_OUTCOMES"):
        get_settings()


def _vawg(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import sys; from vawg.cli import main; sys.argv = ['vawg', *sys.argv[1:]]; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )


def test_metrics_show_reads_the_natural_form_and_refuses_a_bad_code_without_traceback(tmp_path) -> None:
    from tests.metrics.conftest import build_handmade_store

    db = tmp_path / "s.duckdb"
    build_handmade_store(db).close()
    args = ["metrics", "show", "da_positive_outcome_rate", "--db", str(db), "--grain", "fy",
            "--from", "2022-04-01", "--to", "2023-03-31", "--json"]  # fmt: skip
    # Only outcome 1 positive: C01 (1, current) of the five FY2022/23 DA crimes -> 1/5.
    ok = _vawg(args, {"VAWG_POSITIVE_OUTCOMES": "1, 1a"})
    assert ok.returncode == 0, ok.stderr
    assert '"numerator": 1' in ok.stdout and '"denominator": 5' in ok.stdout
    bad = _vawg(args, {"VAWG_POSITIVE_OUTCOMES": "1,charge"})
    assert bad.returncode == 2
    assert "VAWG_POSITIVE_OUTCOMES" in bad.stderr and "Traceback" not in bad.stderr

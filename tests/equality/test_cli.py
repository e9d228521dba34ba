"""`vawg equality rri / profile / para42` on the hand-made store: thin commands over the library."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from tests.equality._handmade import build_handmade
from vawg.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_handmade(tmp_path_factory.mktemp("equality-cli") / "handmade.duckdb")


def _run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["equality", *args])


def test_rri_json_and_files(store: Path, tmp_path: Path) -> None:
    window = ["--from", "2022-04-01", "--to", "2023-03-31"]
    result = _run("rri", "--db", str(store), "--by", "sex", *window, "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    female = next(r for r in payload["rows"] if r["stage"] == "arrested" and r["group"] == "Female")
    assert female["rr"] == pytest.approx((8 / 21) / (15 / 30))
    assert any(
        "Female DA suspects were arrested at 0.76 times the rate of male suspects" in s
        for s in payload["findings"]
    )
    out = tmp_path / "rri.csv"
    assert _run("rri", "--db", str(store), "--by", "sex,ethnicity", *window, "--out", str(out)).exit_code == 0
    table = pd.read_csv(out)
    cell = table[(table["stage"] == "arrested") & (table["group"] == "Female · Black")].iloc[0]
    assert cell["suppressed"] and pd.isna(cell["people"])  # withheld, blank
    xlsx = tmp_path / "rri.xlsx"
    assert (
        _run(
            "rri",
            "--db",
            str(store),
            "--by",
            "ethnicity",
            "--reference",
            "ethnicity=White",
            *window,
            "--out",
            str(xlsx),
        ).exit_code
        == 0
    )
    assert openpyxl.load_workbook(xlsx).sheetnames == ["relative rates", "about"]


def test_rri_swapped_reference_and_table(store: Path) -> None:
    window = ["--from", "2022-04-01", "--to", "2023-03-31"]
    result = _run("rri", "--db", str(store), "--reference", "sex=Female", *window, "--json")
    male = next(
        r for r in json.loads(result.output)["rows"] if r["stage"] == "arrested" and r["group"] == "Male"
    )
    assert male["rr"] == pytest.approx((15 / 30) / (8 / 21))
    text = _run("rri", "--db", str(store), *window)
    assert text.exit_code == 0
    assert "relative rates against Male" in text.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "colour"], "--by"),
        (["--population", "cats"], "unknown population"),
        (["--out", "x.txt"], "expected a .csv or .xlsx"),
        (["--reference", "ethnicity=Asian", "--by", "ethnicity"], "reference group"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(store: Path, tmp_path: Path, args: list[str], message: str) -> None:
    args = [a if a != "x.txt" else str(tmp_path / "x.txt") for a in args]
    result = _run("rri", "--db", str(store), "--from", "2022-04-01", "--to", "2023-03-31", *args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_profile_and_para42(store: Path) -> None:
    result = _run("profile", "--db", str(store), "--from", "2022-04-01", "--to", "2023-03-31", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    suspects = {(r["dimension"], r["group"]): r for r in rows if r["population"] == "da-suspects"}
    assert suspects[("Sex", "Female")]["people"] == 21 and suspects[("Sex", "All")]["people"] == 51
    assert suspects[("Ethnicity", "Not stated")]["people"] == 10
    para42 = _run("para42", "--db", str(store), "--from", "2022-04-01", "--to", "2023-03-31", "--json")
    answer = json.loads(para42.output)
    assert answer["findings"][0].startswith("Female DA suspects were arrested at 0.76 times")
    assert any("Ethnicity was not stated for 10 of the 51" in s for s in answer["caveat"])


def test_rri_reads_the_force_population_file(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vawg.config import get_settings

    window = ["--from", "2022-04-01", "--to", "2023-03-31"]
    path = tmp_path / "residents.csv"
    path.write_text("area,sex,ethnicity,population,source\nA,F,All,1000,ONS test\nA,M,All,2000,ONS test\n")
    monkeypatch.setenv("VAWG_POPULATION_FILE", str(path))
    get_settings.cache_clear()
    payload = json.loads(_run("rri", "--db", str(store), *window, "--json").output)
    female = next(r for r in payload["rows"] if r["stage"] == "suspect" and r["group"] == "Female")
    assert female["population_rr"] == pytest.approx(1.4) and payload["population_source"] == "ONS test"
    path.write_text("area,sex,ethnicity,population,source\nA,F,All,many,x\n")
    bad = _run("rri", "--db", str(store), *window)
    assert bad.exit_code == 2 and "row 2, column population" in bad.output

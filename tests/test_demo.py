"""`vawg demo` run twice keeps what a user did after the first run: users and registered models."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from vawg.accounts import AccountStore
from vawg.cli import app
from vawg.demo import run_demo
from vawg.risk import ModelRegistry, list_versions, register_rfsdi
from vawg.store import connect

SCALE = 0.02


def test_a_second_demo_keeps_users_and_models_and_another_scale_sets_them_aside(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    first = run_demo(out, scale=SCALE)
    assert first.web_login is not None  # the first run makes the administrator, password shown once
    db = out / "vawg.duckdb"
    admin, _ = first.web_login
    with AccountStore.for_store(db) as accounts:
        accounts.add_user(
            "ana", roles={"analyst"}, password="a long enough pw", by=accounts.get_by_name(admin)
        )
    con = connect(db)
    with ModelRegistry.for_store(db) as registry:
        register_rfsdi(registry, con)
    con.close()

    # The second run as a user runs it, in an 80-column terminal.
    second = CliRunner().invoke(
        app, ["demo", "--out", str(out), "--scale", str(SCALE)], env={"COLUMNS": "80"}
    )
    assert second.exit_code == 0, second.output
    assert "users of the earlier demo, which were kept" in " ".join(second.stdout.split())  # no new admin
    assert "Set aside" not in second.stdout  # nothing moved
    # Each file it made is named whole (within the demo folder), on one line that fits.
    lines = second.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for made in ("vawg.duckdb", "report/board-report.pdf", "npcc-return/"):
        assert any(made in line for line in lines), made
    xlsx = next(p for p in (out / "npcc-return").iterdir() if p.suffix == ".xlsx")
    assert any(f"npcc-return/{xlsx.name}" in line for line in lines)
    # and no column is cropped to fit (the seconds were: "second" over "3.")
    assert "seconds" in second.stdout
    assert re.search(r"^ *board report +\d+\.\d +report/board-report\.pdf *$", second.stdout, re.M), (
        second.stdout
    )
    with AccountStore.for_store(db) as accounts:
        assert {u.username for u in accounts.list_users()} == {admin, "ana"}
    with ModelRegistry.for_store(db) as registry:
        assert list(list_versions(registry, "rfsdi")["version"]) != []
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM crimes").fetchall()[0][0] > 0
    con.close()

    third = run_demo(out, scale=SCALE * 1.5)  # another force: the old one is renamed, not deleted
    assert third.web_login is not None and third.set_aside
    assert all(p.exists() for p in third.set_aside)

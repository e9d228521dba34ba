"""`vawg demo`: the one command a newcomer runs. Synthetic force → ingest → quality → report.

Later capabilities add a step here, so the demo always shows the whole product.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

# The quarter of the demo's national return: the last full quarter before the paper (Oct-Dec 2022).
RETURN_QUARTER = "2022-Q4"


@dataclass
class DemoResult:
    """What the demo made, step by step (name → path), with timings."""

    out_dir: Path
    made: dict[str, Path] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    web_login: tuple[str, str] | None = None  # (user, password) of the demo's web administrator


def run_demo(
    out_dir: Path, *, seed: int = 42, scale: float = 1.0, console: Console | None = None
) -> DemoResult:
    """Build the synthetic force into ``out_dir`` and everything vawg makes from it."""
    from vawg.ingest import ingest
    from vawg.quality import quality_report
    from vawg.reports import build_return, write_board_report, write_return
    from vawg.store import connect
    from vawg.synth import write_bundle

    console = console or Console()
    out_dir.mkdir(parents=True, exist_ok=True)
    result = DemoResult(out_dir)
    bundle, db = out_dir / "bundle", out_dir / "vawg.duckdb"
    if db.exists():  # the demo always starts from a clean store
        db.unlink()
    from vawg.appstate import app_state_path

    app_state_path(db).unlink(missing_ok=True)  # and clean users and audit log (the demo's own)

    def step(name: str, fn: Callable[[], Path]) -> None:
        console.rule(f"[bold]{name}")
        started = time.perf_counter()
        result.made[name] = fn()
        result.seconds[name] = time.perf_counter() - started

    def synth() -> Path:
        write_bundle(bundle, seed=seed, scale=scale, progress=True)
        return bundle

    def load() -> Path:
        report = ingest(bundle, db, progress=True)
        (out_dir / "ingest.json").write_text(json.dumps(report.to_dict(), indent=2, default=str))
        return db

    def quality() -> Path:
        con = connect(db, read_only=True)
        try:
            report = quality_report(con)
        finally:
            con.close()
        path = out_dir / "quality.json"
        path.write_text(json.dumps(report.to_dict(), indent=2, default=str))
        return path

    def board_report() -> Path:
        files = write_board_report(db, out_dir / "report")
        return Path(files.pdf or files.html)

    def national_return() -> Path:
        con = connect(db, read_only=True)
        try:
            files = write_return(build_return(con, RETURN_QUARTER), out_dir / "npcc-return")
        finally:
            con.close()
        return files.xlsx

    step("synthetic force", synth)
    step("ingest", load)
    step("data quality", quality)
    step("board report", board_report)
    step("national return", national_return)

    def web_admin() -> Path:
        from vawg.appstate import app_state_path
        from vawg.web import create_demo_admin

        result.web_login = create_demo_admin(db)
        return app_state_path(db)

    step("web administrator", web_admin)
    return result

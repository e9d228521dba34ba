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
    set_aside: list[Path] = field(default_factory=list)  # an earlier demo's files moved aside


def keep_or_set_aside(out_dir: Path, db: Path, *, seed: int, scale: float, fresh: bool) -> list[Path]:
    """Keep the previous demo's store and app state when it was made with the same seed and scale
    (and not ``fresh``); otherwise rename them aside with a timestamp. Returns the paths moved."""
    from vawg.appstate import app_state_path

    record = out_dir / "demo.json"
    wanted = {"seed": seed, "scale": scale}
    previous = json.loads(record.read_text(encoding="utf-8")) if record.exists() else None
    moved: list[Path] = []
    if fresh or (previous is not None and previous != wanted):
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for path in (db, app_state_path(db)):
            for part in (path, *(path.with_name(path.name + end) for end in (".wal", "-wal", "-shm"))):
                if part.exists():
                    target = part.with_name(f"{part.name}.{stamp}.bak")
                    part.rename(target)
                    moved.append(target)
    record.write_text(json.dumps(wanted) + "\n", encoding="utf-8")
    return moved


def run_demo(
    out_dir: Path, *, seed: int = 42, scale: float = 1.0, console: Console | None = None, fresh: bool = False
) -> DemoResult:
    """Build the synthetic force into ``out_dir`` and everything vawg makes from it.

    A second run keeps what a user did after the first: the store is loaded again with the same
    bundle, which changes no row, and the app state (users, the audit log, the action plan, the
    model registry with its score and status logs) is kept. A run with another seed or scale, or ``fresh``,
    moves the old store and app state aside (renamed, never deleted) and starts anew.
    """
    from vawg.ingest import ingest
    from vawg.quality import quality_report
    from vawg.reports import build_return, write_board_report, write_return
    from vawg.store import connect
    from vawg.synth import write_bundle

    console = console or Console()
    out_dir.mkdir(parents=True, exist_ok=True)
    result = DemoResult(out_dir)
    bundle, db = out_dir / "bundle", out_dir / "vawg.duckdb"
    result.set_aside = keep_or_set_aside(out_dir, db, seed=seed, scale=scale, fresh=fresh)

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
        from vawg.accounts import AccountStore
        from vawg.appstate import app_state_path
        from vawg.web import create_demo_admin

        with AccountStore.for_store(db) as accounts:
            existing = accounts.has_users()
        if not existing:  # the first run: the administrator and a password shown once
            result.web_login = create_demo_admin(db)
        return app_state_path(db)

    step("web administrator", web_admin)
    return result

"""Web benchmark: warm latency of the app's pages with 8 concurrent clients on loopback.

The app runs as `vawg serve` in its own process (so the clients' Python does not share its GIL) on
a copy of ``workdir/store-<scale>.duckdb`` (built as the metrics stage does). After one warm-up
request per page (the results cache fills once per store version), 8 client threads send a bounded
number of requests each, round-robin over the pages; latency is measured per request.

Goals (issue 10, warm p95 at scale 1): dashboard <= 300 ms, metric page <= 150 ms, a work list's
first 50 rows <= 300 ms (the clients are signed in as a supervisor, who may see every area's list;
each view writes its audit entry, as in use). Scale 30 (dashboard <= 2 s) is measured only when asked.

    python bench/web_bench.py [--scales 1] [--workdir bench/out] [--requests 2000]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from metrics_bench import ensure_store

CLIENTS = 8
PAGES = {
    "dashboard": "/",
    "dashboard_filtered": "/?grain=quarter&area=Dudley",
    "metric_page": "/metrics/da_positive_outcome_rate",
    "metric_chart": "/metrics/da_positive_outcome_rate/chart.svg",
    # Each work list's first 50 rows, every area; outstanding suspects scored by the approved RFSDI
    # (each score logged against the signed-in supervisor, as in use).
    "work_list": "/lists/orders-briefing",
    "list_outstanding_suspects": "/lists/outstanding-suspects",
    "list_stalking_clinic": "/lists/stalking-clinic",
    "list_bail": "/lists/bail",
    "list_new_chance": "/lists/new-chance",
}
USER, PASSWORD = "bench", "bench-password-0123456789"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, VAWG_PASSWORD=PASSWORD)
    cmd = [sys.executable, "-m", "vawg.cli", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("vawg serve did not start")


def _client(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=120)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token
    client.post("/login", data={"username": USER, "password": PASSWORD, "csrf_token": token.group(1)})
    return client


def measure(base: str, total: int) -> dict[str, Any]:
    clients = [_client(base) for _ in range(CLIENTS)]
    for path in PAGES.values():  # warm the cache of this store version
        clients[0].get(path).raise_for_status()
    per_page: dict[str, list[float]] = {name: [] for name in PAGES}
    errors: list[str] = []
    lock = threading.Lock()
    names = list(PAGES)

    def work(i: int, client: httpx.Client) -> None:
        for n in range(total // CLIENTS):
            name = names[(i + n) % len(names)]
            started = time.perf_counter()
            try:
                status = client.get(PAGES[name]).status_code
            except httpx.HTTPError as exc:
                status, _ = 0, exc
            took = time.perf_counter() - started
            with lock:
                per_page[name].append(took)
                if status != 200:
                    errors.append(f"{name}: {status}")

    threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    out: dict[str, Any] = {"requests": sum(len(v) for v in per_page.values()), "errors": len(errors),
                           "seconds": round(wall, 1)}  # fmt: skip
    for name, times in per_page.items():
        out[f"{name}_p50_ms"] = round(float(np.percentile(times, 50)) * 1000, 1)
        out[f"{name}_p95_ms"] = round(float(np.percentile(times, 95)) * 1000, 1)
    return out


def _approve_rfsdi(db: Path, submitter: Any, approver: Any) -> None:
    """An approved RFSDI version, so the outstanding-suspects list is scored as in use. The evidence
    is the test suite's (tests/risk/governed.py): the bench times scoring, not the model's merits."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.risk.governed import approve_rfsdi

    from vawg.risk import ModelRegistry
    from vawg.store import connect

    with connect(db, read_only=True) as con, ModelRegistry.for_store(db) as registry:
        approve_rfsdi(registry, con, submitter=submitter, approver=approver)


def run(workdir: Path, scales: list[float], total: int = 2000) -> list[dict[str, Any]]:
    from vawg.accounts import AccountStore

    rows = []
    for scale in scales:
        served = workdir / f"web-{scale:g}" / "store.duckdb"
        shutil.rmtree(served.parent, ignore_errors=True)
        served.parent.mkdir(parents=True)
        shutil.copyfile(ensure_store(workdir, scale), served)
        with AccountStore.for_store(served) as accounts:
            admin = accounts.add_user("admin", roles={"admin"}, password=PASSWORD)
            accounts.add_user(USER, roles={"supervisor"}, password=PASSWORD, by=admin)
            people = [accounts.add_user(f"gov{i}", roles={"governance"}, password=PASSWORD, by=admin)
                      for i in (1, 2)]  # fmt: skip
        _approve_rfsdi(served, *people)
        port = _free_port()
        proc = _start(served, port)
        try:
            rows.append({"stage": "web", "scale": scale, "clients": CLIENTS,
                         **measure(f"http://127.0.0.1:{port}", total)})  # fmt: skip
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    for row in run(args.workdir, [float(s) for s in args.scales.split(",")], args.requests):
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

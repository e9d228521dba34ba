"""Benchmark: Safety in Public (vawg.places) on the synthetic force, and police.uk loading.

For each scale the synthetic bundle is reused from ``workdir/bundle-<scale>`` (or generated) and
ingested once into ``workdir/places-<scale>.duckdb``; then timed, each on its own:

* ``places_hotspots``: ``find_hotspots(con, "force")`` over the whole period (H3 resolution 8: study
  area, Gi*, FDR, Mann-Kendall per cell, disclosure);
* ``places_map``: ``draw_hotspot_map`` and writing the PNG;
* ``policeuk_load``: ``load_policeuk`` of the real test files (``tests/data/policeuk``: 3,475 rows in four files),
  the same at every scale.

Not in the default ``make bench`` stages (it needs its own ingest); run it with
``python bench/run.py --stages places --scales 1``.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from synth_bench import ensure_bundle

from vawg.ingest import ingest
from vawg.places import draw_hotspot_map, find_hotspots, load_policeuk, save_figure
from vawg.store import connect

POLICEUK = Path(__file__).parents[1] / "tests" / "data" / "policeuk"


def _store(workdir: Path, scale: float) -> Path:
    db = workdir / f"places-{scale:g}.duckdb"
    if not db.exists():
        ingest(ensure_bundle(workdir, scale), db, progress=False)
    return db


def run(workdir: Path, scales: list[float]) -> list[dict]:
    rows: list[dict] = []
    for scale in scales:
        con = connect(_store(workdir, scale), read_only=True)
        try:
            started = time.perf_counter()
            result = find_hotspots(con, "force")
            hotspots = time.perf_counter() - started
        finally:
            con.close()
        rows.append({"stage": "places_hotspots", "scale": scale, "rows": result.points, "seconds": hotspots,
                     "rows_per_second": result.points / hotspots, "units": len(result.table)})  # fmt: skip
        started = time.perf_counter()
        save_figure(draw_hotspot_map(result), workdir / f"places-map-{scale:g}.png")
        rows.append({"stage": "places_map", "scale": scale, "rows": len(result.table),
                     "seconds": time.perf_counter() - started})  # fmt: skip
    db = workdir / "policeuk.duckdb"
    db.unlink(missing_ok=True)
    con = connect(db)
    try:
        started = time.perf_counter()
        loaded = 0
        for folder, vintage in (("city-of-london-2019-download", date(2019, 4, 28)),
                                ("city-of-london-2021-download", date(2021, 5, 19)),
                                ("west-midlands-2011-legacy", date(2011, 3, 28))):  # fmt: skip
            loaded += load_policeuk(POLICEUK / folder, con, vintage=vintage).rows
        seconds = time.perf_counter() - started
    finally:
        con.close()
    rows.append(
        {"stage": "policeuk_load", "rows": loaded, "seconds": seconds, "rows_per_second": loaded / seconds}
    )
    return rows

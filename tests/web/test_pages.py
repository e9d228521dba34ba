"""The pages' logic on hand-made frames, and what the pages and downloads hold on the small force."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from vawg.metrics import REGISTRY, MetricResult
from vawg.web._selection import Selection, select, year_before
from vawg.web.pages._reports import quarters_before


def _result(grain: str = "month") -> MetricResult:
    """A hand-made rate by area: Dudley and Walsall, April 2021 to April 2022 (13 months)."""
    starts = pd.date_range("2021-04-01", "2022-04-01", freq="MS")
    rows = []
    for area, base in (("Dudley", 10), ("Walsall", 20)):
        for i, start in enumerate(starts):
            rows.append({"period_start": start, "period": f"{start:%Y-%m}", "area": area,
                         "numerator": base + i, "denominator": 100, "value": (base + i) / 100})  # fmt: skip
    return MetricResult(
        REGISTRY.get("da_positive_outcome_rate"), pd.DataFrame(rows), grain=grain, by=("area",)
    )


def test_select_filters_and_keeps_complete_periods_only() -> None:
    chosen = select(_result(), Selection(area="Walsall", category="stalking"), last_day=date(2022, 3, 31))
    assert list(chosen.rows["period"]) == [
        f"{d:%Y-%m}" for d in pd.date_range("2021-04-01", "2022-03-01", freq="MS")
    ]
    assert set(chosen.rows["area"]) == {"Walsall"}
    assert chosen.rows["numerator"].iloc[-1] == 31  # 20 + 11 (March 2022 is the 12th month)
    assert chosen.ignored == ("vawg_category",)  # the hand-made result has no category column


def test_year_before_finds_the_same_month() -> None:
    rows = select(_result(), Selection(area="Dudley"), last_day=None).rows
    latest = rows.iloc[-1]  # April 2022: 10 + 12
    before = year_before(rows, latest)
    assert before is not None and before["period"] == "2021-04" and before["numerator"] == 10
    assert year_before(rows, rows.iloc[0]) is None


@pytest.mark.parametrize(
    ("last_day", "expected"),
    [(date(2023, 3, 31), ["2023-Q1", "2022-Q4", "2022-Q3"]), (date(2023, 3, 30), ["2022-Q4", "2022-Q3", "2022-Q2"]),
     (date(2023, 1, 31), ["2022-Q4", "2022-Q3", "2022-Q2"]), (None, [])],
)  # fmt: skip
def test_quarters_offered_are_complete(last_day, expected) -> None:  # type: ignore[no-untyped-def]
    assert quarters_before(last_day, 3) == expected


def test_metric_page_and_download_agree(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("analyst")
    page = client.get("/metrics/da_positive_outcome_rate", params={"area": "Dudley", "grain": "quarter"})
    assert page.status_code == 200
    assert "Definition" in page.text and REGISTRY.get("da_positive_outcome_rate").numerator in page.text
    monthly = client.get("/metrics/da_positive_outcome_rate").text  # the chart's caption names its markers
    assert "✚ improvement, ✖ concern, ▲ neutral (high), ▼ neutral (low)" in monthly and "◆" not in monthly
    download = client.get("/metrics/da_positive_outcome_rate/download",
                          params={"area": "Dudley", "grain": "quarter", "format": "csv"})  # fmt: skip
    assert (
        download.headers["content-disposition"]
        == 'attachment; filename="da_positive_outcome_rate-quarter.csv"'
    )
    frame = pd.read_csv(io.StringIO(download.text))
    assert set(frame["area"]) == {"Dudley"} and set(frame["metric"]) == {"da_positive_outcome_rate"}
    assert frame["period"].iloc[-1] == "2023-Q1"  # quarters end at the extract date, 2023-03-31
    shown = re.findall(r'<tr><th scope="row">(\d{4}-Q\d)</th>', page.text)
    assert sorted(shown) == sorted(frame["period"])  # the page's table and the download hold the same periods
    xlsx = client.get(
        "/metrics/da_positive_outcome_rate/download", params={"format": "xlsx", "area": "Dudley"}
    )
    assert pd.read_excel(io.BytesIO(xlsx.content))["period"].iloc[-1] == "2023-03"


def test_national_return_download(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("analyst")
    assert "2023-Q1" in client.get("/reports").text
    response = client.get("/reports/return", params={"quarter": "2022-Q4", "format": "csv"})
    assert response.status_code == 200 and "2022-Q4" in response.headers["content-disposition"]
    assert client.get("/reports/return", params={"quarter": "2031-Q1"}).status_code == 400


def test_store_reader_caches_per_version(web_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from vawg.store import replacing_store
    from vawg.web._store_reader import StoreReader

    db = tmp_path / "s.duckdb"
    shutil.copyfile(web_store.db, db)
    reader = StoreReader(db)
    calls: list[int] = []

    def count(con) -> int:  # type: ignore[no-untyped-def]
        calls.append(1)
        return int(con.execute("SELECT count(*) FROM loads").fetchall()[0][0])

    with reader.snapshot() as snap:
        first = reader.cached(snap, "loads", count)
        assert reader.cached(snap, "loads", count) == first and len(calls) == 1
    with replacing_store(db) as work:
        import duckdb

        con = duckdb.connect(str(work))
        con.execute("DELETE FROM loads WHERE load_id = (SELECT max(load_id) FROM loads)")
        con.close()
    with reader.snapshot() as snap:
        assert reader.cached(snap, "loads", count) == first - 1 and len(calls) == 2
    reader.close()


def test_demo_admin_gets_a_fresh_password_that_signs_in(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from vawg.accounts import AccountStore
    from vawg.web import create_demo_admin

    user, password = create_demo_admin(tmp_path / "demo.duckdb")
    assert len(password) >= 12 and password not in Path(__file__).read_text()  # generated, not a default
    with AccountStore.for_store(tmp_path / "demo.duckdb") as accounts:
        signed_in = accounts.authenticate(user, password)
    assert {"admin", "analyst"} <= signed_in.roles


def test_quarantine_browser_shows_the_bad_row_and_audits_the_view(tiny_store) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from tests.web.conftest import sign_in
    from vawg.audit import AuditLog
    from vawg.web import create_app

    client = sign_in(TestClient(create_app(tiny_store.db), base_url="http://127.0.0.1"), "analyst")
    page = client.get("/data/quarantine", params={"table": "crimes"})
    assert page.status_code == 200 and "2022-13-45" in page.text and "OFFICIAL-SENSITIVE" in page.text
    assert "crimes" in client.get("/data").text
    assert "2022-13-45" not in client.get("/data/quarantine", params={"table": "persons"}).text
    with AuditLog.for_store(tiny_store.db) as log:
        views = [e for e in log.entries() if e.action == "quarantine.view"]
    assert [(v.actor, v.detail["table"], v.row_count) for v in views] == [
        ("analyst", "crimes", 1),
        ("analyst", "persons", 0),
    ]


def test_the_app_refuses_a_file_that_is_not_a_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from vawg.errors import StoreError
    from vawg.web import create_app

    bad = tmp_path / "not-a-store.duckdb"
    bad.write_text("this is not a DuckDB file\n" * 100)
    with pytest.raises(StoreError, match=r"not-a-store\.duckdb"):
        create_app(bad)
    with pytest.raises(StoreError, match="no store here"):
        create_app(tmp_path / "missing.duckdb")


def test_a_tile_never_headlines_an_immature_period() -> None:
    """Issue 12: a cohort outcome rate's latest months are not headlined before their outcomes mature."""
    from vawg.web._tiles import build_tile

    result = _result()
    frame = result.frame.copy()
    frame["mature"] = frame["period_start"] < pd.Timestamp("2022-02-01")  # Feb-Apr 2022 not yet mature
    immature = MetricResult(result.metric, frame, grain="month", by=("area",))
    tile = build_tile(immature.metric, "Criminal Justice", immature, immature, Selection(area="Dudley"), None)
    assert tile.period == "2022-01"  # the latest mature month, not April 2022
    assert tile.value == "19.0%" and tile.held_back.startswith("3 periods not shown")
    plain = build_tile(result.metric, "Criminal Justice", result, result, Selection(area="Dudley"), None)
    assert plain.period == "2022-04" and plain.held_back == ""

"""Property: whatever rows a force sends, ingest neither crashes nor loses one."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ingest._helpers import base_rows, count_rows, write_bundle
from vawg.contract import table
from vawg.ingest import ingest
from vawg.store import connect

CRIMES = table("crimes").column_names
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(["\n", ",", '"', " "]),
               max_size=12)  # fmt: skip
VALUES = {
    "crime_id": st.sampled_from(["C1", "C2", "C9", "C10", "C11", ""]) | TEXT,
    "recorded_date": st.sampled_from(
        ["2022-01-01", "2022-02-30", "1899-01-01", "2031-01-01", "01/02/2022", ""]
    )
    | st.dates().map(str)
    | TEXT,
    "offence_code": st.sampled_from(["8Q", "8q", "19C", "XX", "", "105a"]) | TEXT,
    "area": st.sampled_from(["Dudley", ""]) | TEXT,
    "da_flag": st.sampled_from(["true", "N", "yes", "0", "maybe", ""]) | TEXT,
    "hba_flag": st.sampled_from(["false", "", "2"]),
    "online_flag": st.sampled_from(["1", "", "nope"]),
    "committed_date": st.sampled_from(["2021-12-31", "", "2021-13-01"]) | st.dates().map(str),
    # contract 1.1 location columns (issue 14)
    "lsoa_code": st.sampled_from(["E01009325", ""]) | TEXT,
    "latitude": st.sampled_from(["52.477631", "", "north", "1e5", "nan"]) | st.floats().map(str),
    "longitude": st.sampled_from(["-1.910557", "", "-"]) | TEXT,
    "public_place": st.sampled_from(["true", "", "perhaps"]),
    "committed_hour": st.sampled_from(["23", "", "7.5"]),
}
ROW = st.fixed_dictionaries({c: VALUES[c] for c in CRIMES})
# A row is written whole, with cells missing at the end, or with a cell too many.
SHAPED = st.tuples(ROW, st.sampled_from(["whole", "short", "long"]))


def _crimes_csv(rows: list[tuple[dict[str, str], str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CRIMES)
    for row, shape in rows:
        cells = [row[c] for c in CRIMES]
        writer.writerow(cells[:3] if shape == "short" else [*cells, "surplus"] if shape == "long" else cells)
    return out.getvalue()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SHAPED, max_size=25))
def test_random_rows_are_loaded_or_quarantined_never_lost(rows: list[tuple[dict[str, str], str]]) -> None:
    tables = base_rows()
    tables = {k: tables[k] for k in ("persons", "crimes", "crime_persons", "outcomes")}
    with tempfile.TemporaryDirectory() as folder:
        bundle = write_bundle(Path(folder), tables)
        (bundle / "crimes.csv").write_text(_crimes_csv(rows), encoding="utf-8")
        con = connect(":memory:")
        report = ingest(bundle, con, progress=False)
        assert not report.rejected
        crimes = report.tables["crimes"]
        assert crimes.rows_read == len(rows)
        assert crimes.rows_read == crimes.rows_loaded + crimes.rows_quarantined + crimes.rows_unchanged
        assert count_rows(con, "crimes") == crimes.rows_loaded
        quarantined = con.execute(
            "SELECT count(DISTINCT line), min(line), max(line) FROM quarantine WHERE table_name = 'crimes'"
        ).fetchone()
        assert quarantined is not None and quarantined[0] == crimes.rows_quarantined
        if crimes.rows_quarantined:
            physical = _crimes_csv(rows).count("\n")
            assert quarantined[1] >= 2 and quarantined[2] <= physical
        for counts in report.tables.values():
            assert counts.rows_read == counts.rows_loaded + counts.rows_quarantined + counts.rows_unchanged

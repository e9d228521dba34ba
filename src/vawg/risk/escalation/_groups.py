"""The groups the escalation model is audited by: sex, age band, ethnicity, sex × ethnicity, area.

Sex, age and ethnicity come from the panel (kept there only for the audit, never model inputs),
"Not stated" a group of its own. The area is the one of the person's latest crime as suspect known
before the as-of date (as RFSDI's), read from the store when the panel does not carry it; people
with none are "Not stated". Intersectional cells too small to read are withheld where the audit is
published (``vawg.disclosure``, the ethics pack) and flagged in the audit itself.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from vawg.contract import ETHNICITY_NOT_STATED as NOT_STATED
from vawg.equality import protected_groups

INTERSECTION = "Sex × ethnicity"
AREA = "Area"

_AREAS = """
SELECT cp.person_id, arg_max(c.area, (c.recorded_date, c.crime_id)) AS area
FROM crime_persons cp JOIN crimes c ON c.crime_id = cp.crime_id
WHERE cp.role = 'suspect' AND greatest(c.recorded_date, coalesce(cp.linked_date, c.recorded_date)) < ?
GROUP BY cp.person_id
"""


def _store_areas(con: duckdb.DuckDBPyConnection, panel: pd.DataFrame) -> pd.Series | None:
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not {"crimes", "crime_persons"} <= tables or panel.empty:
        return None
    as_of = pd.Timestamp(pd.to_datetime(panel["as_of"]).max()).date()
    areas = con.execute(_AREAS, [as_of]).df().set_index("person_id")["area"]
    return panel["person_id"].map(areas)


def escalation_groups(con: duckdb.DuckDBPyConnection, panel: pd.DataFrame) -> pd.DataFrame:
    """Sex, Age band, Ethnicity, Sex × ethnicity and (when known) Area for each row of ``panel``."""
    groups = protected_groups(panel)
    groups[INTERSECTION] = groups["Sex"].astype(str) + " × " + groups["Ethnicity"].astype(str)
    area = panel["area"] if "area" in panel.columns else _store_areas(con, panel)
    if area is not None:
        groups[AREA] = area.astype(object).where(area.notna(), NOT_STATED).astype(str).to_numpy()
    return groups


__all__ = ["AREA", "INTERSECTION", "escalation_groups"]

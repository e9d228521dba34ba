"""The equality table of the ethics pack (published in the ATRS record) goes through vawg.disclosure."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from tests.disclosure._attacker import integer_ranges
from vawg.risk.governance._equality_disclosure import withheld_counts
from vawg.risk.governance.ethics._tables import fairness_table

# By sex: 2 people of sex U (none with the outcome), 3 women with the outcome; by age band the same
# 122 people and 13 with the outcome.
GROUPS = [("sex", "M", 100, 10), ("sex", "F", 20, 3), ("sex", "U", 2, 0),
          ("age", "18-34", 60, 7), ("age", "35+", 62, 6)]  # fmt: skip


def _audit() -> dict[str, Any]:
    rows = []
    for dim, group, n, pos in GROUPS:
        rows.append({"dimension": dim, "group": group, "n": n, "positives": pos, "selection_rate": 0.1,
                     "selection_rate_ci_low": 0.05, "selection_rate_ci_high": 0.2, "small_group": n < 50})  # fmt: skip
    return {"by_group": rows}


def test_small_counts_are_withheld_with_their_rates() -> None:
    text = fairness_table(_audit(), threshold=5)
    lines = {line.split("|")[2].strip(): line for line in text.splitlines() if line.startswith("| sex")}
    assert "withheld" in lines["U"] and "| 2 |" not in lines["U"] and "0.100" not in lines["U"]
    assert "| 3 |" not in lines["F"]
    assert "| 100 |" in lines["M"] or "withheld" in lines["M"]


def test_no_withheld_count_can_be_narrowed() -> None:
    withheld = withheld_counts(_audit()["by_group"], threshold=5)
    values: dict[Hashable, int] = {}
    for dim, group, n, pos in GROUPS:
        values[dim, group, "n"], values[dim, group, "positives"] = n, pos
    assert {("sex", "U", "n"), ("sex", "F", "positives")} <= withheld
    assert not any(values[k] == 0 for k in withheld)  # zeros are shown, never protectors
    # the reader knows: 122 people, 13 with the outcome; each dimension adds up; positives <= n
    published = {k: v for k, v in values.items() if k not in withheld} | {"N": 122, "P": 13}
    eqs: list[dict[Hashable, int]] = []
    for dim in ("sex", "age"):
        groups = [g for d, g, _, _ in GROUPS if d == dim]
        eqs.append({"N": 1, **{(dim, g, "n"): -1 for g in groups}})
        eqs.append({"P": 1, **{(dim, g, "positives"): -1 for g in groups}})
        eqs += [{(dim, g, "n"): 1, (dim, g, "positives"): -1, ("d", dim, g): -1} for g in groups]
    floors: dict[Hashable, int] = dict.fromkeys(withheld, 1)
    floors |= {("d", d, g): 0 for d, g, _, _ in GROUPS}
    ranges = integer_ranges(published, floors, eqs, targets=sorted(withheld, key=str))
    assert all(high - low >= 5 for low, high in ranges.values()), ranges

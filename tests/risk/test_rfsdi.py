"""RFSDI and RFGV on hand-made stores: component arithmetic from the TOML, bands, explanations."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.risk.storebuilder import StoreBuilder
from vawg import MARKING
from vawg.errors import RiskError
from vawg.risk import (
    load_config,
    person_features_panel,
    rfsdi_from_features,
    score_rfgv,
    score_rfsdi,
    score_rfsdi_panel,
)
from vawg.risk.rfsdi._config import parse_config

AS_OF = date(2022, 1, 1)


@pytest.fixture
def store() -> StoreBuilder:
    b = StoreBuilder.open()
    for p in ("A", "B", "C", "D", "V1", "V2", "V3"):
        b.person(p, birth_year=1990 if p != "D" else 2008)
    # A: three VAWG crimes in the year (last 10 days ago), a rape 2 years ago, drugs and other intel.
    b.crime(date(2021, 12, 22), offence="8Q", area="Birmingham East", suspects=("A",), victims=("V1",))
    b.crime(date(2021, 9, 1), offence="8N", da=True, area="Birmingham East", suspects=("A",), victims=("V2",))
    b.crime(date(2021, 3, 1), offence="8L", area="Coventry", suspects=("A",), victims=("V1",))
    b.crime(date(2020, 1, 15), offence="19C", area="Coventry", suspects=("A",), victims=("V3",))
    for d in (date(2021, 5, 1), date(2021, 6, 1)):
        b.intel("A", d, "drugs")
    b.intel("A", date(2021, 7, 1), "weapons")
    # B: one harassment 200 days before as-of, nothing else.
    b.crime(date(2021, 6, 15), offence="8L", area="Wolverhampton", suspects=("B",), victims=("V1",))
    # C: only a non-VAWG crime: not in RFSDI's population.
    b.crime(date(2021, 6, 15), offence="105A", area="Dudley", suspects=("C",))
    # D: two DA crimes against two victims but aged 14: not in the RFG cohort.
    b.crime(date(2021, 2, 1), offence="8N", da=True, area="Walsall", suspects=("D",), victims=("V1",))
    b.crime(date(2021, 4, 1), offence="8N", da=True, area="Walsall", suspects=("D",), victims=("V2",))
    return b


def _harm(b: StoreBuilder, code: str) -> float:
    return float(
        b.con.execute("SELECT harm_days FROM ref_offence WHERE offence_code = ?", [code]).fetchall()[0][0]
    )


def test_components_follow_the_toml(store: StoreBuilder) -> None:
    cfg = load_config()
    scores = score_rfsdi(store.con, AS_OF, config=cfg)
    assert set(scores.frame["person_id"]) == {"A", "B", "D"}  # C has no VAWG offence
    a = scores.frame.set_index("person_id").loc["A"]
    r, f, s, d, i = (
        cfg.rfsdi.recency,
        cfg.rfsdi.frequency,
        cfg.rfsdi.severity,
        cfg.rfsdi.drugs,
        cfg.rfsdi.intelligence,
    )
    # Raw values worked out by hand.
    assert a["recency_value"] == 10
    assert a["frequency_value"] == 3
    harm = _harm(store, "8Q") + _harm(store, "8N") + _harm(store, "8L") + _harm(store, "19C")
    assert a["severity_value"] == harm
    assert a["drugs_value"] == 2 and a["intelligence_value"] == 1
    # Points: weight × transform, with the transforms written out by hand from the shipped TOML.
    assert r.transform == "steps" and r.bounds is not None and r.levels is not None
    recency_level = next(lv for b, lv in zip(r.bounds, r.levels, strict=False) if b >= 10)
    assert f.cap is not None and s.cap is not None and d.cap is not None and i.cap is not None
    expected = {
        "recency": r.weight * recency_level,
        "frequency": f.weight * min(3 / f.cap, 1),
        "severity": s.weight * min(math.log1p(harm) / math.log1p(s.cap), 1),
        "drugs": d.weight * min(2 / d.cap, 1),
        "intelligence": i.weight * min(1 / i.cap, 1),
    }
    for name, points in expected.items():
        assert a[f"{name}_points"] == pytest.approx(points, abs=0.005), name
    assert a["score"] == pytest.approx(sum(a[f"{n}_points"] for n in expected), abs=1e-9)
    assert a["area"] == "Birmingham East"  # area of the latest VAWG offence


def test_bands_and_ranks(store: StoreBuilder) -> None:
    cfg = load_config()
    assert cfg.bands.method == "capacity"  # the shipped bands are sized by a team's caseload
    frame = score_rfsdi(store.con, AS_OF, config=cfg).frame
    assert frame.sort_values("rank")["score"].is_monotonic_decreasing
    assert frame["rank"].tolist() == list(range(1, len(frame) + 1))
    raw = cfg.model_dump(exclude={"source", "sha256"})
    # The old fixed thresholds, kept as an option: everyone high when high is 0.01.
    raw["bands"] = {"method": "fixed", "high": 0.01, "medium": 0.0}
    assert set(score_rfsdi(store.con, AS_OF, config=parse_config(raw)).frame["level"]) == {"high"}
    # Capacity: the best-ranked person is high, the next one medium (no ties at the top here).
    raw["bands"] = {"method": "capacity", "high_count": 1, "medium_count": 1}
    ranked = score_rfsdi(store.con, AS_OF, config=parse_config(raw)).frame.sort_values("rank")
    scores = ranked["score"].tolist()
    assert scores[0] > scores[1] > scores[2]
    assert ranked["level"].tolist()[:3] == ["high", "medium", "standard"]


def test_a_relative_band_is_a_place_in_the_whole_population(store: StoreBuilder) -> None:
    raw = load_config().model_dump(exclude={"source", "sha256"})
    raw["bands"] = {"method": "capacity", "high_count": 1, "medium_count": 1}
    cfg = parse_config(raw)
    everyone = score_rfsdi(store.con, AS_OF, config=cfg).frame.sort_values("rank")
    third = str(everyone["person_id"].iloc[2])
    # Scored alone, the third-ranked person would top a population of one; the band is that of the force.
    alone = score_rfsdi(store.con, AS_OF, config=cfg, persons=[third]).frame
    assert alone["person_id"].tolist() == [third] and alone["level"].tolist() == ["standard"]
    # The explanation states the rule and the date's cut-offs: the 1st and 2nd scores of everyone.
    text = score_rfsdi(store.con, AS_OF, config=cfg, persons=[third]).explain(third).text()
    first, second = everyone["score"].iloc[0], everyone["score"].iloc[1]
    assert (
        f"high: the top 1 people on the date; medium: the next 1; on this date high at {first:g}, medium at {second:g}"
        in text
    )


def test_explanation_adds_up_and_names_each_component(store: StoreBuilder) -> None:
    scores = score_rfsdi(store.con, AS_OF)
    for person in scores.frame["person_id"]:
        e = scores.explain(person)
        assert sum(c.points for c in e.components) == pytest.approx(e.score, abs=1e-9)
        assert [c.name for c in e.components] == ["recency", "frequency", "severity", "drugs", "intelligence"]
    text = scores.explain("A").text()
    assert text.startswith(MARKING) and "safeguarding" in text
    assert "10 days since the last offence" in text
    assert scores.explain("B").to_dict()["components"][3]["value"] == 0.0
    with pytest.raises(RiskError, match="C has no rfsdi score"):
        scores.explain("C")


def test_area_filter_keeps_parts_of_an_area_and_reranks(store: StoreBuilder) -> None:
    birmingham = score_rfsdi(store.con, AS_OF, area="birmingham").frame
    assert birmingham["person_id"].tolist() == ["A"]
    assert birmingham["rank"].tolist() == [1]
    assert score_rfsdi(store.con, AS_OF, area="Birming").frame.empty


def test_output_is_marked(store: StoreBuilder) -> None:
    scores = score_rfsdi(store.con, AS_OF)
    out = scores.output_frame()
    assert (out["marking"] == MARKING).all() and (out["version"] == scores.version).all()
    payload = scores.to_dict()
    assert payload["marking"] == MARKING and payload["count"] == 3
    assert scores.top(1).frame["person_id"].tolist() == [scores.frame.iloc[0]["person_id"]]


def test_scores_from_features_equal_the_store_scores(store: StoreBuilder) -> None:
    dates = [date(2021, 7, 1), AS_OF]
    features = person_features_panel(store.con, dates)
    from_features = rfsdi_from_features(features)
    assert from_features.index.equals(features.index)
    stored = score_rfsdi_panel(store.con, dates).frame[["as_of", "person_id", "score", "level"]]
    both = stored.merge(from_features, on=["as_of", "person_id"], suffixes=("", "_f"), validate="one_to_one")
    assert len(both) == len(stored)
    np.testing.assert_array_equal(both["score"], both["score_f"])
    assert (both["level"] == both["level_f"]).all()


def test_scores_from_features_refuse_a_config_they_cannot_follow() -> None:
    raw = load_config().model_dump(exclude={"source", "sha256"})
    raw["rfsdi"]["frequency"]["window_months"] = 6
    with pytest.raises(RiskError, match="'frequency'"):
        rfsdi_from_features(pd.DataFrame(columns=["person_id", "as_of"]), config=parse_config(raw))


def test_rfgv_scores_serial_da_perpetrators_only(store: StoreBuilder) -> None:
    # E: two DA crimes against two victims, aged 32: serial. F: two DA crimes, one victim: not serial.
    store.person("E")
    store.person("F")
    store.crime(date(2021, 10, 1), offence="8N", da=True, suspects=("E",), victims=("V1",))
    store.crime(date(2021, 11, 1), offence="8Q", da=True, suspects=("E",), victims=("V2",))
    store.crime(date(2021, 10, 1), offence="8N", da=True, suspects=("F",), victims=("V1",))
    store.crime(date(2021, 11, 1), offence="8N", da=True, suspects=("F",), victims=("V1",))
    cfg = load_config()
    scores = score_rfgv(store.con, AS_OF, config=cfg)
    assert scores.frame["person_id"].tolist() == ["E"]  # A has one DA crime; D is 14 (2022 - 2008)
    e = scores.frame.iloc[0]
    assert (e["cohort_da_records"], e["cohort_victims"]) == (2, 2)
    assert e["victims_value"] == 2 and e["frequency_value"] == 2 and e["recency_value"] == 61
    assert e["gravity_value"] == _harm(store, "8N") + _harm(store, "8Q")
    assert e["victims_points"] == pytest.approx(
        cfg.rfg.victims.weight * min(2 / (cfg.rfg.victims.cap or 1), 1), abs=0.005
    )
    younger = cfg.model_dump(exclude={"source", "sha256"})
    younger["rfg"]["cohort"]["min_age"] = 14
    assert set(score_rfgv(store.con, AS_OF, config=parse_config(younger)).frame["person_id"]) == {"D", "E"}


def test_writing_to_an_unknown_format_is_refused(store: StoreBuilder, tmp_path: Path) -> None:
    scores = score_rfsdi(store.con, AS_OF)
    with pytest.raises(RiskError, match=r"expected a \.csv, \.xlsx or \.parquet file; found \.txt"):
        scores.write(tmp_path / "scores.txt")
    assert not (tmp_path / "scores.txt").exists()


def test_every_public_name_exists() -> None:
    import vawg.risk

    missing = [name for name in vawg.risk.__all__ if not hasattr(vawg.risk, name)]
    assert missing == []

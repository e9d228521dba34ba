"""``write_bundle``: generate the synthetic force and write it as a contract bundle."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from vawg.contract import (
    CONTRACT_VERSION,
    DISPOSAL,
    INTEL_TOPIC,
    INTERVENTION_STATUS,
    ORDER_STATUS,
    ORDER_TYPE,
    ROLE,
    SUSPECT_STATUS,
    TABLES,
)
from vawg.errors import ConfigError
from vawg.synth import _actions as act
from vawg.synth._ages import age_day
from vawg.synth._arrays import Frame, order_by, stream
from vawg.synth._behaviours import behaviour_tables
from vawg.synth._calendar import AREAS, EXTRACT_DATE, PERIOD_START, PILOT_AREAS, PILOT_START
from vawg.synth._disproportionality import write_equality_truth
from vawg.synth._escalation import FEATURES
from vawg.synth._generate import STAGES, generate
from vawg.synth._mixes import OFFENCES, OUTCOMES
from vawg.synth._order_times import order_minutes, times
from vawg.synth._orders import BREACH_ACTIONS
from vawg.synth._people import ETHNICITY_VALUES, SEXES, age_on
from vawg.synth._pilot import PLANTED_PILOT_EFFECT
from vawg.synth._places import crime_places, write_places_truth
from vawg.synth._programmes import PROGRAMMES
from vawg.synth._suspect_status import build_suspect_status
from vawg.synth._world import World
from vawg.synth._writer import Format, Pseudonyms, bools, codes, dates, ids, ints, inverse, write_table

FORCE = "West Midlands (synthetic)"


@dataclass(frozen=True)
class SynthSummary:
    """What ``write_bundle`` made: the folder, rows per contract table, and how long it took."""

    out_dir: Path
    rows: dict[str, int]
    seconds: float


def write_bundle(
    out_dir: Path | str, *, seed: int = 42, scale: float = 1.0, fmt: Format = "csv", progress: bool = False
) -> SynthSummary:
    """Write the synthetic force to ``out_dir``: one file per contract table, ``manifest.json`` and
    ``truth/`` (the planted escalation and pilot truths; not part of the contract).

    The same ``seed`` and ``scale`` give byte-identical files. ``scale=1`` is a West Midlands-sized
    force (about 110k crimes a year); volumes scale in proportion.
    """
    if not scale > 0:
        raise ConfigError(f"scale must be above 0; found {scale}", scale=scale)
    if fmt not in ("csv", "parquet"):
        raise ConfigError(f"format must be csv or parquet; found {fmt!r}", format=fmt)
    started = time.perf_counter()
    out = Path(out_dir)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    with _progress(progress) as step:
        world, truth = generate(seed, scale, step)
        step("writing")
        rows = _write(world, truth, out, fmt)
    manifest = {
        "contract_version": CONTRACT_VERSION, "force": FORCE, "extract_date": EXTRACT_DATE.isoformat(),
        "period_start": PERIOD_START.isoformat(), "period_end": EXTRACT_DATE.isoformat(), "seed": seed,
        "scale": scale, "rows": rows, "synthetic": True,
    }  # fmt: skip
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return SynthSummary(out_dir=out, rows=rows, seconds=time.perf_counter() - started)


class _progress:
    """A rich progress bar over the stages, or nothing."""

    def __init__(self, show: bool) -> None:
        self.show = show

    def __enter__(self) -> Callable[[str], None]:
        if not self.show:
            return lambda stage: None
        from rich.progress import Progress

        self.bar = Progress(transient=True)
        self.bar.__enter__()
        self.task = self.bar.add_task("synthetic force", total=len(STAGES) + 1)
        self.started = False

        def step(stage: str) -> None:
            if self.started:
                self.bar.advance(self.task)
            self.started = True
            self.bar.update(self.task, description=f"synthetic force: {stage}")

        return step

    def __exit__(self, *exc: object) -> None:
        if self.show:
            self.bar.advance(self.task)
            self.bar.__exit__(None, None, None)


def _numbering(world: World) -> tuple[np.ndarray, np.ndarray]:
    """(person number, crime number) per row: people in a random order, crimes in recording order."""
    rng = stream(world.seed, "ids")
    person = rng.permutation(world.people.count) + 1
    c = world.crimes
    order = order_by(c["recorded"], rng.integers(0, 1 << 30, c.rows))
    crime = np.empty(c.rows, np.int64)
    crime[order] = np.arange(1, c.rows + 1)
    return person, crime


def _sorted(frame: Frame, *keys: np.ndarray) -> np.ndarray:
    """Row order by keys (first key most significant)."""
    return order_by(*keys) if frame.rows else np.zeros(0, np.int64)


def _write(world: World, truth: pd.DataFrame, out: Path, fmt: Format) -> dict[str, int]:
    pnum, cnum = _numbering(world)
    n_people = world.people.count
    pid, cid = Pseudonyms("P", pnum), Pseudonyms("C", cnum)
    c, links, people, t = world.crimes, world.links, world.people.frame, world.tables
    builders: dict[str, tuple[int, Callable[[slice], dict[str, pa.Array]]]] = {}

    crime_order = inverse(cnum)
    place, place_truth = crime_places(c, world.seed)  # contract 1.1 location columns (own stream)

    def crimes(part: slice) -> dict[str, pa.Array]:
        r = crime_order[part]
        return {
            "crime_id": cid(r), "recorded_date": dates(c["recorded"][r]), "offence_code": codes(OFFENCES, c["offence"][r]),
            "area": codes(AREAS, c["area"][r]), "da_flag": bools(c["da"][r]), "hba_flag": bools(c["hba"][r]),
            "online_flag": bools(c["online"][r]), "committed_date": dates(c["committed"][r]),
            "lsoa_code": pa.array(place["lsoa"][r], pa.string()), "latitude": pa.array(place["latitude"][r]),
            "longitude": pa.array(place["longitude"][r]), "public_place": bools(place["public"][r]),
            "committed_hour": ints(place["hour"][r], np.zeros(len(r), bool)),
        }  # fmt: skip

    builders["crimes"] = (c.rows, crimes)
    person_order = inverse(pnum)

    def persons(part: slice) -> dict[str, pa.Array]:
        r = person_order[part]
        by = people["birth_year"][r]
        return {
            "person_id": pid(r), "sex": codes(SEXES, people["sex"][r]), "birth_year": ints(by, by <= 0),
            "ethnicity": codes(list(ETHNICITY_VALUES), np.where(people["ethnicity"][r] == 0, -1, people["ethnicity"][r])),
        }  # fmt: skip

    builders["persons"] = (n_people, persons)
    link_order = _sorted(links, cnum[links["crime"]], links["role"], pnum[links["person"]])
    link_age = age_on(
        people["birth_year"][links["person"]], people["birth_doy"][links["person"]], age_day(world)
    )

    def crime_persons(part: slice) -> dict[str, pa.Array]:
        r = link_order[part]
        victim = links["role"][r] == 0
        return {
            "crime_id": cid(links["crime"][r]), "person_id": pid(links["person"][r]),
            "role": codes(ROLE, links["role"][r]),
            "linked_date": dates(np.where(victim, -1, links["linked"][r])),
            "age": ints(link_age[r], link_age[r] < 0),
        }  # fmt: skip

    builders["crime_persons"] = (links.rows, crime_persons)
    o = t["outcomes"]
    o_order = _sorted(o, cnum[o["crime"]], o["date"])
    builders["outcomes"] = (o.rows, lambda p: {
        "crime_id": cid(o["crime"][o_order[p]]), "outcome_code": codes(OUTCOMES, o["code"][o_order[p]]),
        "outcome_date": dates(o["date"][o_order[p]]),
    })  # fmt: skip
    builders.update(_optional_tables(world, pid, cid))
    builders["suspect_status"] = _suspect_status(world, pid, cid, pnum, cnum)
    builders.update(behaviour_tables(world.seed, world.scale))
    rows = {}
    for table in TABLES:
        n, chunk = builders[table.name]
        rows[table.name] = write_table(out, table.name, fmt, n, chunk)
    _write_truth(truth, out, pid, cid)
    write_equality_truth(world, out, pid)
    write_places_truth(out, place_truth)
    return rows


def _optional_tables(world: World, pid: Callable, cid: Callable) -> dict[str, tuple[int, Callable]]:
    t = world.tables
    out: dict[str, tuple[int, Callable]] = {}
    inc = t["incidents"]
    i_order = _sorted(inc, inc["day"], inc["area"])
    i_num = np.empty(inc.rows, np.int64)
    i_num[i_order] = np.arange(1, inc.rows + 1)
    out["incidents"] = (inc.rows, lambda p: {
        "incident_id": ids("IN", i_num[i_order[p]], inc.rows), "reported_date": dates(inc["day"][i_order[p]]),
        "area": codes(AREAS, inc["area"][i_order[p]]), "da_flag": bools(inc["da"][i_order[p]]),
        "crime_id": cid(inc["crime"][i_order[p]]),
    })  # fmt: skip
    cu = t["custody"]
    cu_order = _sorted(cu, cu["day"], cu["person"])

    def custody(p: slice) -> dict[str, pa.Array]:
        r = cu_order[p]
        cond = cu["conditions"][r]
        return {
            "custody_id": ids("CU", p.start + 1 + np.arange(len(r)), cu.rows), "person_id": pid(cu["person"][r]),
            "crime_id": cid(cu["crime"][r]), "arrest_date": dates(cu["day"][r]),
            "disposal": codes(DISPOSAL, cu["disposal"][r]), "bail_end_date": dates(cu["bail_end"][r]),
            "bail_conditions": bools(cond == 1, cond == 0),
            "referral": codes(("new_chance",), np.where(cu["referral"][r], 0, -1)),
        }  # fmt: skip

    out["custody"] = (cu.rows, custody)
    orders, breaches = t["orders"], t["order_breaches"]
    or_order = _sorted(orders, orders["start"], orders["type"])
    or_num = np.empty(orders.rows, np.int64)
    or_num[or_order] = np.arange(1, orders.rows + 1)
    oid = Pseudonyms("OR", or_num)
    or_minutes = order_minutes(orders, world.seed)  # contract 1.1 start_time (own stream)
    out["orders"] = (orders.rows, lambda p: {
        "order_id": oid(or_order[p]), "person_id": pid(orders["person"][or_order[p]]),
        "order_type": codes(ORDER_TYPE, orders["type"][or_order[p]]),
        "status": codes(ORDER_STATUS, orders["status"][or_order[p]]), "start_date": dates(orders["start"][or_order[p]]),
        "end_date": dates(orders["end"][or_order[p]]), "parent_order_id": oid(orders["parent"][or_order[p]]),
        "victim_person_id": pid(orders["victim"][or_order[p]]), "start_time": times(or_minutes[or_order[p]]),
    })  # fmt: skip
    b_order = _sorted(breaches, or_num[breaches["order"]], breaches["date"])
    out["order_breaches"] = (breaches.rows, lambda p: {
        "order_id": oid(breaches["order"][b_order[p]]), "breach_date": dates(breaches["date"][b_order[p]]),
        "action": codes(BREACH_ACTIONS, breaches["action"][b_order[p]]),
    })  # fmt: skip
    iv = t["interventions"]
    iv_order = _sorted(iv, iv["referred"], iv["programme"], iv["person"])
    out["interventions"] = (iv.rows, lambda p: {
        "person_id": pid(iv["person"][iv_order[p]]), "programme": codes(PROGRAMMES, iv["programme"][iv_order[p]]),
        "referred_date": dates(iv["referred"][iv_order[p]]), "completed_date": dates(iv["completed"][iv_order[p]]),
        "status": codes(INTERVENTION_STATUS, iv["status"][iv_order[p]]),
    })  # fmt: skip
    il = t["intelligence"]
    il_order = _sorted(il, il["date"], il["person"], il["topic"])
    out["intelligence"] = (il.rows, lambda p: {
        "intel_id": ids("IL", p.start + 1 + np.arange(len(il_order[p])), il.rows),
        "person_id": pid(il["person"][il_order[p]]), "submitted_date": dates(il["date"][il_order[p]]),
        "topic": codes(INTEL_TOPIC, il["topic"][il_order[p]]),
    })  # fmt: skip
    ac = t["actions"]
    ac_order = _sorted(ac, ac["set"], ac["crime"])
    out["actions"] = (ac.rows, lambda p: {
        "action_id": ids("AC", p.start + 1 + np.arange(len(ac_order[p])), ac.rows),
        "crime_id": cid(ac["crime"][ac_order[p]]), "forum": codes(act.FORUMS, ac["forum"][ac_order[p]]),
        "description": codes(act.DESCRIPTIONS, ac["description"][ac_order[p]]),
        "owner": codes(act.OWNERS, ac["owner"][ac_order[p]]), "set_date": dates(ac["set"][ac_order[p]]),
        "due_date": dates(ac["due"][ac_order[p]]), "done_date": dates(ac["done"][ac_order[p]]),
    })  # fmt: skip
    return out


def _suspect_status(
    world: World, pid: Callable, cid: Callable, pnum: np.ndarray, cnum: np.ndarray
) -> tuple[int, Callable]:
    """Contract 1.1 suspect_status, in crime, person, date order (its own random stream)."""
    st, links = build_suspect_status(world), world.links
    crime, person = links["crime"][st["link"]], links["person"][st["link"]]
    order = _sorted(st, cnum[crime], pnum[person], st["day"])
    return st.rows, lambda p: {
        "crime_id": cid(crime[order[p]]), "person_id": pid(person[order[p]]),
        "status": codes(SUSPECT_STATUS, st["status"][order[p]]), "status_date": dates(st["day"][order[p]]),
    }  # fmt: skip


def _write_truth(truth: pd.DataFrame, out: Path, pid: Callable, cid: Callable) -> None:
    """truth/escalation.parquet (one row per person and quarter at risk) and truth/pilot.json."""
    person = truth["person"].to_numpy(np.int64)
    table = pa.table({
        "person_id": pid(person), "decision_date": pa.array(truth["decision_date"].to_numpy(), pa.date32()),
        **{f: pa.array(truth[f].to_numpy(), pa.int32(), from_pandas=True) for f in FEATURES},
        "logit": pa.array(truth["logit"].to_numpy(float)), "p": pa.array(truth["p"].to_numpy(float)),
        "label": pa.array(truth["label"].to_numpy(np.int8)),
        "event_date": dates(truth["event_day"].to_numpy(np.int64)),
        "crime_id": cid(truth["crime_row"].to_numpy(np.int64)),
    })  # fmt: skip
    table = table.sort_by([("person_id", "ascending"), ("decision_date", "ascending")])
    pq.write_table(table, out / "truth" / "escalation.parquet", compression="zstd")
    pilot = {
        "planted_pilot_effect": PLANTED_PILOT_EFFECT, "pilot_areas": list(PILOT_AREAS),
        "pilot_start": PILOT_START.isoformat(),
        "definition": "relative reduction in the rate of repeat domestic abuse offences by known suspects "
        "(suspects with an earlier DA offence) whose home area is a pilot area, from pilot_start",
    }  # fmt: skip
    (out / "truth" / "pilot.json").write_text(json.dumps(pilot, indent=2) + "\n", encoding="utf-8")

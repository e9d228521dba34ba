"""Event frames: the Ibis expressions every metric counts rows of.

A frame is one row per thing a metric counts (a crime, a victim link, a custody record…), with
its dates, its dimension columns (plain strings, so grouping is the same on every engine) and
boolean filter columns that the metric records name. Interval frames (``start``/``end``) feed the
as-of ("stock") metrics, which are computed as +1/−1 events and a running sum, never range joins.

``Frames`` builds them lazily. The crime base (``crime_base``: crimes with their category, flags and
current outcome) and the crime–person links (``links``) need no setting, so ingest keeps them as
store tables (``vawg.store.refresh_derived``) and ``compute`` reads those (``materialized``); a store
without them current gets them as temporary tables, built once per run.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from vawg.metrics._tables import schema, table
from vawg.metrics.frames._behaviours import BehaviourFrames
from vawg.metrics.frames._links import LinkFrames
from vawg.metrics.frames._new_chance import NewChanceFrames
from vawg.metrics.frames._rules import (
    AGE_BANDS,
    CHARGE_CODES,
    CRIME_FRAMES,
    DERIVED_FRAMES,
    EVIDENTIAL_DIFFICULTY_CODES,
    FOLLOW_UP_DAYS,
    LINK_FRAMES,
    NO_CATEGORY,
    NOT_STATED_WORD,
    OUTSTANDING_BANDS,
    REPEAT_WINDOW_DAYS,
    SERIAL_MIN_AGE,
    SERIAL_WINDOW_DAYS,
    UNKNOWN,
    VICTIM_NOT_SUPPORTING_CODES,
    _days,
    _ethnic_group,
    _flag,
    _sex_word,
)


def _crime_sex(
    female: ir.BooleanValue, male: ir.BooleanValue, anyone: ir.BooleanValue, nobody: str
) -> ir.StringValue:
    """A crime's suspects (victims) by sex: all recorded female, all male, both ("mixed"), none
    recorded F or M ("not_stated"), or no such person linked (``nobody``)."""
    f, m = _flag(female), _flag(male)
    return ibis.cases(
        (f & ~m, "female"), (m & ~f, "male"), (f & m, "mixed"), (_flag(anyone), NOT_STATED_WORD), else_=nobody
    )


class Frames(LinkFrames, NewChanceFrames, BehaviourFrames):
    """The event frames for one set of settings (positive outcome codes)."""

    def __init__(
        self,
        positive_outcomes: Sequence[str],
        materialized: dict[str, str] | None = None,
        sources: dict[str, str] | None = None,
    ) -> None:
        self.positive_outcomes = tuple(positive_outcomes)
        self.materialized = dict(materialized or {})
        # Store tables read under another name: a delta's changed rows when the derived tables are
        # updated in place (vawg.store refresh_derived).
        self.sources = dict(sources or {})
        self._cache: dict[str, ir.Table] = {}

    def source(self, name: str) -> ir.Table:
        """The store table ``name``, or the table standing in for it (``sources``)."""
        return ibis.table(schema(name), name=self.sources.get(name, name))

    def get(self, name: str) -> ir.Table:
        if name not in self._cache:
            builder = getattr(self, f"_build_{name}", None)
            if builder is None:
                raise KeyError(f"no event frame {name!r}")
            expr = builder()
            if name in self.materialized:
                expr = ibis.table(expr.schema(), name=self.materialized[name])
            self._cache[name] = expr
        return self._cache[name]

    # --- crimes --------------------------------------------------------------------------------
    def _build_outcome_current(self) -> ir.Table:
        """Each crime's current outcome (the crime_outcome view's rule: latest date, then latest load,
        then code) and its first outcome date, in one grouped pass (no window sort)."""
        o = self.source("outcomes")
        latest = ibis.struct({"d": o.outcome_date, "l": o.load_id, "c": o.outcome_code})
        return o.group_by("crime_id").aggregate(
            outcome_code=o.outcome_code.argmax(latest),
            outcome_date=o.outcome_date.max(),
            first_outcome_date=o.outcome_date.min(),
        )

    def _build_crime_base(self) -> ir.Table:
        """One row per crime: VAWG category, flags and current outcome, none of which depends on a
        setting (the store keeps this frame as the table ``crime_base``)."""
        c, ro = self.source("crimes"), table("ref_offence")
        oc = self.get("outcome_current")
        j = c.left_join(ro, c.offence_code == ro.offence_code).left_join(oc, c.crime_id == oc.crime_id)
        is_da = _flag(j.da_flag)
        return j.select(
            crime_id=j.crime_id,
            recorded_date=j.recorded_date,
            outcome_date=j.outcome_date,
            first_outcome_date=j.first_outcome_date,
            area=j.area,
            vawg_category=j.vawg_category.fill_null(NO_CATEGORY),
            offence_group=j.offence_group.fill_null(UNKNOWN),
            da=ibis.ifelse(is_da, "da", "non_da"),
            online=ibis.ifelse(_flag(j.online_flag), "online", "not_online"),
            hba=ibis.ifelse(_flag(j.hba_flag), "hba", "not_hba"),
            is_vawg=j.vawg_category.notnull() | is_da | _flag(j.hba_flag),
            is_da=is_da,
            is_stalking=j.offence_code == "8Q",
            outcome_code=j.outcome_code,
        )

    def _build_crimes(self) -> ir.Table:
        """One row per crime: the crime base with its current outcome's classes (positive outcomes
        are a setting, so these are worked out on reading)."""
        b = self.get("crime_base")
        code = b.outcome_code
        return b.select(
            *(c for c in b.columns if c != "outcome_code"),
            has_outcome=code.notnull(),
            is_positive=_flag(code.isin(self.positive_outcomes)),
            is_charge=_flag(code.isin(CHARGE_CODES)),
            is_oc1=_flag(code == "1"),
            is_not_supporting=_flag(code.isin(VICTIM_NOT_SUPPORTING_CODES)),
            is_evidential=_flag(code.isin(EVIDENTIAL_DIFFICULTY_CODES)),
            days_to_outcome=_days(b.outcome_date, b.recorded_date),
            **{
                f"is_positive_{n}d": _flag(
                    code.isin(self.positive_outcomes) & (_days(b.outcome_date, b.recorded_date) <= n)
                )
                for n in FOLLOW_UP_DAYS
            },
        )

    def with_dimensions(self, name: str, t: ir.Table, dims: Sequence[str]) -> ir.Table:
        """``t`` (frame ``name``) with the crime-level people dimensions ``dims`` asks for joined on:
        only then, so no other metric pays for the scan of every crime–person link."""
        wanted = [d for d in dims if d in CRIME_PEOPLE_DIMENSIONS and d not in t.columns]
        if name != "crimes" or not wanted:
            return t
        ps = self.get("crime_people_sex")
        j = t.left_join(ps, t.crime_id == ps.sex_crime_id)
        made = {
            "suspect_sex": _crime_sex(j.suspect_f, j.suspect_m, j.suspect_any, "no_suspect"),
            "victim_sex": _crime_sex(j.victim_f, j.victim_m, j.victim_any, "no_victim"),
        }
        return j.select(*t.columns, **{d: made[d] for d in wanted})

    def _build_crime_people_sex(self) -> ir.Table:
        """Per crime: whether any suspect (victim) is recorded female, male, or at all."""
        cp, p = table("crime_persons"), table("persons")
        k = cp.left_join(p, cp.person_id == p.person_id)
        suspect, victim = k.role == "suspect", k.role == "victim"
        return k.group_by(sex_crime_id=k.crime_id).aggregate(
            suspect_f=(suspect & (k.sex == "F")).any(), suspect_m=(suspect & (k.sex == "M")).any(),
            suspect_any=suspect.any(), victim_f=(victim & (k.sex == "F")).any(),
            victim_m=(victim & (k.sex == "M")).any(), victim_any=victim.any(),
        )  # fmt: skip

    def _build_open_crimes(self) -> ir.Table:
        """Interval frame: a crime is open from its recording until its first outcome."""
        c = self.get("crimes")
        return c.select(
            "area", "vawg_category", "is_vawg", "is_da", "is_stalking",
            start=c.recorded_date, end=c.first_outcome_date,
        )  # fmt: skip

    # --- custody, incidents, orders, interventions ------------------------------------------------
    def _build_custody(self) -> ir.Table:
        cu, p = table("custody"), table("persons")
        c = self.get("crimes")
        j = cu.left_join(c, cu.crime_id == c.crime_id).left_join(p, cu.person_id == p.person_id)
        return j.select(
            person_id=j.person_id,
            arrest_date=j.arrest_date,
            bail_end_date=j.bail_end_date,
            area=j.area.fill_null(UNKNOWN),
            offence_group=j.offence_group.fill_null(UNKNOWN),
            sex=j.sex.fill_null("U"),
            suspect_sex=_sex_word(j.sex),  # the detainee is the suspect
            suspect_ethnicity=_ethnic_group(j.ethnicity_group),
            is_da=_flag(j.is_da),
            is_bail=j.disposal == "bail",
            is_rui=j.disposal == "rui",
            is_bail_or_rui=j.disposal.isin(("bail", "rui")),
            is_female=_flag(j.sex == "F"),
            is_record=ibis.literal(True),
        )

    def _build_incidents(self) -> ir.Table:
        i = table("incidents")
        crimed = i.crime_id.notnull()
        return i.select(
            reported_date=i.reported_date,
            area=i.area,
            crimed=ibis.ifelse(crimed, "crimed", "not_crimed"),
            is_da=_flag(i.da_flag),
            is_crimed=crimed,
        )

    def _build_orders(self) -> ir.Table:
        o, b = table("orders"), table("order_breaches")
        children = o.filter((o.order_type == "DVPO") & (o.status == "granted") & o.parent_order_id.notnull())
        converted = children.group_by(parent_id=children.parent_order_id).aggregate(
            n_children=children.count()
        )
        breached = b.group_by(breached_id=b.order_id).aggregate(n_breaches=b.count())
        j = o.left_join(converted, o.order_id == converted.parent_id).left_join(
            breached, o.order_id == breached.breached_id
        )
        granted = j.status == "granted"
        return j.select(
            start_date=j.start_date,
            order_type=j.order_type,
            is_order=ibis.literal(True),
            is_granted=granted,
            is_decided=j.status.isin(("granted", "refused")),
            is_dvpn=j.order_type == "DVPN",
            is_converted=(j.order_type == "DVPN") & j.n_children.notnull(),
            is_breached=granted & j.n_breaches.notnull(),
        )

    def _build_breaches(self) -> ir.Table:
        b, o = table("order_breaches"), table("orders")
        j = b.join(o, b.order_id == o.order_id)
        return j.select(breach_date=j.breach_date, order_type=j.order_type, is_breach=ibis.literal(True))

    def _build_interventions(self) -> ir.Table:
        iv = table("interventions")
        programme = iv.programme.strip().upper()
        return iv.select(
            person_id=iv.person_id,
            referred_date=iv.referred_date,
            completed_date=iv.completed_date,
            programme=programme,
            is_any=ibis.literal(True),
            is_easi=programme == "EASI",
            is_new_chance=programme == "NEW_CHANCE",
        )


# Dimensions of the crimes frame joined on only when a metric asks for them (Frames.with_dimensions).
CRIME_PEOPLE_DIMENSIONS = ("suspect_sex", "victim_sex")

# The dimension columns each frame offers for `by` (metric records list a subset).
FRAME_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "crimes": ("area", "vawg_category", "offence_group", "da", "online", "hba", *CRIME_PEOPLE_DIMENSIONS),
    "links": ("area", "vawg_category"),
    "open_crimes": ("area", "vawg_category"),
    "victims": ("area", "vawg_category", "sex", "age_band", "age", "victim_sex", "victim_ethnicity"),
    "da_links": ("area", "vawg_category"),
    "da_serial": ("area",),
    "da_outstanding": ("area", "outstanding_band"),
    "custody": ("area", "offence_group", "sex", "suspect_sex", "suspect_ethnicity"),
    "incidents": ("area", "crimed"),
    "orders": ("order_type",),
    "breaches": ("order_type",),
    "interventions": ("programme",),
    "conduct": ("allegation", "case_type", "subject_role"),
    "training": ("course", "tier"),
    "training_eligible": ("course", "tier"),
    "new_chance": ("area",),
}

__all__ = [
    "AGE_BANDS", "CHARGE_CODES", "CRIME_FRAMES", "DERIVED_FRAMES", "EVIDENTIAL_DIFFICULTY_CODES", "FRAME_DIMENSIONS", "LINK_FRAMES",
    "NO_CATEGORY", "OUTSTANDING_BANDS", "REPEAT_WINDOW_DAYS", "SERIAL_MIN_AGE", "SERIAL_WINDOW_DAYS", "UNKNOWN",
    "VICTIM_NOT_SUPPORTING_CODES", "Frames",
]  # fmt: skip

"""Event frames: the Ibis expressions every metric counts rows of.

A frame is one row per thing a metric counts (a crime, a victim link, a custody record…), with
its dates, its dimension columns (plain strings, so grouping is the same on every engine) and
boolean filter columns that the metric records name. Interval frames (``start``/``end``) feed the
as-of ("stock") metrics, which are computed as +1/−1 events and a running sum, never range joins.

``Frames`` builds them lazily; ``compute_all`` can swap the shared crime base for a temporary
table (``materialized``) so a run over every metric scans crimes and outcomes once.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from vawg.metrics._tables import table

AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-17", 0, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-54", 45, 54),
    ("55-64", 55, 64),
    ("65+", 65, None),
)
# How long a suspect has been outstanding, in days since the link started: [low, high).
OUTSTANDING_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("under 1 month", 0, 30),
    ("1-3 months", 30, 91),
    ("3-6 months", 91, 182),
    ("6-12 months", 182, 365),
    ("12 months or more", 365, None),
)
REPEAT_WINDOW_DAYS = 365  # repeat victim / suspect: an earlier DA crime within 12 months
SERIAL_WINDOW_DAYS = 1095  # serial perpetrator: 2+ DA crimes against 2+ victims within 3 years
SERIAL_MIN_AGE = 16
CHARGE_CODES = ("1", "1A")
VICTIM_NOT_SUPPORTING_CODES = ("14", "16")
EVIDENTIAL_DIFFICULTY_CODES = ("15",)
NO_CATEGORY = "other_offence"  # a DA or HBA crime whose offence code has no VAWG category
UNKNOWN = "unknown"


def _age_band(age: ir.IntegerValue) -> ir.StringValue:
    cases = []
    for label, low, high in AGE_BANDS:
        cond = age >= low if high is None else (age >= low) & (age <= high)
        cases.append((cond, label))
    return ibis.cases(*cases, else_=UNKNOWN)


def _flag(value: ir.BooleanValue) -> ir.BooleanValue:
    """A filter column: null counts as false."""
    return value.fill_null(False)


def _days(later: ir.DateValue, earlier: ir.DateValue) -> ir.IntegerValue:
    return later.epoch_days() - earlier.epoch_days()


class Frames:
    """The event frames for one set of settings (positive outcome codes)."""

    def __init__(self, positive_outcomes: Sequence[str], materialized: dict[str, str] | None = None) -> None:
        self.positive_outcomes = tuple(positive_outcomes)
        self.materialized = dict(materialized or {})
        self._cache: dict[str, ir.Table] = {}

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
        o = table("outcomes")
        latest = ibis.struct({"d": o.outcome_date, "l": o.load_id, "c": o.outcome_code})
        return o.group_by("crime_id").aggregate(
            outcome_code=o.outcome_code.argmax(latest),
            outcome_date=o.outcome_date.max(),
            first_outcome_date=o.outcome_date.min(),
        )

    def _build_crimes(self) -> ir.Table:
        """One row per crime: flags, VAWG category, current outcome and its classes."""
        c, ro = table("crimes"), table("ref_offence")
        oc = self.get("outcome_current")
        j = c.left_join(ro, c.offence_code == ro.offence_code).left_join(oc, c.crime_id == oc.crime_id)
        code = j.outcome_code
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
            is_vawg=j.vawg_category.notnull() | is_da | _flag(j.hba_flag),
            is_da=is_da,
            is_stalking=j.offence_code == "8Q",
            has_outcome=code.notnull(),
            is_positive=_flag(code.isin(self.positive_outcomes)),
            is_charge=_flag(code.isin(CHARGE_CODES)),
            is_oc1=_flag(code == "1"),
            is_not_supporting=_flag(code.isin(VICTIM_NOT_SUPPORTING_CODES)),
            is_evidential=_flag(code.isin(EVIDENTIAL_DIFFICULTY_CODES)),
            days_to_outcome=_days(j.outcome_date, j.recorded_date),
        )

    def _build_open_crimes(self) -> ir.Table:
        """Interval frame: a crime is open from its recording until its first outcome."""
        c = self.get("crimes")
        return c.select(
            "area", "vawg_category", "is_vawg", "is_da", "is_stalking",
            start=c.recorded_date, end=c.first_outcome_date,
        )  # fmt: skip

    # --- people on crimes ----------------------------------------------------------------------
    def _build_links(self) -> ir.Table:
        """Every victim and suspect link with its crime's date, area, category and flags."""
        cp = table("crime_persons")
        c = self.get("crimes")
        j = cp.join(c, cp.crime_id == c.crime_id)
        return j.select(
            role=j.role,
            crime_id=j.crime_id,
            person_id=j.person_id,
            recorded_date=j.recorded_date,
            linked_date=j.linked_date,
            age=j.age,
            area=j.area,
            vawg_category=j.vawg_category,
            is_vawg=j.is_vawg,
            is_da=j.is_da,
            first_outcome_date=j.first_outcome_date,
        )

    def _links(self, role: str | None, *, with_sex: bool = False) -> ir.Table:
        """Links of one role (or both), with the person's sex only when asked: the engine cannot drop
        an unused left join to persons, which costs a scan of millions of rows."""
        links = self.get("links")
        if role is not None:
            links = links.filter(links.role == role)
        if not with_sex:
            return links
        p = table("persons")
        k = links.left_join(p, links.person_id == p.person_id)
        return k.select(*links.columns, sex=k.sex.fill_null("U"))

    def _build_victims(self) -> ir.Table:
        v = self._links("victim", with_sex=True)
        return v.mutate(age_band=_age_band(v.age), age_known=v.age.notnull())

    def _build_da_links(self) -> ir.Table:
        """Victim and suspect links on DA crimes, each marked when the same person had an earlier DA
        link in the same role within 12 months (one window over both roles)."""
        links = self._links(None)
        da = links.filter(links.is_da)
        by_person = ibis.window(group_by=[da.role, da.person_id], order_by=[da.recorded_date, da.crime_id])
        previous = da.recorded_date.lag().over(by_person)
        return da.mutate(
            is_repeat=_flag(_days(da.recorded_date, previous) <= REPEAT_WINDOW_DAYS),
            is_victim=da.role == "victim",
            is_suspect=da.role == "suspect",
        )

    def _build_da_serial(self) -> ir.Table:
        """DA suspect–victim pairs; serial when the suspect's last 3 years hold 2+ crimes and 2+ victims.

        Two distinct victims (and crimes) exist in a window exactly when its min and max differ, so a
        range window of min/max replaces a distinct count (which not every engine windows).
        """
        s = self._links("suspect")
        s = s.filter(s.is_da)
        cp = table("crime_persons")
        v = cp.filter(cp.role == "victim").select(crime_id="crime_id", victim_id="person_id")
        pairs = s.join(v, s.crime_id == v.crime_id).filter(lambda t: t.person_id != t.victim_id)
        w = ibis.range_window(
            preceding=ibis.interval(days=SERIAL_WINDOW_DAYS - 1),
            following=0,
            group_by=pairs.person_id,
            order_by=pairs.recorded_date,
        )
        serial = (pairs.victim_id.min().over(w) != pairs.victim_id.max().over(w)) & (
            pairs.crime_id.min().over(w) != pairs.crime_id.max().over(w)
        )
        # Only a suspect known to be under 16 is left out: an unknown age stays on the list.
        adult = _flag(pairs.age >= SERIAL_MIN_AGE) | pairs.age.isnull()
        return pairs.mutate(is_serial=_flag(serial) & adult)

    def _outstanding_links(self) -> ir.Table:
        """Suspect links on DA crimes with when each became and stopped being outstanding."""
        s = self._links("suspect")
        s = s.filter(s.is_da)
        cu = table("custody")
        arrests = (
            cu.filter(cu.crime_id.notnull())
            .group_by(["person_id", "crime_id"])
            .aggregate(first_arrest=cu.arrest_date.min())
        )
        j = s.left_join(arrests, (s.person_id == arrests.person_id) & (s.crime_id == arrests.crime_id))
        start = ibis.greatest(j.recorded_date, j.linked_date.fill_null(j.recorded_date))
        # LEAST skips nulls on DuckDB and Spark: the end is the earlier of outcome and arrest.
        end = ibis.least(j.first_outcome_date, j.first_arrest)
        return j.select(area=j.area, start=start, end=end, is_da=j.is_da)

    def _build_da_outstanding(self) -> ir.Table:
        """Interval frame of outstanding suspect links: each link once as a whole (``is_total``) and
        once per how-long-outstanding band it passes through (``is_band``), so the total and the
        bands come from one query. A band's interval runs from start + its low bound to the earlier
        of start + its high bound and the link's end."""
        links = self._outstanding_links()
        parts = [
            links.select(
                area=links.area, outstanding_band=ibis.literal("all"), start=links.start, end=links.end,
                is_total=ibis.literal(True), is_band=ibis.literal(False),
            )
        ]  # fmt: skip
        for label, low, high in OUTSTANDING_BANDS:
            band_start = links.start + ibis.interval(days=low)
            band_end = (
                links.end if high is None else ibis.least(links.start + ibis.interval(days=high), links.end)
            )
            parts.append(
                links.select(
                    area=links.area,
                    outstanding_band=ibis.literal(label),
                    start=band_start.cast("date"),
                    end=band_end.cast("date"),
                    is_total=ibis.literal(False),
                    is_band=ibis.literal(True),
                )
            )
        return ibis.union(*parts, distinct=False)

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


# Frames built on the crime–person links (compute_all builds the links once when two need them).
LINK_FRAMES = frozenset({"victims", "da_links", "da_serial", "da_outstanding"})

# Frames built on the crime base (crimes with their current outcome).
CRIME_FRAMES = frozenset({"crimes", "open_crimes", "links", "custody"}) | LINK_FRAMES

# The dimension columns each frame offers for `by` (metric records list a subset).
FRAME_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "crimes": ("area", "vawg_category", "offence_group", "da"),
    "links": ("area", "vawg_category"),
    "open_crimes": ("area", "vawg_category"),
    "victims": ("area", "vawg_category", "sex", "age_band"),
    "da_links": ("area", "vawg_category"),
    "da_serial": ("area",),
    "da_outstanding": ("area", "outstanding_band"),
    "custody": ("area", "offence_group", "sex"),
    "incidents": ("area", "crimed"),
    "orders": ("order_type",),
    "breaches": ("order_type",),
    "interventions": ("programme",),
}

"""Event frames built on the crime–person links: victims, repeats, serial and outstanding suspects.

A mixin of ``Frames`` (``frames._base``): it relies on ``self.get`` for the crime base and the links.
"""

from __future__ import annotations

from collections.abc import Callable

import ibis
import ibis.expr.types as ir

from vawg.metrics._tables import table
from vawg.metrics.frames._rules import (
    OUTSTANDING_BANDS,
    REPEAT_WINDOW_DAYS,
    SERIAL_MIN_AGE,
    SERIAL_WINDOW_DAYS,
    YOUNG_ADULT_AGES,
    _age_band,
    _days,
    _ethnic_group,
    _flag,
    _sex_word,
)


class LinkFrames:
    """The link-based frames of ``Frames``."""

    get: Callable[[str], ir.Table]  # Frames.get: a frame by name, built once
    source: Callable[[str], ir.Table]  # Frames.source: a store table (or its stand-in)

    # --- people on crimes ----------------------------------------------------------------------
    def _build_links(self) -> ir.Table:
        """Every victim and suspect link with its crime's date, area, category and flags."""
        cp = self.source("crime_persons")
        c = self.get("crime_base")
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
        return k.select(*links.columns, sex=k.sex.fill_null("U"), ethnicity_group=k.ethnicity_group)

    def _build_victims(self) -> ir.Table:
        v = self._links("victim", with_sex=True)
        low, high = YOUNG_ADULT_AGES
        return v.mutate(
            victim_sex=_sex_word(v.sex),
            victim_ethnicity=_ethnic_group(v.ethnicity_group),
            age_band=_age_band(v.age),
            age_known=v.age.notnull(),
            is_young_adult=_flag(v.age.between(low, high)),
        )

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

"""The ``new_chance`` event frame: female detainees eligible for a New Chance referral.

A mixin of ``Frames``. Eligibility (offence groups, subgroups, codes, disposals, adult age, referral
window) is the force's TOML file read by ``vawg.operations.load_eligibility``, the same file the
``new-chance`` work list reads, so the list and the metrics agree on who was eligible.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from vawg.metrics._tables import table
from vawg.metrics.frames._rules import UNKNOWN, _flag


class NewChanceFrames:
    """The New Chance frame of ``Frames``."""

    def _build_new_chance(self) -> ir.Table:
        """One row per eligible custody record (sex F, adult, eligible offence and disposal), with
        ``is_missed`` when neither a custody referral nor a NEW_CHANCE interventions row of the person
        falls from the arrest to the window's last day."""
        from vawg.operations import load_eligibility  # imported late: operations imports the risk tools

        rules = load_eligibility()
        cu = table("custody")
        cu = cu.select("custody_id", "person_id", "crime_id", "arrest_date", "disposal", "referral")
        p = table("persons").select(p_person="person_id", sex="sex", birth_year="birth_year")
        c = table("crimes").select(
            c_crime="crime_id", area="area", code=table("crimes").offence_code.cast("string")
        )
        ro = table("ref_offence").select(
            ro_code="offence_code", group="offence_group", subgroup="offence_subgroup"
        )
        cp = table("crime_persons")
        ages = (
            cp.filter(cp.role == "suspect")
            .group_by(a_crime=cp.crime_id, a_person=cp.person_id)
            .aggregate(link_age=cp.age.max())
        )
        j = (
            cu.join(p, cu.person_id == p.p_person)
            .left_join(c, cu.crime_id == c.c_crime)
            .left_join(ro, c.code == ro.ro_code)
            .left_join(ages, (cu.crime_id == ages.a_crime) & (cu.person_id == ages.a_person))
        )
        age = j.link_age.fill_null(j.arrest_date.year() - j.birth_year)
        offence_ok = (
            _flag(j.group.isin(rules.offence_groups or ("",)))
            | _flag(j.subgroup.isin(rules.offence_subgroups or ("",)))
            | _flag(j.code.isin(rules.offence_codes or ("",)))
        )
        eligible = j.filter(
            (j.sex == "F")
            & j.disposal.cast("string").isin(rules.disposals or ("",))
            & offence_ok
            & _flag(age >= rules.min_age)
        ).select(
            custody_id=j.custody_id,
            person_id=j.person_id,
            arrest_date=j.arrest_date,
            area=j.area.fill_null(UNKNOWN),
            in_custody=_flag(j.referral.strip().lower() == "new_chance"),
        )
        iv = table("interventions")
        nc = iv.filter(iv.programme.strip().upper() == "NEW_CHANCE").select(
            nc_person=iv.person_id, referred_date=iv.referred_date
        )
        window = ibis.interval(days=rules.referral_window_days)
        matched = eligible.join(
            nc,
            (eligible.person_id == nc.nc_person)
            & (nc.referred_date >= eligible.arrest_date)
            & (nc.referred_date <= eligible.arrest_date + window),
        )
        referred = matched.select(ref_custody_id=matched.custody_id).distinct()
        k = eligible.left_join(referred, eligible.custody_id == referred.ref_custody_id)
        return k.select(
            arrest_date=k.arrest_date,
            area=k.area,
            is_eligible=ibis.literal(True),
            is_missed=~(k.in_custody | k.ref_custody_id.notnull()),
        )


__all__ = ["NewChanceFrames"]

"""The five work lists of the board paper (paras 28-41), one record each.

Definitions say exactly what puts a row on a list, in words an officer can check against a case.
"As of" a date D means: only records dated on or before D count (a crime by its recorded_date, a
link by its linked_date, an outcome by its outcome_date, an arrest by its arrest_date, an order by
its start_date, a breach by its breach_date, a referral by its referred_date, an action by its
set_date, a status by its status_date); scheduled dates (bail end, order end, action due) may lie
after D, and a done or completed date after D counts as not yet done.
"""

from __future__ import annotations

from vawg.operations._registry import ListColumn, ListRegistry, WorkListSpec

C = ListColumn

NEW_CHANCE_WINDOW_DAYS_DEFAULT = 28  # the shipped eligibility file's referral window


def _person(meaning: str = "the person (pseudonymous id)") -> ListColumn:
    return C("person_id", "text", meaning, identifier=True)


OUTSTANDING_SUSPECTS = WorkListSpec(
    id="outstanding-suspects",
    title="Outstanding DA suspects by risk",
    audience="offender management and investigation supervisors; the monthly DA performance meeting "
    "and the daily threat-and-risk meeting",
    paper_ref="para 28",
    definition="One row per person who, on the as-of date D, is an outstanding suspect on at least one "
    "domestic abuse crime: linked as a suspect to a DA-flagged crime recorded on or before D (link dated "
    "on or before D), the crime has no outcome dated on or before D, and the person has no custody "
    "record for that crime with arrest_date on or before D (the da_outstanding_suspects rule, so the "
    "outstanding_crimes column adds up to that metric at a month end). Their RFSDI score is the one the "
    "APPROVED RFSDI version gives as of D; with no approved version the risk columns are empty and the "
    "list's note says why. The status is the latest suspect_status (contract 1.1) dated on or before D "
    "on any of their outstanding crimes. The area is that of their most recently recorded outstanding "
    "crime.",
    sort="RFSDI level (high, medium, standard, not scored), then days outstanding (longest first), "
    "then person_id",
    columns=(
        _person("the outstanding suspect"),
        C("area", "text", "area of the person's most recently recorded outstanding DA crime"),
        C("rfsdi_level", "text", "RFSDI level as of D from the approved version: high, medium, standard"),
        C("rfsdi_score", "float", "RFSDI score as of D from the approved version"),
        C("rfsdi_top_components", "text", "the two RFSDI components giving most points, with the points"),
        C("days_outstanding", "int", "days from the oldest outstanding link's start to D"),
        C("outstanding_crimes", "int", "how many DA crimes the person is outstanding on"),
        C("crime_ids", "text", "those crimes' ids, oldest first", identifier=True),
        C("offence_codes", "text", "their Home Office offence codes (distinct, sorted)"),
        C("outstanding_since", "date", "start of the oldest outstanding link (later of recorded and linked)"),
        C("latest_crime_date", "date", "recorded_date of the most recent outstanding crime"),
        C("suspect_status", "text", "latest status on or before D: wanted, circulated, arrest_ready, …"),
        C("status_date", "date", "date of that status"),
        C("rfsdi_version", "text", "the approved RFSDI version that scored the person"),
    ),
)

ORDERS_BRIEFING = WorkListSpec(
    id="orders-briefing",
    title="Orders briefing: people subject to an order, and DVPNs to convert",
    audience="response and neighbourhood officers at briefing (to spot breaches); civil orders team",
    paper_ref="para 29",
    definition="Section 'expiring within 14 days' and 'current order': each granted order with "
    "start_date on or before D and no end_date or an end_date on or after D (an order ending on D is "
    "still current); it is 'expiring' when it ends within the 14 days after D. Breaches count those "
    "dated in the 90 days to D. Section 'DVPN not converted': each granted DVPN issued in the 28 days "
    "to D with no DVPO application (an order with the DVPN as its parent, any status) within the 48 "
    "hours of the Crime and Security Act 2010. When the DVPN and its applications carry a time of day "
    "(contract 1.1 orders.start_time) the 48 hours are counted exactly: an application 47 "
    "hours after is in time, one 49 hours after is not. When a time is missing the rule falls back to "
    "whole days (the application dated no more than 2 days after the DVPN) and dvpo_basis says so. A "
    "DVPN still inside its 48 hours with no application is listed too (dvpo_due_by on or after D). The area is that of the subject's most recent crime as "
    "a suspect recorded on or before D.",
    sort="section (expiring, current, DVPN), then days to expiry (soonest first), then person_id",
    columns=(
        C("section", "text", "expiring within 14 days, current order, or DVPN not converted"),
        _person("the subject of the order"),
        C("area", "text", "area of the subject's most recent crime as a suspect (on or before D)"),
        C("order_id", "text", "the order or notice", identifier=True),
        C("order_type", "text", "DVPN, DVPO, DAPO, SPO, RO, …"),
        C("start_date", "date", "date issued or granted"),
        C("end_date", "date", "date it expires (empty: no end date)"),
        C("days_to_expiry", "int", "end_date minus D (0: expires today)"),
        C("protected_person_id", "text", "the person the order protects", identifier=True),
        C("breaches_90d", "int", "breaches of this order dated in the 90 days to D"),
        C("dvpo_due_by", "date", "DVPNs: the last day a DVPO application is in time (issue + 2 days)"),
        C(
            "dvpo_applied",
            "date",
            "DVPNs: date of a late DVPO application, if one was made by D",
            label="DVPO applied on",
        ),
        C(
            "dvpo_hours",
            "float",
            "DVPNs: hours from the DVPN to that application (empty: no time of day)",
            label="Hours to DVPO",
        ),
        C(
            "dvpo_basis",
            "text",
            "DVPNs: 'hours' (both times recorded) or 'days' (a time missing: whole days)",
        ),
    ),
)

STALKING_CLINIC = WorkListSpec(
    id="stalking-clinic",
    title="Stalking triage clinic: open cases, actions, missed clinics, EASI",
    audience="the bi-weekly stalking triage clinic and the owners of its actions",
    paper_ref="paras 30-31",
    definition="Open stalking cases on D: crimes with offence code 8Q recorded on or before D with no "
    "outcome dated on or before D. Section 'action': every action set on or before D on an open case: "
    "state 'overdue' (not done by D and due before D), 'open', 'done late' (done after its due date) "
    "or 'done'. Section 'missed clinic': open cases recorded at least 14 days before D with no action "
    "set within 14 days of recording. Section 'EASI referral': suspects on open cases referred to the "
    "EASI programme on or before D, with their status on D (completed if completed_date is on or "
    "before D, else referred). The summary gives per owner the open and overdue actions on open "
    "cases.",
    sort="section (action, missed clinic, EASI referral); actions most overdue first, then by due "
    "date; missed clinics oldest first",
    columns=(
        C("section", "text", "action, missed clinic, or EASI referral"),
        C("crime_id", "text", "the open stalking case", identifier=True),
        C("area", "text", "the case's area"),
        C("recorded_date", "date", "date the case was recorded"),
        C("action_id", "text", "the action", identifier=True),
        C("description", "text", "what is to be done"),
        C("owner", "text", "role or team that owns the action"),
        C("set_date", "date", "date set"),
        C("due_date", "date", "date due"),
        C("done_date", "date", "date done (empty: not done by D)"),
        C("action_state", "text", "overdue, open, done late or done"),
        C("days_overdue", "int", "not done: days past due on D; done late: days late; else 0"),
        C("first_action_date", "date", "missed clinic: the first action's set date, if any by D"),
        C("person_id", "text", "EASI referral: the suspect referred", identifier=True),
        C("easi_referred", "date", "EASI referral: date referred"),
        C("easi_status", "text", "EASI referral: completed or referred, as of D"),
    ),
    summary_columns=(
        C("owner", "text", "role or team"),
        C("open_actions", "int", "actions not done by D on open stalking cases"),
        C("overdue_actions", "int", "of those, past their due date on D"),
    ),
)

BAIL = WorkListSpec(
    id="bail",
    title="Bail and release under investigation: DA suspects to review",
    audience="investigation supervisors and custody review (bail versus RUI)",
    paper_ref="paras 33-34",
    definition="Custody records for DA-flagged crimes with arrest_date on or before D. Section 'on "
    "bail': disposal bail, bail_end_date on or after D (or none recorded), and the bail not resolved "
    "by D - no later custody record of the same person for the same crime and no outcome on the crime "
    "dated on or before D; ends_within bands the days left (7, 14, 28 days, over 28). Section 'bail "
    "ended, no further record': bail that ended before D and is not resolved by D. Section 'released "
    "under investigation': disposal rui with arrest_date in the 28 days to D (for review of bail with "
    "conditions).",
    sort="section (on bail, bail ended, RUI), then days to bail end ascending (bail ending soonest; ended "
    "bail: the longest ended first), then custody_id",
    columns=(
        C("section", "text", "on bail, bail ended - no further record, or released under investigation"),
        _person("the suspect"),
        C("crime_id", "text", "the crime of the arrest", identifier=True),
        C("custody_id", "text", "the custody record", identifier=True),
        C("area", "text", "the crime's area"),
        C("arrest_date", "date", "date of arrest"),
        C("bail_end_date", "date", "date bail ends (empty: none recorded, or RUI)"),
        C("days_to_bail_end", "int", "bail_end_date minus D (negative: ended that many days ago)"),
        C("ends_within", "text", "on bail: 7 days, 14 days, 28 days, over 28 days or no end date"),
        C("bail_conditions", "bool", "bail: conditions attached"),
    ),
)

NEW_CHANCE = WorkListSpec(
    id="new-chance",
    title="New Chance: female detainees eligible and not referred",
    audience="custody and the New Chance provider; the female offender lead",
    paper_ref="para 41",
    definition="Custody records with arrest_date on or before D of persons with sex F, adult at the "
    "arrest (age on the crime link, else arrest year minus birth year; unknown age is not eligible), "
    "whose arrest offence and disposal meet the New Chance eligibility file (offence groups or "
    "subgroups or codes, and disposals; the force edits it), and who were not referred to New Chance - "
    "neither a custody referral 'new_chance' nor an interventions row for NEW_CHANCE referred from "
    "the arrest to 28 days after (the file's window) and on or before D. State 'missed': the window "
    "closed before D; 'open': it is still open on D (refer by refer_by). Arrests in the 90 days to D "
    "(the file's list_lookback_days).",
    sort="state (missed, then open), then arrest_date, then custody_id",
    columns=(
        C("state", "text", "missed (window closed, no referral) or open (refer by refer_by)"),
        _person("the detainee"),
        C("custody_id", "text", "the custody record", identifier=True),
        C("crime_id", "text", "the crime of the arrest", identifier=True),
        C("area", "text", "the crime's area"),
        C("arrest_date", "date", "date of arrest"),
        C("age", "int", "age at the arrest"),
        C("offence_code", "text", "the arrest offence"),
        C("offence_subgroup", "text", "its Home Office offence subgroup"),
        C("disposal", "text", "what happened on release"),
        C("refer_by", "date", "last day of the referral window (arrest + 28 days)"),
        C("late_referral", "date", "a New Chance referral after the window, if any by D"),
    ),
)

LISTS = ListRegistry((OUTSTANDING_SUSPECTS, ORDERS_BRIEFING, STALKING_CLINIC, BAIL, NEW_CHANCE))

__all__ = ["BAIL", "LISTS", "NEW_CHANCE", "ORDERS_BRIEFING", "OUTSTANDING_SUSPECTS", "STALKING_CLINIC"]

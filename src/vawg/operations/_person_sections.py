"""The sections of a person summary, as records (like the work lists): the CLI, web and docs read them.

Each section is a :class:`WorkListSpec` in its own registry (not a work list: it holds one person's
rows), so every column shown has a documented meaning and type (``typed_frame`` refuses any other).
As of a date D, only records dated on or before D count, exactly as in the work lists.
"""

from __future__ import annotations

from vawg.operations._registry import ListColumn, ListRegistry, WorkListSpec

C = ListColumn
AUDIENCE = "the officer or supervisor who opens the person from a work list"
RECENT_DAYS = 365  # orders ended and custody records older than this are history, not shown

CRIMES = WorkListSpec(
    id="crimes",
    title="Outstanding DA and VAWG crimes",
    audience=AUDIENCE,
    paper_ref="para 28",
    definition="Crimes on which the person is, on D, an outstanding suspect (the outstanding-suspects "
    "rule: linked as a suspect on or before D, no outcome and no arrest of the person for the crime on "
    "or before D) that are DA-flagged or in a VAWG category of the offence reference. The DA ones are "
    "exactly the crimes the outstanding-suspects list counts for the person.",
    sort="oldest outstanding first, then crime_id",
    columns=(
        C("crime_id", "text", "the crime", identifier=True),
        C("days_outstanding", "int", "days from outstanding_since to D"),
        C("offence_code", "text", "Home Office offence code"),
        C("suspect_status", "text", "latest suspect_status on the crime dated on or before D"),
        C("status_date", "date", "date of that status"),
        C("area", "text", "area the crime was recorded in"),
        C("recorded_date", "date", "date the crime was recorded"),
        C("outstanding_since", "date", "later of the recorded date and the date the person was linked"),
        C("vawg_category", "text", "VAWG category of the offence (empty: DA-flagged only)"),
        C("da", "bool", "domestic abuse flag", label="Domestic abuse"),
    ),
)

ORDERS = WorkListSpec(
    id="orders",
    title="Current and recent orders",
    audience=AUDIENCE,
    paper_ref="para 29",
    definition=f"Orders and notices of which the person is the subject, started on or before D, that are "
    f"current on D (granted, not yet ended) or ended, refused or withdrawn within {RECENT_DAYS} days "
    "before D; breaches counted to D. For a DVPN, when the DVPO application followed and whether it was "
    "within the 48 hours (the orders-briefing rule).",
    sort="current first, then latest start",
    columns=(
        C("order_id", "text", "the order", identifier=True),
        C("order_type", "text", "DVPN, DVPO, RO, NMO, SPO, …"),
        C("state", "text", "current, ended, or the status when not granted"),
        C("days_to_expiry", "int", "for a current order: days from D to its end"),
        C("breaches_90d", "int", "breaches in the 90 days to D"),
        C("protected_person_id", "text", "the person protected", identifier=True),
        C("start_date", "date", "date issued or applied for"),
        C("end_date", "date", "expiry"),
        C("status", "text", "granted, refused, withdrawn, pending"),
        C("breaches", "int", "breaches dated on or before D"),
        C("last_breach_date", "date", "latest breach on or before D"),
        C(
            "dvpo_applied",
            "date",
            "for a DVPN: date of the first DVPO application on or before D",
            label="DVPO applied on",
        ),
        C(
            "dvpo_hours",
            "float",
            "for a DVPN: hours from it to that application (empty: a time missing)",
            label="Hours to DVPO",
        ),
        C("dvpo_within_48h", "bool", "for a DVPN: that application came within 48 hours (empty: none yet)"),
        C(
            "dvpo_basis",
            "text",
            "for a DVPN: 'hours' (times recorded) or 'days' (a time missing: whole days)",
        ),
    ),
)

CUSTODY = WorkListSpec(
    id="custody",
    title="Custody, bail and release under investigation",
    audience=AUDIENCE,
    paper_ref="paras 33-34",
    definition=f"The person's custody records with arrest on or before D: those within {RECENT_DAYS} days "
    "before D, and any earlier bail not yet resolved. The state follows the bail list: a bail or RUI is "
    "resolved by a later custody record for the same crime or an outcome on the crime, on or before D.",
    sort="latest arrest first, then custody_id",
    columns=(
        C("custody_id", "text", "the custody record", identifier=True),
        C("crime_id", "text", "the crime the arrest was for", identifier=True),
        C("state", "text", "on bail, bail ended - no further record, released under investigation, resolved"),
        C("arrest_date", "date", "date of arrest"),
        C("disposal", "text", "charged, bail, rui, nfa, caution, community_resolution, other"),
        C("days_to_bail_end", "int", "for bail: days from D to its end (negative: ended)"),
        C("bail_end_date", "date", "for bail: when bail ends"),
        C("bail_conditions", "bool", "for bail: conditions attached"),
        C("referral", "text", "programme referred to from custody, e.g. new_chance"),
    ),
)

STATUS = WorkListSpec(
    id="status",
    title="Suspect status history",
    audience=AUDIENCE,
    paper_ref="para 28",
    definition="Every suspect_status (contract 1.1) of the person dated on or before D, on any crime.",
    sort="latest first, then crime_id",
    columns=(
        C("crime_id", "text", "the crime", identifier=True),
        C("status", "text", "wanted, circulated, arrest_ready, interviewed_voluntarily, other"),
        C("status_date", "date", "date the status was set"),
    ),
)

CLINIC = WorkListSpec(
    id="clinic",
    title="Clinic actions",
    audience=AUDIENCE,
    paper_ref="paras 30-31",
    definition="Actions set on or before D (e.g. by the stalking triage clinic) on crimes the person is a "
    "suspect on; a done date after D counts as not yet done (the stalking-clinic rule).",
    sort="overdue first (most days), then due date",
    columns=(
        C("action_id", "text", "the action", identifier=True),
        C("crime_id", "text", "the case", identifier=True),
        C("action_state", "text", "open, overdue, done, done late"),
        C("days_overdue", "int", "days past due (to D if open, to the done date if done)"),
        C("due_date", "date", "date due"),
        C("description", "text", "what is to be done"),
        C("owner", "text", "role or team"),
        C("set_date", "date", "date set"),
        C("done_date", "date", "date done, if on or before D"),
        C("forum", "text", "e.g. stalking_clinic"),
    ),
)

INTERVENTIONS = WorkListSpec(
    id="interventions",
    title="Programme referrals",
    audience=AUDIENCE,
    paper_ref="paras 30, 41",
    definition="Referrals of the person to a programme (EASI, New Chance, DAOM, …) dated on or before D; "
    "completed only if completed on or before D.",
    sort="latest referral first",
    columns=(
        C("programme", "text", "the programme"),
        C("referred_date", "date", "date referred"),
        C("completed_date", "date", "date completed, if on or before D"),
        C("state", "text", "referred or completed, as of D"),
    ),
)

NEW_CHANCE = WorkListSpec(
    id="new-chance",
    title="New Chance referral not made",
    audience=AUDIENCE,
    paper_ref="para 41",
    definition="The person's rows on the new-chance work list as of D (female detainees eligible for a "
    "New Chance referral and not referred within the window), by the same rule and eligibility file.",
    sort="as the new-chance list",
    columns=(
        C("state", "text", "missed (window passed) or open (still in time)"),
        C("custody_id", "text", "the custody record", identifier=True),
        C("crime_id", "text", "the crime", identifier=True),
        C("arrest_date", "date", "date of arrest"),
        C("offence_code", "text", "offence of the arrest"),
        C("disposal", "text", "the disposal that makes it eligible"),
        C("refer_by", "date", "last day of the referral window"),
    ),
)

RFSDI = WorkListSpec(
    id="rfsdi",
    title="RFSDI explanation by component",
    audience=AUDIENCE,
    paper_ref="para 28",
    definition="The person's RFSDI score as of D from the APPROVED version only, one row per component: "
    "its raw value, level and points (the points add up to the score). Empty, with a note saying why, "
    "when there is no approved version, the person is outside RFSDI's population, or the user's role "
    "does not act on scores. Every score shown is written to the score log under the user.",
    sort="as the RFSDI configuration lists the components",
    columns=(
        C("component", "text", "recency, frequency, severity, drugs, intelligence"),
        C("points", "float", "level × weight: what the component adds to the score"),
        C("weight", "float", "the most points the component can give"),
        C("value", "float", "the raw value as of D (empty: none)"),
        C("unit", "text", "its unit"),
        C("level", "float", "the value's level from 0 to 1 by the component's transform"),
        C("measures", "text", "what the raw value is, in words"),
    ),
)

PERSON_SECTIONS = ListRegistry((CRIMES, ORDERS, CUSTODY, STATUS, CLINIC, INTERVENTIONS, NEW_CHANCE, RFSDI))

__all__ = ["PERSON_SECTIONS", "RECENT_DAYS"]

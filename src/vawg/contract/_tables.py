"""The tables of input contract version 1 (``docs/data-contract.md``), as data.

Ingest, the synthetic force, the store's schema and the docs all read these records: change the
contract here and nowhere else.
"""

from __future__ import annotations

from vawg.contract._spec import Column, DateOrder, Reference, Table
from vawg.contract._tables_behaviours import BEHAVIOUR_TABLES

C = Column

# Contract 1.1, Safety in Public (vawg.places): where and when a crime happened. Optional, so a 1.0
# bundle loads unchanged. The point is snapped to a street-level map point as police.uk does, never
# the exact address; domestic abuse locations (homes) are never mapped (docs/places.md).
CRIME_LOCATION_COLUMNS: tuple[Column, ...] = (
    C("lsoa_code", "text", False, "Lower layer Super Output Area of the place of the offence", "E01009325"),
    C(
        "latitude",
        "number",
        False,
        "WGS84 latitude of the street-level point (snapped, not the address)",
        "52.477631",
    ),
    C(
        "longitude",
        "number",
        False,
        "WGS84 longitude of the street-level point (snapped, not the address)",
        "-1.910557",
    ),
    C(
        "public_place",
        "bool",
        False,
        "committed in a public place (street, transport, venue), not a home",
        "true",
    ),
    C("committed_hour", "int", False, "hour of the day (0-23) the offence was committed (started)", "23"),
)

CRIMES = Table(
    name="crimes",
    required=True,
    description="One row per recorded crime.",
    key=("crime_id",),
    load_order=2,
    columns=(
        C("crime_id", "text", True, "unique crime reference", "CR-0000001"),
        C("recorded_date", "date", True, "date the crime was recorded", "2022-07-14"),
        C("offence_code", "code", True, "Home Office offence classification", "8Q", codes="offence_code"),
        C("area", "text", True, "local policing area (NPU/LPA)", "Birmingham East"),
        C("da_flag", "bool", True, "domestic abuse flag", "true"),
        C("hba_flag", "bool", False, "so-called honour-based abuse flag", "false"),
        C("online_flag", "bool", False, "committed wholly or partly online", "false"),
        C("committed_date", "date", False, "date (start) of the offence", "2022-07-12"),
        *CRIME_LOCATION_COLUMNS,
    ),
)

PERSONS = Table(
    name="persons",
    required=True,
    description="One row per person (victim or suspect), pseudonymised.",
    key=("person_id",),
    load_order=1,
    columns=(
        C("person_id", "text", True, "unique pseudonymous person id", "P-0000001"),
        C("sex", "code", True, "F, M, X or U (not recorded)", "F", codes="sex"),
        C("birth_year", "int", False, "year of birth", "1994"),
        C(
            "ethnicity",
            "code",
            False,
            "2021 Census 18+1 code or 5+1 group; blank or NS = not stated",
            "W1",
            codes="ethnicity",
        ),
    ),
)

CRIME_PERSONS = Table(
    name="crime_persons",
    required=True,
    description="Links people to crimes as victim or suspect.",
    key=("crime_id", "person_id", "role"),
    load_order=3,
    references=(Reference("crime_id", "crimes", "crime_id"), Reference("person_id", "persons", "person_id")),
    columns=(
        C("crime_id", "text", True, "references crimes", "CR-0000001"),
        C("person_id", "text", True, "references persons", "P-0000001"),
        C(
            "role",
            "code",
            True,
            "victim or suspect (a charged person is still a suspect)",
            "victim",
            codes="role",
        ),
        C("linked_date", "date", False, "date linked in that role (default: recorded_date)", "2022-07-14"),
        C("age", "int", False, "age at the time of the crime", "28"),
    ),
)

OUTCOMES = Table(
    name="outcomes",
    required=True,
    description="Home Office outcomes assigned to crimes. No row: the crime is open. Several: the "
    "latest outcome_date is the outcome, earlier rows are its history.",
    key=("crime_id", "outcome_code", "outcome_date"),
    load_order=3,
    references=(Reference("crime_id", "crimes", "crime_id"),),
    date_orders=(
        DateOrder(
            "recorded_date",
            "outcome_date",
            earlier_table="crimes",
            via="crime_id",
            rule="outcome_before_recorded",
        ),
    ),
    columns=(
        C("crime_id", "text", True, "references crimes", "CR-0000001"),
        C("outcome_code", "code", True, "Home Office outcome type", "1", codes="outcome_code"),
        C("outcome_date", "date", True, "date the outcome was assigned", "2022-09-30"),
    ),
)

INCIDENTS = Table(
    name="incidents",
    required=False,
    description="Domestic abuse incidents, crimed or not.",
    key=("incident_id",),
    load_order=3,
    references=(Reference("crime_id", "crimes", "crime_id"),),
    columns=(
        C("incident_id", "text", True, "unique", "IN-0000001"),
        C("reported_date", "date", True, "date reported", "2022-07-14"),
        C("area", "text", True, "local policing area", "Birmingham East"),
        C("da_flag", "bool", True, "domestic abuse flag", "true"),
        C("crime_id", "text", False, "the crime it was recorded as, if any", "CR-0000001"),
    ),
)

CUSTODY = Table(
    name="custody",
    required=False,
    description="Arrests and what happened on release.",
    key=("custody_id",),
    load_order=3,
    references=(Reference("person_id", "persons", "person_id"), Reference("crime_id", "crimes", "crime_id")),
    date_orders=(DateOrder("arrest_date", "bail_end_date"),),
    columns=(
        C("custody_id", "text", True, "unique", "CU-0000001"),
        C("person_id", "text", True, "the person arrested", "P-0000002"),
        C("crime_id", "text", False, "the crime the arrest was for", "CR-0000001"),
        C("arrest_date", "date", True, "date of arrest", "2022-07-15"),
        C(
            "disposal",
            "code",
            True,
            "charged, bail, rui, nfa, caution, community_resolution, other",
            "bail",
            codes="disposal",
        ),
        C("bail_end_date", "date", False, "for bail: when bail ends", "2022-10-15", may_be_future=True),
        C("bail_conditions", "bool", False, "for bail: conditions attached", "true"),
        C("referral", "text", False, "programme referred to from custody, e.g. new_chance", ""),
    ),
)

# Contract 1.1, optional (orders-briefing, issue 9): the time of day an order was issued or applied
# for, so the 48 hours from a DVPN to its DVPO application are counted in hours, not whole days.
ORDER_TIME_COLUMNS: tuple[Column, ...] = (
    C(
        "start_time",
        "time",
        False,
        "time of day (UK local, 24-hour) of start_date: when a DVPN was served or a DVPO applied for",
        "21:40",
    ),
)

ORDERS = Table(
    name="orders",
    required=False,
    description="Protective orders and notices.",
    key=("order_id",),
    load_order=4,
    references=(
        Reference("person_id", "persons", "person_id"),
        Reference("parent_order_id", "orders", "order_id"),
        Reference("victim_person_id", "persons", "person_id"),
    ),
    date_orders=(DateOrder("start_date", "end_date"),),
    columns=(
        C("order_id", "text", True, "unique", "OR-0000001"),
        C("person_id", "text", True, "the subject", "P-0000002"),
        C(
            "order_type",
            "code",
            True,
            "DVPN, DVPO, DAPN, DAPO, SPO, ISPO, SRO, SHPO, RO, NMO",
            "DVPO",
            codes="order_type",
        ),
        C("status", "code", True, "granted, refused, withdrawn, pending", "granted", codes="order_status"),
        C("start_date", "date", True, "date issued or applied for", "2022-07-16"),
        C("end_date", "date", False, "expiry", "2022-08-13", may_be_future=True),
        C("parent_order_id", "text", False, "e.g. the DVPN a DVPO application follows", "OR-0000000"),
        C("victim_person_id", "text", False, "the person protected", "P-0000001"),
        *ORDER_TIME_COLUMNS,
    ),
)

ORDER_BREACHES = Table(
    name="order_breaches",
    required=False,
    description="Breaches of orders.",
    key=("order_id", "breach_date"),
    load_order=5,
    references=(Reference("order_id", "orders", "order_id"),),
    date_orders=(DateOrder("start_date", "breach_date", earlier_table="orders", via="order_id"),),
    columns=(
        C("order_id", "text", True, "references orders", "OR-0000001"),
        C("breach_date", "date", True, "date of the breach", "2022-08-01"),
        C("action", "text", False, "e.g. arrest, charged, nfa", "arrest"),
    ),
)

INTERVENTIONS = Table(
    name="interventions",
    required=False,
    description="Referrals to perpetrator and diversion programmes.",
    key=("person_id", "programme", "referred_date"),
    load_order=3,
    references=(Reference("person_id", "persons", "person_id"),),
    date_orders=(DateOrder("referred_date", "completed_date"),),
    columns=(
        C("person_id", "text", True, "the person referred", "P-0000002"),
        C("programme", "text", True, "e.g. EASI, NEW_CHANCE, DAOM, MATAC", "EASI"),
        C("referred_date", "date", True, "date referred", "2022-08-01"),
        C("completed_date", "date", False, "date completed", "2022-11-01"),
        C(
            "status",
            "code",
            False,
            "referred, started, completed, withdrawn",
            "completed",
            codes="intervention_status",
        ),
    ),
)

INTELLIGENCE = Table(
    name="intelligence",
    required=False,
    description="Intelligence submissions about a person.",
    key=("intel_id",),
    load_order=3,
    references=(Reference("person_id", "persons", "person_id"),),
    columns=(
        C("intel_id", "text", True, "unique", "IL-0000001"),
        C("person_id", "text", True, "the subject", "P-0000002"),
        C("submitted_date", "date", True, "date submitted", "2022-06-01"),
        C("topic", "code", True, "drugs, vawg, weapons, violence, other", "drugs", codes="intel_topic"),
    ),
)

ACTIONS = Table(
    name="actions",
    required=False,
    description="Actions set on a case by a forum such as the stalking triage clinic.",
    key=("action_id",),
    load_order=3,
    references=(Reference("crime_id", "crimes", "crime_id"),),
    date_orders=(DateOrder("set_date", "due_date"), DateOrder("set_date", "done_date")),
    columns=(
        C("action_id", "text", True, "unique", "AC-0000001"),
        C("crime_id", "text", True, "the case", "CR-0000001"),
        C("forum", "text", False, "e.g. stalking_clinic", "stalking_clinic"),
        C("description", "text", True, "what is to be done", "Apply for an SPO"),
        C("owner", "text", True, "role or team, not a person's name", "PPU Stalking Team"),
        C("set_date", "date", True, "date set", "2022-08-03"),
        C("due_date", "date", True, "date due", "2022-08-17", may_be_future=True),
        C("done_date", "date", False, "date done", "2022-08-15"),
    ),
)

# Contract 1.1, optional: a suspect's status on a crime, dated, so the status on any date is known.
SUSPECT_STATUS = Table(
    name="suspect_status",
    required=False,
    description="Contract 1.1. Where the search for a suspect on a crime stands (wanted, circulated, "
    "arrest-ready, interviewed voluntarily), dated: the latest status_date on or before a date is the "
    "status on that date.",
    key=("crime_id", "person_id", "status_date"),
    load_order=4,
    references=(Reference("crime_id", "crimes", "crime_id"), Reference("person_id", "persons", "person_id")),
    columns=(
        C("crime_id", "text", True, "references crimes", "CR-0000001"),
        C("person_id", "text", True, "the suspect; references persons", "P-0000002"),
        C(
            "status",
            "code",
            True,
            "wanted, circulated, arrest_ready, interviewed_voluntarily, other",
            "circulated",
            codes="suspect_status",
        ),
        C("status_date", "date", True, "date the status was set", "2022-07-20"),
    ),
)

TABLES: tuple[Table, ...] = (
    CRIMES, PERSONS, CRIME_PERSONS, OUTCOMES, INCIDENTS, CUSTODY, ORDERS, ORDER_BREACHES,
    INTERVENTIONS, INTELLIGENCE, ACTIONS, SUSPECT_STATUS, *BEHAVIOUR_TABLES,
)  # fmt: skip

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    """The contract table called ``name``."""
    try:
        return TABLES_BY_NAME[name]
    except KeyError:
        raise KeyError(f"no contract table {name!r}; tables: {', '.join(TABLES_BY_NAME)}") from None


def load_sequence() -> tuple[Table, ...]:
    """Tables in the order ingest loads them, so references resolve (persons and crimes first)."""
    return tuple(sorted(TABLES, key=lambda t: t.load_order))

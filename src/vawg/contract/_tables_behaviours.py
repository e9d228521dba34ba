"""Contract 1.1, the Our Behaviours strand (paras 43–48): police-perpetrated VAWG cases handled by
Professional Standards, and the tiered sexual harassment training. Both tables are optional: a 1.0
bundle without them loads unchanged."""

from __future__ import annotations

from vawg.contract._spec import Column, DateOrder, Table

C = Column

CASE_TYPE = ("complaint", "conduct_matter", "recordable")
ALLEGATION = ("apsp", "sexual_misconduct", "sexual_harassment", "domestic_abuse", "misogyny")
SUBJECT_ROLE = ("officer", "staff", "special")
# "upheld": a complaint upheld or misconduct / gross misconduct proven. The others close a case without.
CONDUCT_OUTCOME = ("upheld", "not_upheld", "no_case_to_answer", "reflective_practice", "withdrawn")
VETTING = ("none", "review", "withdrawn", "barred")
TRAINING_TIER = ("1", "2", "3", "4")

CONDUCT_CASES = Table(
    name="conduct_cases",
    required=False,
    description="Complaints and conduct matters about police-perpetrated VAWG (Professional Standards). "
    "Person-level: only the professional_standards role sees rows; the board sees aggregates.",
    key=("case_id",),
    load_order=1,
    date_orders=(DateOrder("received_date", "outcome_date"),),
    columns=(
        C("case_id", "text", True, "unique case reference (a pseudonym)", "PS-0000001"),
        C("received_date", "date", True, "date the complaint or matter was received", "2022-05-04"),
        C(
            "case_type",
            "code",
            True,
            "complaint, conduct_matter or recordable",
            "conduct_matter",
            "case_type",
        ),
        C(
            "allegation",
            "code",
            True,
            "apsp, sexual_misconduct, sexual_harassment, domestic_abuse (by an officer "
            "or staff member) or misogyny",
            "apsp",
            "allegation",
        ),
        C("subject_role", "code", True, "officer, staff or special", "officer", "subject_role"),
        C(
            "subject_id",
            "text",
            False,
            "the subject's pseudonym (never a name or collar number)",
            "SU-0000001",
        ),
        C("area", "text", False, "area or department of the subject", "Birmingham East"),
        C(
            "outcome",
            "code",
            False,
            "upheld, not_upheld, no_case_to_answer, reflective_practice or withdrawn; empty while open",
            "upheld",
            "conduct_outcome",
        ),
        C("outcome_date", "date", False, "date of the outcome", "2022-11-30"),
        C("referred_iopc", "bool", False, "referred to the IOPC", "true"),
        C(
            "vetting",
            "code",
            False,
            "vetting consequence: none, review, withdrawn or barred",
            "withdrawn",
            "vetting",
        ),
    ),
)

TRAINING_COMPLETIONS = Table(
    name="training_completions",
    required=False,
    description="Completions of VAWG training (e.g. the tiered sexual harassment course), one row per "
    "member of staff and course.",
    key=("completion_id",),
    load_order=1,
    columns=(
        C("completion_id", "text", True, "unique", "TC-0000001"),
        C("staff_id", "text", True, "the member of staff's pseudonym", "ST-0000001"),
        C("course", "text", True, "the course", "sexual_harassment"),
        C(
            "tier",
            "code",
            True,
            "tier 1 (all staff), 2 (sergeants, inspectors, equivalents), 3 (senior "
            "leaders) or 4 (PSD and HR professionals)",
            "2",
            "training_tier",
        ),
        C("completed_date", "date", True, "date completed", "2022-12-01"),
    ),
)

TRAINING_ELIGIBLE = Table(
    name="training_eligible",
    required=False,
    description="How many staff a course's tier is for, as counted on a date (the coverage denominator).",
    key=("course", "tier", "as_of_date"),
    load_order=1,
    columns=(
        C("course", "text", True, "the course", "sexual_harassment"),
        C("tier", "code", True, "the tier", "1", "training_tier"),
        C("as_of_date", "date", True, "the date the headcount was taken", "2022-04-01"),
        C("headcount", "int", True, "staff eligible for this tier on that date", "7200"),
    ),
)

BEHAVIOUR_TABLES = (CONDUCT_CASES, TRAINING_COMPLETIONS, TRAINING_ELIGIBLE)
BEHAVIOUR_CODE_SETS: dict[str, tuple[str, ...]] = {
    "case_type": CASE_TYPE,
    "allegation": ALLEGATION,
    "subject_role": SUBJECT_ROLE,
    "conduct_outcome": CONDUCT_OUTCOME,
    "vetting": VETTING,
    "training_tier": TRAINING_TIER,
}

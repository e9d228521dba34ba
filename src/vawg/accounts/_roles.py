"""Roles and what they permit: deny by default, so a permission not listed here is refused."""

from __future__ import annotations

from enum import StrEnum


class Permission(StrEnum):
    """What a route or command needs. A user has the union of their roles' permissions."""

    AGGREGATES = "aggregates"  # indicators, dashboards, published tables
    QUALITY = "quality"  # data quality, quarantine, ingest history
    REPORTS = "reports"  # generate and download the board report and national return
    PERSON_LEVEL_OWN_AREAS = "person_level_own_areas"  # work lists and person summaries, own areas
    PERSON_LEVEL_ALL = "person_level_all"  # the same, every area
    MODELS_REVIEW = "models_review"  # model registry, evaluations, ethics packs
    MODELS_APPROVE = "models_approve"  # approve, retire, score operationally
    USERS_ADMIN = "users_admin"  # add, disable, change roles, reset passwords
    AUDIT_READ = "audit_read"  # read and verify the audit log
    PLAN_EDIT = "plan_edit"  # change any strand's action plan
    PLAN_EDIT_OWN_STRAND = "plan_edit_own_strand"  # change the action plan of the strands one leads
    PROFESSIONAL_STANDARDS = "professional_standards"  # person-level misconduct and complaint cases


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "board": frozenset({Permission.AGGREGATES}),
    "analyst": frozenset(
        {Permission.AGGREGATES, Permission.QUALITY, Permission.REPORTS, Permission.PLAN_EDIT}
    ),
    "officer": frozenset({Permission.AGGREGATES, Permission.PERSON_LEVEL_OWN_AREAS}),
    "supervisor": frozenset(
        {Permission.AGGREGATES, Permission.PERSON_LEVEL_OWN_AREAS, Permission.PERSON_LEVEL_ALL}
    ),
    "governance": frozenset({Permission.AGGREGATES, Permission.MODELS_REVIEW, Permission.MODELS_APPROVE}),
    # Admin manages users and reads the audit log; no person-level data unless also given a role that has it.
    "admin": frozenset({Permission.USERS_ADMIN, Permission.AUDIT_READ}),
    # A strand lead's strands are held as their areas (strand ids, e.g. "our-behaviours").
    "strand_lead": frozenset({Permission.AGGREGATES, Permission.PLAN_EDIT_OWN_STRAND}),
    # Professional Standards: police-perpetrated VAWG cases at person level (the board sees aggregates).
    "professional_standards": frozenset({Permission.AGGREGATES, Permission.PROFESSIONAL_STANDARDS}),
}

ROLES: tuple[str, ...] = tuple(ROLE_PERMISSIONS)

ROLE_DESCRIPTIONS: dict[str, str] = {
    "board": "board members: aggregates only",
    "analyst": "analysts: aggregates, data quality, quarantine, reports and returns",
    "officer": "officers: work lists and person summaries for their own areas",
    "supervisor": "supervisors: work lists and person summaries for every area",
    "governance": "governance / ethics: model registry review, approval and retirement",
    "admin": "administrators: users, roles and the audit log (no person-level data by this role)",
    "strand_lead": "strand leads: aggregates; the action plan of their own strands (given as their areas)",
    "professional_standards": "Professional Standards: misconduct and complaint cases at case level",
}


def permissions_of(roles: frozenset[str] | set[str]) -> frozenset[Permission]:
    """The union of the permissions of ``roles`` (unknown roles grant nothing)."""
    granted: set[Permission] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(granted)

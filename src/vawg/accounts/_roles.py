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


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "board": frozenset({Permission.AGGREGATES}),
    "analyst": frozenset({Permission.AGGREGATES, Permission.QUALITY, Permission.REPORTS}),
    "officer": frozenset({Permission.AGGREGATES, Permission.PERSON_LEVEL_OWN_AREAS}),
    "supervisor": frozenset(
        {Permission.AGGREGATES, Permission.PERSON_LEVEL_OWN_AREAS, Permission.PERSON_LEVEL_ALL}
    ),
    "governance": frozenset({Permission.AGGREGATES, Permission.MODELS_REVIEW, Permission.MODELS_APPROVE}),
    # Admin manages users and reads the audit log; no person-level data unless also given a role that has it.
    "admin": frozenset({Permission.USERS_ADMIN, Permission.AUDIT_READ}),
}

ROLES: tuple[str, ...] = tuple(ROLE_PERMISSIONS)

ROLE_DESCRIPTIONS: dict[str, str] = {
    "board": "board members: aggregates only",
    "analyst": "analysts: aggregates, data quality, quarantine, reports and returns",
    "officer": "officers: work lists and person summaries for their own areas",
    "supervisor": "supervisors: work lists and person summaries for every area",
    "governance": "governance / ethics: model registry review, approval and retirement",
    "admin": "administrators: users, roles and the audit log (no person-level data by this role)",
}


def permissions_of(roles: frozenset[str] | set[str]) -> frozenset[Permission]:
    """The union of the permissions of ``roles`` (unknown roles grant nothing)."""
    granted: set[Permission] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(granted)

"""Operations: the work lists officers and supervisors act on (board paper paras 28-41).

* :data:`LISTS` - the registry: one :class:`WorkListSpec` per list (id, title, audience, definition,
  columns with meanings); the CLI, the web app and docs/operations.md read it;
* :func:`compute_list` - a list as of a date, optionally for one area, as a :class:`WorkList` (an
  Arrow-typed frame plus its metadata and the marking OFFICIAL-SENSITIVE);
* :func:`load_eligibility` - the force-editable New Chance eligibility (TOML);
* :func:`check_list_access` / :func:`record_list_access` - deny by default, and the audit entry
  every produced list leaves (who, when, which list, filters, row count);
* :func:`scoring_version` / :func:`log_shown_scores` - which approved RFSDI version a user's scored
  list comes from (a key for keeping it), and the score-log entries for the rows shown;
* :func:`person_summary` - one person as of a date (:class:`PersonSummary`: outstanding crimes,
  orders, custody/bail/RUI, status, clinic actions, referrals, New Chance, RFSDI per component from
  the approved version), sections documented in :data:`PERSON_SECTIONS`; own areas only for officers
  (:func:`check_person_access`), every view audited (:func:`record_person_access`).

Lists: outstanding-suspects, orders-briefing, stalking-clinic, bail, new-chance (docs/operations.md).
"""

from vawg.operations._access import check_list_access, record_list_access
from vawg.operations._catalogue import LISTS
from vawg.operations._compute import compute_list
from vawg.operations._context import areas, data_window
from vawg.operations._eligibility import NewChanceEligibility, load_eligibility
from vawg.operations._outstanding import log_shown_scores, scoring_version
from vawg.operations._person import (
    PersonSummary,
    check_person_access,
    person_summary,
    record_person_access,
)
from vawg.operations._person_sections import PERSON_SECTIONS
from vawg.operations._registry import ListColumn, ListRegistry, WorkListSpec, heading_of
from vawg.operations._result import OUT_SUFFIXES, WorkList

__all__ = [
    "LISTS",
    "OUT_SUFFIXES",
    "PERSON_SECTIONS",
    "ListColumn",
    "ListRegistry",
    "NewChanceEligibility",
    "PersonSummary",
    "WorkList",
    "WorkListSpec",
    "areas",
    "check_list_access",
    "check_person_access",
    "compute_list",
    "data_window",
    "heading_of",
    "load_eligibility",
    "log_shown_scores",
    "person_summary",
    "record_list_access",
    "record_person_access",
    "scoring_version",
]

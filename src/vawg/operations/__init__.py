"""Operations: the work lists officers and supervisors act on (board paper paras 28-41).

* :data:`LISTS` - the registry: one :class:`WorkListSpec` per list (id, title, audience, definition,
  columns with meanings); the CLI, the web app and docs/operations.md read it;
* :func:`compute_list` - a list as of a date, optionally for one area, as a :class:`WorkList` (an
  Arrow-typed frame plus its metadata and the marking OFFICIAL-SENSITIVE);
* :func:`load_eligibility` - the force-editable New Chance eligibility (TOML);
* :func:`check_list_access` / :func:`record_list_access` - deny by default, and the audit entry
  every produced list leaves (who, when, which list, filters, row count).

Lists: outstanding-suspects, orders-briefing, stalking-clinic, bail, new-chance (docs/operations.md).
"""

from vawg.operations._access import check_list_access, record_list_access
from vawg.operations._catalogue import LISTS
from vawg.operations._compute import compute_list
from vawg.operations._context import areas, data_window
from vawg.operations._eligibility import NewChanceEligibility, load_eligibility
from vawg.operations._registry import ListColumn, ListRegistry, WorkListSpec
from vawg.operations._result import OUT_SUFFIXES, WorkList

__all__ = [
    "LISTS",
    "OUT_SUFFIXES",
    "ListColumn",
    "ListRegistry",
    "NewChanceEligibility",
    "WorkList",
    "WorkListSpec",
    "areas",
    "check_list_access",
    "compute_list",
    "data_window",
    "load_eligibility",
    "record_list_access",
]

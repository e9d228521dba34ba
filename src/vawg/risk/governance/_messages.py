"""Message texts of model governance, as constants so tests and callers can match them."""

from __future__ import annotations

NOT_APPROVED = (
    "{name} version {version} is {status}, not approved: scoring people for operational use is "
    "refused. A version is approved by a named person with "
    "`vawg model approve {name} {version} --user NAME` after `vawg model submit`."
)
NO_APPROVED_VERSION = (
    "{name} has no approved version: scoring people for operational use is refused. Approve one "
    "with `vawg model approve {name} VERSION --user NAME` (see `vawg model list`)."
)
UNKNOWN_VERSION = (
    "no version {version} of model {name} in the registry; see `vawg model list` or register one "
    "with `vawg model train` / `vawg model register`."
)
NO_VERSIONS = (
    "no versions of model {name} in the registry; register one with `vawg model train` or "
    "`vawg model register`."
)
ILLEGAL_TRANSITION = (
    "cannot {action} {name} version {version}: it is {status}; {action} is allowed only from {allowed}."
)
DUPLICATE_VERSION = (
    "{name} version {version} is already registered (status {status}); register the new model "
    "under a new version."
)
SAME_PERSON = (
    "{by} submitted {name} version {version}, so {by} cannot also approve it: approval needs a "
    "second person (four eyes)."
)
NAMELESS_ACTOR = (
    "{action} needs an authenticated vawg user (vawg.accounts.User; on the command line --user NAME "
    "and the password), not a typed name."
)
NO_REASON = "{action} needs a reason (recorded in the status log and the audit log); none was given."
NO_ARTIFACT = (
    "{name} version {version} must be registered with the SHA-256 of its file (64 hex digits); found "
    "{found!r}. Register the file with the version (`vawg model register ... --artifact FILE`)."
)
NO_EVIDENCE = (
    "{name} version {version} cannot be approved: the evidence is incomplete: {missing}. See "
    "docs/governance.md for the steps."
)
MISSING_SCORE_FIELD = (
    "log_scores needs a non-empty {field} (who is scoring, and for what operational purpose)."
)
MISSING_SCORE_COLUMNS = "scores to log need columns {expected}; found {found}."
RETIRED_EVALUATION = (
    "{name} version {version} is retired: it may not score anyone, not even for evaluation; "
    "register a new version."
)
EVALUATION_NEEDS_VERSION = "scores for evaluation must name the version evaluated ({name} VERSION)."

# The one purpose that does not need an approved version: evaluating a draft or submitted version
# before approval (its scores are still logged, so an auditor sees every person ever scored).
EVALUATION_PURPOSE = "evaluation"

__all__ = [
    "DUPLICATE_VERSION",
    "EVALUATION_NEEDS_VERSION",
    "EVALUATION_PURPOSE",
    "ILLEGAL_TRANSITION",
    "MISSING_SCORE_COLUMNS",
    "MISSING_SCORE_FIELD",
    "NAMELESS_ACTOR",
    "NOT_APPROVED",
    "NO_APPROVED_VERSION",
    "NO_ARTIFACT",
    "NO_EVIDENCE",
    "NO_REASON",
    "NO_VERSIONS",
    "RETIRED_EVALUATION",
    "SAME_PERSON",
    "UNKNOWN_VERSION",
]

"""``compute_list``: check the request, run the list's builder, type the frame against the registry."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date

import duckdb
import pandas as pd

from vawg.accounts import User
from vawg.operations import _bail, _clinic, _new_chance, _orders, _outstanding
from vawg.operations._catalogue import LISTS
from vawg.operations._context import check_area, check_as_of
from vawg.operations._parts import Parts
from vawg.operations._result import WorkList, typed_frame

Builder = Callable[[duckdb.DuckDBPyConnection, date, str | None, User | str], Parts]

BUILDERS: dict[str, Builder] = {
    "outstanding-suspects": _outstanding.build,
    "orders-briefing": _orders.build,
    "stalking-clinic": _clinic.build,
    "bail": _bail.build,
    "new-chance": _new_chance.build,
}


def _log_all(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, actor: User | str | None) -> None:
    from vawg.risk import ModelRegistry

    with ModelRegistry.for_connection(con) as registry:
        _outstanding.log_shown_scores(registry, frame, actor or _login_name())


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"


def compute_list(
    con: duckdb.DuckDBPyConnection,
    list_id: str,
    as_of: date,
    *,
    area: str | None = None,
    actor: User | str | None = None,
    log_scores: bool = True,
) -> WorkList:
    """The work list ``list_id`` as of ``as_of`` (records dated on or before it), for ``area`` or all.

    ``actor`` is who asks (the signed-in user, else the login name). RFSDI scores appear on a list
    only for a signed-in user allowed to use scores operationally, and are written to the governance
    score log under that user; for anyone else the risk columns are empty and the list says why. Unknown ids, areas and dates outside the data are
    OperationsError before anything is computed.

    ``log_scores=False`` leaves the logging to the caller, for the rows it shows
    (:func:`log_shown_scores`): the web app keeps a scored list between views and logs each page.
    """
    spec = LISTS.get(list_id)
    check_as_of(con, as_of)
    check_area(con, area)
    parts = BUILDERS[spec.id](con, as_of, area, actor or _login_name())
    summary = typed_frame(spec, parts.summary, summary=True) if parts.summary is not None else None
    if log_scores and parts.facts.get("rfsdi_version"):
        _log_all(con, parts.frame, actor)
    return WorkList(
        spec=spec,
        as_of=as_of,
        filters={"area": area},
        frame=typed_frame(spec, parts.frame),
        summary=summary,
        notes=parts.notes,
        facts=parts.facts,
    )


__all__ = ["BUILDERS", "compute_list"]

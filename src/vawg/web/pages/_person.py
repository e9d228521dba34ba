"""Person summaries (``vawg.operations.person_summary``): opened from a work list, audited.

No person data in URLs: the list's "Open" button POSTs the pseudonym in the form body (with the
CSRF token) to ``/person``; the URL is always just ``/person``, so neither the address bar, the
browser history, a Referer header nor the server's access log carries it. Officers see only people
of their own areas (checked in the library before anything is computed); every summary shown is
written to the audit log with the pseudonym, the date and the rows.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import Response

from vawg.accounts import PermissionDenied
from vawg.operations import LISTS, PERSON_SECTIONS, data_window, person_summary, record_person_access
from vawg.web._context import Context
from vawg.web._guard import bad_request, one_of

MAX_ID_LENGTH = 64  # pseudonyms are short; anything longer is not one


def _person_id(ctx: Context) -> str:
    value = (ctx.form.get("person_id") or "").strip()
    if not value or len(value) > MAX_ID_LENGTH or not value.isprintable():
        raise bad_request("person_id: expected a person's id from a work list (open the person from a list)")
    return value


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value) or str(value) == "<NA>":
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def person_page(ctx: Context) -> Response:
    """POST /person (form: person_id, list, csrf_token): the person's summary as of the extract date."""
    assert ctx.user is not None
    person_id = _person_id(ctx)
    back = one_of(ctx.form.get("list") or None, LISTS.ids(), "list")
    with ctx.web.reader.snapshot() as snap:
        as_of = data_window(snap.con)[1]
        try:
            summary = person_summary(snap.con, person_id, as_of, actor=ctx.user, client=ctx.client)
        except PermissionDenied as exc:
            raise HTTPException(403, str(exc)) from None
    record_person_access(ctx.web.db, summary, actor=ctx.user, client=ctx.client, output="screen")
    sections = [
        (
            spec,
            [
                [_cell(v) for v in row]
                for row in summary.sections[spec.id].astype(object).itertuples(index=False)
            ],
        )
        for spec in PERSON_SECTIONS
    ]
    return ctx.render(
        "person.html", summary=summary, sections=sections, back=LISTS.get(back) if back else None
    )


__all__ = ["person_page"]

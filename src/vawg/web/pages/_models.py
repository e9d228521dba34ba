"""Models (``vawg.risk.governance``): the registry, one version, its ethics pack, and the moves.

The registry is in the app-state file (D-gov-8), which the app writes, so the governance role can
submit, approve and retire here. The rules are the library's: approval on evidence, by a second
user (four eyes by user id), with a reason; a refusal is the library's message on the version's page
(status 400), never a 500. Every move is written to the chained status log and the audit log by the
library. Forms are POSTs with the session's CSRF token (checked by the guard). URLs carry only the
model name and version, never person data.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from starlette.responses import RedirectResponse, Response

from vawg.accounts import Permission
from vawg.errors import GovernanceError
from vawg.risk.governance import (
    MODEL_NAMES,
    ModelRegistry,
    approve,
    build_ethics_pack,
    ethics_decision,
    get_version,
    list_versions,
    missing_evidence,
    retire,
    status_history,
    submit,
)
from vawg.web._context import Context
from vawg.web._guard import not_found, one_of

PACK_FILES = {"card": "model_card", "atrs": "atrs"}
PACK_TYPES = {"md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}
MAX_REASON = 2000


def _registry(ctx: Context) -> ModelRegistry:
    return ModelRegistry.for_store(ctx.web.db)


def _summary(metrics: dict[str, Any], limit: int = 40) -> list[tuple[str, str]]:
    """The evaluation's figures as (name, value) rows: numbers and short texts up to two levels down."""
    rows: list[tuple[str, str]] = []
    for key, value in metrics.items():
        items = value.items() if isinstance(value, dict) else [("", value)]
        for sub, inner in items:
            if isinstance(inner, bool) or not isinstance(inner, int | float | str) or len(str(inner)) > 80:
                continue
            shown = f"{inner:.3f}" if isinstance(inner, float) else str(inner)
            rows.append((f"{key}.{sub}" if sub else key, shown))
    return rows[:limit]


def _records(frame: Any) -> list[dict[str, Any]]:
    """A frame's rows as dicts, missing values (None, NaN, NaT) as empty text."""
    return [
        {k: ("" if v is None or v != v else v) for k, v in row.items()}
        for row in frame.astype(object).to_dict(orient="records")
    ]


def models_page(ctx: Context) -> Response:
    """GET /models: every model's versions with their status and approval."""
    with _registry(ctx) as registry:
        versions = _records(list_versions(registry))
    return ctx.render("models.html", models=MODEL_NAMES, versions=versions)


def _version_page(
    ctx: Context, *, status: int = 200, error: str | None = None, done: str | None = None
) -> Response:
    name = one_of(ctx.request.path_params["name"], MODEL_NAMES, "model")
    version_id = ctx.request.path_params["version"]
    with _registry(ctx) as registry:
        try:
            found = get_version(registry, str(name), version_id)
        except GovernanceError:
            raise not_found("There is no such model version.") from None
        history = _records(status_history(registry, found.name, found.version))
        missing = missing_evidence(registry, found.name, found.version)
        decision = ethics_decision(registry, found.name, found.version)
    return ctx.render(
        "model.html", status=status, model=found, history=history, missing=missing, decision=decision,
        summary=_summary(found.metrics), error=error, done=done,
        may_move=ctx.user is not None and ctx.user.can(Permission.MODELS_APPROVE),
    )  # fmt: skip


def version_page(ctx: Context) -> Response:
    """GET /models/{name}/{version}: status, evaluation, evidence, history; the forms for governance."""
    return _version_page(
        ctx, done=ctx.param("done") if ctx.param("done") in {"submitted", "approved", "retired"} else None
    )


def _reason(ctx: Context) -> str:
    return (ctx.form.get("reason") or "")[:MAX_REASON]


def _move(ctx: Context, action: str) -> Response:
    name = one_of(ctx.request.path_params["name"], MODEL_NAMES, "model")
    version_id = ctx.request.path_params["version"]
    assert ctx.user is not None
    conditions = (ctx.form.get("conditions") or "").strip()[:MAX_REASON] or None
    with _registry(ctx) as registry:
        try:
            get_version(registry, str(name), version_id)
        except GovernanceError:
            raise not_found("There is no such model version.") from None
        try:
            if action == "submit":
                moved = submit(registry, str(name), version_id, by=ctx.user, client=ctx.client)
            elif action == "approve":
                moved = approve(
                    registry,
                    str(name),
                    version_id,
                    by=ctx.user,
                    reason=_reason(ctx),
                    conditions=conditions,
                    client=ctx.client,
                )
            else:
                moved = retire(
                    registry, str(name), version_id, by=ctx.user, reason=_reason(ctx), client=ctx.client
                )
        except GovernanceError as exc:  # four eyes, evidence, reason, status: the library's words
            return _version_page(ctx, status=400, error=str(exc))
    return RedirectResponse(f"/models/{moved.name}/{moved.version}?done={moved.status}", status_code=303)


def submit_version(ctx: Context) -> Response:
    """POST /models/{name}/{version}/submit: put a draft forward (governance)."""
    return _move(ctx, "submit")


def approve_version(ctx: Context) -> Response:
    """POST /models/{name}/{version}/approve: approve on evidence, by a second user, with a reason."""
    return _move(ctx, "approve")


def retire_version(ctx: Context) -> Response:
    """POST /models/{name}/{version}/retire: withdraw the version from any use, with a reason."""
    return _move(ctx, "retire")


def ethics_pack(ctx: Context) -> Response:
    """GET /models/{name}/{version}/pack?doc=card|atrs&format=md|pdf: the ethics pack, generated now.

    Generating it is recorded in the registry (an approval needs a generated pack of the version).
    """
    name = one_of(ctx.request.path_params["name"], MODEL_NAMES, "model")
    version_id = ctx.request.path_params["version"]
    doc = one_of(ctx.param("doc"), PACK_FILES, "doc", "card") or "card"
    fmt = one_of(ctx.param("format"), PACK_TYPES, "format", "md") or "md"
    with _registry(ctx) as registry, ctx.web.reader.snapshot() as snap:
        try:
            found = get_version(registry, str(name), version_id)
        except GovernanceError:
            raise not_found("There is no such model version.") from None
        with tempfile.TemporaryDirectory(prefix="vawg-web-pack-") as tmp:
            pack = build_ethics_pack(
                registry, snap.con, Path(tmp), name=found.name, version=found.version, pdf=fmt == "pdf"
            )
            path = getattr(pack, f"{PACK_FILES[doc]}_{fmt}")
            body = Path(path).read_bytes()
    filename = f"{found.name}-{found.version}-{PACK_FILES[doc].replace('_', '-')}.{fmt}"
    ctx.audit("model.pack", f"{found.name}/{found.version}", {"doc": doc, "format": fmt})
    return Response(body, media_type=PACK_TYPES[fmt],
                    headers={"content-disposition": f'attachment; filename="{filename}"'})  # fmt: skip


__all__ = [
    "approve_version",
    "ethics_pack",
    "models_page",
    "retire_version",
    "submit_version",
    "version_page",
]

"""The route table: every URL of the app, the access it needs, and what it shows (data, not code).

A route missing here does not exist (the app is built from this table); a test walks every route
against every role and checks who is let in.
"""

from __future__ import annotations

from vawg.accounts import Permission
from vawg.web._access import Access, Route
from vawg.web._downloads import metric_download
from vawg.web._static import static_file
from vawg.web.pages._auth import login, login_form, logout
from vawg.web.pages._cases import case_page, cases_page
from vawg.web.pages._data import data_page, quarantine_page
from vawg.web.pages._equality import equality_page
from vawg.web.pages._lists import list_export, list_page, lists_index
from vawg.web.pages._map import map_layers_json, map_page
from vawg.web.pages._metrics import dashboard, metric_chart, metric_page
from vawg.web.pages._models import (
    approve_version,
    ethics_pack,
    models_page,
    retire_version,
    submit_version,
    version_page,
)
from vawg.web.pages._person import person_page
from vawg.web.pages._plan import EDITORS, action_form, new_action_form, plan_page, save_action
from vawg.web.pages._reports import board_report, national_return, reports_page

ROUTES: tuple[Route, ...] = (
    Route("/login", "GET", Access.PUBLIC, login_form, "login_form", params=("next",)),
    Route(
        "/login", "POST", Access.PUBLIC, login, "login", params=("username", "password", "csrf_token", "next")
    ),
    Route("/logout", "POST", Access.SIGNED_IN, logout, "logout", params=("csrf_token",)),
    Route("/static/{name}", "GET", Access.PUBLIC, static_file, "static"),
    Route(
        "/",
        "GET",
        Permission.AGGREGATES,
        dashboard,
        "dashboard",
        nav="Dashboard",
        params=("grain", "area", "category", "da"),
    ),
    Route(
        "/metrics/{metric_id}",
        "GET",
        Permission.AGGREGATES,
        metric_page,
        "metric",
        params=("grain", "area", "category", "da"),
    ),
    Route(
        "/metrics/{metric_id}/chart.svg",
        "GET",
        Permission.AGGREGATES,
        metric_chart,
        "metric_chart",
        params=("grain", "area", "category", "da"),
    ),
    Route(
        "/metrics/{metric_id}/download",
        "GET",
        Permission.AGGREGATES,
        metric_download,
        "metric_download",
        params=("grain", "area", "category", "da", "format"),
    ),
    Route("/places", "GET", Permission.AGGREGATES, map_page, "map", nav="Map", params=("source",)),
    Route(
        "/places/layers.json",
        "GET",
        Permission.AGGREGATES,
        map_layers_json,
        "map_layers",
        params=("source",),
    ),
    Route(
        "/equality",
        "GET",
        Permission.AGGREGATES,
        equality_page,
        "equality",
        nav="Equality",
        params=("population", "by"),
    ),
    Route("/data", "GET", Permission.QUALITY, data_page, "data", nav="Data"),
    Route(
        "/data/quarantine",
        "GET",
        Permission.QUALITY,
        quarantine_page,
        "quarantine",
        person_level=True,
        params=("table", "rule", "page"),
    ),
    Route("/lists", "GET", Permission.PERSON_LEVEL_OWN_AREAS, lists_index, "lists", nav="Work lists"),
    Route(
        "/lists/{list_id}",
        "GET",
        Permission.PERSON_LEVEL_OWN_AREAS,
        list_page,
        "list",
        person_level=True,
        params=("area", "sort", "desc", "page"),
    ),
    Route(
        "/lists/{list_id}/export",
        "GET",
        Permission.PERSON_LEVEL_OWN_AREAS,
        list_export,
        "list_export",
        person_level=True,
        params=("area", "format"),
    ),
    Route(
        "/person",
        "POST",
        Permission.PERSON_LEVEL_OWN_AREAS,
        person_page,
        "person",
        person_level=True,
        params=("person_id", "list", "csrf_token"),
    ),
    Route("/models", "GET", Permission.MODELS_REVIEW, models_page, "models", nav="Models"),
    Route(
        "/models/{name}/{version}", "GET", Permission.MODELS_REVIEW, version_page, "model", params=("done",)
    ),
    Route(
        "/models/{name}/{version}/pack",
        "GET",
        Permission.MODELS_REVIEW,
        ethics_pack,
        "model_pack",
        params=("doc", "format"),
    ),
    Route(
        "/models/{name}/{version}/submit",
        "POST",
        Permission.MODELS_REVIEW,
        submit_version,
        "model_submit",
        params=("csrf_token",),
    ),
    Route(
        "/models/{name}/{version}/approve",
        "POST",
        Permission.MODELS_APPROVE,
        approve_version,
        "model_approve",
        params=("reason", "conditions", "csrf_token"),
    ),
    Route(
        "/models/{name}/{version}/retire",
        "POST",
        Permission.MODELS_APPROVE,
        retire_version,
        "model_retire",
        params=("reason", "csrf_token"),
    ),
    Route("/reports", "GET", Permission.REPORTS, reports_page, "reports", nav="Reports"),
    # Professional Standards' cases (vawg.strategy): person level, that role only; a case by POST of a
    # session handle (no case id, nor any handle, in a URL).
    Route(
        "/cases",
        "GET",
        Permission.PROFESSIONAL_STANDARDS,
        cases_page,
        "cases",
        nav="PSD cases",
        person_level=True,
        params=("allegation", "case_type", "subject_role", "state", "from", "to", "page"),
    ),
    Route(
        "/cases/case",
        "POST",
        Permission.PROFESSIONAL_STANDARDS,
        case_page,
        "case",
        person_level=True,
        params=("case", "csrf_token"),
    ),
    # The action plan (vawg.strategy): counts for every aggregate reader; editing for analysts (any
    # strand) and strand leads (their own strands, checked per action by the handler).
    Route("/plan", "GET", Permission.AGGREGATES, plan_page, "plan", nav="Action plan"),
    Route("/plan/new", "GET", EDITORS, new_action_form, "plan_new", params=("strand",)),
    Route("/plan/action", "GET", EDITORS, action_form, "plan_action", params=("ref", "saved")),
    Route(
        "/plan/actions",
        "POST",
        EDITORS,
        save_action,
        "plan_save",
        params=("mode", "ref", "strand", "due_date", "start_date", "status", "rag", "evidence", "csrf_token"),
    ),
    Route("/reports/board.pdf", "GET", Permission.REPORTS, board_report, "board_report"),
    Route(
        "/reports/return",
        "GET",
        Permission.REPORTS,
        national_return,
        "national_return",
        params=("quarter", "format"),
    ),
)

__all__ = ["ROUTES"]

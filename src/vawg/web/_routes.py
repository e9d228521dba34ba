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
from vawg.web.pages._data import data_page, quarantine_page
from vawg.web.pages._lists import list_export, list_page, lists_index
from vawg.web.pages._map import map_layers_json, map_page
from vawg.web.pages._metrics import dashboard, metric_chart, metric_page
from vawg.web.pages._person import person_page
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
    Route("/reports", "GET", Permission.REPORTS, reports_page, "reports", nav="Reports"),
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

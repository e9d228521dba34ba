"""The web app (``vawg serve``): dashboards, metric pages, data quality and reports for the force.

* :func:`create_app` – the FastAPI app on a store (read-only; accounts, audit and sessions beside it);
* :func:`serve` – run it with Uvicorn;
* :data:`ROUTES` – every URL with the permission it needs (deny by default).

Pages are Jinja2 templates with htmx (vendored); charts are server-side SVG. See docs/web.md.
"""

from vawg.web._access import Access, Route
from vawg.web._app import create_app
from vawg.web._demo import DEMO_ADMIN, create_demo_admin
from vawg.web._routes import ROUTES
from vawg.web._server import serve
from vawg.web._sessions import SessionStore

__all__ = [
    "DEMO_ADMIN",
    "ROUTES",
    "Access",
    "Route",
    "SessionStore",
    "create_app",
    "create_demo_admin",
    "serve",
]

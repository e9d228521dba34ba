"""Run the app with Uvicorn. Access logs carry paths only (no query strings: filters stay out of logs)."""

from __future__ import annotations

import logging
from pathlib import Path

from vawg.config import Settings, get_settings


class _PathOnly(logging.Filter):
    """Drop the query string from Uvicorn's access log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) >= 3 and isinstance(record.args[2], str):
            args = list(record.args)
            args[2] = str(args[2]).split("?", 1)[0]
            record.args = tuple(args)
        return True


def serve(
    db: Path | str, *, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None
) -> None:
    """Serve the app on ``host:port`` until interrupted (behind a TLS reverse proxy in production)."""
    import uvicorn

    from vawg.web._app import create_app

    settings = settings or get_settings()
    app = create_app(db, settings)
    logging.getLogger("uvicorn.access").addFilter(_PathOnly())
    uvicorn.run(
        app, host=host, port=port, proxy_headers=True, forwarded_allow_ips=settings.web_forwarded_allow_ips,
        server_header=False, log_level="info",
    )  # fmt: skip


__all__ = ["serve"]

"""The ``vawg`` command line: thin commands over the library (one module per command group)."""

from vawg.cli._app import app, main

__all__ = ["app", "main"]

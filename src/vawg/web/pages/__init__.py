"""The app's page handlers, one module per area of the app (sign-in, metrics, work lists, data,
reports, the map, …).

Handlers are thin: they read the request, call the library's public API and render a template.
``vawg.web._routes`` maps each URL to its handler and its permission; nothing here is public API.
"""

__all__: list[str] = []

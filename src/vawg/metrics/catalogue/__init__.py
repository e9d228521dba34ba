"""The metric catalogue: every indicator as a record (id, title, definition, frame, measure, bases,
dimensions), one module per family (outcomes, people and suspects, New Chance, Our Behaviours);
``_all`` assembles them into the one registry. Nothing here is public API: ``vawg.metrics``
re-exports the registry."""

__all__: list[str] = []

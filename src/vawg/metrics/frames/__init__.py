"""The event frames the metrics count over (Ibis expressions on the store): the crime base, links,
outcomes, New Chance, Our Behaviours. ``_base`` holds ``Frames`` and its registry of frame names,
``_rules`` the counting rules they share (follow-up days, windows, age limits). Nothing here is
public API: ``vawg.metrics`` is."""

__all__: list[str] = []

"""The disproportionality API the CLI and the report import (pinned: a rename breaks them)."""

import vawg.equality


def test_disproportionality_names_are_public() -> None:
    for name in (
        "POPULATIONS", "DEFAULT_REFERENCE", "Disproportionality", "relative_rates", "rate_table", "person_frame",
        "default_window", "equality_profile", "answer_para_42", "findings", "missing_caveat",
        "write_equality_table", "relative_rate", "adjusted_rates", "not_stated_bounds", "load_population",
        "ResidentPopulation",
    ):  # fmt: skip
        assert name in vawg.equality.__all__, name


def test_every_population_has_a_first_stage_and_parents_that_exist() -> None:
    for pop in vawg.equality.POPULATIONS.values():
        ids = [s.stage_id for s in pop.stages]
        assert pop.stages[0].parent is None and len(set(ids)) == len(ids)
        assert all(s.parent in ids for s in pop.stages[1:]), pop.population_id

"""The synthetic force: a West Midlands-sized bundle in the input contract, with planted truths.

``write_bundle(out_dir, seed=42, scale=1.0)`` writes one file per contract table, ``manifest.json``
and ``truth/`` (the planted escalation and pilot effects, for testing the models that should find
them). The default force (scale 1, seed 42) reproduces the board paper's figures that serve as
calibration targets; see ``docs/synthetic-force.md``.
"""

from vawg.synth._bundle import FORCE, SynthSummary, write_bundle
from vawg.synth._calendar import (
    AREAS,
    BAIL_CHANGE,
    EXTRACT_DATE,
    PERIOD_START,
    PILOT_AREAS,
    PILOT_START,
)
from vawg.synth._escalation import (
    ESCALATION_TERMS,
    PLANTED_ESCALATION,
    escalation_logit,
    escalation_terms,
)
from vawg.synth._pilot import PLANTED_PILOT_EFFECT

__all__ = [
    "AREAS",
    "BAIL_CHANGE",
    "ESCALATION_TERMS",
    "EXTRACT_DATE",
    "FORCE",
    "PERIOD_START",
    "PILOT_AREAS",
    "PILOT_START",
    "PLANTED_ESCALATION",
    "PLANTED_PILOT_EFFECT",
    "SynthSummary",
    "escalation_logit",
    "escalation_terms",
    "write_bundle",
]

"""The public API of vawg.synth is what interfaces.md promises, and the truths are documented."""

from __future__ import annotations

from datetime import date

import vawg.synth as synth


def test_public_names() -> None:
    assert set(synth.__all__) == {
        "AREAS", "BAIL_CHANGE", "ESCALATION_TERMS", "EXTRACT_DATE", "FORCE", "PERIOD_START", "PILOT_AREAS",
        "PILOT_START", "PLANTED_ESCALATION", "PLANTED_PILOT_EFFECT", "SynthSummary", "escalation_logit",
        "escalation_terms", "write_bundle",
    }  # fmt: skip
    assert synth.AREAS == (
        "Birmingham",
        "Coventry",
        "Dudley",
        "Sandwell",
        "Solihull",
        "Walsall",
        "Wolverhampton",
    )
    assert synth.PILOT_AREAS == ("Birmingham", "Wolverhampton")
    assert (
        date(2022, 6, 1), date(2022, 10, 28), date(2023, 3, 31),
    ) == (synth.PILOT_START, synth.BAIL_CHANGE, synth.EXTRACT_DATE)  # fmt: skip


def test_planted_escalation_uses_the_risk_feature_names() -> None:
    features = {"stalking_offences_total", "distinct_victims_3y", "da_suspect_3y", "orders_breached",
                "drug_intel_12m", "age", "serious_sexual_prior", "sex"}  # fmt: skip
    assert set(synth.PLANTED_ESCALATION) == features | {"intercept", "age<30:stalking_offences_total>=2"}
    assert synth.PLANTED_ESCALATION["age"] < 0 < synth.PLANTED_ESCALATION["stalking_offences_total"]
    # Issue 11: a serious sexual prior raises the risk; women's risk is far lower than men's.
    assert synth.PLANTED_ESCALATION["serious_sexual_prior"] > 0 > synth.PLANTED_ESCALATION["sex"]
    assert 0 < synth.PLANTED_PILOT_EFFECT < 1

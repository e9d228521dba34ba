"""Per-person contributions (issue 11, item 6): hand-worked on a tiny linear scorer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vawg.risk.escalation._contributions import main_factors, occlusion_contributions


def test_contributions_are_the_change_when_an_input_is_made_typical() -> None:
    frame = pd.DataFrame({"a": [1.0, 3.0, 2.0], "b": [5.0, 0.0, 2.0]})

    def predict(f: pd.DataFrame) -> np.ndarray:
        return np.asarray(0.1 * f["a"] + 0.02 * f["b"])

    got = occlusion_contributions(predict, frame, ["a", "b"])
    # Medians a = 2, b = 2: person 1 gets 0.1·(1−2) = −0.1 from a and 0.02·(5−2) = +0.06 from b.
    assert got["a"].tolist() == pytest.approx([-0.1, 0.1, 0.0])
    assert got["b"].tolist() == pytest.approx([0.06, -0.04, 0.0])
    assert main_factors(got) == ["b (+0.060)", "a (+0.100)", "none above typical"]

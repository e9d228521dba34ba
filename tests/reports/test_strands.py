"""The strands' ids: one per strand of the paper, in its order, usable as file names."""

import re

from vawg.reports import STRAND_IDS, STRANDS


def test_every_strand_has_one_file_name_safe_id_in_the_papers_order() -> None:
    assert tuple(STRAND_IDS.values()) == STRANDS
    assert len(STRAND_IDS) == 6
    for strand_id in STRAND_IDS:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", strand_id)

"""The ethics pack of a model version: model card, ATRS record, figures and the evidence tables.

Built from what the registry stores about the version (its evaluation record, status history and
recorded ethics decision) and the model's metadata file; nothing in it is person-level. The pack is
rendered as Markdown and PDF (WeasyPrint); the ATRS record is marked for publication, the model card
OFFICIAL-SENSITIVE. ``_pack`` assembles, ``_tables`` and ``_sections`` write its tables, ``_figures``
draws its figures (matplotlib, imported only when a pack is built).
"""

from __future__ import annotations

from vawg.risk.governance.ethics._evaluation_tables import fairness_range_frame, recalibration_frames
from vawg.risk.governance.ethics._pack import (
    FRAMING,
    PUBLICATION_MARKING,
    SYNTHETIC_BANNER,
    EthicsPack,
    build_ethics_pack,
    default_metadata_path,
    is_synthetic,
    load_metadata,
    markdown_to_pdf,
)

__all__ = [
    "FRAMING",
    "PUBLICATION_MARKING",
    "SYNTHETIC_BANNER",
    "EthicsPack",
    "build_ethics_pack",
    "default_metadata_path",
    "fairness_range_frame",
    "is_synthetic",
    "load_metadata",
    "markdown_to_pdf",
    "recalibration_frames",
]

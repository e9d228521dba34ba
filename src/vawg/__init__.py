"""vawg: evidence for a UK police force's Violence Against Women and Girls programme.

The public API is what ``__all__`` lists; everything in a ``_module`` is private.
"""

from vawg.config import Settings, get_settings
from vawg.errors import (
    ConfigError,
    FileRejected,
    GovernanceError,
    IngestError,
    MetricError,
    ReferenceDataError,
    ReportError,
    RiskError,
    StoreError,
    VawgError,
)

__version__ = "0.1.0"

# Handling marking for person-level outputs (Government Security Classifications).
MARKING = "OFFICIAL-SENSITIVE"

__all__ = [
    "MARKING",
    "ConfigError",
    "FileRejected",
    "GovernanceError",
    "IngestError",
    "MetricError",
    "ReferenceDataError",
    "ReportError",
    "RiskError",
    "Settings",
    "StoreError",
    "VawgError",
    "__version__",
    "get_settings",
]

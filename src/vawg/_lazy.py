"""Names of a package served from their modules on first use (PEP 562).

A package's ``__init__`` maps each public name to the private module that defines it and serves
it from there when first asked for, so importing the package for one light name does not import
what its heavy names need (statsmodels, scikit-learn, matplotlib, Ibis). Type checkers see the
real imports under ``TYPE_CHECKING`` in the same file.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any


def load_name(package: str, modules: Mapping[str, str], name: str) -> Any:
    """``name`` from its module in ``modules``; AttributeError (as Python's own) when unknown."""
    if name in modules:
        return getattr(importlib.import_module(modules[name]), name)
    raise AttributeError(f"module {package!r} has no attribute {name!r}")


__all__ = ["load_name"]

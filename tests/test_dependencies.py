"""Every third-party package the library imports is a runtime dependency (pyproject [project]), or one
that a runtime dependency brings: not only a test extra, or `make demo` breaks on a fresh machine."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _with_requirements(names: set[str]) -> set[str]:
    """``names`` and everything they require at run time (extras left out), transitively."""
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        todo += [_name(r) for r in requires if "extra ==" not in r]
    return seen


def test_every_imported_package_is_a_runtime_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    allowed = _with_requirements({_name(d) for d in project["dependencies"]})
    modules = set()
    for path in (ROOT / "src" / "vawg").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module.split(".")[0])
    distributions = metadata.packages_distributions()
    missing = {
        module: distributions.get(module)
        for module in modules - set(sys.stdlib_module_names) - {"vawg"}
        if not {_name(d) for d in distributions.get(module, [module])} & allowed
    }
    assert missing == {}, f"imported but not a runtime dependency: {missing}"

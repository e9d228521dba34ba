"""The catalogue section of docs/metrics.md, generated from the registry (datasette style).

    python -m vawg.metrics._docs docs/metrics.md

rewrites the text between the ``catalogue:start`` and ``catalogue:end`` markers; the rest of the
page (methods, statistics, performance) is written by hand. A test fails when a metric has no
section there or its definition differs from the registry's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from vawg.metrics._registry import Metric
from vawg.metrics.catalogue._all import REGISTRY

START, END = "<!-- catalogue:start -->", "<!-- catalogue:end -->"


def _direction(metric: Metric) -> str:
    if metric.higher_is_better is None:
        return "neutral (no direction)"
    return "higher is better" if metric.higher_is_better else "lower is better"


def metric_markdown(metric: Metric) -> str:
    lines = [f"### `{metric.id}`", "", f"**{metric.title}.** {metric.definition}", ""]
    rows = [
        ("numerator", metric.numerator),
        ("denominator", metric.denominator),
        ("unit", metric.unit + (f" (per {metric.scale:g})" if metric.scale != 1 else "")),
        ("direction", _direction(metric)),
        ("basis", metric.basis or "—"),
        ("grains", ", ".join(metric.grains)),
        ("dimensions", ", ".join(metric.dimensions) or "—"),
        ("breakdown", metric.breakdown or "—"),
        ("sources", ", ".join(metric.sources)),
        ("board paper", metric.paper_ref or "—"),
    ]
    lines += ["| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows), ""]
    return "\n".join(lines)


def catalogue_markdown() -> str:
    index = ["| id | title | unit | paper |", "|---|---|---|---|"]
    index += [f"| [`{m.id}`](#{m.id}) | {m.title} | {m.unit} | {m.paper_ref or ''} |" for m in REGISTRY]
    sections = [metric_markdown(m) for m in REGISTRY]
    return "\n".join([START, "", *index, "", *sections, END])


def write_catalogue(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    path.write_text(head + catalogue_markdown() + tail, encoding="utf-8")


if __name__ == "__main__":
    write_catalogue(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/metrics.md"))

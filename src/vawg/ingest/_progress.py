"""Progress bars of an ingest: one per file, advanced at each step (reading, checking, ...)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from vawg.ingest._load import Step
from vawg.ingest._source import SourceFile

STEPS = 4  # reading, checking, quarantining, writing


@contextmanager
def progress_bars(enabled: bool, sources: list[SourceFile]) -> Iterator[Callable[[str], Step]]:
    """``steps(table)`` gives the step callback of that file's progress bar (a no-op when disabled)."""
    if not enabled:
        yield lambda table: lambda label: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description:<32}"), BarColumn(), TimeElapsedColumn(), transient=False
    ) as bar:
        tasks = {s.table.name: bar.add_task(s.table.name, total=STEPS) for s in sources}

        def steps(table: str) -> Step:
            task = tasks[table]
            count = [0]

            def step(label: str) -> None:
                if count[0]:
                    bar.advance(task)
                count[0] += 1
                bar.update(task, description=f"{table}: {label}")

            return step

        yield steps
        for table, task in tasks.items():
            bar.update(task, completed=STEPS, description=f"{table}: done")

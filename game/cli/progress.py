"""A progress bar with rate and ETA for long commands (rich), shown only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def progress_bar(total: int, label: str, enabled: bool = True) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``; draws a bar with games/s and ETA when ``enabled`` and stdout is a terminal."""
    if not enabled or not sys.stdout.isatty() or total <= 0:
        yield _ignore
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):  # type: ignore[misc]
        """Games per second since the start (steadier than rich's windowed speed with chunked updates)."""

        def render(self, task: Any) -> Text:
            elapsed = task.elapsed or 0.0
            if elapsed < 0.5 or not task.completed:
                return Text("")
            return Text(f"{task.completed / elapsed:,.0f} games/s", style="progress.data.speed")

    columns = (
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(), TimeElapsedColumn(),
        TextColumn("ETA"), TimeRemainingColumn(),
    )  # fmt: skip
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)


def _ignore(n: int) -> None:
    """No bar: nothing to draw."""

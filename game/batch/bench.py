"""Measurements of batch runs for ``parley bench``: scaling with jobs, parent memory, whole-command time.

Every figure comes from a real run of the same code paths users run:
:func:`~game.batch.run.play_batch` for rates, a child process for the parent's
peak memory (``ru_maxrss`` of the process that drives the pool, which excludes
its workers), and ``python -m game batch`` as a whole command for the
end-to-end time.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from game.batch.run import play_batch
from game.engine import CompiledScenario


@dataclass(frozen=True)
class Rate:
    """Games per second of one batch."""

    jobs: int
    games: int
    seconds: float

    @property
    def per_second(self) -> float:
        """Games per second."""
        return self.games / self.seconds if self.seconds > 0 else float("inf")


def batch_rate(compiled: CompiledScenario, kind: str, games: int, jobs: int, seed: int = 1) -> Rate:
    """Time a batch of ``games`` games with ``kind`` bots in every seat on ``jobs`` processes (pool start included)."""
    kinds = dict.fromkeys(compiled.actors, kind)
    started = time.perf_counter()
    play_batch(compiled, kinds, seed, games, jobs=jobs)
    return Rate(jobs, games, time.perf_counter() - started)


def parent_peak_rss(scenario: str, kind: str, games: int, jobs: int) -> int:
    """Peak resident memory (KiB) of the parent process of a batch, measured in a fresh child process."""
    code = (
        "import resource, sys\n"
        "from game.batch.bench import _drive\n"
        f"_drive({scenario!r}, {kind!r}, {games}, {jobs})\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(result.stdout.strip().splitlines()[-1])


def _drive(scenario: str, kind: str, games: int, jobs: int) -> None:
    """Play a batch as ``parley batch --out`` does (CSV streamed to a file); used by :func:`parent_peak_rss`."""
    from game.batch.output import GamesCsv
    from game.engine import compile_scenario
    from game.scenario.loader import load_scenario

    compiled = compile_scenario(load_scenario(scenario))
    with tempfile.TemporaryDirectory() as folder, (Path(folder) / "games.csv").open("w", encoding="utf-8") as stream:
        csv = GamesCsv(stream, compiled.actors)
        totals = play_batch(compiled, dict.fromkeys(compiled.actors, kind), 1, games, jobs=jobs, on_game=csv.write)
        totals.summary()


def command_seconds(args: list[str], repeat: int = 1) -> float:
    """Best wall time of ``python -m game ARGS`` over ``repeat`` runs (interpreter start included)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, check=True)
        best = min(best, time.perf_counter() - started)
    return best

"""Headless at scale: play many seeded games on many processes and summarise them.

- :func:`play_batch` plays N games with per-game seeds derived from one batch seed
  (:func:`game_seed`) on a pluggable executor, streaming compact summaries back;
- :class:`BatchTotals` totals them incrementally; :mod:`game.batch.stats` has the statistics;
- :mod:`game.batch.lint` turns totals into findings for scenario authors, and
  :mod:`game.batch.report` into a self-contained HTML report.
"""

from game.batch.executors import EXECUTOR_KINDS, Executor, ExecutorUnavailable, SerialExecutor, make_executor
from game.batch.run import play_batch, run_batch
from game.batch.seeds import game_seed
from game.batch.spec import BatchSpec
from game.batch.summary import GameSummary, play_summarized
from game.batch.totals import BatchTotals

__all__ = [
    "EXECUTOR_KINDS", "BatchSpec", "BatchTotals", "Executor", "ExecutorUnavailable", "GameSummary",
    "SerialExecutor", "game_seed", "make_executor", "play_batch", "play_summarized", "run_batch",
]  # fmt: skip

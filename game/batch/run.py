"""Run a batch: submit chunks of games to an executor and stream their summaries back in order.

At most ``window`` chunks are in flight, and each summary is handed to the
caller (to write a CSV row and update the totals) and then dropped, so the
parent's memory stays flat however many games are played. Summaries arrive
in game order whatever the executor, so the output is the same for any
number of jobs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future

from game.batch.executors import Executor, make_executor
from game.batch.spec import BatchSpec
from game.batch.summary import GameSummary
from game.batch.totals import BatchTotals
from game.batch.worker import remember, run_chunk
from game.engine import CompiledScenario

MAX_CHUNK = 250


def chunk_size(games: int, jobs: int) -> int:
    """Games per task: large enough to make inter-process traffic negligible, small enough to balance."""
    return max(1, min(MAX_CHUNK, -(-games // (max(1, jobs) * 8))))


def window_size(jobs: int) -> int:
    """Chunks submitted ahead of the one being consumed: enough to keep every worker busy."""
    return max(2, 3 * jobs)


def chunks(games: int, size: int) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` ranges covering ``range(games)``."""
    for start in range(0, games, size):
        yield start, min(games, start + size)


def run_batch(
    spec: BatchSpec,
    executor: Executor,
    on_game: Callable[[GameSummary], None],
    jobs: int = 1,
    on_chunk: Callable[[int], None] | None = None,
    size: int | None = None,
) -> None:
    """Play every game of ``spec`` on ``executor``, calling ``on_game`` for each summary in game order.

    ``on_chunk(n)`` is told when ``n`` more games are done (for a progress bar).
    """
    size = size or chunk_size(spec.games, jobs)
    window = window_size(jobs)
    todo = chunks(spec.games, size)
    pending: deque[Future[list[GameSummary]]] = deque()

    def submit_next() -> None:
        span = next(todo, None)
        if span is not None:
            pending.append(executor.submit(run_chunk, spec, *span))

    try:
        for _ in range(window):
            submit_next()
        while pending:
            summaries = pending.popleft().result()
            submit_next()
            for summary in summaries:
                on_game(summary)
            if on_chunk is not None:
                on_chunk(len(summaries))
    finally:
        for future in pending:
            future.cancel()


def play_batch(
    compiled: CompiledScenario,
    kinds: Mapping[str, str],
    seed: int,
    games: int,
    *,
    jobs: int = 1,
    executor: str = "process",
    address: str | None = None,
    snapshots: bool = False,
    on_game: Callable[[GameSummary], None] | None = None,
    on_chunk: Callable[[int], None] | None = None,
) -> BatchTotals:
    """Play ``games`` games of ``compiled`` with the bots in ``kinds`` (actor -> kind) and total them.

    ``executor`` is one of :data:`~game.batch.executors.EXECUTOR_KINDS`; ``on_game`` sees every
    summary in game order (e.g. to write ``games.csv``).
    """
    spec = BatchSpec.create(compiled.scenario, kinds, seed, games, snapshots)
    remember(spec, compiled)
    totals = BatchTotals(compiled, kinds)

    def handle(summary: GameSummary) -> None:
        totals.add(summary)
        if on_game is not None:
            on_game(summary)

    pool = make_executor(executor, jobs, spec, address)
    finished = False
    try:
        run_batch(spec, pool, handle, jobs, on_chunk)
        finished = True
    finally:
        pool.shutdown(wait=finished)
    return totals

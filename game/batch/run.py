"""Run a batch: submit chunks of games to an executor and stream their summaries back in order.

Workers count their own chunk's games and send back one compact row per game
plus the chunk's counts; the parent merges the counts, hands each row to the
caller (to write ``games.csv``) and drops both. At most a window of chunks is
in flight, so the parent's memory stays flat however many games are played,
and its work per game is a few microseconds, so it never slows the workers.
Results are consumed in game order whatever the executor, so the output is
the same for any number of jobs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future

from game.batch.executors import Executor, make_executor
from game.batch.spec import BatchSpec
from game.batch.summary import GameRow
from game.batch.totals import BatchTotals
from game.batch.worker import ChunkResult, remember, run_chunk
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
    on_result: Callable[[ChunkResult], None],
    jobs: int = 1,
    on_chunk: Callable[[int], None] | None = None,
    size: int | None = None,
) -> None:
    """Play every game of ``spec`` on ``executor``, calling ``on_result`` for each chunk's result in game order.

    ``on_chunk(n)`` is told when ``n`` more games are done (for a progress bar).
    """
    size = size or chunk_size(spec.games, jobs)
    window = window_size(jobs)
    todo = chunks(spec.games, size)
    pending: deque[Future[ChunkResult]] = deque()

    def submit_next() -> None:
        span = next(todo, None)
        if span is not None:
            pending.append(executor.submit(run_chunk, spec, *span))

    try:
        for _ in range(window):
            submit_next()
        while pending:
            result = pending.popleft().result()
            submit_next()
            on_result(result)
            if on_chunk is not None:
                on_chunk(len(result.rows))
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
    on_game: Callable[[GameRow], None] | None = None,
    on_chunk: Callable[[int], None] | None = None,
) -> BatchTotals:
    """Play ``games`` games of ``compiled`` with the bots in ``kinds`` (actor -> kind) and total them.

    ``executor`` is one of :data:`~game.batch.executors.EXECUTOR_KINDS`; ``on_game`` sees every
    game's row in game order (e.g. to write ``games.csv``).
    """
    spec = BatchSpec.create(compiled.scenario, kinds, seed, games, snapshots)
    remember(spec, compiled)
    totals = BatchTotals(compiled, kinds)

    def handle(result: ChunkResult) -> None:
        totals.merge(result.counts)
        if on_game is not None:
            for game_row in result.rows:
                on_game(game_row)

    pool = make_executor(executor, jobs, spec, address)
    finished = False
    try:
        run_batch(spec, pool, handle, jobs, on_chunk)
        finished = True
    finally:
        pool.shutdown(wait=finished)
    return totals

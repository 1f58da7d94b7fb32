"""The code that runs in a worker process: compile once, then play chunks of games.

Works the same under every executor: the process pool calls :func:`init_worker`
as its initializer so each worker compiles the scenario once before its first
chunk; executors without an initializer (Dask, Ray) compile on the first
chunk instead, as :func:`compiled_for` caches per process.
"""

from __future__ import annotations

import gc
from typing import NamedTuple

from game.batch.seeds import game_seed
from game.batch.spec import BatchSpec
from game.batch.summary import GameRow
from game.batch.tally import ChunkTally
from game.batch.totals import Counts
from game.engine import CompiledScenario, compile_scenario
from game.scenario.models import Scenario

_COMPILED: dict[str, CompiledScenario] = {}
"""Scenario key -> compiled scenario, per process (a worker keeps the last few)."""
_KEEP = 4


def compiled_for(spec: BatchSpec) -> CompiledScenario:
    """The compiled scenario of ``spec``, compiled at most once per process."""
    compiled = _COMPILED.get(spec.scenario_key)
    if compiled is None:
        if len(_COMPILED) >= _KEEP:
            _COMPILED.clear()
        compiled = compile_scenario(Scenario.model_validate_json(spec.scenario_json))
        _COMPILED[spec.scenario_key] = compiled
    return compiled


def remember(spec: BatchSpec, compiled: CompiledScenario) -> None:
    """Reuse a scenario the calling process has already compiled (in-process executors)."""
    _COMPILED[spec.scenario_key] = compiled


def init_worker(spec: BatchSpec) -> None:
    """In-process initializer: compile the scenario before the first chunk arrives."""
    compiled_for(spec)


def init_pool_worker(spec: BatchSpec) -> None:
    """Process-pool initializer: compile the scenario, then hide the worker's start-up heap from the collector.

    Everything alive then (the modules, the compiled scenario) lives as long as the worker, but every full
    collection walked all of it: the heuristic bots' memos, which live for a few decisions each, bring one
    about every 200 games, and each walked ~35,000 start-up objects (10-20 ms on a 2-core VM, about 6 % of
    a heuristic game). ``gc.freeze`` is for processes the batch owns: never called in the caller's process
    (the serial executor) or on a Dask or Ray worker."""
    compiled_for(spec)
    gc.collect()
    gc.freeze()


class ChunkResult(NamedTuple):
    """What a worker sends back for a chunk: a row per game, in order, and the chunk's counts."""

    rows: list[GameRow]
    counts: Counts


def run_chunk(spec: BatchSpec, start: int, stop: int) -> ChunkResult:
    """Play games ``start`` .. ``stop - 1`` of the batch; count them here, return rows and counts (no Game objects)."""
    compiled = compiled_for(spec)
    kinds = spec.kinds
    tally = ChunkTally(compiled, spec.snapshots)
    for index in range(start, stop):
        tally.play(kinds, index, game_seed(spec.seed, index))
    return ChunkResult(tally.rows, tally.counts())

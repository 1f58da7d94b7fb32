"""The benchmark machinery runs: the engine matches the plain-Python tutorial, and the figures are reported."""

from __future__ import annotations

from typing import Any

from game.batch.bench import batch_rate
from game.cli.bench import _engine_bench
from game.engine import CompiledScenario


def test_the_engine_benchmark_loads_and_its_gate_passes() -> None:
    module: Any = _engine_bench()
    assert module is not None, "benchmarks/engine_bench.py is part of the source checkout"
    result = module.run(games=20, check=40, repeat=1, validate=False)
    assert result.mismatches == [], "the engine and benchmarks/baseline_tutorial.py must end in the same state"
    lines = module.report(result)
    assert lines[0] == "equivalence: 40 seeds, 0 state-hash mismatches"
    assert any(line.startswith("tutorial, engine:") for line in lines)
    assert result.tutorial_engine.cpu > 0 and result.tutorial_baseline.cpu > 0


def test_batch_rate(tutorial: CompiledScenario) -> None:
    rate = batch_rate(tutorial, "random", 20, jobs=1)
    assert rate.games == 20 and rate.per_second > 0

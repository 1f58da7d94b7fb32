"""Engine benchmark: games per second of whole headless games with random bots.

Usage::

    python benchmarks/engine_bench.py [--games N] [--check N] [--repeat R] [--json FILE]

1. Equivalence gate: for seeds 0..check-1 the engine and the plain-Python tutorial
   (``benchmarks/baseline_tutorial.py``) must end in the same state hash
   (``game.engine.state_hash``: SHA-256 of the canonical JSON of the whole state,
   log included). Any difference stops the benchmark before a single timing counts.
2. Tutorial: games/s of the engine (``game.runner.play_game`` with ``RandomBot`` in
   each seat, bots and game created per game, no per-turn hashing) and of the
   baseline, on one process (one core), best of ``repeat`` runs; their ratio.
3. Every shipped scenario: engine games/s with random bots on one process.
4. ``parley validate SCENARIO`` as a whole command (``python -m game validate``,
   interpreter start included), best of 3.

Targets on the 2-core reference machine: >= 1,000 games/s per core on the tutorial,
the engine within 1.5x of the baseline (the two timed in alternating rounds), validate under 0.5 s.
Exit 1 if the gate fails.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import baseline_tutorial  # noqa: E402

from game.batch.bench import command_seconds  # noqa: E402
from game.engine import CompiledScenario, compile_scenario, state_hash  # noqa: E402
from game.paths import shipped_scenarios  # noqa: E402
from game.players import make_players  # noqa: E402
from game.runner import play_game  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402

TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
TARGET_PER_CORE = 1000.0
TARGET_RATIO = 1.5
TARGET_VALIDATE = 0.5


@dataclass(frozen=True)
class Rate:
    """Games per second by the wall clock and by this process's CPU time (the same on an idle machine)."""

    wall: float
    cpu: float


@dataclass(frozen=True)
class CommandTime:
    """A whole command: wall-clock seconds, and CPU seconds (user + system) of the child process."""

    wall: float
    cpu: float


@dataclass
class EngineBench:
    """Every figure of one benchmark run."""

    checked_seeds: int
    mismatches: list[int]
    load: float = 0.0
    """One-minute load average when the run started."""
    tutorial_engine: Rate = Rate(0.0, 0.0)
    tutorial_baseline: Rate = Rate(0.0, 0.0)
    scenarios: dict[str, Rate] = field(default_factory=dict)
    validate_seconds: dict[str, CommandTime] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        """How many times slower the engine is than the baseline (CPU time)."""
        return self.tutorial_baseline.cpu / self.tutorial_engine.cpu if self.tutorial_engine.cpu else float("inf")


def engine_game(compiled: CompiledScenario) -> Callable[[int], object]:
    """One whole engine game with random bots, as a function of the seed."""
    kinds = dict.fromkeys(compiled.actors, "random")

    def play(seed: int) -> object:
        return play_game(compiled, seed, make_players(kinds, seed), record=False).game

    return play


def rate(play: Callable[[int], object], games: int, repeat: int) -> Rate:
    """Best games/s over ``repeat`` runs of seeds 0..games-1, by wall clock and by CPU time."""
    return rates([play], games, repeat)[0]


def rates(plays: list[Callable[[int], object]], games: int, repeat: int) -> list[Rate]:
    """:func:`rate` of several ways to play, timed in alternating rounds (side by side: a busy spell of the
    machine slows them all, not one)."""
    wall = [float("inf")] * len(plays)
    cpu = [float("inf")] * len(plays)
    for _ in range(repeat):
        for i, play in enumerate(plays):
            started, started_cpu = time.perf_counter(), time.process_time()
            for seed in range(games):
                play(seed)
            wall[i] = min(wall[i], time.perf_counter() - started)
            cpu[i] = min(cpu[i], time.process_time() - started_cpu)
    return [Rate(games / w, games / c) for w, c in zip(wall, cpu, strict=True)]


def command_time(args: list[str], repeat: int = 3) -> CommandTime:
    """Best wall and CPU time of ``python -m game ARGS`` (interpreter start included)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = min(wall, command_seconds(args))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return CommandTime(wall, cpu)


def equivalence(compiled: CompiledScenario, seeds: int) -> list[int]:
    """Seeds whose final state differs between the engine and the baseline."""
    play = engine_game(compiled)
    bad = []
    for seed in range(seeds):
        game = play(seed)
        if state_hash(game.state) != state_hash(baseline_tutorial.play(seed)):  # type: ignore[attr-defined]
            bad.append(seed)
    return bad


def run(games: int = 2000, check: int = 1000, repeat: int = 3, validate: bool = True) -> EngineBench:
    """Gate, then time; figures for every shipped scenario."""
    tutorial = compile_scenario(load_scenario(TUTORIAL))
    result = EngineBench(check, equivalence(tutorial, check), load=os.getloadavg()[0])
    if result.mismatches:
        return result
    plays = [engine_game(tutorial), baseline_tutorial.play]
    result.tutorial_engine, result.tutorial_baseline = rates(plays, games, repeat)
    for path in shipped_scenarios():
        compiled = tutorial if path.resolve() == TUTORIAL.resolve() else compile_scenario(load_scenario(path))
        result.scenarios[path.stem] = rate(engine_game(compiled), max(100, games // 4), repeat)
        if validate:
            result.validate_seconds[path.stem] = command_time(["validate", str(path)])
    return result


def report(result: EngineBench) -> list[str]:
    """The figures as lines of text, each with its target."""
    lines = [f"equivalence: {result.checked_seeds} seeds, {len(result.mismatches)} state-hash mismatches"]
    if result.mismatches:
        lines.append(f"GATE FAILED: seeds {result.mismatches[:10]} differ; no timing reported")
        return lines

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    engine, baseline = result.tutorial_engine, result.tutorial_baseline
    lines.append(f"(load average {result.load:.2f} at the start; games/s by CPU time, wall clock in brackets)")
    lines.append(
        f"tutorial, engine:   {engine.cpu:8,.0f} games/s on one core [{engine.wall:,.0f}] "
        f"(target >= {TARGET_PER_CORE:,.0f}: {verdict(engine.cpu >= TARGET_PER_CORE)})"
    )
    lines.append(f"tutorial, baseline: {baseline.cpu:8,.0f} games/s [{baseline.wall:,.0f}] (plain Python, same draws)")
    lines.append(
        f"engine / baseline:  {result.ratio:8.2f}x slower (target <= {TARGET_RATIO:.1f}x: "
        f"{verdict(result.ratio <= TARGET_RATIO)})"
    )
    for name, games in result.scenarios.items():
        lines.append(f"{name:<24} {games.cpu:8,.0f} games/s [{games.wall:,.0f}] (random bots, one core)")
    for name, took in result.validate_seconds.items():
        lines.append(
            f"parley validate {name:<22} {took.wall:6.3f} s wall, {took.cpu:.3f} s CPU "
            f"(target < {TARGET_VALIDATE} s: {verdict(took.wall < TARGET_VALIDATE)})"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print (and optionally save) its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--games", type=int, default=2000, help="games per timing run (default 2000)")
    parser.add_argument("--check", type=int, default=1000, help="seeds in the equivalence gate (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs; the best counts (default 3)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    result = run(args.games, args.check, args.repeat)
    print("\n".join(report(result)))
    if args.json:
        data = {**asdict(result), "ratio": result.ratio}
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 1 if result.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())

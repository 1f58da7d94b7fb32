"""`parley bench`: the engine benchmark plus batch scaling, with the targets next to each figure.

1. The engine benchmark (``benchmarks/engine_bench.py`` of a source checkout): an
   equivalence gate against a plain-Python tutorial, then games/s per scenario and
   ``parley validate`` time.
2. Batch scaling on the article scenario with random bots: the ``--jobs 2`` rate over the
   one-process rate (target >= 1.8), the parent's peak memory as N grows (target: flat),
   and ``parley batch -n 5000 --jobs 2`` timed as a whole command (target < 10 s).

The machine's load average is printed first: figures taken on a busy machine are low.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from game.cli.errors import UserError

TARGET_SCALING = 1.8
TARGET_COMMAND = 10.0
COMMAND_GAMES = 5000


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser("bench", help="measure the engine and batch runs against their targets")
    parser.add_argument("--quick", action="store_true", help="smaller runs (a rough check, not the reference figures)")
    parser.add_argument("--skip-engine", action="store_true", help="skip the engine benchmark")
    parser.add_argument("--skip-batch", action="store_true", help="skip the batch scaling measurements")
    parser.add_argument("--scenario", metavar="FILE", help="scenario for the batch measurements (default: the article)")
    parser.set_defaults(handler=run)


def _engine_bench() -> ModuleType | None:
    """``benchmarks/engine_bench.py`` of the source checkout, if there is one."""
    path = Path(__file__).resolve().parent.parent.parent / "benchmarks" / "engine_bench.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("engine_bench", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def run(args: argparse.Namespace) -> int:
    """Run the measurements and print each figure with its target."""
    load = os.getloadavg()
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    status = 0
    if not args.skip_engine:
        module = _engine_bench()
        if module is None:
            print("engine benchmark: needs a source checkout (benchmarks/engine_bench.py); skipped")
        else:
            games, check, repeat = (400, 200, 1) if args.quick else (2000, 1000, 3)
            result: Any = module.run(games, check, repeat)
            print("\n".join(module.report(result)))
            status = 1 if result.mismatches else 0
    if not args.skip_batch:
        _batch(args)
    return status


def _batch(args: argparse.Namespace) -> None:
    from game.batch.bench import batch_rate, command_seconds, parent_peak_rss
    from game.cli.files import load_compiled
    from game.paths import shipped_scenarios

    scenario = args.scenario or str(next(iter(shipped_scenarios()), ""))
    if not scenario:
        raise UserError("bench: no shipped scenario found; pass --scenario FILE")
    compiled, _ = load_compiled(scenario)
    games = 1000 if args.quick else 4000
    one = batch_rate(compiled, "random", games, jobs=1)
    two = batch_rate(compiled, "random", games, jobs=2)
    ratio = two.per_second / one.per_second
    print(f"batch {compiled.meta.id}, random bots, {games} games:")
    print(f"  1 process:  {one.per_second:8,.0f} games/s ({one.seconds:.2f} s)")
    print(f"  2 processes:{two.per_second:8,.0f} games/s ({two.seconds:.2f} s)")
    print(f"  scaling: {ratio:.2f}x (target >= {TARGET_SCALING}: {'ok' if ratio >= TARGET_SCALING else 'MISSED'})")
    sizes = (500, 2000, 8000) if args.quick else (1000, 4000, 16000)
    peaks = [parent_peak_rss(scenario, "random", n, 2) for n in sizes]
    print(
        "  parent peak RSS (2 processes): "
        + ", ".join(f"N={n}: {kib / 1024:.1f} MiB" for n, kib in zip(sizes, peaks, strict=True))
    )
    growth = (peaks[-1] - peaks[0]) / 1024
    print(f"  growth from N={sizes[0]} to N={sizes[-1]}: {growth:+.1f} MiB (target: flat)")
    with tempfile.TemporaryDirectory() as folder:
        count = 1000 if args.quick else COMMAND_GAMES
        argv = ["batch", scenario, "-n", str(count), "--jobs", "2", "--players", "random", "--quiet", "--out", folder]
        seconds = command_seconds(argv)
    verdict = "ok" if seconds < TARGET_COMMAND * count / COMMAND_GAMES else "MISSED"
    print(f"  `parley {' '.join(argv[:-1])} DIR` as a whole command: {seconds:.2f} s "
          f"(target < {TARGET_COMMAND * count / COMMAND_GAMES:.0f} s: {verdict})")  # fmt: skip
    sys.stdout.flush()

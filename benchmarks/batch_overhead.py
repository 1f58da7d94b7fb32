"""Batch bookkeeping: CPU time of a batch (summaries, counts, totals) against playing the same games plainly.

Usage::

    python benchmarks/batch_overhead.py [SCENARIO] [-n 200] [--kinds heuristic,random] [--repeat 5]

For each bot kind: (a) the batch's games played with :func:`game.runner.play_game` (``record=False``,
no summary), (b) the same games through :func:`game.batch.run.play_batch` on the in-process serial
executor (every game counted and totalled, as ``parley batch`` does), (c) the same games played quiet
(no log, as a batch plays them) with nothing counted. All are timed side by side in each round (CPU
time); medians over the rounds; the overhead is (b) / (a) - 1, and (b) / (c) - 1 is the counting alone.
Target (issue 10): <= 5 %.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.batch.run import play_batch  # noqa: E402
from game.batch.seeds import game_seed  # noqa: E402
from game.engine import CompiledScenario, Game, compile_scenario  # noqa: E402
from game.engine.driver import drive  # noqa: E402
from game.players import make_players  # noqa: E402
from game.runner import play_game  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402

ARTICLE = ROOT / "scenarios" / "pyongyang_summit.yaml"
SEED = 1


def plain(compiled: CompiledScenario, kind: str, games: int) -> float:
    """CPU seconds to play the batch's games with the plain runner."""
    kinds = dict.fromkeys(compiled.actors, kind)
    started = time.process_time()
    for index in range(games):
        seed = game_seed(SEED, index)
        play_game(compiled, seed, make_players(kinds, seed), record=False)
    return time.process_time() - started


def quiet(compiled: CompiledScenario, kind: str, games: int) -> float:
    """CPU seconds to play the same games quiet (no log), as a batch plays them, with nothing counted."""
    kinds = dict.fromkeys(compiled.actors, kind)
    started = time.process_time()
    for index in range(games):
        seed = game_seed(SEED, index)
        game = Game(compiled, seed)
        game.quiet = True
        drive(game, make_players(kinds, seed))
    return time.process_time() - started


def batch(compiled: CompiledScenario, kind: str, games: int) -> float:
    """CPU seconds of the same games as a batch (serial executor, summaries and totals)."""
    started = time.process_time()
    play_batch(compiled, dict.fromkeys(compiled.actors, kind), SEED, games, executor="serial").summary()
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    """Time both side by side and print the overhead per bot kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("scenario", nargs="?", type=Path, default=ARTICLE)
    parser.add_argument("-n", type=int, default=200, help="games per round")
    parser.add_argument("--kinds", default="heuristic,random")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    compiled = compile_scenario(load_scenario(args.scenario))
    for kind in args.kinds.split(","):
        plains, batches, quiets = [], [], []
        for _ in range(args.repeat):
            plains.append(plain(compiled, kind, args.n))
            batches.append(batch(compiled, kind, args.n))
            quiets.append(quiet(compiled, kind, args.n))
        a, b, q = statistics.median(plains), statistics.median(batches), statistics.median(quiets)
        verdict = "ok" if b / a - 1 <= 0.05 else "MISSED"
        print(f"{args.scenario.name} {kind:<10} plain {a / args.n * 1000:7.3f} ms/game, batch {b / args.n * 1000:7.3f}"
              f" ms/game: bookkeeping {100 * (b / a - 1):+5.1f} % (target <= 5 %: {verdict}); the same games quiet"
              f" with nothing counted {q / args.n * 1000:7.3f} ms/game (counting alone: {100 * (b / q - 1):+5.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

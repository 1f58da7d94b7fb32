"""Bot cost: CPU time of a whole game with heuristic and lookahead bots, as a multiple of a random-bot game.

Usage::

    python benchmarks/bot_bench.py [SCENARIO] [--repeat 5] [--random 400] [--heuristic 100] [--lookahead 4]

Every seat gets the same bot kind; games are played with :func:`game.runner.play_game`
(``record=False``), seeds 0..n-1. The kinds are timed side by side in each of ``repeat``
rounds (CPU time of this process, so other load on a shared machine matters less), and
the median per-game time of each kind over the rounds is reported, with the ratios.
Targets (issue 10): heuristic <= 5x random, lookahead <= 150x random.
Default scenario: the article scenario. Check ``benchmarks/equivalence.py`` first: timings
count only when the games are identical.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import CompiledScenario, compile_scenario  # noqa: E402
from game.players import make_players  # noqa: E402
from game.runner import play_game  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402

ARTICLE = ROOT / "scenarios" / "pyongyang_summit.yaml"
TARGETS = {"heuristic": 5.0, "lookahead": 150.0}


def per_game(compiled: CompiledScenario, kind: str, games: int) -> float:
    """CPU seconds per game of ``games`` games with ``kind`` bots in every seat."""
    kinds = dict.fromkeys(compiled.actors, kind)
    started = time.process_time()
    for seed in range(games):
        play_game(compiled, seed, make_players(kinds, seed), record=False)
    return (time.process_time() - started) / games


def main(argv: list[str] | None = None) -> int:
    """Time the bot kinds side by side and print the medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("scenario", nargs="?", type=Path, default=ARTICLE)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--random", type=int, default=400, help="random-bot games per round")
    parser.add_argument("--heuristic", type=int, default=100, help="heuristic-bot games per round")
    parser.add_argument("--lookahead", type=int, default=4, help="lookahead-bot games per round (0: skip)")
    args = parser.parse_args(argv)
    compiled = compile_scenario(load_scenario(args.scenario))
    counts = {"random": args.random, "heuristic": args.heuristic, "lookahead": args.lookahead}
    counts = {kind: n for kind, n in counts.items() if n > 0}
    times: dict[str, list[float]] = {kind: [] for kind in counts}
    for _ in range(args.repeat):
        for kind, n in counts.items():
            times[kind].append(per_game(compiled, kind, n))
    medians = {kind: statistics.median(t) for kind, t in times.items()}
    print(f"{args.scenario.name}: median CPU ms per game over {args.repeat} rounds")
    for kind, median in medians.items():
        line = f"  {kind:<10} {median * 1000:9.2f} ms"
        if kind in TARGETS:
            ratio = median / medians["random"]
            verdict = "ok" if ratio <= TARGETS[kind] else "MISSED"
            line += f"  = {ratio:7.1f}x random (target <= {TARGETS[kind]:.0f}x: {verdict})"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Instructions per game under callgrind: a deterministic figure for comparing two versions on a noisy machine.

Usage::

    python benchmarks/bot_instructions.py [SCENARIO] [--kinds random,heuristic] [--games 100]

For each bot kind, the games (seeds 0..n-1, every seat that kind, :func:`game.runner.play_game` with
``record=False``, as ``bot_bench.py`` plays them) run in a child process under ``valgrind --tool=callgrind``,
and so does a child that plays none; the difference, divided by the games, is the figure. The hash seed is
fixed (``PYTHONHASHSEED=0``) so set and dict orders do not move the count (unfixed, runs vary by ~0.3 %).
Instructions are not time (memory and the garbage collector weigh on time more than on instructions), but
they tell which of two versions does less work, whatever else runs on the machine; time the result with
``bot_bench.py``. The first games also pay one-off costs (writing the bots' fused functions). Needs valgrind.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "scenarios" / "pyongyang_summit.yaml"
PLAY = """
import sys
from game.engine import compile_scenario
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import load_scenario
compiled = compile_scenario(load_scenario(sys.argv[1]))
kinds = dict.fromkeys(compiled.actors, sys.argv[2])
for seed in range(int(sys.argv[3])):
    play_game(compiled, seed, make_players(kinds, seed), record=False)
"""


def instructions(scenario: Path, kind: str, games: int) -> int:
    """Instructions callgrind counts for a child process that plays ``games`` games."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT)}
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", PLAY]
    done = subprocess.run(
        [*command, str(scenario), kind, str(games)], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no count: {done.stderr[-500:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    """Print instructions per game of each kind, and each kind's multiple of the first."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("scenario", nargs="?", type=Path, default=ARTICLE)
    parser.add_argument("--kinds", default="random,heuristic")
    parser.add_argument("--games", type=int, default=100)
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("bot_instructions: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    scenario = args.scenario.resolve()
    per_game: dict[str, float] = {}
    for kind in args.kinds.split(","):
        start_up = instructions(scenario, kind, 0)
        per_game[kind] = (instructions(scenario, kind, args.games) - start_up) / args.games
    first = next(iter(per_game.values()))
    print(f"{scenario.name}: instructions per game over {args.games} games (callgrind, PYTHONHASHSEED=0)")
    for kind, count in per_game.items():
        print(f"  {kind:<10} {count:14,.0f}  = {count / first:5.2f}x {next(iter(per_game))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

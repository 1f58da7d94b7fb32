"""Equivalence gate for optimisations: final state hashes of many seeded games, recorded once, checked after.

Usage::

    python benchmarks/equivalence.py record FILE [--seeds 200] [--lookahead-seeds 20]
    python benchmarks/equivalence.py check FILE [--jobs 1]

``record`` plays, for every shipped scenario and every bot kind (every seat the same kind),
seeds 0..N-1 with :func:`game.runner.play_game` and writes each game's final state hash
(SHA-256 of the canonical JSON of the whole state: log, bots' reasons and history included)
to FILE. ``check`` plays the same games with the code as it is now and exits 1 at any hash
that differs, listing the first few. Record the file before an optimisation (outside the
repository or as a fixture) and check it after: timing counts only with identical games.
Lookahead bots are slow, so they get fewer seeds (``--lookahead-seeds``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import CompiledScenario, compile_scenario, state_hash  # noqa: E402
from game.paths import shipped_scenarios  # noqa: E402
from game.players import make_players  # noqa: E402
from game.runner import play_game  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402

KINDS = ("random", "heuristic", "lookahead")


def final_hash(compiled: CompiledScenario, kind: str, seed: int) -> str:
    """The final state hash of one game with ``kind`` bots in every seat."""
    players = make_players(dict.fromkeys(compiled.actors, kind), seed)
    return state_hash(play_game(compiled, seed, players, record=False).game.state)


def record(seeds: int, lookahead_seeds: int) -> dict[str, dict[str, list[str]]]:
    """scenario stem -> bot kind -> final hash of seeds 0..n-1."""
    out: dict[str, dict[str, list[str]]] = {}
    for path in shipped_scenarios():
        compiled = compile_scenario(load_scenario(path))
        out[path.stem] = {}
        for kind in KINDS:
            n = lookahead_seeds if kind == "lookahead" else seeds
            started = time.process_time()
            out[path.stem][kind] = [final_hash(compiled, kind, seed) for seed in range(n)]
            print(f"{path.stem} {kind}: {n} games in {time.process_time() - started:.1f} s CPU", file=sys.stderr)
    return out


def check(
    recorded: dict[str, dict[str, list[str]]], limit: int | None = None, kinds: tuple[str, ...] = KINDS
) -> list[str]:
    """Every (scenario, kind, seed) whose final hash differs from the recorded one (the first ``limit`` seeds)."""
    bad: list[str] = []
    paths = {p.stem: p for p in shipped_scenarios()}
    for stem, by_kind in recorded.items():
        compiled = compile_scenario(load_scenario(paths[stem]))
        for kind, all_hashes in by_kind.items():
            if kind not in kinds:
                continue
            hashes = all_hashes[:limit]
            started = time.process_time()
            for seed, expected in enumerate(hashes):
                if final_hash(compiled, kind, seed) != expected:
                    bad.append(f"{stem} {kind} seed {seed}")
            print(f"{stem} {kind}: {len(hashes)} games in {time.process_time() - started:.1f} s CPU", file=sys.stderr)
    return bad


def main(argv: list[str] | None = None) -> int:
    """Record or check the hashes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("action", choices=("record", "check"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--seeds", type=int, default=200, help="seeds per scenario for random and heuristic bots")
    parser.add_argument("--lookahead-seeds", type=int, default=20, help="seeds per scenario for lookahead bots")
    parser.add_argument("--limit", type=int, help="check only the first N recorded seeds of each kind")
    parser.add_argument("--kinds", default=",".join(KINDS), help="bot kinds to check (default: all)")
    args = parser.parse_args(argv)
    if args.action == "record":
        data = record(args.seeds, args.lookahead_seeds)
        args.file.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"recorded {sum(len(h) for k in data.values() for h in k.values())} games to {args.file}")
        return 0
    bad = check(json.loads(args.file.read_text(encoding="utf-8")), args.limit, tuple(args.kinds.split(",")))
    if bad:
        print(f"GATE FAILED: {len(bad)} games differ, e.g. {', '.join(bad[:5])}")
        return 1
    print("equivalence: every game has its recorded final state hash")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Regenerate the golden playthroughs in tests/golden/.

Usage::

    python benchmarks/update_golden.py            # rewrite every tests/golden/<scenario>_seed<N>.json
    python benchmarks/update_golden.py FILE...    # rewrite only these golden files

A golden file ``tests/golden/<scenario>_seed<N>.json`` records one game of
``scenarios/<scenario>.yaml`` played with seed N and heuristic bots in every seat:
every decision (with the bot's stated reason), the state hash after every turn, the
result and the final state hash. The tests replay the game and compare. Regenerate
only after a deliberate change to the scenario, the engine or the bots, and read the
diff of the golden file before committing it: it shows exactly which choices changed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import canonical_json, compile_scenario  # noqa: E402
from game.players import make_players, parse_players  # noqa: E402
from game.runner import play_game  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402

GOLDEN_DIR = ROOT / "tests" / "golden"
GOLDEN_NAME = re.compile(r"^(?P<scenario>[a-z][a-z0-9_]*)_seed(?P<seed>\d+)\.json$")
PLAYERS = "heuristic"


def golden_target(file: Path) -> tuple[Path, int]:
    """The scenario file and seed a golden file name stands for."""
    match = GOLDEN_NAME.match(file.name)
    if match is None:
        raise ValueError(f"{file.name}: a golden file is named <scenario>_seed<N>.json")
    return ROOT / "scenarios" / f"{match['scenario']}.yaml", int(match["seed"])


def golden_document(scenario_path: Path, seed: int) -> dict[str, Any]:
    """Play the game and return what the golden file stores."""
    compiled = compile_scenario(load_scenario(scenario_path))
    kinds = parse_players(PLAYERS, compiled.actors)
    played = play_game(compiled, seed, make_players(kinds, seed))
    game = played.game
    return {
        "scenario": compiled.meta.id,
        "seed": seed,
        "players": kinds,
        "decisions": game.decisions,
        "turn_hashes": [turn.hash for turn in played.turns],
        "result": game.state["result"],
        "final_hash": game.state_hash(),
    }


def render(document: dict[str, Any]) -> str:
    """The golden file's text: indented JSON with sorted keys, one decision per block, for readable diffs."""
    return json.dumps(json.loads(canonical_json(document)), indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    """Rewrite the named golden files (default: all of them)."""
    files = [Path(a) for a in argv] or sorted(GOLDEN_DIR.glob("*_seed*.json"))
    if not files:
        print(f"no golden files in {GOLDEN_DIR}; name one, e.g. tests/golden/pyongyang_summit_seed1.json")
        return 1
    for file in files:
        scenario_path, seed = golden_target(file)
        document = golden_document(scenario_path, seed)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(render(document), encoding="utf-8")
        result = document["result"]
        print(
            f"{file}: {len(document['decisions'])} decisions, ending {result['ending']!r}, "
            f"final state {document['final_hash'][:12]}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Seeded games across the shipped scenarios with random and heuristic bots: invariants hold, logs replay exactly.

The default run plays a few dozen games; ``pytest -m slow`` plays 10,000 (``PARLEY_SWEEP=N`` changes it).
"""

from __future__ import annotations

import os

import pytest

from game.engine import CompiledScenario, Game
from game.players import make_players
from game.runner import log_document, play_game, replay_decisions
from tests.conftest import SHIPPED, compiled

SWEEP = int(os.environ.get("PARLEY_SWEEP", "10000"))
HEURISTIC_SHARE = 10
"""One game in this many uses heuristic bots (they are about 25 times slower than random ones)."""


def _check_state(game: Game) -> None:
    compiled = game.compiled
    state = game.state
    for ref, value in state["vars"].items():
        low, high = compiled.bounds[ref]
        assert isinstance(value, int) and low <= value <= high, (ref, value)
    for track_id, current in state["tracks"].items():
        assert current in compiled.tracks[track_id].track.states, (track_id, current)
    for actor, score in state["scores"].items():
        assert isinstance(score, int) and abs(score) < 10**12, (actor, score)


def play_and_replay(scenario: CompiledScenario, seed: int, kind: str) -> str:
    """One game with invariants checked every turn; its log must replay to the same hashes."""
    players = make_players(dict.fromkeys(scenario.actors, kind), seed)
    played = play_game(scenario, seed, players, on_turn=_check_state)
    assert played.game.is_over()
    document = log_document(played, "x.yaml", "", dict.fromkeys(scenario.actors, kind))
    replayed = replay_decisions(scenario, seed, document["decisions"])
    assert [t.hash for t in replayed.turns] == [t["hash"] for t in document["turns"]]
    assert replayed.game.state_hash() == document["final_hash"]
    return document["final_hash"]


def _sweep(games: int) -> dict[str, int]:
    scenarios = [compiled(p) for p in SHIPPED]
    counts: dict[str, int] = {}
    for number in range(games):
        scenario = scenarios[number % len(scenarios)]
        kind = "heuristic" if number % HEURISTIC_SHARE == 0 else "random"
        play_and_replay(scenario, 1000 + number, kind)
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def test_a_few_dozen_seeded_games_keep_every_invariant() -> None:
    assert _sweep(40) == {"heuristic": 4, "random": 36}


@pytest.mark.slow
def test_ten_thousand_seeded_games_keep_every_invariant() -> None:
    counts = _sweep(SWEEP)
    assert sum(counts.values()) == SWEEP

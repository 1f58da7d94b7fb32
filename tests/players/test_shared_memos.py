"""Heuristic bots on threads share their memos, valuations and projection memos, and play the games they play
one by one (the shared work is added whole, so a thread at worst works something out twice)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from game.engine import CompiledScenario, compile_scenario, state_hash
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import load_scenario
from tests.conftest import ROOT

GAMES = 48
THREADS = 6


@pytest.fixture
def busy_switching() -> Iterator[None]:
    """Let the interpreter switch threads every microsecond (the default is every 5 ms)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _final_hash(scenario: CompiledScenario, seed: int) -> str:
    players = make_players(dict.fromkeys(scenario.actors, "heuristic"), seed)
    return state_hash(play_game(scenario, seed, players, record=False).game.state)


def test_heuristic_bots_on_threads_play_the_games_they_play_alone(busy_switching: None) -> None:
    loaded = load_scenario(ROOT / "scenarios" / "pyongyang_summit.yaml")
    shared = compile_scenario(loaded)  # its own memos, worked out by the threads together
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        threaded = list(pool.map(lambda seed: _final_hash(shared, seed), range(GAMES)))
    alone = compile_scenario(loaded)
    assert threaded == [_final_hash(alone, seed) for seed in range(GAMES)]

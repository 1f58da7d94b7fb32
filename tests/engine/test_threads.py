"""Games on threads that share one compiled scenario play exactly the games they play one by one.

A compiled scenario is immutable: its phase flow and track transitions are tables read from their
``transitions`` machines once, so no game writes to anything another game reads. Before, every
track's machine drove one shared model object, and 8 threads x 200 games gave 6 state-hash
mismatches. The test makes the threads switch very often so that a shared write would show.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from game.engine import CompiledScenario, state_hash
from game.players import make_players
from game.runner import play_game
from tests.conftest import ROOT, compiled

ARTICLE = ROOT / "scenarios" / "pyongyang_summit.yaml"
GAMES = 200
THREADS = 8


@pytest.fixture
def busy_switching() -> Iterator[None]:
    """Let the interpreter switch threads every microsecond (the default is every 5 ms)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def final_hash(scenario: CompiledScenario, seed: int) -> str:
    """Final state hash of a random-bot game (random bots reach the most track transitions per second)."""
    players = make_players(dict.fromkeys(scenario.actors, "random"), seed)
    return state_hash(play_game(scenario, seed, players, record=False).game.state)


def test_eight_threads_play_the_same_games_as_one(busy_switching: None) -> None:
    scenario = compiled(ARTICLE)
    sequential = [final_hash(scenario, seed) for seed in range(GAMES)]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        threaded = list(pool.map(lambda seed: final_hash(scenario, seed), range(GAMES)))
    mismatches = [seed for seed, (a, b) in enumerate(zip(sequential, threaded, strict=True)) if a != b]
    assert not mismatches, f"{len(mismatches)} of {GAMES} games differ on threads, e.g. seed {mismatches[0]}"

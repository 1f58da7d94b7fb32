"""Shared test helpers: the shipped scenarios, compiled once per session."""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.engine import CompiledScenario, Game, compile_scenario, state_hash
from game.engine.driver import drive
from game.paths import shipped_scenarios
from game.players import make_players
from game.runner import play_game
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


@functools.cache
def compiled(path: Path) -> CompiledScenario:
    """Load and compile a scenario once per test session."""
    return compile_scenario(load_scenario(path))


@pytest.fixture
def tutorial() -> CompiledScenario:
    """The compiled tutorial scenario."""
    return compiled(TUTORIAL)


SHIPPED = shipped_scenarios()
SHIPPED_IDS = [p.stem for p in SHIPPED]


def final_hash(scenario: CompiledScenario, seed: int, kind: str) -> str:
    """The final state hash of one game with ``kind`` bots in every seat (no turn records kept)."""
    players = make_players(dict.fromkeys(scenario.actors, kind), seed)
    return state_hash(play_game(scenario, seed, players, record=False).game.state)


@pytest.fixture
def busy_switching() -> Iterator[None]:
    """Let the interpreter switch threads every microsecond (the default is every 5 ms): races show sooner."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def turn_starts(scenario: CompiledScenario, seeds: range, kind: str = "random") -> Iterator[tuple[int, Game]]:
    """(seed, the game) at the start of every turn of games with ``kind`` bots in every seat. The game is the live
    one: read or copy it, never play it; asking for the next item plays it on one turn."""
    for seed in seeds:
        game = Game(scenario, seed)
        game.advance()
        players = make_players(dict.fromkeys(scenario.actors, kind), seed)
        while not game.is_over():
            yield seed, game
            drive(game, players, turns=1)

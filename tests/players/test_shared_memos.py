"""Heuristic bots on threads share their memos, valuations and projection memos, and play the games they play
one by one (the shared work is added whole, so a thread at worst works something out twice)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from game.engine import compile_scenario
from game.scenario.loader import load_scenario
from tests.conftest import ROOT, final_hash

GAMES = 48
THREADS = 6


def test_heuristic_bots_on_threads_play_the_games_they_play_alone(busy_switching: None) -> None:
    loaded = load_scenario(ROOT / "scenarios" / "pyongyang_summit.yaml")
    shared = compile_scenario(loaded)  # its own memos, worked out by the threads together
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        threaded = list(pool.map(lambda seed: final_hash(shared, seed, "heuristic"), range(GAMES)))
    alone = compile_scenario(loaded)
    assert threaded == [final_hash(alone, seed, "heuristic") for seed in range(GAMES)]

"""Games on threads that share one compiled scenario play exactly the games they play one by one.

A compiled scenario is immutable: its phase flow and track transitions are tables read from their
``transitions`` machines once, so no game writes to anything another game reads. Before, every
track's machine drove one shared model object, and 8 threads x 200 games gave 6 state-hash
mismatches. The test makes the threads switch very often so that a shared write would show. Heuristic bots
share more: the digests of the effect lists their trials try (:class:`game.engine.outlook.Trial`), kept per
scenario.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from game.engine import compile_scenario
from game.scenario.loader import load_scenario
from tests.conftest import ROOT, final_hash

ARTICLE = ROOT / "scenarios" / "pyongyang_summit.yaml"
THREADS = 8


@pytest.mark.parametrize(("bots", "games"), [("random", 200), ("heuristic", 100)])
def test_eight_threads_play_the_same_games_as_one(busy_switching: None, bots: str, games: int) -> None:
    """Random bots reach the most track transitions a second; heuristic bots try effect lists on trials."""
    scenario = compile_scenario(load_scenario(ARTICLE))  # a fresh scenario: its trials' digests start empty
    sequential = [final_hash(scenario, seed, bots) for seed in range(games)]
    scenario = compile_scenario(load_scenario(ARTICLE))  # the threads start from empty digests too
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        threaded = list(pool.map(lambda seed: final_hash(scenario, seed, bots), range(games)))
    mismatches = [seed for seed, (a, b) in enumerate(zip(sequential, threaded, strict=True)) if a != b]
    assert not mismatches, f"{len(mismatches)} of {games} games differ on threads, e.g. seed {mismatches[0]}"

"""Games on threads that share one compiled scenario play exactly the games they play one by one.

A compiled scenario is immutable: its phase flow and track transitions are tables read from their
``transitions`` machines once, so no game writes to anything another game reads. Before, every
track's machine drove one shared model object, and 8 threads x 200 games gave 6 state-hash
mismatches. The test makes the threads switch very often so that a shared write would show.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.conftest import ROOT, compiled, final_hash

ARTICLE = ROOT / "scenarios" / "pyongyang_summit.yaml"
GAMES = 200
THREADS = 8
BOTS = "random"
"""Random bots reach the most track transitions a second."""


def test_eight_threads_play_the_same_games_as_one(busy_switching: None) -> None:
    scenario = compiled(ARTICLE)
    sequential = [final_hash(scenario, seed, BOTS) for seed in range(GAMES)]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        threaded = list(pool.map(lambda seed: final_hash(scenario, seed, BOTS), range(GAMES)))
    mismatches = [seed for seed, (a, b) in enumerate(zip(sequential, threaded, strict=True)) if a != b]
    assert not mismatches, f"{len(mismatches)} of {GAMES} games differ on threads, e.g. seed {mismatches[0]}"

"""The bots: legal, deterministic for a seed, and the heuristic explains itself."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import PASS, Answer, Game, Move
from game.players import PlayerSpecError, make_players, parse_players
from game.players.heuristic import HeuristicBot
from game.runner import play_game, replay_decisions
from tests.conftest import TUTORIAL, compiled


def test_parse_players() -> None:
    actors = ["upland", "lowland"]
    assert parse_players("random", actors) == {"upland": "random", "lowland": "random"}
    assert parse_players("lowland=random", actors) == {"upland": "heuristic", "lowland": "random"}
    with pytest.raises(PlayerSpecError, match="did you mean 'upland'"):
        parse_players("uplands=random", actors)
    with pytest.raises(PlayerSpecError, match="ACTOR=KIND"):
        parse_players("upland=", actors)


def test_heuristic_accepts_a_deal_it_needs_and_says_why(tutorial) -> None:  # type: ignore[no-untyped-def]
    game = Game(tutorial, 1)
    game.advance()
    game.state["vars"]["lowland.water"] = 20
    game.submit(Move("upland", "sell_water", "lowland"))
    game.submit(Move("lowland", PASS))
    game.advance()
    decision, reason = HeuristicBot(random.Random(1)).decide(game, "lowland")
    assert isinstance(decision, Answer) and decision.accept
    assert reason is not None and reason.startswith("accepted: water below 30")
    assert "+15 water" in reason


def test_heuristic_rejects_a_deal_that_costs_it(tutorial) -> None:  # type: ignore[no-untyped-def]
    game = Game(tutorial, 1)
    game.advance()
    game.state["vars"]["upland.money"] = 90
    game.state["vars"]["upland.reservoir"] = 20
    game.submit(Move("upland", PASS))
    game.submit(Move("lowland", "buy_water", "upland"))
    game.advance()
    bot = HeuristicBot(random.Random(1))
    decision, reason = bot.decide(game, "upland")
    assert isinstance(decision, Answer)
    assert reason is not None and reason.startswith(("accepted", "rejected"))


def test_heuristic_scores_more_than_random_in_the_same_seat(tutorial) -> None:  # type: ignore[no-untyped-def]
    """Against random opponents, each seat scores more when a heuristic bot plays it than a random one."""
    for seat in tutorial.actors:
        totals = {"heuristic": 0, "random": 0}
        for seed in range(60):
            for kind in totals:
                kinds = {a: (kind if a == seat else "random") for a in tutorial.actors}
                game = play_game(tutorial, seed, make_players(kinds, seed), record=False).game
                totals[kind] += game.state["scores"][seat]
        assert totals["heuristic"] > 1.3 * totals["random"], (seat, totals)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), choices=st.lists(st.integers(0, 1000), min_size=1, max_size=200))
def test_any_legal_sequence_keeps_invariants_and_replays(seed: int, choices: list[int]) -> None:
    """Property: whatever legal decisions are made, bounds hold, and replaying them gives the same state."""
    tutorial = compiled(TUTORIAL)
    game = Game(tutorial, seed)
    game.advance()
    picks = iter(choices)
    while not game.is_over():
        actor = game.awaiting()[0]
        legal = game.legal_decisions(actor)
        game.submit(legal[next(picks, 0) % len(legal)])
        if not game.awaiting():
            game.advance()
        for ref, value in game.state["vars"].items():
            low, high = tutorial.bounds[ref]
            assert low <= value <= high
    assert replay_decisions(tutorial, seed, game.decisions).game.state_hash() == game.state_hash()

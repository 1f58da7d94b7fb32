"""The lookahead bot: legal, deterministic, explained, and blind to what it may not know."""

from __future__ import annotations

import random

from game.engine import CompiledScenario, Game, Move
from game.players import BOT_KINDS, make_players
from game.players.lookahead import LookaheadBot
from game.runner import play_game


def test_registered() -> None:
    assert BOT_KINDS["lookahead"] is LookaheadBot


def test_deterministic_and_explained(tutorial: CompiledScenario) -> None:
    kinds = {"upland": "lookahead", "lowland": "heuristic"}
    first = play_game(tutorial, 11, make_players(kinds, 11)).game
    second = play_game(tutorial, 11, make_players(kinds, 11)).game
    assert first.state_hash() == second.state_hash()
    assert first.decisions == second.decisions
    moves = [d for d in first.decisions if d["actor"] == "upland" and d["kind"] == "move"]
    assert moves and all(d.get("reason") for d in moves)
    assert any("rollouts" in d["reason"] for d in moves)


def test_deciding_leaves_the_game_untouched(tutorial: CompiledScenario) -> None:
    game = Game(tutorial, 5)
    game.advance()
    before = (game.state_hash(), game.rng.getstate(), list(game.decisions))
    decision, reason = LookaheadBot(random.Random(1)).decide(game, "upland")
    assert decision in game.legal_decisions("upland") and reason
    assert (game.state_hash(), game.rng.getstate(), list(game.decisions)) == before


def test_it_does_not_see_orders_given_before_it_this_turn(tutorial: CompiledScenario) -> None:
    game = Game(tutorial, 5)
    game.advance()
    game.submit(Move("upland", "divert_river"))  # secret until resolution
    bot = LookaheadBot(random.Random(1))
    known = bot.known_state(game, "lowland")
    assert known.state["orders"]["upland"] == []
    assert known.turn == game.turn and known.state["vars"] == game.state["vars"]
    # its own orders are known to it
    game2 = Game(tutorial, 6)
    game2.advance()
    game2.submit(Move("upland", "sell_power"))
    assert [o["move"] for o in bot.known_state(game2, "upland").state["orders"]["upland"]] == ["sell_power"]


def test_budget_is_configurable(tutorial: CompiledScenario) -> None:
    game = Game(tutorial, 2)
    game.advance()
    small = LookaheadBot(random.Random(3), rollouts=1, horizon=1).decide(game, "lowland")
    deep = LookaheadBot(random.Random(3), rollouts=2, horizon=2).decide(game, "lowland")
    assert "1 rollouts of 1 turn" in (small[1] or "") and "2 rollouts of 2 turns" in (deep[1] or "")

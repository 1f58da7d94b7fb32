"""Every shipped scenario plays 200 seeded games with each bot to the end, within every bound."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import Game, IllegalDecision
from game.players import make_players, parse_players
from game.runner import play_game
from tests.conftest import SHIPPED, SHIPPED_IDS, compiled

GAMES = 200


def check_bounds(game: Game) -> None:
    for ref, value in game.state["vars"].items():
        low, high = game.compiled.bounds[ref]
        assert low <= value <= high, f"{ref} = {value} outside [{low}, {high}] on turn {game.turn}"
    for tid, current in game.state["tracks"].items():
        assert current in game.compiled.tracks[tid].states


@pytest.mark.parametrize("kind", ["random", "heuristic"])
@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_many_games_play_to_the_end(path: Path, kind: str) -> None:
    scenario = compiled(path)
    endings = set()
    for seed in range(GAMES):
        players = make_players(parse_players(kind, scenario.actors), seed)
        played = play_game(scenario, seed, players, on_turn=check_bounds, record=False)
        game = played.game
        assert game.is_over()
        result = game.state["result"]
        assert result["winners"], "somebody must win (ties are shared)"
        assert 1 <= result["turn"] <= scenario.turns
        assert len(game.state["history"]) == result["turn"]
        endings.add(result["ending"])
    assert endings


def test_legal_decisions_are_always_accepted_and_others_refused(tutorial) -> None:  # type: ignore[no-untyped-def]
    """For random states, everything legal_decisions lists is accepted, and a move not listed is refused."""
    for seed in range(30):
        game = Game(tutorial, seed)
        players = make_players(parse_players("random", tutorial.actors), seed)
        game.advance()
        while not game.is_over():
            for actor in game.awaiting():
                legal = game.legal_decisions(actor)
                listed = {(d.move, getattr(d, "target", None)) for d in legal if hasattr(d, "move")}
                for option in game.move_options(actor):
                    key = (option.bound.id, option.bound.target)
                    assert option.available == (key in listed)
                    if not option.available:
                        assert option.reason
                        with pytest.raises(IllegalDecision):
                            game.copy().submit(option.decision)
                while actor in game.awaiting():
                    decision, _ = players[actor].decide(game, actor)
                    game.submit(decision)
            game.advance()

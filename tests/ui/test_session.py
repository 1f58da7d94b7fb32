"""The session (no pygame): seats, bots through the shared Player protocol, and the same game as `parley run`."""

from __future__ import annotations

import pytest

from game.players import make_players
from game.runner import play_game
from game.ui.catalogue import load_entry
from game.ui.session import SeatError, Session, parse_seats
from tests.ui.conftest import TUTORIAL


def compiled():  # type: ignore[no-untyped-def]
    entry = load_entry(TUTORIAL)
    assert entry.compiled is not None
    return entry.compiled


def test_parse_seats() -> None:
    tutorial = compiled()
    assert parse_seats("", tutorial) == {"upland": "human", "lowland": "human"}
    assert parse_seats("", tutorial, all_bots=True) == {"upland": "heuristic", "lowland": "heuristic"}
    assert parse_seats("lowland=random", tutorial) == {"upland": "human", "lowland": "random"}
    with pytest.raises(SeatError, match="unknown actor 'mars'"):
        parse_seats("mars=human", tutorial)
    with pytest.raises(SeatError, match="unknown player kind 'genius'"):
        parse_seats("genius", tutorial)


@pytest.mark.parametrize("seed", [1, 7])
def test_a_bots_only_session_plays_the_same_game_as_the_runner(seed: int) -> None:
    tutorial = compiled()
    seats = {"upland": "heuristic", "lowland": "random"}
    session = Session.start(tutorial, str(TUTORIAL), "x", seats, seed)
    turns = []
    while (step := session.proceed()).kind != "over":
        assert step.kind == "resolved"
        turns.append(step.turn)
        session.new_turn()
    played = play_game(tutorial, seed, make_players(seats, seed))
    assert session.game.state_hash() == played.game.state_hash()
    assert [t.hash for t in session.played.turns] == [t.hash for t in played.turns]
    assert turns == list(range(1, len(turns) + 1))
    assert session.document()["final_hash"] == played.game.state_hash()

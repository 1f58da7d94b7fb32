"""Track transitions are tables read once from each track's ``transitions`` machine; they must agree with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.engine import Game
from game.engine.compiled import TrackMachine
from game.players import make_players
from tests.conftest import SHIPPED, SHIPPED_IDS, compiled


class Model:
    """A private model for the machine under comparison."""

    state: str
    trigger: Any


def namespaces(path: Path, games: int = 6) -> list[dict[str, Any]]:
    """Condition namespaces met at the start of every turn of a few random-bot games."""
    scenario = compiled(path)
    seen = []
    for seed in range(games):
        game = Game(scenario, seed)
        players = make_players(dict.fromkeys(scenario.actors, "random"), seed)
        game.advance()
        while not game.is_over():
            seen.append(dict(game.outlook().namespace))
            for actor in game.awaiting():
                while game.is_awaiting(actor):
                    game.submit(players[actor].decide(game, actor)[0])
            game.advance()
    return seen


def machine_fire(track: TrackMachine, model: Model, current: str, trigger: str, namespace: dict[str, Any]) -> str:
    model.state = current
    model.trigger(trigger, namespace)
    return model.state


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_track_tables_agree_with_the_machines(path: Path) -> None:
    scenario = compiled(path)
    checked = 0
    for namespace in namespaces(path):
        for track in scenario.tracks.values():
            model = Model()
            track.machine(model)
            for state in track.states:
                for trigger in sorted(track.triggers):
                    expected = machine_fire(track, model, state, trigger, namespace)
                    assert track.fire(state, trigger, namespace) == expected, (track.track.id, state, trigger)
                    checked += 1
    assert checked > 100

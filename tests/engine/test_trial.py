"""A trial (the bots' copy of a game's numbers, :class:`game.engine.outlook.Trial`) and its digests.

A trial works each effect list out once per scenario (its steps with the variables' bounds, and what
it writes for :meth:`Trial.undo` to put back) and keeps it by the list's id for every game of the
scenario. The same list tried in two scenarios with different bounds is clamped by each scenario's
own; lists tried one after another are all put back; a list with an effect that is not primitive
leaves the numbers as they were; with room for one digest only, every list is still tried right.
(Games on threads that share the digests: tests/engine/test_threads.py.)
"""

from __future__ import annotations

from typing import Any

import pytest

from game.engine import Game, Outlook
from game.engine import outlook as outlook_module
from game.engine.compiled import CompiledScenario
from tests.engine.test_effects import build

MOVES = [
    {"id": "push", "name": "Push", "actors": ["russia"], "log": "{actor} pushes",
     "effects": [{"change": "self.leverage", "by": 5}, {"flag": "talks"}, {"change": "world.exports", "by": 3}]},
    {"id": "pull", "name": "Pull", "actors": ["russia"], "log": "{actor} pulls",
     "effects": [{"flag": "talks"}, {"change": "self.leverage", "by": -20}, {"score": "self", "points": 2}]},
    {"id": "cap", "name": "Cap", "actors": ["russia"], "log": "{actor} caps",
     "effects": [{"set": "self.leverage", "to": 90}, {"change": "self.leverage", "by": -1}]},
]  # fmt: skip


def _scenario(leverage_max: int) -> CompiledScenario:
    """The effects scenario with the moves above, Russia's leverage (starts at 10) at most ``leverage_max``."""

    def change(data: dict[str, Any]) -> None:
        data["moves"] += MOVES
        data["actors"][0]["variables"][1]["max"] = leverage_max

    return build(change)


def _game(scenario: CompiledScenario) -> Game:
    game = Game(scenario, 1)
    game.advance()
    return game


def _numbers(outlook: Outlook) -> tuple[dict[str, Any], ...]:
    state = outlook.state
    return (*(dict(state[part]) for part in ("vars", "tracks", "flags", "scores")), dict(outlook.namespace["T"]))


def _ops(scenario: CompiledScenario, move: str) -> tuple[Any, ...]:
    return scenario.bound_index[("russia", move, None)].resolve_ops


def test_one_list_is_clamped_by_the_bounds_of_each_scenario_it_is_tried_in() -> None:
    wide, narrow = _scenario(100), _scenario(12)
    ops = _ops(wide, "push")  # the very same list object, tried in both scenarios
    for scenario, leverage in ((wide, 15), (narrow, 12), (wide, 15)):
        game = _game(scenario)
        trial = game.trial()
        before = _numbers(trial)
        assert trial.apply(ops)
        assert _numbers(trial) == _numbers(game.outlook(ops))
        assert trial.state["vars"]["russia.leverage"] == leverage
        trial.undo()
        assert _numbers(trial) == before


def test_lists_tried_one_after_another_are_all_put_back() -> None:
    scenario = _scenario(100)
    game = _game(scenario)
    trial = game.trial()
    before = _numbers(trial)
    lists = [_ops(scenario, move) for move in ("push", "pull", "cap", "push")]
    for ops in lists:
        assert trial.apply(ops)
    assert _numbers(trial) == _numbers(game.outlook(sum(lists, ())))
    trial.undo()
    assert _numbers(trial) == before


def test_a_list_that_is_not_primitive_leaves_the_numbers_as_they_were() -> None:
    scenario = _scenario(100)
    game = _game(scenario)
    trial = game.trial()
    assert trial.apply(_ops(scenario, "push"))
    after = _numbers(trial)
    assert not trial.apply(_ops(scenario, "press"))  # computed amounts
    assert _numbers(trial) == after


def test_with_room_for_one_digest_every_list_is_tried_right(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outlook_module, "_DIGESTS_KEPT", 1)
    scenario = _scenario(100)
    game = _game(scenario)
    trial = game.trial()
    before = _numbers(trial)
    for move in ("push", "pull", "cap", "push", "cap"):
        ops = _ops(scenario, move)
        assert trial.apply(ops)
        assert _numbers(trial) == _numbers(game.outlook(ops)), move
        trial.undo()
        assert _numbers(trial) == before

"""A game's numbers stamp (:meth:`Game.numbers_stamp`, what the heuristic bots find their last memo by) is given
again only for the same numbers: over games with a facilitator acting every turn, copies played on their own,
previews and undos; and the decisions of a phase, which change no number, all see one stamp."""

from __future__ import annotations

import random
from typing import Any

import pytest

from game.engine import CompiledScenario, Decision, Game, facilitator
from game.engine.compiled import Op
from game.engine.driver import Hooks, drive
from game.players import make_players
from game.runner import replay_decisions
from tests.conftest import SHIPPED, SHIPPED_IDS, compiled


def _numbers(game: Game) -> str:
    """The numbers a stamp stands for, as text."""
    state = game.state
    return repr([state[part] for part in ("turn", "phase")] +
                [sorted(state[part].items()) for part in ("vars", "tracks", "flags", "scores")])  # fmt: skip


class _Stamps(Hooks):
    """Checks every stamp seen against the numbers first seen with it; every decision of a phase sees one stamp."""

    def __init__(self) -> None:
        self.numbers: dict[int, str] = {}
        self.phase: tuple[Game, int, str, int] | None = None
        """The game, turn and phase of the decision before, and its stamp."""
        self.repeated = 0

    def check(self, game: Game) -> int:
        stamp = game.numbers_stamp()
        numbers = _numbers(game)
        assert self.numbers.setdefault(stamp, numbers) == numbers
        return stamp

    def decided(self, game: Game, actor: str, decision: Decision, reason: str | None) -> None:
        stamp = self.check(game)
        known = self.phase
        if known is not None and known[0] is game and known[1:3] == (game.turn, game.state["phase"]):
            assert known[3] == stamp  # the decisions before changed no number
            self.repeated += 1
        self.phase = (game, game.turn, game.state["phase"], stamp)


def _act(game: Game, rng: random.Random) -> None:
    """One of the facilitator's actions, at random (or none)."""
    scenario = game.compiled
    action = rng.randrange(4)
    if action == 0:
        ref = rng.choice(sorted(scenario.variables))
        low, high = scenario.bounds[ref]
        facilitator.set_variable(game, ref, rng.randint(low, high))
    elif action == 1:
        track = rng.choice(sorted(scenario.tracks))
        facilitator.set_track(game, track, rng.choice(list(scenario.tracks[track].states)))
    elif action == 2 and scenario.events:
        facilitator.inject_event(game, rng.choice(scenario.events).event.id)


def _play(scenario: CompiledScenario, seed: int, stamps: _Stamps) -> None:
    rng = random.Random(seed)
    game = Game(scenario, seed)
    game.advance()
    players = make_players(dict.fromkeys(scenario.actors, "random"), seed)
    others = make_players(dict.fromkeys(scenario.actors, "random"), seed + 1)
    while not game.is_over():
        stamps.check(game)
        _act(game, rng)
        if game.is_over():
            break
        stamp = stamps.check(game)
        copy = game.copy(quiet=rng.random() < 0.5)
        assert copy.numbers_stamp() == stamp  # the same numbers
        drive(copy, others, stamps, turns=1)  # the copy's own turn: stamps of its own
        stamps.check(copy)
        ref = rng.choice(sorted(scenario.variables))
        stamps.check(game.preview_ops((Op("set", ref, scenario.bounds[ref][0]),)))
        assert game.numbers_stamp() == stamp  # a preview leaves the game as it was
        drive(game, players, stamps, turns=1)
        stamps.check(game)
        if game.turn > 2 and rng.random() < 0.3:  # undo to the start of the turn before, and play on from there
            turn = game.turn - 1
            played = replay_decisions(scenario, seed, facilitator.decisions_before(game, turn), allow_unfinished=True)
            facilitator.record_undo(played.game, turn)
            game = played.game
            stamps.check(game)


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_a_stamp_is_given_again_only_for_the_same_numbers(path: Any) -> None:
    stamps = _Stamps()
    for seed in range(3):
        _play(compiled(path), seed, stamps)
    assert stamps.repeated > 20
    assert len(stamps.numbers) > 20

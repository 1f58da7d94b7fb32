"""A decision legal_decisions listed is taken without a second check only while the numbers are those it was listed
for: in the game, in a copy (which knows its parent's list), and never after a preview's effects or a facilitator's
action changed them."""

from __future__ import annotations

import pytest

from game.engine import Game, IllegalDecision, Move, facilitator
from game.engine.compiled import Op
from tests.conftest import SHIPPED, compiled


def _costly(game: Game) -> tuple[Move, str, int]:
    """A listed move of the first actor with a cost, its first cost's variable and the value that cannot pay it."""
    scenario = game.compiled
    actor = scenario.actors[0]
    move = next(d for d in game.legal_decisions(actor) if isinstance(d, Move) and d.move != "pass"
                and scenario.bound_index[(actor, d.move, d.target)].cost)  # fmt: skip
    ref, amount = scenario.bound_index[(actor, move.move, move.target)].cost[0]
    return move, ref, scenario.bounds[ref][0] + amount - 1


@pytest.mark.parametrize("quiet", [False, True])
def test_a_copy_takes_its_parents_listed_decisions_until_its_numbers_change(quiet: bool) -> None:
    game = Game(compiled(SHIPPED[0]), 1)
    game.advance()
    actor = game.compiled.actors[0]
    legal = game.legal_decisions(actor)
    move, ref, poor = _costly(game)
    copy = game.copy(quiet=quiet)
    assert copy.legal_decisions(actor) == legal
    copy.submit(move)  # taken as listed
    assert copy.state["orders"][actor][-1]["move"] == move.move
    poorer = game.copy(quiet=quiet).preview_ops((Op("set", ref, poor),))
    assert move not in poorer.legal_decisions(actor)  # listed again from the preview's own numbers
    with pytest.raises(IllegalDecision):
        poorer.submit(move)


def test_a_facilitators_change_has_listed_decisions_checked_again() -> None:
    game = Game(compiled(SHIPPED[0]), 1)
    game.advance()
    actor = game.compiled.actors[0]
    move, ref, poor = _costly(game)
    assert move in game.legal_decisions(actor)
    facilitator.set_variable(game, ref, poor)
    assert move not in game.legal_decisions(actor)
    game.legal_decisions(actor)
    with pytest.raises(IllegalDecision):
        game.submit(move)

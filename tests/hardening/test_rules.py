"""Rules that validate in isolation but cannot work in a game are refused at load."""

from __future__ import annotations

from game.scenario.loader import check_text
from tests.hardening import big


def test_a_move_cannot_take_the_reserved_decision_pass() -> None:
    messages = [d.message for d in check_text(big.scenario(2, [big.move("pass", ["a0"])]))]
    assert messages == ["'pass' cannot be a move id: it is the decision to make no move"]


def test_a_cost_may_name_each_variable_once() -> None:
    moves = [big.move("m", ["a0"], cost={"self.x0": 5, "a0.x0": 5})]
    messages = [d.message for d in check_text(big.scenario(2, moves))]
    twice = "the cost names a0.x0 twice (as 'self.x0' and 'a0.x0' for actor a0): give it one entry with the total"
    assert messages == [twice]
    targeted = [big.move("m", ["a0"], ["a1"], cost={"target.x0": 1, "a1.x0": 1})]
    assert check_text(big.scenario(2, targeted))[0].message.startswith("the cost names a1.x0 twice")
    fine = [big.move("m", ["a0"], ["a1"], cost={"self.x0": 1, "target.x0": 1})]
    assert check_text(big.scenario(2, fine)) == []

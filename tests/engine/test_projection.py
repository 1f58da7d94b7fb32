"""A projection plan restricted to a few variables gives their numbers of the scenario's whole projection.

- :meth:`ProjectionPlan.project_moved` of a restricted plan is the whole projection at the variables the
  plan moves, with or without a memo (one memo serves every state of the games), and
  :meth:`ProjectionPlan.project` of it leaves every other variable as it is.
- One memo serves several plans: each reads back only its own projections.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.engine.expressions import Condition
from game.engine.projection import ProjectionPlan, Rule
from tests.conftest import SHIPPED, SHIPPED_IDS, compiled, turn_starts


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_a_restricted_projection_is_the_whole_projection_at_its_variables(path: Path) -> None:
    scenario = compiled(path)
    whole = scenario.projection
    plans = [whole.restricted({ref}) for ref in scenario.variables]
    memos: list[dict[Any, Any]] = [{} for _ in plans]
    checked = 0
    for _, game in turn_starts(scenario, range(4)):
        now = game.outlook()
        values, namespace, turns = now.state["vars"], now.namespace, game.turns_left()
        expected = whole.project(values, namespace, turns)
        for plan, memo in zip(plans, memos, strict=True):
            for used in (None, memo, memo):  # the second time with the memo, the answer may be read from it
                moved = plan.project_moved(values, namespace, turns, used)
                assert moved == {key: expected[key] for key in plan.moved}, (plan.moved, game.turn)
                assert plan.project(values, namespace, turns, used) == {**values, **moved}
            checked += 1
    assert checked > 100
    if any(rule.condition is not None and rule.condition.variables for rule in whole.rules):
        assert any(memos)  # rules applied turn by turn: memoised (and read back, above)


def _plan(key: str, by: int) -> ProjectionPlan:
    """A plan of one rule moving ``key`` by ``by`` each turn while it is at least 0 (applied turn by turn)."""
    text = f"V[{key!r}] >= 0"
    condition = Condition(text, compile(text, "<condition>", "eval"), frozenset({key}))
    return ProjectionPlan([Rule(key, by, condition)], {"a": (-100, 100), "b": (-100, 100)})


def test_one_memo_serves_several_plans() -> None:
    up, down = _plan("a", 1), _plan("b", -1)  # the same inputs, by their values: 5, with the same namespace
    namespace: dict[str, Any] = {"__builtins__": {}, "T": {}, "F": {}, "turn": 1}
    values = {"a": 5, "b": 5}
    memo: dict[Any, Any] = {}
    for _ in range(2):
        assert up.project(values, namespace, 3, memo) == {"a": 8, "b": 5}
        assert down.project(values, namespace, 3, memo) == {"a": 5, "b": 2}
    assert len(memo) == 2

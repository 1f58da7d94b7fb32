"""The quiet path's generated code cannot run scenario text: every string in it is a ``repr`` literal.

:mod:`game.engine.quiet` writes Python source for a quiet game's effects, checks, news and assessment and
``exec``s it. Ids are plain identifiers in a scenario file, but the generator must not rely on that: here events,
moves and objectives are given ids full of quotes, newlines, backslashes and ``__import__`` calls (bypassing the
loader's checks), and the quiet games play exactly as the games that log, with nothing run.
"""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest

from game.engine import compile_scenario
from game.engine.compiled import CompiledScenario
from game.engine.quiet import _literal
from game.scenario.models import Scenario
from tests.conftest import SHIPPED, SHIPPED_IDS, compiled
from tests.engine.test_quiet import _play_twins

HOSTILE = [
    "x'); __import__('os').system('touch /tmp/parley-pwned'); ('",
    'y"""\n__import__("builtins").print = None\n"""',
    "z\\'\\\"\n\r\t\x00\u2028\u202e}{ % {0} ${x} #",
    "__import__('sys').exit(3)",
]


def _hostile(i: int) -> str:
    return f"{HOSTILE[i % len(HOSTILE)]}{i}"


def _renamed(scenario: Scenario) -> Scenario:
    """The scenario with every event, move and objective id hostile (model_copy does not validate)."""
    count = iter(range(10_000))
    events = [e.model_copy(update={"id": _hostile(next(count))}) for e in scenario.events]
    moves = [m.model_copy(update={"id": _hostile(next(count))}) for m in scenario.moves]
    actors = [
        a.model_copy(update={"objectives": [o.model_copy(update={"id": _hostile(next(count))}) for o in a.objectives]})
        for a in scenario.actors
    ]
    return scenario.model_copy(update={"events": events, "moves": moves, "actors": actors})


@pytest.mark.parametrize("value", [*HOSTILE, "", "plain", 0, -7, 10**17, True, False, None])
def test_a_literal_is_the_value_itself(value: Any) -> None:
    constants: dict[str, Any] = {}
    source = _literal(value, constants)
    assert constants == {}
    assert eval(source, {"__builtins__": {}}) == value and type(eval(source, {"__builtins__": {}})) is type(value)


@pytest.mark.parametrize("value", [0.5, 10**30, ("event", "x"), {"a": 1}, frozenset({1})])
def test_anything_else_is_a_named_constant(value: Any) -> None:
    constants: dict[str, Any] = {}
    name = _literal(value, constants)
    assert name.isidentifier() and constants == {name: value}


class _Str(str):
    def __repr__(self) -> str:
        return "__import__('os')"


def test_a_str_subclass_is_never_written_as_its_repr() -> None:
    constants: dict[str, Any] = {}
    name = _literal(_Str("x"), constants)
    assert constants[name] == "x"


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_hostile_ids_play_quietly_as_the_game_that_logs(path: Path) -> None:
    scenario: CompiledScenario = compile_scenario(_renamed(compiled(path).scenario))
    assert all(e.event.id.startswith(tuple(HOSTILE)) for e in scenario.events)
    print_before = builtins.print
    compared = 0
    for seed in range(6):
        compared += _play_twins(scenario, seed, ("random", "heuristic")[seed % 2], quiet_from=0)
    assert compared > 10
    assert builtins.print is print_before and not Path("/tmp/parley-pwned").exists()

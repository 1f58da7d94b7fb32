"""The Parley engine: pure, headless and deterministic.

It imports neither pygame nor YAML and touches no files. A client compiles a
validated :class:`~game.scenario.models.Scenario` once with
:func:`compile_scenario`, then starts any number of :class:`Game` objects.

The names below are imported when first used, so a client of one module (``parley validate`` compiles
a scenario with :mod:`game.engine.compiled` and never plays it) does not pay for the others. ``view`` is
both a submodule and the function :func:`game.engine.view.view`; ``game.engine.view`` always means the
function, as it did when this package imported everything at once (the submodule is
``sys.modules["game.engine.view"]``).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.engine.compiled import BoundMove, CompiledScenario, ScenarioInvalid
    from game.engine.decisions import PASS, Answer, Decision, Move, decision_from_json
    from game.engine.errors import EngineError, GameOver, IllegalDecision
    from game.engine.game import Game, MoveOption
    from game.engine.outlook import Outlook
    from game.engine.phases import Phase
    from game.engine.state import canonical_json, state_hash
    from game.engine.view import FACILITATOR, PUBLIC, View, Viewer, actor_view, facilitator_view, view
    from game.scenario.models import Scenario

_HOMES = {
    "game.engine.compiled": ("BoundMove", "CompiledScenario", "ScenarioInvalid"),
    "game.engine.decisions": ("PASS", "Answer", "Decision", "Move", "decision_from_json"),
    "game.engine.errors": ("EngineError", "GameOver", "IllegalDecision"),
    "game.engine.game": ("Game", "MoveOption"),
    "game.engine.outlook": ("Outlook",),
    "game.engine.phases": ("Phase",),
    "game.engine.state": ("canonical_json", "state_hash"),
    "game.engine.view": ("FACILITATOR", "PUBLIC", "View", "Viewer", "actor_view", "facilitator_view"),
    "game.scenario.models": ("Scenario",),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}


def compile_scenario(scenario: Scenario) -> CompiledScenario:
    """Compile a validated scenario into runtime tables shared by its games."""
    from game.engine.compiled import CompiledScenario

    return CompiledScenario(scenario)


def __getattr__(name: str) -> Any:
    """A public name of the engine, imported from its module the first time it is asked for."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


class _Engine(types.ModuleType):
    """The package's module type: its ``view`` is the view function, even once the submodule is imported (the
    import system then sets the package's ``view`` to the submodule: that assignment is ignored)."""

    @property
    def view(self) -> Any:
        """:func:`game.engine.view.view`."""
        return importlib.import_module("game.engine.view").view

    @view.setter
    def view(self, value: Any) -> None:
        if not isinstance(value, types.ModuleType):
            raise AttributeError("game.engine.view is the engine's view function")


sys.modules[__name__].__class__ = _Engine

__all__ = [
    "FACILITATOR", "PASS", "PUBLIC", "Answer", "BoundMove", "CompiledScenario", "Decision", "EngineError", "Game",
    "GameOver", "IllegalDecision", "Move", "MoveOption", "Outlook", "Phase", "Scenario", "ScenarioInvalid", "View",
    "Viewer", "actor_view", "canonical_json", "compile_scenario", "decision_from_json", "facilitator_view",
    "state_hash", "view",
]  # fmt: skip

"""The Parley engine: pure, headless and deterministic.

It imports neither pygame nor YAML and touches no files. A client compiles a
validated :class:`~game.scenario.models.Scenario` once with
:func:`compile_scenario`, then starts any number of :class:`Game` objects.
"""

from game.engine.compiled import BoundMove, CompiledScenario, ScenarioInvalid
from game.engine.decisions import PASS, Answer, Decision, Move, decision_from_json
from game.engine.errors import EngineError, GameOver, IllegalDecision
from game.engine.game import Game, MoveOption
from game.engine.outlook import Outlook
from game.engine.phases import Phase
from game.engine.state import canonical_json, state_hash
from game.engine.view import FACILITATOR, PUBLIC, View, Viewer, actor_view, facilitator_view, view
from game.scenario.models import Scenario


def compile_scenario(scenario: Scenario) -> CompiledScenario:
    """Compile a validated scenario into runtime tables shared by its games."""
    return CompiledScenario(scenario)


__all__ = [
    "FACILITATOR", "PASS", "PUBLIC", "Answer", "BoundMove", "CompiledScenario", "Decision", "EngineError", "Game",
    "GameOver", "IllegalDecision", "Move", "MoveOption", "Outlook", "Phase", "Scenario", "ScenarioInvalid", "View",
    "Viewer", "actor_view", "canonical_json", "compile_scenario", "decision_from_json", "facilitator_view",
    "state_hash", "view",
]  # fmt: skip

"""The phase flow of a game, as declarative data driven by a ``transitions`` machine.

briefing -> news -> diplomacy -> [responses] -> resolution -> assessment
-> news (next turn) ... -> debrief.

The machine is built once per process and shared: before each step the
engine puts the game's current phase into the shared model, fires
``advance`` with the game as argument, and reads the new phase back, so
games keep their phase as plain data.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, Protocol

from transitions import Machine


class Phase(enum.StrEnum):
    """The phases of a turn."""

    BRIEFING = "briefing"
    NEWS = "news"
    DIPLOMACY = "diplomacy"
    RESPONSES = "responses"
    RESOLUTION = "resolution"
    ASSESSMENT = "assessment"
    DEBRIEF = "debrief"


class FlowState(Protocol):
    """What the flow's conditions ask of a game."""

    def has_open_proposals(self) -> bool: ...

    def is_over(self) -> bool: ...


def _has_proposals(game: FlowState) -> bool:
    return game.has_open_proposals()


def _is_over(game: FlowState) -> bool:
    return game.is_over()


PHASE_FLOW: dict[str, Any] = {
    "states": [p.value for p in Phase],
    "initial": Phase.BRIEFING.value,
    "transitions": [
        {"trigger": "advance", "source": "briefing", "dest": "news"},
        {"trigger": "advance", "source": "news", "dest": "diplomacy"},
        {"trigger": "advance", "source": "diplomacy", "dest": "responses", "conditions": [_has_proposals]},
        {"trigger": "advance", "source": "diplomacy", "dest": "resolution"},
        {"trigger": "advance", "source": "responses", "dest": "resolution"},
        {"trigger": "advance", "source": "resolution", "dest": "assessment"},
        {"trigger": "advance", "source": "assessment", "dest": "debrief", "conditions": [_is_over]},
        {"trigger": "advance", "source": "assessment", "dest": "news"},
    ],
}
"""The whole flow in one place; conditions are callables, never strings."""


class _FlowModel:
    state: str
    trigger: Any


_Condition = Callable[..., Any]
_Step = tuple[str, tuple[tuple[_Condition, bool], ...]]


class PhaseFlow:
    """A shared phase machine: ``next_phase(current, game)`` gives the phase after ``current``.

    The machine is the single source of the flow. A step walks the machine's own ``advance``
    transitions from the current phase, in declared order, and takes the first whose conditions
    hold: exactly what ``transitions`` does on a trigger, without its per-call dispatch (event data,
    callbacks, logging), which costs about 8 µs a step, 40% of a whole headless game.
    :meth:`fire` runs the machine's real trigger; the tests check that both always agree.
    """

    def __init__(self) -> None:
        self.model = _FlowModel()
        self.machine = Machine(model=self.model, auto_transitions=False, send_event=False, **PHASE_FLOW)
        advance = self.machine.events["advance"]
        self._steps: dict[str, tuple[_Step, ...]] = {}
        for source, transitions in advance.transitions.items():
            steps: list[_Step] = []
            for transition in transitions:
                conditions: list[tuple[_Condition, bool]] = []
                for condition in transition.conditions:
                    if not callable(condition.func):
                        raise TypeError(f"phase flow conditions must be callables, not {condition.func!r}")
                    conditions.append((condition.func, bool(condition.target)))
                steps.append((str(transition.dest), tuple(conditions)))
            self._steps[str(source)] = tuple(steps)
        self._direct = {
            source: steps[0][0] for source, steps in self._steps.items() if len(steps) == 1 and not steps[0][1]
        }
        """Phases left by one unconditional transition: their next phase, looked up without a walk."""

    def next_phase(self, current: Phase, game: FlowState) -> Phase:
        """The phase ``advance`` leads to from ``current`` for this game."""
        return Phase(self.next_name(current.value, game))

    def next_name(self, current: str, game: FlowState) -> str:
        """:meth:`next_phase` on phase names (the engine keeps phases as plain strings)."""
        direct = self._direct.get(current)
        if direct is not None:
            return direct
        for dest, conditions in self._steps.get(current, ()):
            for func, target in conditions:
                if bool(func(game)) != target:
                    break
            else:
                return dest
        raise RuntimeError(f"no phase follows {current}")

    def fire(self, current: Phase, game: FlowState) -> Phase:
        """The same step through the machine's own trigger (slower; used to check :meth:`next_phase`)."""
        self.model.state = current.value
        if not self.model.trigger("advance", game):
            raise RuntimeError(f"no phase follows {current.value}")
        return Phase(self.model.state)

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


class PhaseFlow:
    """A shared phase machine: ``next_phase(current, game)`` gives the phase after ``current``."""

    def __init__(self) -> None:
        self.model = _FlowModel()
        self.machine = Machine(model=self.model, auto_transitions=False, send_event=False, **PHASE_FLOW)

    def next_phase(self, current: Phase, game: FlowState) -> Phase:
        """Fire ``advance`` from ``current`` and return the phase reached."""
        self.model.state = current.value
        if not self.model.trigger("advance", game):
            raise RuntimeError(f"no phase follows {current.value}")
        return Phase(self.model.state)


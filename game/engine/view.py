"""What an actor may see, and what the facilitator sees.

An actor sees public variables, its own private ones, every track and flag,
every score, public log entries and the entries it is party to. Other
actors' private variables, secret objectives and undetected covert moves
stay hidden until the game is over; then the debrief reveals everything.
"""

from __future__ import annotations

from typing import Any

from game.engine.compiled import CompiledObjective
from game.engine.game import Game


def visible(entry: dict[str, Any], actor: str | None) -> bool:
    """True when the log entry may be shown to ``actor`` (None: the facilitator)."""
    audience = entry.get("visible_to")
    return actor is None or audience is None or actor in audience


def _objective(objective: CompiledObjective, state: dict[str, Any]) -> dict[str, Any]:
    """An objective as plain data, with the turns on which it was met."""
    o = objective.objective
    return {"key": objective.key, "actor": objective.actor, "text": o.text, "points": o.points, "when": o.when,
            "secret": o.secret, "met": state["met"].get(objective.key, [])}  # fmt: skip


def _can_see_var(game: Game, ref: str, actor: str) -> bool:
    return ref not in game.compiled.private_vars or ref.startswith(actor + ".")


def actor_view(game: Game, actor: str) -> dict[str, Any]:
    """The state as ``actor`` may see it (everything once the game is over)."""
    if game.is_over():
        view = facilitator_view(game)
        view["actor"] = actor
        return view
    state = game.state
    compiled = game.compiled
    variables = {ref: v for ref, v in state["vars"].items() if _can_see_var(game, ref, actor)}
    objectives = [_objective(o, state) for o in compiled.objectives if o.actor == actor or not o.objective.secret]
    history = [
        {**snap, "vars": {ref: v for ref, v in snap["vars"].items() if _can_see_var(game, ref, actor)}}
        for snap in state["history"]
    ]
    return {
        "actor": actor,
        "turn": state["turn"],
        "turn_label": game.turn_label,
        "phase": state["phase"],
        "vars": variables,
        "tracks": dict(state["tracks"]),
        "flags": dict(state["flags"]),
        "scores": dict(state["scores"]),
        "orders": [dict(o) for o in state["orders"][actor]],
        "proposals": [dict(p) for p in state["proposals"] if actor in (p["from"], p["to"])],
        "objectives": objectives,
        "log": [e for e in state["log"] if visible(e, actor)],
        "history": history,
        "result": state["result"],
    }


def facilitator_view(game: Game) -> dict[str, Any]:
    """Everything: every actor's variables, orders, proposals, secret objectives and hidden moves."""
    state = game.state
    return {
        "actor": None,
        "turn": state["turn"],
        "turn_label": game.turn_label,
        "phase": state["phase"],
        "vars": dict(state["vars"]),
        "tracks": dict(state["tracks"]),
        "flags": dict(state["flags"]),
        "scores": dict(state["scores"]),
        "orders": {a: [dict(o) for o in orders] for a, orders in state["orders"].items()},
        "proposals": [dict(p) for p in state["proposals"]],
        "objectives": [_objective(o, state) for o in game.compiled.objectives],
        "log": list(state["log"]),
        "history": list(state["history"]),
        "result": state["result"],
    }

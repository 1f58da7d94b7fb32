"""The teacher's steering of a room's game: bring in an event, set a number or a track, undo to a turn's start.

Each action is checked here first (a bad id or value is :class:`Refused` in one line, with a code the
page can act on), then done through :mod:`game.engine.facilitator`, so it lands in the decision log
like any decision. The :class:`game.net.room.Room` calls these under its lock, journals what they did
and sends every device its new board. :func:`panel` is what the facilitator page offers to choose
from, built from the engine's facilitator view (it goes only to a device that gave the PIN).
"""

from __future__ import annotations

from typing import Any

from game.engine import Game, facilitator, facilitator_view
from game.engine.replay import replay
from game.net.guard import Refused
from game.ui import describe


def _running(game: Game) -> None:
    if game.is_over():
        raise Refused("the game is over", "over")


def inject(game: Game, event_id: Any) -> str:
    """Bring in one of the scenario's events now; its title."""
    _running(game)
    known = {e.event.id: e.event.title for e in game.compiled.events}
    if not isinstance(event_id, str) or event_id not in known:
        raise Refused(f"no event {str(event_id)[:64]!r} in this scenario (events: {', '.join(known)})", "bad_event")
    facilitator.inject_event(game, event_id)
    return known[event_id]


def set_variable(game: Game, ref: Any, value: Any) -> str:
    """Set a variable to a whole number within its bounds (one outside them is refused, not clamped); what was done."""
    _running(game)
    compiled = game.compiled
    if not isinstance(ref, str) or ref not in compiled.variables:
        raise Refused(f"no variable {str(ref)[:64]!r} in this scenario", "bad_variable")
    low, high = compiled.bounds[ref]
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if isinstance(value, bool) or not whole:
        raise Refused(f"{compiled.variables[ref].label}: the value must be a whole number", "bad_value")
    if not low <= value <= high:
        raise Refused(f"{compiled.variables[ref].label}: {int(value)} is outside {low} to {high}", "bad_value")
    facilitator.set_variable(game, ref, int(value))
    return f"{describe.owner_name(compiled, ref)} {compiled.variables[ref].label.lower()} set to {int(value)}"


def set_track(game: Game, track_id: Any, state: Any) -> str:
    """Put a track in one of its states; what was done."""
    _running(game)
    machine = game.compiled.tracks.get(track_id) if isinstance(track_id, str) else None
    if machine is None:
        raise Refused(f"no track {str(track_id)[:64]!r} in this scenario", "bad_track")
    if not isinstance(state, str) or state not in machine.index:
        raise Refused(f"{machine.track.name} has no state {str(state)[:64]!r} "
                      f"(states: {', '.join(machine.states)})", "bad_state")  # fmt: skip
    facilitator.set_track(game, track_id, state)
    return f"{machine.track.name} set to {machine.label(state)}"


def undo_turns(game: Game) -> list[int]:
    """The turns whose start the game may be taken back to: this one's and the previous one's (none once over)."""
    if game.is_over():
        return []
    return [t for t in (game.turn, game.turn - 1) if t >= 1]


def rebuild(game: Game, turn: Any) -> Game:
    """The game taken back to the start of ``turn`` (this turn or the previous one): the decisions made before
    it replayed on a new game, with the undo recorded (the game stays scenario, seed and decisions)."""
    _running(game)
    allowed = undo_turns(game)
    if isinstance(turn, bool) or not isinstance(turn, int) or turn not in allowed:
        shown = " or ".join(str(t) for t in allowed)
        raise Refused(f"cannot undo to turn {str(turn)[:16]}: the game is on turn {game.turn} (undo to {shown})",
                      "bad_turn")  # fmt: skip
    before = facilitator.decisions_before(game, turn)
    undone = replay(game.compiled, game.seed, before, allow_unfinished=True)
    facilitator.record_undo(undone, turn)
    return undone


def panel(game: Game) -> dict[str, Any]:
    """What the facilitator page offers: the events, each variable (value and bounds), each track (its states)
    and the turns undo may go back to. Built from the facilitator view: for the PIN's device only."""
    seen = facilitator_view(game)
    compiled = game.compiled
    variables = []
    for ref, value in seen.vars.items():
        low, high = compiled.bounds[ref]
        label, owner = compiled.variables[ref].label, describe.owner_name(compiled, ref)
        variables.append({"ref": ref, "owner": owner, "label": label, "value": value, "low": low, "high": high,
                          "private": ref in compiled.private_vars})  # fmt: skip
    tracks = []
    for tid, state in seen.tracks.items():
        machine = compiled.tracks[tid]
        states = [{"id": s, "label": machine.label(s)} for s in machine.states]
        tracks.append({"id": tid, "name": machine.track.name, "state": state, "states": states})
    events = [{"id": e.event.id, "title": e.event.title} for e in compiled.events]
    return {"over": seen.over, "turn": seen.turn, "events": events, "variables": variables, "tracks": tracks,
            "undo": undo_turns(game)}  # fmt: skip

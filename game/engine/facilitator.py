"""What the facilitator (the teacher) may do to a game in progress, recorded like any decision.

Every action is appended to :attr:`Game.decisions` as ``{"kind": "facilitator", "action": ...}`` and
logged as a public ``facilitator`` entry (a private variable's new value only for its owner, with a public
line that something was set), so the report shows it and a replay of the decision log (:func:`replay`)
does it again at the same point: the game stays ``(scenario, seed, decisions)``. A track set is logged
as a track change too, so every viewer's view of the track follows it.
Undo is not an action on a game: the interface replays the decisions made before a turn's start
(:func:`decisions_before`) and records an ``undo`` entry, which replays as nothing but its log line.
"""

from __future__ import annotations

from typing import Any

from game.engine.errors import GameOver, IllegalDecision
from game.engine.game import Game
from game.engine.phases import Phase

KIND = "facilitator"
ACTIONS = ("inject", "set_variable", "set_track", "end", "undo")
ENDING_ID = "facilitator"


def is_action(data: Any) -> bool:
    """True when a decision-log entry is a facilitator action."""
    return isinstance(data, dict) and data.get("kind") == KIND


def _record(game: Game, action: str, text: str, visible_to: list[str] | None = None, **fields: Any) -> None:
    """Append the action to the decisions and log it (for everybody, or only ``visible_to``)."""
    game._version += 1  # the action changes the numbers: decisions listed before are checked again when submitted
    entry: dict[str, Any] = {"kind": KIND, "action": action, "turn": game.turn, **fields}
    game.decisions.append(entry)
    game._log(KIND, f"Facilitator: {text}", visible_to, action=action)


def _check_running(game: Game) -> None:
    if game.is_over():
        raise GameOver("the game is over")


def inject_event(game: Game, event_id: str) -> None:
    """Make one of the scenario's events happen now (its news and effects), whatever its conditions."""
    _check_running(game)
    compiled_event = next((e for e in game.compiled.events if e.event.id == event_id), None)
    if compiled_event is None:
        raise IllegalDecision(f"no event {event_id!r} (events: {', '.join(e.event.id for e in game.compiled.events)})")
    event = compiled_event.event
    _record(game, "inject", f"the event “{event.title}” was brought in", event=event_id)
    fired = game.state["fired"]
    fired[event.id] = fired.get(event.id, 0) + 1
    entry = game._log("event", event.news, title=event.title, event=event.id)
    ended = game._apply(compiled_event.effects, entry)
    if ended is not None:  # an `end` effect: the game ends now, caused by the event
        game._end_by_effect(ended, {"kind": "event", "id": event.id, "text": event.title})


def set_variable(game: Game, ref: str, value: int) -> None:
    """Set a variable (kept within its bounds); a private one's new value is logged for its owner only."""
    _check_running(game)
    variable = game.compiled.variables.get(ref)
    if variable is None:
        raise IllegalDecision(f"no variable {ref!r}")
    low, high = game.compiled.bounds[ref]
    new = max(low, min(high, int(value)))
    owner = ref.split(".", 1)[0]
    who = "the world" if owner == "world" else game.compiled.actor_names[owner]
    if ref in game.compiled.private_vars:
        # What was set is its owner's secret; that the facilitator set something is public. The public line comes
        # last, so a preview's track changes are told to every viewer (the view ties them to the entry before).
        _record(game, "set_variable", f"{variable.label} of {who} set to {new}", [] if owner == "world" else [owner],
                ref=ref, value=new)  # fmt: skip
        game._log(KIND, f"Facilitator: a number only {who} sees was set" if owner != "world" else
                  "Facilitator: a hidden number was set", None, action="set_variable")  # fmt: skip
    else:
        _record(game, "set_variable", f"{variable.label} of {who} set to {new}", ref=ref, value=new)
    game.state["vars"][ref] = new


def set_track(game: Game, track_id: str, state: str) -> None:
    """Put a track in one of its states (logged as a track change too, so every viewer's track follows)."""
    _check_running(game)
    machine = game.compiled.tracks.get(track_id)
    if machine is None:
        raise IllegalDecision(f"no track {track_id!r}")
    if state not in machine.index:
        raise IllegalDecision(f"track {track_id!r} has no state {state!r} (states: {', '.join(machine.states)})")
    _record(game, "set_track", f"{machine.track.name} set to {machine.label(state)}", track=track_id, state=state)
    current = game.state["tracks"][track_id]
    if current != state:
        text = f"{machine.track.name}: {machine.label(current)} \u2192 {machine.label(state)}"
        game._log("track", text, track=track_id, source=current, dest=state)
    game.state["tracks"][track_id] = state
    game._track_index[track_id] = machine.index[state]


def end_now(game: Game) -> None:
    """End the game now: end-of-game objectives are scored and the debrief follows."""
    _check_running(game)
    _record(game, "end", "the game was ended now")
    game._finish(ENDING_ID, "Ended by the facilitator", "The facilitator ended the game.", ())
    game.state["phase"] = Phase.DEBRIEF.value


def record_undo(game: Game, to_turn: int) -> None:
    """Record (after the replay of :func:`decisions_before`) that the game was taken back to ``to_turn``'s start."""
    _record(game, "undo", f"the game was taken back to the start of turn {to_turn}", to_turn=to_turn)


def decisions_before(game: Game, turn: int) -> list[dict[str, Any]]:
    """The decisions (and facilitator actions) made before ``turn`` started: replay them to undo to its start."""
    return [d for d in game.decisions if int(d.get("turn", 0)) < turn]


def replay(game: Game, data: dict[str, Any]) -> None:
    """Do a recorded facilitator action again (ValueError if it is not one)."""
    action = data.get("action")
    if action == "inject":
        inject_event(game, str(data.get("event")))
    elif action == "set_variable":
        set_variable(game, str(data.get("ref")), int(data.get("value", 0)))
    elif action == "set_track":
        set_track(game, str(data.get("track")), str(data.get("state")))
    elif action == "end":
        end_now(game)
    elif action == "undo":
        record_undo(game, int(data.get("to_turn", game.turn)))
    else:
        raise ValueError(f"unknown facilitator action {action!r} (actions: {', '.join(ACTIONS)})")

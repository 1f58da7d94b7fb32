"""The facilitator console of the projector window: which actions the teacher has, and doing them.

The actions are built from the room's console snapshot (what :meth:`game.net.room.Room._publish`
hands the projector: the public board, each seat's status and player, the requests to join, the
timer and the scenario's events, which are public scenario text). That snapshot holds no claim code,
no seat token and no private board, so nothing the console draws can give a secret away: the
projector is public. The same actions are on the facilitator page in the browser (with the PIN); here
the teacher is at the host machine itself. Setting a number or a track is on the browser's page only:
the console has buttons and keys, no way to type a number, and its values would be drawn where the
class sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.net.room import DECISION_PHASES, Refused, Room

TIMER, GAME, SEATS, REQUESTS = "Timer", "Game", "Seats", "Requests"
SHOWN_REQUESTS = 3
"""Requests drawn at once (the oldest first); the rest wait their turn on the console."""
TITLE = 40
"""Longest event title on its button (the line under the buttons says the whole title)."""
TWICE = ("end_game", "undo")
"""Kinds of action that ask to be pressed again (a stray key must not end or undo a lesson's play)."""


@dataclass(frozen=True)
class Action:
    """One button of the console."""

    id: str
    """What :func:`perform` does: ``pause``, ``resume``, ``extend``, ``end_phase``, ``bot:ACTOR``,
    ``person:ACTOR``, ``approve:REQUEST[:ACTOR]``, ``refuse:REQUEST``, ``inject:EVENT``, ``end_game`` or
    ``undo:TURN`` (these two ask to be pressed again) and ``end_game!`` or ``undo!:TURN`` (which do it);
    ``event`` shows the next event to bring in (the projector keeps which one is shown)."""
    label: str
    key: str | None
    """The key that does it (shown in brackets), or None (then Tab and Enter, or the mouse)."""
    group: str
    enabled: bool = True


def twice(action_id: str) -> bool:
    """True when the action only asks to be pressed again (its confirmed form is :func:`confirmed`)."""
    return action_id.partition(":")[0] in TWICE


def confirmed(action_id: str) -> str:
    """The id that does what ``action_id`` asks to confirm (``end_game!``, ``undo!:2`` for ``undo:2``)."""
    kind, colon, rest = action_id.partition(":")
    return f"{kind}!{colon}{rest}"


def actions(snapshot: dict[str, Any] | None, armed: str | None = None, event: int = 0) -> list[Action]:
    """The console's buttons for a snapshot, in drawing order (timer and end, undo and events, seats, requests).

    ``armed``: the id of an action that asks to be pressed twice and was pressed once (its button now asks
    to be pressed again); ``event``: which of the scenario's events the console offers to bring in."""
    if not snapshot:
        return []
    board = snapshot["board"]
    running = not board["over"]
    found: list[Action] = []
    if snapshot.get("timed") and running:
        if snapshot.get("paused_left") is not None:
            found.append(Action("resume", "Resume the timer", "P", TIMER))
        else:
            found.append(Action("pause", "Pause the timer", "P", TIMER, snapshot.get("deadline") is not None))
        timer_on = snapshot.get("paused_left") is not None or snapshot.get("deadline") is not None
        found.append(Action("extend", "+1 minute", "+", TIMER, timer_on))
    if running:
        deciding = board["phase"] in DECISION_PHASES
        found.append(Action("end_phase", "End this phase (bots decide for the late)", "N", TIMER, deciding))
        if armed == "end_game":
            found.append(Action("end_game!", "Press again to end the game now", "G", TIMER))
        else:
            found.append(Action("end_game", "End the game now (debrief)", "G", TIMER))
        found.extend(_game_actions(snapshot, armed, event))
    names = {a["id"]: a["name"] for a in board["actors"]}
    bots = {a["id"]: a["bot"] for a in board["actors"]}
    playable = [a for a in snapshot.get("playable", []) if a in names]
    for number, actor in enumerate(playable, start=1):
        key = str(number) if number <= 9 else None
        if bots[actor]:
            found.append(Action(f"person:{actor}", f"Hand {names[actor]} back to the team", key, SEATS, running))
        else:
            found.append(Action(f"bot:{actor}", f"Bot stands in for {names[actor]}", key, SEATS, running))
    for index, request in enumerate(snapshot.get("requests", [])[:SHOWN_REQUESTS]):
        first = index == 0
        who = request["name"] or "A team"
        if request["actor"]:
            found.append(Action(f"approve:{request['id']}", f"#{request['number']} {who} asks for "
                                f"{request['seat']}: let in", "A" if first else None, REQUESTS))  # fmt: skip
        else:
            for actor in playable:
                found.append(Action(f"approve:{request['id']}:{actor}", f"#{request['number']} {who}: "
                                    f"let in as {names[actor]}", None, REQUESTS))  # fmt: skip
        found.append(Action(f"refuse:{request['id']}", f"#{request['number']}: refuse", "R" if first else None,
                            REQUESTS))  # fmt: skip
    return found


def shown_event(snapshot: dict[str, Any] | None, event: int) -> dict[str, str] | None:
    """The event the console offers to bring in (the ``event``-th, going round), or None when there is none."""
    events = (snapshot or {}).get("events") or []
    return events[event % len(events)] if events else None


def _game_actions(snapshot: dict[str, Any], armed: str | None, event: int) -> list[Action]:
    """Undo to the start of this turn or the previous one; bring in an event (E shows the next one)."""
    turn = snapshot["board"]["turn"]
    found = []
    for to, key, words in ((turn, "U", "this turn's"), (turn - 1, "B", "last turn's")):
        action_id = f"undo:{to}"
        if armed == action_id:
            found.append(Action(confirmed(action_id), f"Press again: back to the start of turn {to}", key, GAME))
        else:
            found.append(Action(action_id, f"Undo to {words} start", key, GAME, to >= 1))
    shown = shown_event(snapshot, event)
    if shown is not None:
        several = len(snapshot["events"]) > 1
        title = shown["title"] if len(shown["title"]) <= TITLE else shown["title"][: TITLE - 1].rstrip() + "…"
        found.append(Action("event", f"Event: {title}", "E", GAME, several))
        found.append(Action(f"inject:{shown['id']}", "Bring it in now", "I", GAME))
    return found


def perform(room: Room, action_id: str) -> str:
    """Do a console action on the room; what happened, in a short line for the console (refusals too)."""
    kind, _, rest = action_id.partition(":")
    names = room.compiled.actor_names
    try:
        if kind == "pause":
            room.pause()
            return "Timer paused."
        if kind == "resume":
            room.resume_timer()
            return "Timer running again."
        if kind == "extend":
            room.extend()
            return "One more minute for this phase."
        if kind == "end_phase":
            count = room.end_phase()
            return f"Phase ended: bots made {count} decision(s) for the late."
        if kind in ("bot", "person") and rest in room.seats:
            room.set_player(rest, "heuristic" if kind == "bot" else None)
            return f"A bot stands in for {names[rest]}." if kind == "bot" else f"{names[rest]} is the team's again."
        if kind == "approve":
            request_id, _, actor = rest.partition(":")
            seat = room.approve(request_id, actor or None)
            return f"Let in: that device now plays {names[seat]}."
        if kind == "refuse":
            room.refuse(rest)
            return "Request refused: the device is told so."
        if kind == "end_game":
            return "End the game now? Press it again (G) to end it; anything else keeps playing."
        if kind == "end_game!":
            room.end_game()
            return "The game was ended: every device shows the debrief."
        if kind == "inject":
            return f"Brought in: {room.inject_event(rest)}. Every device shows its news."
        if kind == "undo":
            return f"Undo to the start of turn {rest}? Press it again to go back; anything else keeps playing."
        if kind == "undo!" and rest.isdigit():
            room.undo(int(rest))
            return f"Back to the start of turn {rest}: every device shows it."
    except Refused as exc:
        return f"Not done: {exc}"
    return f"Not done: unknown action {action_id!r}"

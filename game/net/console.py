"""The facilitator console of the projector window: which actions the teacher has, and doing them.

The actions are built from the room's console snapshot (what :meth:`game.net.room.Room._publish`
hands the projector: the public board, each seat's status and player, the requests to join and the
timer). That snapshot holds no claim code, no seat token and no private board, so nothing the
console draws can give a secret away: the projector is public. The same actions are on the
facilitator page in the browser (with the PIN); here the teacher is at the host machine itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.net.room import DECISION_PHASES, Refused, Room

TIMER, SEATS, REQUESTS = "Timer", "Seats", "Requests"
SHOWN_REQUESTS = 3
"""Requests drawn at once (the oldest first); the rest wait their turn on the console."""


@dataclass(frozen=True)
class Action:
    """One button of the console."""

    id: str
    """What :func:`perform` does: ``pause``, ``resume``, ``extend``, ``end_phase``, ``bot:ACTOR``,
    ``person:ACTOR``, ``approve:REQUEST[:ACTOR]``, ``refuse:REQUEST``, ``end_game`` (asks to be pressed again)
    or ``end_game!`` (does it)."""
    label: str
    key: str | None
    """The key that does it (shown in brackets), or None (then Tab and Enter, or the mouse)."""
    group: str
    enabled: bool = True


def actions(snapshot: dict[str, Any] | None, armed: bool = False) -> list[Action]:
    """The console's buttons for a snapshot, in drawing order (timer, seats, requests).

    ``armed``: "end the game" was pressed once; its button now asks to be pressed again."""
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
        if armed:
            found.append(Action("end_game!", "Press again to end the game now", "G", TIMER))
        else:
            found.append(Action("end_game", "End the game now (debrief)", "G", TIMER))
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
    except Refused as exc:
        return f"Not done: {exc}"
    return f"Not done: unknown action {action_id!r}"

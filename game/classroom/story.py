"""What a report tells about a game, as plain data: seats, results, the timeline, numbers over the turns.

Built from a replayed game's log and history only (the facilitator's view: everything is revealed at
the debrief), so the HTML and the Markdown reports say the same things.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.engine import CompiledScenario, Game

SEAT_WORDS = {
    "human": "students",
    "heuristic": "bot (heuristic)",
    "random": "bot (random)",
    "lookahead": "bot (lookahead)",
}


@dataclass(frozen=True)
class Move:
    """A move as it resolved, with what the table knew of it."""

    actor: str
    """The actor's display name."""
    text: str
    """The move's log line."""
    outcome: str
    """done, accepted, rejected or failed."""
    covert: bool
    detected: bool
    """For a covert move: whether it was detected (at its resolution)."""
    reason: str = ""
    """The decider's stated reason (bots)."""
    answer: str = ""
    """For a deal: the target's answer and reason."""
    changes: str = ""


@dataclass
class Turn:
    """One turn of the timeline."""

    number: int
    label: str
    news: list[tuple[str, str]] = field(default_factory=list)
    """(headline, text) of each event."""
    moves: list[Move] = field(default_factory=list)
    passes: list[str] = field(default_factory=list)
    """Actors who made no move."""
    tracks: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    facilitator: list[str] = field(default_factory=list)
    stand_ins: list[str] = field(default_factory=list)
    """Seats a bot decided for, for an absent person (with the bot's kind)."""
    ending: str = ""
    scores: dict[str, int] = field(default_factory=dict)


def _name(compiled: CompiledScenario, actor: str | None) -> str:
    return compiled.actor_names.get(actor or "", actor or "")


def _changes(compiled: CompiledScenario, changes: dict[str, int] | None) -> str:
    if not changes:
        return ""
    parts = []
    for ref, delta in changes.items():
        variable = compiled.variables.get(ref)
        owner = ref.split(".", 1)[0]
        who = "world" if owner == "world" else _name(compiled, owner)
        parts.append(f"{who}: {variable.label if variable else ref} {delta:+d}")
    return ", ".join(parts)


def timeline(game: Game) -> list[Turn]:
    """Every turn: news, every move with its outcome (covert ones marked, with their detection), deals and
    their answers, track changes, objectives met, facilitator actions and the ending."""
    compiled = game.compiled
    turns = {n: Turn(n, compiled.turn_labels[n - 1]) for n in range(1, game.turn + 1)}
    log = game.state["log"]
    detected = {(e["turn"], e.get("actor"), e.get("move"), e.get("target")) for e in log if e["kind"] == "detected"}
    for entry in log:
        turn = turns[entry["turn"]]
        kind = entry["kind"]
        if kind == "event":
            turn.news.append((str(entry.get("title", "")), entry["text"]))
        elif kind in ("move", "deal", "rejected", "failed"):
            move = compiled.moves.get(entry.get("move", ""))
            covert = move is not None and move.visibility == "covert"
            key = (entry["turn"], entry.get("actor"), entry.get("move"), entry.get("target"))
            outcome = {"move": "done", "deal": "accepted", "rejected": "rejected", "failed": "failed"}[kind]
            answer = ""
            if move is not None and move.kind == "deal":
                answer = "accepted" if kind == "deal" else "rejected" if kind == "rejected" else ""
                if entry.get("answer_reason"):
                    answer += f" ({entry['answer_reason']})"
                reasons = entry.get("answer_reasons") or {}  # a deal among several parties: each party's reason
                if reasons:
                    answer += " (" + "; ".join(f"{_name(compiled, p)}: {r}" for p, r in reasons.items()) + ")"
            turn.moves.append(
                Move(
                    _name(compiled, entry.get("actor")), entry["text"], outcome, covert, key in detected,
                    str(entry.get("reason", "")), answer.strip(), _changes(compiled, entry.get("changes")),
                )
            )  # fmt: skip
        elif kind == "secret":  # a deal's secret half, revealed here as at the debrief
            who = ", ".join(_name(compiled, a) for a in entry.get("visible_to", ()))
            turn.moves.append(Move(_name(compiled, entry.get("actor")), f"{entry['text']} (known only to {who})",
                                   "accepted", False, False, "", "secret half",
                                   _changes(compiled, entry.get("changes"))))  # fmt: skip
        elif kind == "track":
            turn.tracks.append(entry["text"])
        elif kind == "objective":
            turn.objectives.append(entry["text"])
        elif kind == "facilitator":
            turn.facilitator.append(entry["text"])
        elif kind == "ending":
            turn.ending = entry["text"]
    for data in game.decisions:
        if data.get("kind") == "move" and data.get("move") == "pass" and data.get("turn") in turns:
            turns[data["turn"]].passes.append(_name(compiled, data.get("actor")))
        by = data.get("by")
        if isinstance(by, str) and data.get("turn") in turns:
            line = f"{_name(compiled, data.get('actor'))}: decided by a stand-in bot ({by.removeprefix('stand-in ')})"
            if line not in turns[data["turn"]].stand_ins:
                turns[data["turn"]].stand_ins.append(line)
    for snap in game.state["history"]:
        if snap["turn"] in turns:
            turns[snap["turn"]].scores = dict(snap["scores"])
    return [turns[n] for n in sorted(turns)]


@dataclass(frozen=True)
class Numbers:
    """Values per turn, with turn 0 the start: x labels and, per owner, (label, values) per variable."""

    x_labels: list[str]
    variables: dict[str, list[tuple[str, list[int]]]]
    """Owner (actor id or ``world``) -> its variables' series."""
    scores: list[tuple[str, list[int]]]
    tracks: list[tuple[str, list[str]]]
    """Track name -> state label per turn."""


def numbers(game: Game) -> Numbers:
    """Every variable, score and track from the start through each recorded turn."""
    compiled = game.compiled
    history = game.state["history"]
    start = compiled.initial_values()
    x_labels = ["start"] + [f"T{snap['turn']}" for snap in history]
    variables: dict[str, list[tuple[str, list[int]]]] = {}
    for ref, variable in compiled.variables.items():
        owner = ref.split(".", 1)[0]
        values = [int(start[ref])] + [int(snap["vars"][ref]) for snap in history]
        variables.setdefault(owner, []).append((variable.label, values))
    scores = [(_name(compiled, a), [0] + [int(snap["scores"][a]) for snap in history]) for a in compiled.actors]
    tracks = []
    for tid, machine in compiled.tracks.items():
        states = [machine.track.initial] + [snap["tracks"][tid] for snap in history]
        tracks.append((machine.track.name, [machine.label(s) for s in states]))
    return Numbers(x_labels, variables, scores, tracks)


def objectives(game: Game) -> list[dict[str, Any]]:
    """Every objective with its actor's name, points, secrecy and the turns it was met."""
    met = game.state["met"]
    return [
        {"actor": _name(game.compiled, o.actor), "text": o.objective.text, "points": o.objective.points,
         "secret": o.objective.secret, "when": o.objective.when, "met": list(met.get(o.key, []))}
        for o in game.compiled.objectives
    ]  # fmt: skip


def seat_words(kind: str) -> str:
    """How a seat kind reads in a report."""
    return SEAT_WORDS.get(kind, kind)


def stand_in_turns(game: Game, actor: str) -> list[int]:
    """The turns on which a stand-in bot decided for ``actor``."""
    return sorted({int(d["turn"]) for d in game.decisions if d.get("actor") == actor and d.get("by")})

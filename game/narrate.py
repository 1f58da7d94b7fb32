"""A readable, turn-by-turn account of a game, for the terminal and plain-text reports.

It renders only engine views (:func:`game.engine.view.view`): each turn's
account is the public view as the room saw it during play (news, public
moves, detected covert moves, track changes, public upkeep, scores and the
bots' reasons that give nothing away); the hidden moves are revealed in a
section of their own at the end, from the facilitator's view.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from game.engine import FACILITATOR, PUBLIC, Game, View, view
from game.engine.view import is_public
from game.engine.wording import cause_sentence, in_sentence

KIND_TITLES = {
    "event": "News",
    "move": "Moves",
    "deal": "Moves",
    "rejected": "Moves",
    "failed": "Moves",
    "detected": "Detected",
    "track": "Tracks",
    "upkeep": "Upkeep",
    "objective": "Objectives",
    "ending": "Ending",
}
SECTION_ORDER = ["News", "Moves", "Detected", "Tracks", "Upkeep", "Objectives", "Ending"]


def header(game: Game, players: dict[str, str]) -> list[str]:
    """Title, seed and who plays whom."""
    meta = game.compiled.meta
    seats = ", ".join(f"{game.compiled.actor_names[a]} ({kind})" for a, kind in players.items())
    return [f"{meta.title} — seed {game.seed}", f"{meta.turns} turns of {meta.turn_length}. Players: {seats}", ""]


def turn_lines(game: Game, turn: int) -> list[str]:
    """The public account of one turn (as the room saw it, also once the game is over)."""
    seen = view(game, PUBLIC, reveal_at_end=False)
    label = game.compiled.turn_labels[turn - 1]
    lines = [f"=== Turn {turn} · {label} ==="]
    sections: dict[str, list[str]] = {}
    for entry in seen.log:
        if entry["turn"] != turn:
            continue
        title = KIND_TITLES.get(entry["kind"], "Other")
        sections.setdefault(title, []).append(_entry_line(seen, entry))
    for title in SECTION_ORDER:
        if title in sections:
            lines.append(f"{title}:")
            lines.extend(f"  • {text}" for text in sections[title])
    snap = _snapshot(seen, turn)
    if snap is not None:
        lines.append("Scores: " + " · ".join(f"{seen.name(a)} {s}" for a, s in snap["scores"].items()))
        lines.extend(_needs(seen, snap))
    lines.append("")
    return lines


def _snapshot(seen: View, turn: int) -> dict[str, Any] | None:
    for snap in seen.history:
        if snap["turn"] == turn:
            return dict(snap)
    return None


def _needs(seen: View, snap: dict[str, Any]) -> Iterator[str]:
    compiled = seen.compiled
    for actor in compiled.actors:
        parts = []
        for ref, value in snap["vars"].items():
            if not ref.startswith(actor + "."):
                continue
            variable = compiled.variables[ref]
            warn = " (critical)" if variable.critical is not None and value < variable.critical else ""
            parts.append(f"{variable.label} {value}{warn}")
        if parts:
            yield f"  {compiled.actor_names[actor]}: " + ", ".join(parts)
    world = [f"{compiled.variables[r].label} {v}" for r, v in snap["vars"].items() if r.startswith("world.")]
    if world:
        yield "  World: " + ", ".join(world)


def _entry_line(seen: View, entry: dict[str, Any]) -> str:
    text = entry["text"]
    if entry["kind"] == "event":
        text = f"{entry.get('title', '')} — {text}"
    if entry["kind"] == "deal":
        text += " — accepted"
    changes = entry.get("changes")
    if changes and entry["kind"] in ("event", "move", "deal", "detected"):
        proper = seen.compiled.proper_words
        shown = [
            f"{in_sentence(seen.compiled.variables[ref].label, proper)} of {_owner(seen, ref)} {delta:+d}"
            for ref, delta in changes.items()
        ]
        if shown:
            text += f" [{', '.join(shown)}]"
    if entry.get("reason"):
        text += f"\n      why: {entry['reason']}"
    if entry.get("answer_reason"):
        text += f"\n      answer: {entry['answer_reason']}"
    return str(text)


def _owner(seen: View, ref: str) -> str:
    owner = ref.split(".", 1)[0]
    return seen.compiled.actor_names.get(owner, "the world")


def result_lines(game: Game) -> list[str]:
    """The ending, final scores, winners, and every hidden move revealed."""
    everything = view(game, FACILITATOR)
    result = everything.result
    if result is None:
        return ["The game is not over."]
    names = game.compiled.actor_names
    lines = [
        f"=== Result: {result['title']} (turn {result['turn']}) ===",
        *([cause_sentence(result)] if "cause" in result else []),
        "Final scores: " + " · ".join(f"{names[a]} {s}" for a, s in result["scores"].items()),
        "Winner" + ("s" if len(result["winners"]) > 1 else "") + ": " + ", ".join(names[a] for a in result["winners"]),
    ]
    hidden = [e for e in everything.log if not is_public(e)]
    if hidden:
        lines += ["", "Revealed at the debrief (hidden during play):"]
        for entry in hidden:
            lines.append(f"  • turn {entry['turn']}: {_entry_line(everything, entry)}")
    return lines

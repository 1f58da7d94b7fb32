"""A readable, turn-by-turn account of a game, for the terminal and plain-text reports.

It reads only the game's log and history (plain data). During play it shows
what a classroom projector may show: news, public moves, detected covert
moves, track changes, upkeep, scores and bots' reasons; the hidden moves are
revealed in a section of their own at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from game.engine import Game
from game.engine.wording import in_sentence

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


def is_public(entry: dict[str, Any]) -> bool:
    """True when everybody saw the entry while the game was played."""
    return entry.get("visible_to") is None


def header(game: Game, players: dict[str, str]) -> list[str]:
    """Title, seed and who plays whom."""
    meta = game.compiled.meta
    seats = ", ".join(f"{game.compiled.actor_names[a]} ({kind})" for a, kind in players.items())
    return [f"{meta.title} — seed {game.seed}", f"{meta.turns} turns of {meta.turn_length}. Players: {seats}", ""]


def turn_lines(game: Game, turn: int) -> list[str]:
    """The public account of one turn."""
    label = game.compiled.turn_labels[turn - 1]
    lines = [f"=== Turn {turn} · {label} ==="]
    sections: dict[str, list[str]] = {}
    for entry in game.state["log"]:
        if entry["turn"] != turn or not is_public(entry):
            continue
        title = KIND_TITLES.get(entry["kind"], "Other")
        sections.setdefault(title, []).append(_entry_line(game, entry))
    for title in SECTION_ORDER:
        if title in sections:
            lines.append(f"{title}:")
            lines.extend(f"  • {text}" for text in sections[title])
    snap = _snapshot(game, turn)
    if snap is not None:
        lines.append("Scores: " + " · ".join(f"{game.compiled.actor_names[a]} {s}" for a, s in snap["scores"].items()))
        lines.extend(_needs(game, snap))
    lines.append("")
    return lines


def _snapshot(game: Game, turn: int) -> dict[str, Any] | None:
    for snap in game.state["history"]:
        if snap["turn"] == turn:
            return dict(snap)
    return None


def _needs(game: Game, snap: dict[str, Any]) -> Iterator[str]:
    compiled = game.compiled
    for actor in compiled.actors:
        parts = []
        for ref, value in snap["vars"].items():
            if not ref.startswith(actor + ".") or ref in compiled.private_vars:
                continue
            variable = compiled.variables[ref]
            warn = " (critical)" if variable.critical is not None and value < variable.critical else ""
            parts.append(f"{variable.label} {value}{warn}")
        if parts:
            yield f"  {compiled.actor_names[actor]}: " + ", ".join(parts)
    world = [f"{compiled.variables[r].label} {v}" for r, v in snap["vars"].items() if r.startswith("world.")]
    if world:
        yield "  World: " + ", ".join(world)


def _entry_line(game: Game, entry: dict[str, Any]) -> str:
    text = entry["text"]
    if entry["kind"] == "event":
        text = f"{entry.get('title', '')} — {text}"
    if entry["kind"] == "deal":
        text += " — accepted"
    changes = entry.get("changes")
    if changes and entry["kind"] in ("event", "move", "deal", "detected"):
        shown = [
            f"{in_sentence(game.compiled.variables[ref].label)} of {_owner(game, ref)} {delta:+d}"
            for ref, delta in changes.items()
            if ref not in game.compiled.private_vars
        ]
        if shown:
            text += f" [{', '.join(shown)}]"
    if entry.get("reason"):
        text += f"\n      why: {entry['reason']}"
    if entry.get("answer_reason"):
        text += f"\n      answer: {entry['answer_reason']}"
    return str(text)


def _owner(game: Game, ref: str) -> str:
    owner = ref.split(".", 1)[0]
    return game.compiled.actor_names.get(owner, "the world")


def result_lines(game: Game) -> list[str]:
    """The ending, final scores, winners, and every hidden move revealed."""
    result = game.state["result"]
    if result is None:
        return ["The game is not over."]
    names = game.compiled.actor_names
    lines = [
        f"=== Result: {result['title']} (turn {result['turn']}) ===",
        "Final scores: " + " · ".join(f"{names[a]} {s}" for a, s in result["scores"].items()),
        "Winner" + ("s" if len(result["winners"]) > 1 else "") + ": " + ", ".join(names[a] for a in result["winners"]),
    ]
    hidden = [e for e in game.state["log"] if not is_public(e)]
    if hidden:
        lines += ["", "Revealed at the debrief (hidden during play):"]
        for entry in hidden:
            lines.append(f"  • turn {entry['turn']}: {_entry_line(game, entry)}")
    return lines

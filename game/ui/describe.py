"""Words for the interface, read from the engine's state, previews and log (no pygame, no rules).

Everything here answers "what may this viewer see, and how do we say it": a move's cost and
previewed effects, a deal's offer and ask, a turn's public summary, the hidden moves the
debrief reveals. A viewer is an actor id, or ``None`` for the public (the projector).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine import BoundMove, Game, MoveOption
from game.engine.compiled import WORLD, CompiledScenario

MINUS = "\u2212"


def signed(value: int | float) -> str:
    """+5 or −3 (a true minus sign, which reads better on a projector)."""
    return f"+{value}" if value > 0 else f"{MINUS}{abs(value)}" if value < 0 else "0"


def owner_name(compiled: CompiledScenario, ref: str) -> str:
    """Display name of a variable's owner ("World" for shared variables)."""
    owner = ref.split(".", 1)[0]
    return "World" if owner == WORLD else compiled.actor_names.get(owner, owner)


def var_label(compiled: CompiledScenario, ref: str, viewer: str | None = None) -> str:
    """"Lowland water", or "your water" for the viewer's own variable."""
    owner = ref.split(".", 1)[0]
    label = compiled.variables[ref].label
    if viewer is not None and owner == viewer:
        return f"your {label.lower()}"
    return f"{owner_name(compiled, ref)} {label.lower()}"


def can_see(compiled: CompiledScenario, ref: str, viewer: str | None) -> bool:
    """True when ``viewer`` may see the variable (the public sees only public variables)."""
    if ref not in compiled.private_vars:
        return True
    return viewer is not None and ref.startswith(viewer + ".")


def actor_vars(compiled: CompiledScenario, actor: str, viewer: str | None) -> list[str]:
    """The actor's variables the viewer may see, in file order."""
    prefix = actor + "."
    return [ref for ref in compiled.variables if ref.startswith(prefix) and can_see(compiled, ref, viewer)]


def world_vars(compiled: CompiledScenario) -> list[str]:
    """The shared variables (always public)."""
    return [ref for ref in compiled.variables if ref.startswith(WORLD + ".")]


def trend(game: Game, ref: str) -> int:
    """Change of a variable since the end of the previous turn (0 on the first turn)."""
    history = game.state["history"]
    if not history:
        return int(game.state["vars"][ref]) - game.compiled.variables[ref].start
    return int(game.state["vars"][ref]) - int(history[-1]["vars"][ref])


def diff_lines(before: Game, after: Game, viewer: str | None) -> list[str]:
    """What changes between two states, as the viewer may see it: ["Lowland water +15", "Relations: tense » calm"]."""
    compiled = before.compiled
    lines: list[str] = []
    old, new = before.state["vars"], after.state["vars"]
    hidden = 0
    for ref, value in new.items():
        if value == old[ref]:
            continue
        if can_see(compiled, ref, viewer):
            lines.append(f"{var_label(compiled, ref, viewer)} {signed(value - old[ref])}")
        else:
            hidden += 1
    for tid, state in after.state["tracks"].items():
        if state != before.state["tracks"][tid]:
            machine = compiled.tracks[tid]
            lines.append(f"{machine.track.name}: {machine.label(before.state['tracks'][tid])} » {machine.label(state)}")
    for fid, value in after.state["flags"].items():
        if value != before.state["flags"][fid]:
            label = next(f.label for f in compiled.scenario.flags if f.id == fid)
            lines.append(f"{label}: {'yes' if value else 'no'}")
    for actor, score in after.state["scores"].items():
        if score != before.state["scores"][actor]:
            lines.append(f"{compiled.actor_names[actor]} score {signed(score - before.state['scores'][actor])}")
    if hidden:
        lines.append(f"{hidden} hidden change{'s' if hidden > 1 else ''}")
    return lines


@dataclass(frozen=True)
class CardText:
    """The words on a move card."""

    title: str
    cost: str
    effects: str
    note: str
    """Why the move is unavailable, or a short remark (covert, deal); empty when nothing to add."""


def card_text(game: Game, option: MoveOption, viewer: str) -> CardText:
    """Title, cost, previewed effects and availability of one move option."""
    bound = option.bound
    compiled = game.compiled
    title = bound.move.name
    if bound.target is not None:
        title += f" » {compiled.actor_names[bound.target]}"
    cost = ", ".join(f"{amount} {var_label(compiled, ref, viewer)}" for ref, amount in bound.cost) or "free"
    effects = "; ".join(diff_lines(game, game.preview(bound), viewer) if option.available else [])
    if not option.available:
        note = f"Not available: {option.reason}"
    elif bound.is_deal:
        note = f"A deal: {compiled.actor_names[bound.target or '']} must accept"
    elif bound.covert:
        note = f"Covert: others learn of it only if detected ({detection_text(game, bound)})"
    else:
        note = ""
    return CardText(title, cost, effects or ("no visible change" if option.available else ""), note)


def detection_text(game: Game, bound: BoundMove) -> str:
    """"30% chance" for a covert move's detection chance now."""
    chance = bound.detection if isinstance(bound.detection, float) else float(game.evaluate(bound.detection))
    return f"{round(chance * 100)}% chance"


def deal_terms(game: Game, bound: BoundMove, viewer: str) -> tuple[list[str], list[str], list[str]]:
    """A deal's (offer, ask, other effects) in words for ``viewer``: what each side gives, and what else happens."""
    offer = diff_lines(game, game.preview_ops(bound.offer), viewer) or ["nothing"]
    ask = diff_lines(game, game.preview_ops(bound.ask), viewer) or ["nothing"]
    after_effects = diff_lines(game, game.preview_ops(bound.effects), viewer)
    return offer, ask, after_effects


SECTION_ORDER = ("News", "Moves", "Detected", "Tracks", "Upkeep", "Objectives", "Ending")
KIND_SECTIONS = {
    "event": "News", "move": "Moves", "deal": "Moves", "rejected": "Moves", "failed": "Moves",
    "detected": "Detected", "track": "Tracks", "upkeep": "Upkeep", "objective": "Objectives", "ending": "Ending",
}  # fmt: skip


def entry_text(game: Game, entry: dict[str, Any], viewer: str | None = None) -> str:
    """One log entry in words, with the visible changes it made."""
    kind = entry["kind"]
    text = str(entry["text"]).replace("\u2192", "\u00bb")  # Noto Sans has no arrow glyph
    if kind == "event":
        text = f"{entry.get('title', '')}: {text}"
    elif kind == "deal":
        text += " (accepted)"
    changes = entry.get("changes")
    if changes and kind in ("event", "move", "deal", "detected"):
        shown = [
            f"{var_label(game.compiled, ref)} {signed(delta)}"
            for ref, delta in changes.items()
            if can_see(game.compiled, ref, viewer)
        ]
        if shown:
            text += f" [{', '.join(shown)}]"
    return text


def is_public(entry: dict[str, Any]) -> bool:
    """True when everybody saw the entry during play."""
    return entry.get("visible_to") is None


def turn_sections(game: Game, turn: int, phases: tuple[str, ...] | None = None) -> list[tuple[str, list[str]]]:
    """The public account of a turn, grouped: [("Moves", [...]), ("Tracks", [...]), ...]."""
    sections: dict[str, list[str]] = {}
    for entry in game.state["log"]:
        if entry["turn"] != turn or not is_public(entry):
            continue
        if phases is not None and entry["phase"] not in phases:
            continue
        sections.setdefault(KIND_SECTIONS.get(entry["kind"], "Other"), []).append(entry_text(game, entry))
    return [(title, sections[title]) for title in (*SECTION_ORDER, "Other") if title in sections]


def score_changes(game: Game, turn: int) -> list[str]:
    """Score change of each actor over ``turn`` (from the history snapshots)."""
    history = {snap["turn"]: snap for snap in game.state["history"]}
    after = history.get(turn)
    if after is None:
        return []
    before = history.get(turn - 1, {"scores": dict.fromkeys(game.compiled.actors, 0)})
    lines = []
    for actor in game.compiled.actors:
        delta = after["scores"][actor] - before["scores"][actor]
        change = signed(delta) if delta else "no change"
        lines.append(f"{game.compiled.actor_names[actor]}: {after['scores'][actor]} ({change})")
    return lines


def bot_reasons(game: Game, turn: int) -> list[str]:
    """Bots' one-line reasons for their public moves and answers in ``turn`` (covert ones stay hidden)."""
    lines = []
    for entry in game.state["log"]:
        if entry["turn"] != turn or not is_public(entry):
            continue
        actor = entry.get("actor")
        if entry.get("reason") and actor:
            lines.append(f"{game.compiled.actor_names[actor]}: {entry['reason']}")
        target = entry.get("target")
        if entry.get("answer_reason") and target:
            lines.append(f"{game.compiled.actor_names[target]}: {entry['answer_reason']}")
    return lines


def hidden_timeline(game: Game) -> list[tuple[int, str]]:
    """Every entry hidden from someone during play, by turn: covert moves, secret objectives, private upkeep."""
    names = game.compiled.actor_names
    timeline = []
    for entry in game.state["log"]:
        if is_public(entry):
            continue
        seen = ", ".join(names.get(a, a) for a in entry["visible_to"]) or "nobody"
        why = f" Why: {entry['reason']}." if entry.get("reason") else ""
        timeline.append((int(entry["turn"]), f"{entry_text(game, entry, None)} (seen only by {seen}).{why}"))
    return timeline


def objective_rows(game: Game, actor: str, viewer: str | None) -> list[tuple[str, bool, str]]:
    """(text with points, met now or when scored, note) for the actor's objectives the viewer may see."""
    rows = []
    over = game.is_over()
    for objective in game.compiled.objectives:
        if objective.actor != actor:
            continue
        model = objective.objective
        if model.secret and viewer != actor and not over:
            continue
        met_turns = game.state["met"].get(objective.key, [])
        if model.when == "each_turn":
            note = f"scored in {len(met_turns)} turn{'s' if len(met_turns) != 1 else ''}"
            met = bool(met_turns)
        else:
            met = bool(met_turns) if over else bool(game.evaluate(objective.condition))
            note = "met" if met else "not met"
            if not over:
                note += " now"
        secret = " (secret)" if model.secret else ""
        rows.append((f"{model.text} ({signed(model.points)}){secret}", met, note))
    return rows

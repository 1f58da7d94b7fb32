"""Words for the interface, read from engine views, previews and the view's log (no pygame, no rules).

Everything here answers "how do we say it" for what a :class:`~game.engine.view.View` lets its viewer
see: a move's cost and previewed effects, a deal's offer and ask, a turn's account, the fate of a
seat's own moves, the hidden moves the debrief reveals. What a viewer may see is decided only by
:func:`game.engine.view.view`; nothing here reads ``game.state``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from game.engine import BoundMove, Game, MoveOption, View, Viewer, view
from game.engine.compiled import WORLD, CompiledScenario, Op
from game.engine.deals import names_list
from game.engine.effects import PRIMITIVE
from game.engine.view import changed_unseen, is_public
from game.engine.wording import in_sentence

MINUS = "\u2212"


def signed(value: int | float) -> str:
    """+5 or −3 (a true minus sign, which reads better on a projector)."""
    return f"+{value}" if value > 0 else f"{MINUS}{abs(value)}" if value < 0 else "0"


def owner_name(compiled: CompiledScenario, ref: str) -> str:
    """Display name of a variable's owner ("World" for shared variables)."""
    owner = ref.split(".", 1)[0]
    return "World" if owner == WORLD else compiled.actor_names.get(owner, owner)


def var_label(compiled: CompiledScenario, ref: str, you: str | None = None) -> str:
    """"Lowland water", or "your water" for a variable of the actor ``you``."""
    owner = ref.split(".", 1)[0]
    label = compiled.variables[ref].label
    if you is not None and owner == you:
        return f"your {in_sentence(label, compiled.proper_words)}"
    return f"{owner_name(compiled, ref)} {in_sentence(label, compiled.proper_words)}"


def actor_vars(seen: View, actor: str) -> list[str]:
    """The actor's variables the view's viewer may see, in file order."""
    prefix = actor + "."
    return [ref for ref in seen.vars if ref.startswith(prefix)]


def world_vars(compiled: CompiledScenario) -> list[str]:
    """The shared variables (always public)."""
    return [ref for ref in compiled.variables if ref.startswith(WORLD + ".")]


def trend(seen: View, ref: str) -> int:
    """Change of a visible variable since the end of the previous turn (0 on the first turn)."""
    if not seen.history:
        return int(seen.vars[ref]) - seen.compiled.variables[ref].start
    return int(seen.vars[ref]) - int(seen.history[-1]["vars"][ref])


def diff_lines(before: View, after: View, unseen: int = 0) -> list[str]:
    """What changes between two views of one viewer: ["Lowland water +15", "Relations: tense » calm"].

    ``unseen`` is the number of changed variables the viewer may not see (said as "2 hidden changes")."""
    compiled = before.compiled
    you = before.viewer.actor
    lines: list[str] = []
    old, new = before.vars, after.vars
    for ref, value in new.items():
        if value != old[ref]:
            lines.append(f"{var_label(compiled, ref, you)} {signed(value - old[ref])}")
    for tid, state in after.tracks.items():
        if state != before.tracks[tid]:
            machine = compiled.tracks[tid]
            lines.append(f"{machine.track.name}: {machine.label(before.tracks[tid])} » {machine.label(state)}")
    for fid, value in after.flags.items():
        if value != before.flags[fid]:
            label = next(f.label for f in compiled.scenario.flags if f.id == fid)
            lines.append(f"{label}: {'yes' if value else 'no'}")
    for actor, score in after.scores.items():
        if score != before.scores[actor]:
            lines.append(f"{compiled.actor_names[actor]} score {signed(score - before.scores[actor])}")
    if unseen:
        lines.append(f"{unseen} hidden change{'s' if unseen > 1 else ''}")
    return lines


def preview_lines(game: Game, after: Game, viewer: Viewer, before: View | None = None) -> list[str]:
    """:func:`diff_lines` between a game and a preview of it, as ``viewer`` may see them.

    ``before`` is ``view(game, viewer)`` when the caller has it already (one per board, not one per card)."""
    seen = view(game, viewer) if before is None else before
    return diff_lines(seen, view(after, viewer), changed_unseen(game, after, viewer))


@dataclass(frozen=True)
class CardText:
    """The words on a move card."""

    title: str
    cost: str
    effects: str
    """What the move does besides its cost (the cost is said once, in :attr:`cost`)."""
    note: str
    """Why the move is unavailable, or a short remark (covert, deal); empty when nothing to add."""


def lasting(seen: View, flag: str) -> str:
    """" (2 more turns)" for a flag set for a number of turns, "" for a lasting one."""
    left = seen.flag_turns.get(flag)
    if left is None:
        return ""
    return " (until the end of this turn)" if left <= 0 else f" ({left} more turn{'s' if left > 1 else ''})"


def move_title(compiled: CompiledScenario, bound: BoundMove) -> str:
    """"Sell water » Lowland"."""
    title = bound.move.name
    if bound.target is not None:
        title += f" » {compiled.actor_names[bound.target]}"
    return title


def cost_text(compiled: CompiledScenario, bound: BoundMove, you: str) -> str:
    """"10 your money, 5 your standing" or "free"."""
    return ", ".join(f"{amount} {var_label(compiled, ref, you)}" for ref, amount in bound.cost) or "free"


def card_text(game: Game, option: MoveOption, viewer: str, before: View | None = None) -> CardText:
    """Title, cost, previewed effects (without the cost) and availability of one of ``viewer``'s moves.

    ``before``: the seat's view of ``game`` if the caller has it (see :func:`preview_lines`)."""
    bound = option.bound
    compiled = game.compiled
    seat = Viewer.seat(viewer)
    effects = ""
    if option.available:
        effects_only = bound.resolve_ops[len(bound.cost):]
        if all(op.kind in PRIMITIVE for op in effects_only):
            after = game.preview_ops(effects_only)
            lines = preview_lines(game, after, seat, before)
        else:  # conditions and amounts read the numbers the cost has already changed when the move resolves
            paid = game.preview_ops(bound.resolve_ops[: len(bound.cost)])
            after = game.preview_ops(bound.resolve_ops)
            lines = preview_lines(paid, after, seat)
        if after.is_over():
            lines.append(f"ends the game: {after.state['result']['title']}")
        effects = "; ".join(lines)
    notes = []
    if not option.available:
        notes.append(f"Not available: {option.reason}")
    else:
        if bound.is_deal:
            names = [compiled.actor_names[a] for a in bound.counterparties]
            notes.append(f"A deal: {names_list(names)} must {'all ' if len(names) > 1 else ''}accept")
        if bound.covert:
            notes.append(f"Covert: others learn of it only if detected ({detection_text(game, bound)})")
    return CardText(move_title(compiled, bound), cost_text(compiled, bound, viewer),
                    effects or ("no visible change" if option.available else ""), ". ".join(notes))  # fmt: skip


def detection_text(game: Game, bound: BoundMove) -> str:
    """"30% chance" for a covert move's detection chance now."""
    chance = bound.detection if isinstance(bound.detection, float) else float(game.evaluate(bound.detection))
    return f"{round(chance * 100)}% chance"


def _steps(game: Game, parts: tuple[tuple[Op, ...], ...], viewer: Viewer) -> list[list[str]]:
    """The visible changes of each part of a deal, each applied after the ones before (as they resolve)."""
    lines = []
    current = game
    for ops in parts:
        after = current.preview_ops(ops)
        lines.append(preview_lines(current, after, viewer))
        current = after
    return lines


def deal_terms(game: Game, bound: BoundMove, viewer: str) -> tuple[list[str], list[str], list[str]]:
    """A deal's (offer, ask, other effects) in words for ``viewer``, each part previewed after the ones
    before it, as the deal resolves (so a track change that needs the ask's flag shows)."""
    offer, ask, effects = _steps(game, (bound.offer, bound.ask, bound.effects), Viewer.seat(viewer))
    return offer or ["nothing"], ask or ["nothing"], effects


def own_changes(game: Game, bound: BoundMove, actor: str, accepted: bool = True) -> list[str]:
    """What the move does, if resolved (a deal: if ``accepted``), to ``actor``'s own numbers and to the tracks."""
    seat = Viewer.seat(actor)
    ops = bound.resolve_ops if accepted or not bound.is_deal else ()
    before, after = view(game, seat), view(game.preview_ops(ops), seat)
    prefix = actor + "."

    def own(seen: View) -> View:
        return replace(seen, vars={r: v for r, v in seen.vars.items() if r.startswith(prefix)}, flags={}, scores={})

    return diff_lines(own(before), own(after))


def current_values(seen: View, actor: str) -> list[str]:
    """"Prestige 60 of 100" for each of ``actor``'s variables the viewer sees."""
    compiled = seen.compiled
    return [f"{compiled.variables[ref].label} {seen.vars[ref]}" for ref in actor_vars(seen, actor)]


SECTION_ORDER = ("News", "Moves", "Detected", "Tracks", "Upkeep", "Objectives", "Ending")
KIND_SECTIONS = {
    "event": "News", "move": "Moves", "deal": "Moves", "rejected": "Moves", "failed": "Moves", "secret": "Moves",
    "detected": "Detected", "track": "Tracks", "upkeep": "Upkeep", "objective": "Objectives", "ending": "Ending",
}  # fmt: skip


def entry_text(seen: View, entry: dict[str, Any]) -> str:
    """One log entry of ``seen`` in words, with the changes it made that the viewer may see."""
    kind = entry["kind"]
    text = str(entry["text"]).replace("\u2192", "\u00bb")  # Noto Sans has no arrow glyph
    if kind == "event":
        text = f"{entry.get('title', '')}: {text}"
    elif kind == "deal":
        text += " (accepted)"
    changes = entry.get("changes")
    if changes and kind in ("event", "move", "deal", "detected", "secret"):
        shown = [f"{var_label(seen.compiled, ref)} {signed(delta)}" for ref, delta in changes.items()]
        if shown:
            text += f" [{', '.join(shown)}]"
    return text


def turn_sections(seen: View, turn: int, phases: tuple[str, ...] | None = None) -> list[tuple[str, list[str]]]:
    """The account of a turn as the view shows it, grouped: [("Moves", [...]), ("Tracks", [...]), ...]."""
    sections: dict[str, list[str]] = {}
    for entry in seen.log:
        if entry["turn"] != turn or (phases is not None and entry["phase"] not in phases):
            continue
        sections.setdefault(KIND_SECTIONS.get(entry["kind"], "Other"), []).append(entry_text(seen, entry))
    return [(title, sections[title]) for title in (*SECTION_ORDER, "Other") if title in sections]


def score_changes(seen: View, turn: int) -> list[str]:
    """Score change of each actor over ``turn`` (from the history snapshots)."""
    history = {snap["turn"]: snap for snap in seen.history}
    after = history.get(turn)
    if after is None:
        return []
    before = history.get(turn - 1, {"scores": dict.fromkeys(seen.compiled.actors, 0)})
    lines = []
    for actor in seen.compiled.actors:
        delta = after["scores"][actor] - before["scores"][actor]
        change = signed(delta) if delta else "no change"
        lines.append(f"{seen.name(actor)}: {after['scores'][actor]} ({change})")
    return lines


def bot_reasons(seen: View, turn: int) -> list[str]:
    """Bots' one-line reasons for the moves and answers of ``turn`` the view shows (the view has removed
    the reasons its viewer may not read)."""
    lines = []
    for entry in seen.log:
        if entry["turn"] != turn:
            continue
        actor = entry.get("actor")
        if entry.get("reason") and actor:
            lines.append(f"{seen.name(actor)}: {entry['reason']}")
        target = entry.get("target")
        if entry.get("answer_reason") and target:
            lines.append(f"{seen.name(target)}: {entry['answer_reason']}")
        for party, reason in (entry.get("answer_reasons") or {}).items():  # a deal among several parties
            lines.append(f"{seen.name(party)}: {reason}")
    return lines


OUTCOME_KINDS = ("move", "deal", "rejected", "failed", "detected")


def outcomes(seen: View, turn: int) -> list[str]:
    """The fate of each of the viewer's own moves and deals in ``turn`` (and of deals made to it), in words.

    "Accepted by North Korea; not detected (yet)", "Rejected by Lowland", "Failed: could not pay 10 money",
    "Detected: everyone knows". Only an actor's view has outcomes; they come from the entries it is party to.
    """
    me = seen.viewer.actor
    if me is None:
        return []
    lines: list[str] = []
    entries = [e for e in seen.log if e["turn"] == turn and e["kind"] in OUTCOME_KINDS]
    detected = {(e.get("actor"), e.get("move"), e.get("target")) for e in entries if e["kind"] == "detected"}
    for entry in entries:
        actor, target, kind = entry.get("actor"), entry.get("target"), entry["kind"]
        if entry.get("parties") and me != actor and me in entry["parties"] and kind in ("deal", "rejected"):
            lines.append(party_outcome(seen, entry))  # a party to a deal among several parties
            continue
        if me not in (actor, target) or kind == "detected":
            continue
        title = str(entry.get("move", ""))
        bound = seen.compiled.bound_index.get((str(actor), title, target))
        name = move_title(seen.compiled, bound) if bound is not None else title
        mine = actor == me
        who = name if mine else f"{seen.name(str(actor))}'s {name}"
        if kind == "rejected":
            answer = f"rejected by {seen.name(str(target))}" if mine else "you rejected it"
            if entry.get("parties"):
                answer = str(entry["text"]).split(" rejected the proposal", 1)[0]
                answer = f"rejected by {answer} (every party had to accept)"
            lines.append(f"{who}: {answer}.")
            continue
        if kind == "failed":
            lines.append(f"{who}: failed ({str(entry['text']).rsplit('failed: ', 1)[-1]}).")
            continue
        fate = ("accepted by " + seen.name(str(target)) if mine else "you accepted it") if kind == "deal" else "done"
        if kind == "deal" and entry.get("parties"):
            fate = "accepted by every party"
        if entry.get("covert"):
            caught = (actor, entry.get("move"), target) in detected
            fate += "; detected: everyone knows" if caught else "; not detected (yet): others do not know"
        lines.append(f"{who}: {fate}.")
    return lines


def party_outcome(seen: View, entry: dict[str, Any]) -> str:
    """The fate of a deal among several parties, told to one of its parties."""
    title = f"{seen.name(str(entry['actor']))}'s {entry.get('move', '')}"
    bound = seen.compiled.bound_index.get((str(entry["actor"]), str(entry.get("move")), None))
    if bound is not None:
        title = f"{seen.name(bound.actor)}'s {bound.move.name}"
    if entry["kind"] == "deal":
        return f"{title}: every party accepted; the deal is made."
    who = str(entry["text"]).split(" rejected the proposal", 1)[0]
    return f"{title}: rejected by {who}; nothing changes hands."


def hidden_timeline(seen: View) -> list[tuple[int, str]]:
    """Every entry hidden from someone during play, by turn (the view must see everything: the debrief)."""
    names = seen.compiled.actor_names
    timeline = []
    for entry in seen.log:
        if is_public(entry):
            continue
        who = ", ".join(names.get(a, a) for a in entry["visible_to"]) or "nobody"
        why = f" Why: {entry['reason']}." if entry.get("reason") else ""
        timeline.append((int(entry["turn"]), f"{entry_text(seen, entry)} (seen only by {who}).{why}"))
    return timeline


def objective_rows(seen: View, actor: str) -> list[tuple[str, bool, str]]:
    """(text with points, met now or when scored, note) for the actor's objectives the view shows."""
    rows = []
    for objective in seen.objectives:
        if objective["actor"] != actor:
            continue
        met_turns = objective["met"]
        if objective["when"] == "each_turn":
            note = f"scored in {len(met_turns)} turn{'s' if len(met_turns) != 1 else ''}"
            met = bool(met_turns)
        elif seen.over:
            met = bool(met_turns)
            note = "met" if met else "not met"
        else:
            met = bool(objective["met_now"])
            note = "unknown" if objective["met_now"] is None else "met now" if met else "not met now"
        secret = " (secret)" if objective["secret"] else ""
        rows.append((f"{objective['text']} ({signed(objective['points'])}){secret}", met, note))
    return rows

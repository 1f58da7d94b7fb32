"""The ONE function that builds what a browser is sent about the game: :func:`board_for`.

Every state message to a seat, a spectator or the projector goes through :func:`board_for`, and it
reads the game through the engine's view for that viewer (:func:`game.engine.view.view`, via
:func:`seat_view`): the seat's view for a team, the public view for everyone else. Scenario texts
(names, labels, move cards) are public data of the scenario; a seat's briefing is its own. The
previews of a seat's own moves and of the deals offered to it come from :mod:`game.ui.describe`
(``card_text``, ``deal_terms``), which word them through the same views. Nothing else in game/net
turns game state into a message for them: the secrecy test in tests/net checks every message it builds.
The facilitator's steering panel (:func:`game.net.steering.panel`) is built from the engine's facilitator
view and goes only to a device that gave the PIN.
"""

from __future__ import annotations

from typing import Any

from game.engine import PUBLIC as PUBLIC_VIEWER
from game.engine import Game, Phase, View, Viewer, view
from game.engine.deals import proposal_key
from game.ui import deal_words, describe

PUBLIC = None
"""The viewer key of spectators and the projector: they see what every player sees."""


def seat_view(game: Game, viewer: str | None) -> View:
    """The engine's view for ``viewer``: an actor's seat, or the public for None (everything once over)."""
    return view(game, PUBLIC_VIEWER if viewer is None else Viewer.seat(viewer))


def board_for(game: Game, viewer: str | None, bots: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Everything ``viewer`` (an actor id, or None for the public) is shown, as plain JSON data.

    ``bots`` names the seats a bot plays (their status is public: the projector shows it).
    """
    seen = seat_view(game, viewer)
    compiled = game.compiled
    names = compiled.actor_names
    over = seen.over
    board: dict[str, Any] = {
        "title": compiled.meta.title,
        "turn": seen.turn,
        "turns": compiled.turns,
        "turn_label": seen.turn_label,
        "phase": seen.phase,
        "over": over,
        "actors": [
            {"id": a, "name": names[a], "colour": _colour(game, a), "score": seen.scores[a], "bot": a in bots}
            for a in compiled.actors
        ],
        "variables": _variables(seen),
        "tracks": [
            {"id": tid, "name": compiled.tracks[tid].track.name, "state": compiled.tracks[tid].label(state)}
            for tid, state in seen.tracks.items()
        ],
        "news": [describe.entry_text(seen, e) for e in seen.log if e["turn"] == seen.turn and e["kind"] == "event"],
        "log": _recent_log(seen),
    }
    if viewer is not None:
        board["me"] = _me(game, seen, viewer)
        rows = describe.objective_rows(seen, viewer)
        board["objectives"] = [{"text": text, "met": met, "note": note} for text, met, note in rows]
        board["awaiting"] = not over and game.is_awaiting(viewer)
        board["orders"] = [] if over else [_order_title(game, viewer, o) for o in seen.orders.get(viewer, [])]
        board["moves"] = _moves(game, seen) if board["awaiting"] and seen.phase == Phase.DIPLOMACY.value else []
        board["offers"] = _offers(game, seen, viewer) if seen.phase == Phase.RESPONSES.value and not over else []
        board["fate"] = _fate(seen)
    if over:
        board["debrief"] = _debrief(game, seen)
    return board


# --- parts ----------------------------------------------------------------------------------------


def _colour(game: Game, actor: str) -> str:
    return next(a.colour for a in game.compiled.scenario.actors if a.id == actor)


def _me(game: Game, seen: View, viewer: str) -> dict[str, Any]:
    actor = next(a for a in game.compiled.scenario.actors if a.id == viewer)
    return {"id": viewer, "name": actor.name, "colour": actor.colour, "briefing": actor.briefing.basic,
            "leaders": list(actor.leaders), "score": seen.scores[viewer]}  # fmt: skip


def _variables(seen: View) -> list[dict[str, Any]]:
    compiled = seen.compiled
    viewer = seen.viewer.actor
    rows = []
    for ref, value in seen.vars.items():
        variable = compiled.variables[ref]
        rows.append({
            "ref": ref, "owner": describe.owner_name(compiled, ref), "label": variable.label, "value": value,
            "critical": variable.critical, "private": ref in compiled.private_vars,
            "mine": viewer is not None and ref.startswith(viewer + "."),
        })  # fmt: skip
    return rows


def _recent_log(seen: View) -> list[dict[str, Any]]:
    """The viewer's log entries of this turn and the last one, newest last (this turn's news is apart)."""
    turn = seen.turn
    return [
        {"turn": e["turn"], "kind": e["kind"], "text": describe.entry_text(seen, e)}
        for e in seen.log
        if e["turn"] >= turn - 1 and not (e["turn"] == turn and e["kind"] == "event")
    ]


def _order_title(game: Game, viewer: str, order: dict[str, Any]) -> str:
    bound = game.compiled.bound_index[(viewer, order["move"], order["target"])]
    title = bound.move.name
    return title + (f" » {game.compiled.actor_names[bound.target]}" if bound.target else "")


def _moves(game: Game, seen: View) -> list[dict[str, Any]]:
    viewer = seen.viewer.actor
    assert viewer is not None
    cards = []
    for option in game.move_options(viewer):
        text = describe.card_text(game, option, viewer, seen)
        bound = option.bound
        cards.append({
            "move": bound.id, "target": bound.target, "title": text.title, "cost": text.cost,
            "effects": text.effects, "note": text.note, "available": option.available,
            "description": bound.move.description, "deal": bound.is_deal, "covert": bound.covert,
        })  # fmt: skip
    return cards


def _offers(game: Game, seen: View, viewer: str) -> list[dict[str, Any]]:
    offers = []
    for proposal in seen.proposals:
        if proposal["to"] != viewer or proposal["answer"] is not None:
            continue
        bound = game.compiled.bound_index[proposal_key(proposal)]
        give, ask, effects = describe.deal_terms(game, bound, viewer)
        offer = {
            "id": proposal["id"], "from": game.compiled.actor_names[proposal["from"]], "title": bound.move.name,
            "description": bound.move.description, "offer": give, "ask": ask, "effects": effects,
        }  # fmt: skip
        terms = deal_words.extra_terms(game, bound, viewer)
        if terms or bound.parties:  # a deal among several parties, or with a secret half (format 1 sends neither)
            offer["terms"] = [{"heading": heading, "lines": lines} for heading, lines in terms]
            offer["parties"] = deal_words.who_must_accept(game, bound) if bound.parties else ""
            if bound.parties:
                offer["ask"], offer["effects"] = [], []
        offers.append(offer)
    return offers


def _fate(seen: View) -> list[dict[str, Any]]:
    """What became of the viewer's own moves (and of deals offered to it), turn by turn."""
    turns = sorted({int(e["turn"]) for e in seen.log})
    return [{"turn": turn, "text": line} for turn in turns for line in describe.outcomes(seen, turn)]


def _debrief(game: Game, seen: View) -> dict[str, Any]:
    result = seen.result or {}
    names = game.compiled.actor_names
    return {
        "ending": result.get("title", ""),
        "winners": [names[a] for a in result.get("winners", [])],
        "scores": [{"name": names[a], "score": seen.scores[a]} for a in game.compiled.actors],
        "hidden": [{"turn": turn, "text": text} for turn, text in describe.hidden_timeline(seen)],
        "objectives": [
            {"actor": names[a], "text": text, "met": met, "note": note}
            for a in game.compiled.actors
            for text, met, note in describe.objective_rows(seen, a)
        ],
        "questions": list(game.compiled.scenario.debrief.questions),
    }

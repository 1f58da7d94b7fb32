"""The ONE function that builds what a browser is sent about the game: :func:`board_for`.

Every state message to a seat, a spectator or the projector goes through :func:`board_for`, and
it reads the game only through the engine's view for that viewer (:func:`seat_view`): the
actor's view for a seat, the public view for everyone else. Scenario texts (names, labels, move
cards) are public data of the scenario; a seat's briefing is its own. Previews of a move's
effects and a deal's terms come from :mod:`game.ui.describe`, which words changes for the viewer
and counts the ones the viewer may not see as "hidden changes". Nothing else in game/net turns
game state into a message: the secrecy test in tests/net checks every message it builds.
"""

from __future__ import annotations

from typing import Any

from game.engine import Game, Phase, actor_view, facilitator_view
from game.ui import describe

PUBLIC = None
"""The viewer of spectators and the projector: sees what every player sees."""


def public_view(game: Game) -> dict[str, Any]:
    """The state as the public may see it: public variables, tracks, scores, public log entries.

    Everything once the game is over (the debrief reveals it all), as for a seat.
    """
    if game.is_over():
        return facilitator_view(game)
    full = facilitator_view(game)
    private = game.compiled.private_vars
    return {
        "actor": None,
        "turn": full["turn"],
        "turn_label": full["turn_label"],
        "phase": full["phase"],
        "vars": {ref: v for ref, v in full["vars"].items() if ref not in private},
        "tracks": full["tracks"],
        "flags": full["flags"],
        "scores": full["scores"],
        "orders": [],
        "proposals": [],
        "objectives": [o for o in full["objectives"] if not o["secret"]],
        "log": [e for e in full["log"] if e.get("visible_to") is None],
        "history": [
            {**snap, "vars": {ref: v for ref, v in snap["vars"].items() if ref not in private}}
            for snap in full["history"]
        ],
        "result": full["result"],
    }


def seat_view(game: Game, viewer: str | None) -> dict[str, Any]:
    """The engine's view for ``viewer``: an actor's own view, or the public view for None."""
    return public_view(game) if viewer is None else actor_view(game, viewer)


def board_for(game: Game, viewer: str | None, bots: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Everything ``viewer`` (an actor id, or None for the public) is shown, as plain JSON data.

    ``bots`` names the seats a bot plays (their status is public: the projector shows it).
    """
    view = seat_view(game, viewer)
    compiled = game.compiled
    names = compiled.actor_names
    over = view["result"] is not None
    board: dict[str, Any] = {
        "title": compiled.meta.title,
        "turn": view["turn"],
        "turns": compiled.turns,
        "turn_label": view["turn_label"],
        "phase": view["phase"],
        "over": over,
        "actors": [
            {"id": a, "name": names[a], "colour": _colour(game, a), "score": view["scores"][a], "bot": a in bots}
            for a in compiled.actors
        ],
        "variables": _variables(game, view, viewer),
        "tracks": [
            {"id": tid, "name": compiled.tracks[tid].track.name, "state": compiled.tracks[tid].label(state)}
            for tid, state in view["tracks"].items()
        ],
        "news": _entries(game, view, viewer, view["turn"], ("event",)),
        "log": _recent_log(game, view, viewer),
    }
    if viewer is not None:
        board["me"] = _me(game, view, viewer)
        rows = describe.objective_rows(game, viewer, viewer)
        board["objectives"] = [{"text": text, "met": met, "note": note} for text, met, note in rows]
        board["awaiting"] = not over and game.is_awaiting(viewer)
        board["orders"] = [] if over else [_order_title(game, viewer, o) for o in view["orders"]]
        board["moves"] = _moves(game, viewer) if board["awaiting"] and view["phase"] == Phase.DIPLOMACY.value else []
        board["offers"] = _offers(game, view, viewer) if view["phase"] == Phase.RESPONSES.value and not over else []
        board["fate"] = _fate(game, view, viewer)
    if over:
        board["debrief"] = _debrief(game, view)
    return board


# --- parts ----------------------------------------------------------------------------------------


def _colour(game: Game, actor: str) -> str:
    return next(a.colour for a in game.compiled.scenario.actors if a.id == actor)


def _me(game: Game, view: dict[str, Any], viewer: str) -> dict[str, Any]:
    actor = next(a for a in game.compiled.scenario.actors if a.id == viewer)
    return {"id": viewer, "name": actor.name, "colour": actor.colour, "briefing": actor.briefing.basic,
            "leaders": list(actor.leaders), "score": view["scores"][viewer]}  # fmt: skip


def _variables(game: Game, view: dict[str, Any], viewer: str | None) -> list[dict[str, Any]]:
    compiled = game.compiled
    rows = []
    for ref, value in view["vars"].items():
        variable = compiled.variables[ref]
        rows.append({
            "ref": ref, "owner": describe.owner_name(compiled, ref), "label": variable.label, "value": value,
            "critical": variable.critical, "private": ref in compiled.private_vars,
            "mine": viewer is not None and ref.startswith(viewer + "."),
        })  # fmt: skip
    return rows


def _entries(game: Game, view: dict[str, Any], viewer: str | None, turn: int, kinds: tuple[str, ...]) -> list[str]:
    return [describe.entry_text(game, e, viewer) for e in view["log"] if e["turn"] == turn and e["kind"] in kinds]


def _recent_log(game: Game, view: dict[str, Any], viewer: str | None) -> list[dict[str, Any]]:
    """The viewer's log entries of this turn and the last one, newest last (this turn's news is apart)."""
    turn = view["turn"]
    return [
        {"turn": e["turn"], "kind": e["kind"], "text": describe.entry_text(game, e, viewer)}
        for e in view["log"]
        if e["turn"] >= turn - 1 and not (e["turn"] == turn and e["kind"] == "event")
    ]


def _order_title(game: Game, viewer: str, order: dict[str, Any]) -> str:
    bound = game.compiled.bound_index[(viewer, order["move"], order["target"])]
    title = bound.move.name
    return title + (f" » {game.compiled.actor_names[bound.target]}" if bound.target else "")


def _moves(game: Game, viewer: str) -> list[dict[str, Any]]:
    cards = []
    for option in game.move_options(viewer):
        text = describe.card_text(game, option, viewer)
        bound = option.bound
        cards.append({
            "move": bound.id, "target": bound.target, "title": text.title, "cost": text.cost,
            "effects": text.effects, "note": text.note, "available": option.available,
            "description": bound.move.description, "deal": bound.is_deal, "covert": bound.covert,
        })  # fmt: skip
    return cards


def _offers(game: Game, view: dict[str, Any], viewer: str) -> list[dict[str, Any]]:
    offers = []
    for proposal in view["proposals"]:
        if proposal["to"] != viewer or proposal["answer"] is not None:
            continue
        bound = game.compiled.bound_index[(proposal["from"], proposal["move"], viewer)]
        give, ask, effects = describe.deal_terms(game, bound, viewer)
        offers.append({
            "id": proposal["id"], "from": game.compiled.actor_names[proposal["from"]], "title": bound.move.name,
            "description": bound.move.description, "offer": give, "ask": ask, "effects": effects,
        })  # fmt: skip
    return offers


_FATE_KINDS = ("move", "deal", "rejected", "failed", "detected")


def _fate(game: Game, view: dict[str, Any], viewer: str) -> list[dict[str, Any]]:
    """What became of the viewer's own moves (and deals offered to it), turn by turn."""
    return [
        {"turn": e["turn"], "kind": e["kind"], "text": describe.entry_text(game, e, viewer)}
        for e in view["log"]
        if e["kind"] in _FATE_KINDS and viewer in (e.get("actor"), e.get("target"))
    ]


def _debrief(game: Game, view: dict[str, Any]) -> dict[str, Any]:
    result = view["result"]
    names = game.compiled.actor_names
    return {
        "ending": result["title"],
        "winners": [names[a] for a in result["winners"]],
        "scores": [{"name": names[a], "score": result["scores"][a]} for a in game.compiled.actors],
        "hidden": [{"turn": turn, "text": text} for turn, text in describe.hidden_timeline(game)],
        "objectives": [
            {"actor": names[a], "text": text, "met": met, "note": note}
            for a in game.compiled.actors
            for text, met, note in describe.objective_rows(game, a, None)
        ],
        "questions": list(game.compiled.scenario.debrief.questions),
    }

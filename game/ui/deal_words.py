"""A deal's terms in words beyond a two-party offer and ask: each party's terms in a deal among several parties,
and a deal's secret half. Screens (the deal dialog, the answer screen) and the browser's messages use it.

Whether a viewer may read a secret half is the engine view's rule (:func:`game.engine.view.sees_secret_terms`);
every change is worded through :func:`game.ui.describe.preview_lines`, so a seat sees only the numbers it may see.
"""

from __future__ import annotations

from game.engine import BoundMove, Game, Viewer
from game.engine.compiled import compile_effects
from game.engine.deals import names_list
from game.engine.view import sees_secret_terms
from game.ui.describe import preview_lines


def party_heading(game: Game, party: str, viewer: str, verb: str) -> str:
    """"You give" for the viewer's own terms, "Russia gives" for another party's."""
    if party == viewer:
        return f"You {verb}"
    return f"{game.compiled.actor_names.get(party, party)} {verb}s"


def extra_terms(game: Game, bound: BoundMove, viewer: str) -> list[tuple[str, list[str]]]:
    """(heading, lines) of the deal's terms that a two-party offer and ask do not hold, in the order they resolve:
    each party's gives and gets (a deal among several parties), the other effects of such a deal, then the secret
    half if ``viewer`` may read it. Each part is previewed after the ones before it."""
    if not bound.parties and not bound.secret_text:
        return []
    seat = Viewer.seat(viewer)
    sections: list[tuple[str, list[str]]] = []
    current = game.preview_ops(bound.offer + bound.ask) if bound.parties else game.preview_ops(bound.public_ops)
    if bound.parties:
        for party in bound.move.parties:
            for verb, effects in (("give", party.gives), ("get", party.gets)):
                after = current.preview_ops(compile_effects(effects, bound.actor, None))
                sections.append((party_heading(game, party.actor, viewer, verb),
                                 preview_lines(current, after, seat) or ["nothing"]))  # fmt: skip
                current = after
        after = current.preview_ops(bound.effects)
        lines = preview_lines(current, after, seat)
        if lines:
            sections.append(("If every party accepts, also", lines))
        current = after
    if bound.secret_text and sees_secret_terms(seat, bound, game.is_over()):
        after = current.preview_ops(bound.secret_ops)
        lines = [bound.secret_text, *preview_lines(current, after, seat)]
        sections.append(("Secret half (only the deal's parties know it)", lines))
    return sections


def who_must_accept(game: Game, bound: BoundMove) -> str:
    """"Russia, Ukraine and Türkiye must all accept" or "North Korea must accept"."""
    names = [game.compiled.actor_names.get(a, a) for a in bound.counterparties]
    return f"{names_list(names)} must all accept" if len(names) > 1 else f"{names[0]} must accept"

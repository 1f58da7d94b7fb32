"""The one replay: a game rebuilt from its seed and its recorded decisions.

Used by ``parley replay``, saved games, live reloading and the look-ahead bot (which rebuilds
the start of the turn from the decision log). A decision that does not fit raises
:class:`Divergence` with where and why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from game.engine import facilitator
from game.engine.compiled import CompiledScenario
from game.engine.decisions import decision_from_json
from game.engine.errors import IllegalDecision
from game.engine.game import Game


class Divergence(Exception):
    """A replay that does not reproduce its log; the message says where."""


def replay(
    compiled: CompiledScenario,
    seed: int,
    decisions: Sequence[Any],
    *,
    allow_unfinished: bool = False,
    on_turn: Callable[[Game, int], None] | None = None,
    quiet: bool = False,
) -> Game:
    """Re-play recorded decisions; raise :class:`Divergence` at the first one that does not fit.

    With ``allow_unfinished`` the decisions may stop before the game ends (a saved game in progress).
    ``on_turn(game, turn)`` is called after each turn's assessment; a ``quiet`` game keeps no log."""
    game = Game(compiled, seed)
    game.quiet = quiet
    game.advance()
    replay_more(game, decisions, allow_unfinished=allow_unfinished, on_turn=on_turn)
    return game


def replay_more(
    game: Game,
    decisions: Sequence[Any],
    *,
    first: int = 1,
    allow_unfinished: bool = False,
    on_turn: Callable[[Game, int], None] | None = None,
) -> None:
    """Re-play more recorded decisions on ``game`` (a replay so far, waiting for its next decision): replaying
    a log in two parts gives the game replaying it at once gives. ``first`` is the number of the first
    decision in messages; the rest as :func:`replay`."""
    turn = game.turn
    for number, data in enumerate(decisions, start=first):
        try:
            decision = None if facilitator.is_action(data) else decision_from_json(data)
        except ValueError as exc:
            raise Divergence(f"decision {number}: {exc}") from None
        if game.is_over():
            raise Divergence(f"decision {number}: the game was already over")
        recorded_turn = data.get("turn")
        if recorded_turn != game.turn:
            raise Divergence(
                f"decision {number}: recorded on turn {recorded_turn}, but the game is on turn {game.turn}"
            )
        try:
            if decision is None:
                facilitator.replay(game, data)  # a facilitator's action, done again at the same point
            else:
                game.submit(decision, data.get("reason"))
        except (IllegalDecision, ValueError) as exc:
            raise Divergence(f"decision {number} (turn {game.turn}): {exc}") from None
        if not game.awaiting():
            game.advance()
            if game.turn != turn or game.is_over():
                if on_turn is not None:
                    on_turn(game, turn)
                turn = game.turn
    if not game.is_over() and not allow_unfinished:
        waiting = ", ".join(game.awaiting())
        raise Divergence(f"the log ends on turn {game.turn} before the game does (waiting for {waiting})")

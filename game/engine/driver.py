"""One loop drives every kind of game: headless runs, batches, the interface, bots' rollouts.

:func:`drive` lets the players decide for their seats, in actor order, and runs the automatic
phases until a seat without a player must decide, a number of turns have been assessed, or the
game is over. What the callers need to see of a game (the decisions, each turn's end, the end)
comes through :class:`Hooks`, so none of them writes a loop of its own or a subclass of
:class:`~game.engine.game.Game`.

Players are anything with a ``decide(game, actor)`` method (:class:`Player`): the driver lives
in the engine so that bots (which stand above it) can use it for their own look-ahead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from game.engine.decisions import Decision
from game.engine.game import Game


class Player(Protocol):
    """Anything that can decide for an actor: a bot, a human at the keyboard, a network seat."""

    name: str
    """Kind of player, e.g. "random" or "heuristic"."""

    def decide(self, game: Game, actor: str) -> tuple[Decision, str | None]:
        """One legal decision for ``actor`` now, with a one-line reason (or None)."""
        ...


class Hooks:
    """What a caller wants to see of a driven game; every method does nothing unless overridden."""

    def decided(self, game: Game, actor: str, decision: Decision, reason: str | None) -> None:
        """A player has chosen ``decision``; called just before the game records it."""

    def turn_assessed(self, game: Game, turn: int) -> None:
        """Turn ``turn`` has been assessed (the game may be over now)."""

    def ended(self, game: Game) -> None:
        """The game has ended (called once, after the last turn's :meth:`turn_assessed`)."""


NO_HOOKS = Hooks()

StopKind = Literal["seat", "turns", "over"]


@dataclass(frozen=True)
class Stop:
    """Why :func:`drive` returned."""

    kind: StopKind
    """seat: ``actor`` must decide and has no player; turns: the turns asked for were assessed;
    over: the game has ended (now or before)."""
    actor: str | None = None
    """The seat that must decide (for seat)."""
    turn: int = 0
    """The last turn assessed during this call (0 if none)."""


def decide_waiting(game: Game, players: Mapping[str, Player], hooks: Hooks = NO_HOOKS) -> str | None:
    """Let every waiting seat's player make all its decisions, in actor order (the phase is not advanced);
    return the first waiting seat that has no player (None when every waiting seat had one)."""
    for actor in game.awaiting():
        player = players.get(actor)
        if player is None:
            return actor
        while game.is_awaiting(actor):
            decision, reason = player.decide(game, actor)
            hooks.decided(game, actor, decision, reason)
            game.submit(decision, reason)
    return None


def drive(game: Game, players: Mapping[str, Player], hooks: Hooks = NO_HOOKS, turns: int | None = None) -> Stop:
    """Play ``game`` on: players decide for their seats and the automatic phases run, until a seat with no
    player must decide, ``turns`` turns have been assessed (if given), or the game is over."""
    assessed = 0
    last = 0
    while not game.is_over():
        seat = decide_waiting(game, players, hooks)
        if seat is not None:
            return Stop("seat", seat, last)
        turn = game.turn
        game.advance()
        if game.turn != turn or game.is_over():
            hooks.turn_assessed(game, turn)
            assessed += 1
            last = turn
            if game.is_over():
                hooks.ended(game)
                break
            if turns is not None and assessed >= turns:
                return Stop("turns", None, last)
    return Stop("over", None, last)

"""The one interface shared by humans and bots: given a game and a seat, decide."""

from __future__ import annotations

from typing import Protocol

from game.engine import Decision, Game


class Player(Protocol):
    """Anything that can decide for an actor: a bot, a human at the keyboard, a network seat."""

    name: str
    """Kind of player, e.g. "random" or "heuristic"."""

    def decide(self, game: Game, actor: str) -> tuple[Decision, str | None]:
        """One legal decision for ``actor`` now, with a one-line reason (or None)."""
        ...

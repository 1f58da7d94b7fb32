"""A bot that picks uniformly among the legal decisions."""

from __future__ import annotations

import random

from game.engine import Decision, Game


class RandomBot:
    """Uniform over ``game.legal_decisions(actor)``, with its own seeded RNG."""

    name = "random"

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def decide(self, game: Game, actor: str) -> tuple[Decision, str | None]:
        """A uniformly random legal decision."""
        legal = game.legal_decisions(actor)
        return legal[self.rng.randrange(len(legal))], None

"""The game's dice, drawn once for many look-ahead copies that roll them alike.

A game re-seeds its RNG from (seed, turn, phase) at the start of each random phase, and a
look-ahead bot plays many quiet copies of one game with the same seed (one per candidate move),
so every copy re-seeds from the same keys and draws the same numbers. Seeding from a string
costs more than everything else a phase does; a :class:`RollCache` shared by such copies
(:meth:`game.engine.game.Game.share_rolls`) seeds each key once and hands every copy the same
numbers in the same order: the games are exactly those the copies would play on their own.
"""

from __future__ import annotations

import random


class Rolls:
    """The numbers one RNG draws after it is seeded with one key, drawn as they are first needed (the RNG is
    seeded at the first draw: a phase that never rolls never pays for it)."""

    __slots__ = ("_key", "_rng", "drawn")

    def __init__(self, key: str) -> None:
        self._key = key
        self._rng: random.Random | None = None
        self.drawn: list[float] = []
        """The numbers drawn so far, in order."""

    def draw(self, index: int) -> float:
        """The ``index``-th number (from 0) the RNG draws after its seeding."""
        drawn = self.drawn
        if len(drawn) > index:
            return drawn[index]
        rng = self._rng
        if rng is None:
            rng = self._rng = random.Random(self._key)  # as seed(key, version=2) seeds it
        while len(drawn) <= index:
            drawn.append(rng.random())
        return drawn[index]


class RollCache:
    """:class:`Rolls` by seeding key, shared by the copies of one game (one bot's look-ahead, one thread)."""

    __slots__ = ("_rolls",)

    MAX_KEYS = 4096
    """Keys kept before the cache starts again (a bot clears it at every decision anyway)."""

    def __init__(self) -> None:
        self._rolls: dict[str, Rolls] = {}

    def rolls(self, key: str) -> Rolls:
        """The numbers drawn after seeding with ``key``."""
        rolls = self._rolls.get(key)
        if rolls is None:
            if len(self._rolls) >= self.MAX_KEYS:
                self._rolls.clear()
            rolls = self._rolls[key] = Rolls(key)
        return rolls

    def clear(self) -> None:
        """Forget every key."""
        self._rolls.clear()

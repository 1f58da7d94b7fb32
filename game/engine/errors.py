"""The engine's exceptions: a player's mistake is typed; anything else is a bug."""

from __future__ import annotations


class EngineError(Exception):
    """Base class of the engine's own errors."""


class IllegalDecision(EngineError):
    """A decision the rules do not allow now; the message says why, in words a player understands."""


class GameOver(IllegalDecision):
    """The game has ended: no more decisions or phases."""

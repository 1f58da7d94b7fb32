"""The one interface shared by humans and bots: given a game and a seat, decide.

The protocol is the engine's (:class:`game.engine.driver.Player`), so the driver can seat any player.
"""

from __future__ import annotations

from game.engine.driver import Player

__all__ = ["Player"]

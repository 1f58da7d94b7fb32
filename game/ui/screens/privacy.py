"""Pass the device: the room's public board, with a banner naming the next player, until they are ready.

Between hand-overs (and while a seat is about to decide) the shared screen, which a projector may
show to the whole class, holds public information only: it is the board rendered from the public
engine view, with no seat's numbers, orders or objectives, and any notice left by the last seat is
cleared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import drawing, palette
from game.ui.screens.base import Action
from game.ui.screens.board import BoardScreen

if TYPE_CHECKING:
    from game.ui.app import App


class PrivacyScreen(BoardScreen):
    """"Hand the computer to Lowland — press Space when ready", over the public board."""

    name = "handover"
    pausable = True

    def __init__(self, app: App, actor_name: str, ready: Action) -> None:
        assert app.flow is not None, "a hand-over happens inside a game"
        super().__init__(app, app.flow, None)
        self.actor_name = actor_name
        self.ready = ready

    def view_key(self) -> str:
        return f"handover-turn{self.game.turn}-{self.actor_name}"

    def _build_spectator(self, cards: pygame.Rect) -> None:
        self.button(pygame.Rect(cards.x, cards.bottom - self.s(56), cards.width, self.s(56)),
                    f"I am {self.actor_name}: show my screen", self.ready)  # fmt: skip

    def public_title(self) -> str:
        return "The room's board"

    def _paint_public_side(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        banner = pygame.Rect(area.x, area.y, area.width, area.height - self.s(70))
        pygame.draw.rect(surface, palette.HEADER, banner, border_radius=10)
        inner = banner.inflate(-self.s(32), -self.s(32))
        big = self.app.fonts.get(28, bold=True)
        small = self.app.fonts.get(18)
        used = drawing.paragraph(surface, f"Hand the computer to {self.actor_name}", inner, big, palette.HEADER_TEXT)
        rest = pygame.Rect(inner.x, inner.y + used + self.s(16), inner.width, inner.height - used - self.s(16))
        drawing.paragraph(surface, "Everyone else, look away from the keyboard. This screen shows only what the "
                          "whole room may see. Press Space when ready.", rest, small, palette.HEADER_TEXT)  # fmt: skip

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_SPACE:
            self.ready()
            return True
        return False

    def auto(self) -> None:
        self.ready()

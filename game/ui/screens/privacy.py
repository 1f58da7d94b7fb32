"""Pass the device: a blank screen that hides the last seat's secrets until the next player is ready."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import drawing, palette
from game.ui.screens.base import Action, Screen

if TYPE_CHECKING:
    from game.ui.app import App


class PrivacyScreen(Screen):
    """"Hand the computer to Lowland — press Space when ready"."""

    name = "handover"
    pausable = True

    def __init__(self, app: App, actor_name: str, ready: Action) -> None:
        super().__init__(app)
        self.actor_name = actor_name
        self.ready = ready

    def build(self) -> None:
        width, height = self.app.window.get_size()
        box = pygame.Rect(0, 0, self.s(360), self.s(56))
        box.center = (width // 2, height // 2 + self.s(90))
        self.button(box, f"I am {self.actor_name}: show my screen", self.ready)

    def paint(self, surface: pygame.Surface) -> None:
        surface.fill(palette.HEADER)
        width, height = surface.get_size()
        big = self.app.fonts.get(34, bold=True)
        small = self.app.fonts.get(20)
        drawing.text(surface, f"Hand the computer to {self.actor_name}", (0, height // 2 - self.s(90)), big,
                     palette.HEADER_TEXT, width, align="center")  # fmt: skip
        drawing.text(surface, "Everyone else, look away. Press Space when ready.", (0, height // 2 - self.s(30)),
                     small, palette.HEADER_TEXT, width, align="center")  # fmt: skip

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_SPACE:
            self.ready()
            return True
        return False

    def auto(self) -> None:
        self.ready()

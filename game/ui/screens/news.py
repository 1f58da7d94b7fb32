"""This turn's news and the seat's secrets in a dialog over the board (the board's compact layout)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import drawing, palette
from game.ui.screens.base import Screen
from game.ui.screens.pause import Dimmed

if TYPE_CHECKING:
    from game.ui.app import App


class NewsDialog(Screen):
    """A scrolling box with the news (and secrets); Esc or "Back" closes it."""

    name = "news"

    def __init__(self, app: App, news_html: str, secrets_html: str = "") -> None:
        super().__init__(app)
        self.html = news_html + ("<br><br>" + secrets_html if secrets_html else "")
        self.under = Dimmed(app)

    def _box(self) -> pygame.Rect:
        width, height = self.app.window.get_size()
        box = pygame.Rect(0, 0, min(width - self.s(40), self.s(900)), height - self.s(40))
        box.center = (width // 2, height // 2)
        return box

    def build(self) -> None:
        box = self._box()
        m = self.s(20)
        top = box.y + self.s(60)
        self.text_box(pygame.Rect(box.x + m, top, box.width - 2 * m, box.bottom - top - self.s(80)), self.html)
        self.button(pygame.Rect(box.x + m, box.bottom - self.s(68), self.s(220), self.s(50)), "Back (Esc)", self.back)

    def paint(self, surface: pygame.Surface) -> None:
        self.under.paint(surface)
        box = self._box()
        drawing.panel(surface, box, radius=12)
        drawing.text(surface, "This turn's news", (box.x + self.s(20), box.y + self.s(16)),
                     self.app.fonts.get(22, bold=True), palette.TEXT, box.width - self.s(40))  # fmt: skip

    def back(self) -> None:
        self.app.pop()

    def auto(self) -> None:
        self.back()

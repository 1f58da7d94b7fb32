"""Screens that say what went wrong: a scenario that does not load, a save that cannot be read."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui import drawing, palette
from game.ui.screens.base import Screen

if TYPE_CHECKING:
    from game.ui.app import App


class MessageScreen(Screen):
    """A title, an explanation and lines of detail, with one button that goes back."""

    name = "message"

    def __init__(self, app: App, title: str, explanation: str, lines: Sequence[str],
                 back_to: Callable[[], Screen], back_label: str = "Back") -> None:  # fmt: skip
        super().__init__(app)
        self.title = title
        self.explanation = explanation
        self.lines = list(lines)
        self.back_to = back_to
        self.back_label = back_label

    def build(self) -> None:
        width, height = self.app.window.get_size()
        m = self.s(24)
        top = self.s(52) + m + self.s(70)
        body = "<br>".join(html.escape(line) for line in self.lines) or "(no details)"
        self.text_box(pygame.Rect(m, top, width - 2 * m, height - top - self.s(100)), body)
        self.button(pygame.Rect(m, height - self.s(76), self.s(320), self.s(54)), self.back_label, self.back)

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.header(surface, self.title)
        m = self.s(24)
        drawing.paragraph(surface, self.explanation, pygame.Rect(m, self.s(52) + m, surface.get_width() - 2 * m,
                          self.s(64)), self.app.fonts.get(19), palette.TEXT)  # fmt: skip

    def back(self) -> None:
        self.app.go(self.back_to())

    def auto(self) -> None:
        self.back()


class ScenarioErrorScreen(MessageScreen):
    """A scenario that fails to load: the diagnostics of ``parley validate``, then back to the picker."""

    name = "scenario-error"

    def __init__(self, app: App, filename: str, problems: Sequence[str], back_to: Callable[[], Screen]) -> None:
        super().__init__(
            app, f"This scenario cannot be played: {filename}",
            "The file has problems. Each line says where (file:line:column) and what is wrong; "
            f"`parley validate {filename}` prints the same list.",
            problems, back_to, "Back to the scenario list",
        )  # fmt: skip

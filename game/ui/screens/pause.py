"""The pause menu (Esc): resume, save, settings, quit; and the settings screen (UI scale)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.ui import drawing, palette
from game.ui.screens.base import Screen
from game.ui.theme import SCALES

if TYPE_CHECKING:
    from game.ui.app import App


class _Overlay(Screen):
    """A menu drawn over the dimmed last frame of the screen below."""

    title = ""
    rows = 5

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.under = app.window.copy()
        self.under.fill(palette.DIM, special_flags=pygame.BLEND_RGB_MULT)

    def _box(self) -> pygame.Rect:
        width, height = self.app.window.get_size()
        box = pygame.Rect(0, 0, self.s(420), self.s(90) + self.rows * self.s(62))
        box.center = (width // 2, height // 2)
        return box

    def _row(self, index: int) -> pygame.Rect:
        box = self._box()
        return pygame.Rect(box.x + self.s(30), box.y + self.s(76) + index * self.s(62), box.width - self.s(60),
                           self.s(50))  # fmt: skip

    def paint(self, surface: pygame.Surface) -> None:
        if self.under.get_size() == surface.get_size():
            surface.blit(self.under, (0, 0))
        else:
            surface.fill(palette.BACKGROUND)
        box = self._box()
        drawing.panel(surface, box, radius=12)
        drawing.text(surface, self.title, (box.x, box.y + self.s(20)), self.app.fonts.get(26, bold=True), palette.TEXT,
                     box.width, align="center")  # fmt: skip

    def back(self) -> None:
        self.app.pop()


class PauseScreen(_Overlay):
    """Resume, save, settings, quit to the title screen, quit Parley."""

    name = "pause"
    title = "Paused"
    rows = 5

    def build(self) -> None:
        in_game = self.app.flow is not None and not self.app.flow.session.game.is_over()
        self.button(self._row(0), "Resume (Esc)", self.app.pop)
        self.button(self._row(1), "Save the game", self.save, enabled=in_game)
        self.button(self._row(2), "Settings", self.settings)
        self.button(self._row(3), "Quit to the title screen", self.to_title)
        self.button(self._row(4), "Quit Parley", self.quit)

    def save(self) -> None:
        """Save the game in progress into the save folder."""
        from game.ui.saves import SaveError, write_save

        assert self.app.flow is not None
        try:
            path = write_save(self.app.flow.session, self.app.options.save_dir)
        except SaveError as exc:
            self.app.notify(str(exc))
            return
        self.app.notify(f"Saved: {path}")

    def settings(self) -> None:
        """The settings screen."""
        self.app.push(SettingsScreen(self.app))

    def to_title(self) -> None:
        """Leave the game for the title screen (save first to keep it)."""
        from game.ui.screens.title import TitleScreen

        self.app.flow = None
        self.app.go(TitleScreen(self.app))

    def quit(self) -> None:
        """Close the window."""
        self.app.running = False


class SettingsScreen(_Overlay):
    """The UI scale for projectors: 100 %, 125 % or 150 %."""

    name = "settings"
    title = "Settings: text size"
    rows = len(SCALES) + 1

    def build(self) -> None:
        for index, scale in enumerate(SCALES):
            mark = " (now)" if abs(scale - self.app.scale) < 1e-6 else ""
            self.button(self._row(index), f"{round(scale * 100)} %{mark}", partial(self.choose, scale))
            if mark:
                self.focus = index
        self.button(self._row(len(SCALES)), "Back (Esc)", self.app.pop)

    def choose(self, scale: float) -> None:
        """Apply a UI scale (the under-screen is redrawn at the new size when this menu closes)."""
        self.app.set_scale(scale)
        self.app.notify(f"Text size {round(scale * 100)} %")

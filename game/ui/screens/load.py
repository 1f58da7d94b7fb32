"""The saved games, newest first; loading one replays it exactly or says why it cannot."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.ui import drawing, palette
from game.ui.saves import SaveError, SaveInfo, list_saves, read_save
from game.ui.screens.base import Screen

if TYPE_CHECKING:
    from game.ui.app import App

PAGE = 8


class LoadScreen(Screen):
    """Pick a save from the save folder."""

    name = "load"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.saves: list[SaveInfo] = list_saves(app.options.save_dir)

    def build(self) -> None:
        width, height = self.app.window.get_size()
        m = self.s(24)
        top = self.s(52) + self.s(70)
        row_h = min(self.s(50), (height - top - self.s(110)) // PAGE)
        for index, info in enumerate(self.saves[:PAGE]):
            rect = pygame.Rect(m, top + index * row_h, min(width - 2 * m, self.s(760)), row_h - self.s(8))
            self.button(rect, info.label, partial(self.load, info))
        self.button(pygame.Rect(m, height - self.s(80), self.s(260), self.s(56)), "Back", self.back)

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.header(surface, "Load a saved game")
        m = self.s(24)
        folder = self.app.options.save_dir
        words = (f"Saved games in {folder} (newest first):" if self.saves
                 else f"No saved games yet in {folder}. Save from the pause menu (Esc).")  # fmt: skip
        drawing.paragraph(surface, words, pygame.Rect(m, self.s(64), surface.get_width() - 2 * m, self.s(50)),
                          self.app.fonts.get(17), palette.TEXT)  # fmt: skip

    def load(self, info: SaveInfo) -> None:
        """Replay the save and continue the game, or explain why it cannot be loaded."""
        from game.ui.flow import Flow
        from game.ui.screens.error import MessageScreen

        try:
            session = read_save(info.path)
        except SaveError as exc:
            self.app.go(MessageScreen(self.app, "This save cannot be loaded", "Parley could not restore the game:",
                                      [str(exc)], lambda: LoadScreen(self.app)))  # fmt: skip
            return
        flow = Flow(self.app, session, briefed=True)
        self.app.notify(f"Loaded {info.label}: turn {session.game.turn}")
        flow.next()

    def back(self) -> None:
        from game.ui.screens.title import TitleScreen

        self.app.go(TitleScreen(self.app))

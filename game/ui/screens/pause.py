"""The pause menu (Esc): resume, save, settings, quit; the settings screen (UI scale); and the question
asked before leaving a game ("Quit to the title screen", "Quit Parley")."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.ui import drawing, palette
from game.ui.screens.base import Screen
from game.ui.theme import PROJECTOR_SCALE, SCALES

if TYPE_CHECKING:
    from game.ui.app import App


class _Overlay(Screen):
    """A menu drawn over the dimmed last frame of the screen below."""

    title = ""
    detail = ""
    """A line under the title (the overlay grows to fit it)."""
    rows = 5
    width = 420

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.under = Dimmed(app)

    def _detail_h(self) -> int:
        if not self.detail:
            return 0
        font = self.app.fonts.get(17)
        lines = drawing.wrap(self.detail, font, self.s(self.width) - self.s(60))
        return len(lines) * font.get_linesize() + self.s(10)

    def _box(self) -> pygame.Rect:
        width, height = self.app.window.get_size()
        box = pygame.Rect(0, 0, min(width - self.s(20), self.s(self.width)),
                          self.s(90) + self._detail_h() + self.rows * self.s(62))  # fmt: skip
        box.center = (width // 2, height // 2)
        return box

    def _row(self, index: int) -> pygame.Rect:
        box = self._box()
        top = box.y + self.s(76) + self._detail_h()
        return pygame.Rect(box.x + self.s(30), top + index * self.s(62), box.width - self.s(60), self.s(50))

    def paint(self, surface: pygame.Surface) -> None:
        self.under.paint(surface)
        box = self._box()
        drawing.panel(surface, box, radius=12)
        drawing.text(surface, self.title, (box.x, box.y + self.s(20)), self.app.fonts.get(26, bold=True), palette.TEXT,
                     box.width, align="center")  # fmt: skip
        if self.detail:
            area = pygame.Rect(box.x + self.s(30), box.y + self.s(70), box.width - self.s(60), self._detail_h())
            drawing.paragraph(surface, self.detail, area, self.app.fonts.get(17), palette.MUTED)

    def back(self) -> None:
        self.app.pop()


class Dimmed:
    """What an overlay shows around itself: the screen below, dimmed.

    The last frame is kept as it was (widgets included); when the window's size changes under an
    overlay, the screen below repaints its backdrop at the new size, so no band of the window is left
    black or stale."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.below = app.stack[-1] if app.stack else None
        self.frame = app.window.copy()
        self.frame.fill(palette.DIM, special_flags=pygame.BLEND_RGB_MULT)

    def paint(self, surface: pygame.Surface) -> None:
        """Fill ``surface`` with the dimmed screen below."""
        if self.frame.get_size() != surface.get_size():
            if self.below is not None:
                self.frame = self.below.backdrop().copy()
            else:
                self.frame = pygame.Surface(surface.get_size())
                self.frame.fill(palette.BACKGROUND)
            self.frame.fill(palette.DIM, special_flags=pygame.BLEND_RGB_MULT)
        surface.blit(self.frame, (0, 0))


class ConfirmScreen(_Overlay):
    """Asks before something that cannot be undone: "Yes" runs it, "No" (the default, and Esc) goes back."""

    name = "confirm"
    rows = 2
    width = 560

    def __init__(self, app: App, question: str, detail: str, yes: str, action: Callable[[], None]) -> None:
        super().__init__(app)
        self.title = question
        self.detail = detail
        self.yes = yes
        self.action = action

    def build(self) -> None:
        self.button(self._row(0), "No, stay (Esc)", self.app.pop)
        self.button(self._row(1), self.yes, self.confirm)
        self.focus = 0

    def confirm(self) -> None:
        """Close the question and do it."""
        self.app.pop()
        self.action()


def confirm_leaving(app: App, action: Callable[[], None], what: str = "title") -> None:
    """Ask before leaving a game for the title screen (``what="title"``) or closing Parley (``"quit"``)."""
    game = app.flow.session.game if app.flow is not None else None
    unsaved = "Moves since the last save are lost." if game is not None and not game.is_over() else (
        "The debrief closes; save the game log first to keep it.")  # fmt: skip
    if what == "quit":
        app.push(ConfirmScreen(app, "Quit Parley?", unsaved, "Yes, quit Parley", action))
    else:
        app.push(ConfirmScreen(app, "Leave for the title screen?", unsaved, "Yes, leave", action))


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
        self.button(self._row(3), "Quit to the title screen", lambda: confirm_leaving(self.app, self.to_title))
        self.button(self._row(4), "Quit Parley", lambda: confirm_leaving(self.app, self.quit, "quit"))

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
    """The UI scale: 100 %, 125 % or 150 %, or the projector setting (150 % with large minimum text sizes)."""

    name = "settings"
    title = "Settings: text size"
    rows = len(SCALES) + 2

    def build(self) -> None:
        for index, scale in enumerate(SCALES):
            now = abs(scale - self.app.scale) < 1e-6 and not self.app.projector
            mark = " (now)" if now else ""
            self.button(self._row(index), f"{round(scale * 100)} %{mark}", partial(self.choose, scale))
            if mark:
                self.focus = index
        mark = " (now)" if self.app.projector else ""
        self.button(self._row(len(SCALES)), f"Projector: large text{mark}", partial(self.choose, PROJECTOR_SCALE, True))
        if mark:
            self.focus = len(SCALES)
        self.button(self._row(len(SCALES) + 1), "Back (Esc)", self.app.pop)

    def choose(self, scale: float, projector: bool = False) -> None:
        """Apply a UI scale (the under-screen is redrawn at the new size when this menu closes)."""
        self.app.set_scale(scale, projector)
        self.app.notify("Text size: projector" if projector else f"Text size {round(scale * 100)} %")

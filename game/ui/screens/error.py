"""Screens that say what went wrong: a scenario that does not load, a save that cannot be read, a bug.

:func:`recover` is what the window does with an unexpected exception (a bug in the rules or a screen):
the game is saved first, the traceback goes to a report file beside the saves (one line on standard
error says where), and the crash screen offers the title screen, where Load lists the saved game. The
window never just closes; with ``PARLEY_DEBUG=1`` the exception is raised as usual.
"""

from __future__ import annotations

import html
import os
import sys
import time
import traceback
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


class CrashScreen(MessageScreen):
    """What the window shows after a bug: what happened, where the game was saved, and a way on."""

    name = "crash"

    def __init__(self, app: App, error: BaseException, saved: str, report: str) -> None:
        from game.ui.screens.title import TitleScreen

        lines = [f"{type(error).__name__}: {error}".splitlines()[0][:300], saved, report]
        super().__init__(
            app, "Something went wrong inside Parley",
            "This is a bug in Parley, not something you did. The game so far is kept: open it again with "
            "Load a saved game on the title screen.",
            lines, lambda: TitleScreen(app), "Back to the title screen",
        )  # fmt: skip


def recover(app: App, error: Exception) -> bool:
    """Save the game, write a report and show :class:`CrashScreen`; return whether the window keeps running."""
    if os.environ.get("PARLEY_DEBUG"):
        raise error
    summary = f"{type(error).__name__}: {error}".splitlines()[0][:300]
    if isinstance(app.screen, CrashScreen):  # the crash screen itself fails: nothing sensible is left to show
        print(f"parley: internal error: {summary} (set PARLEY_DEBUG=1 for details)", file=sys.stderr)
        return False
    saved = "There was no game in progress to save."
    if app.flow is not None:
        from game.ui.saves import write_recovery_save

        try:
            saved = f"The game was saved as {write_recovery_save(app.flow.session, app.options.save_dir)}."
        except Exception as exc:  # the save itself may be what fails (SaveError or a bug): say so and go on
            saved = f"The game could not be saved: {exc}"
    report = _report(app, error)
    print(f"parley: internal error: {summary}; {saved} {report}", file=sys.stderr)
    app.flow = None
    app.go(CrashScreen(app, error, saved, report))
    return True


def _report(app: App, error: Exception) -> str:
    """Write the traceback beside the saves for whoever fixes the bug; say where (or why not)."""
    text = "".join(traceback.format_exception(error))
    try:
        folder = app.options.save_dir
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}.txt"
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        return f"The details could not be written: {exc.strerror or exc}."
    return f"Details for whoever fixes it: {path}"

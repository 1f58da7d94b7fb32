"""The first screen for how the app was started: the picker, a scenario's setup, or its errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui.app import App
from game.ui.screens.base import Screen
from game.ui.screens.title import TitleScreen

if TYPE_CHECKING:
    from game.ui.catalogue import Entry


def first_screen(app: App, entry: Entry | None, seats: dict[str, str] | None = None) -> Screen:
    """Title screen without a scenario; setup for a scenario that loads; its diagnostics otherwise."""
    if entry is None:
        return TitleScreen(app)
    from game.ui.screens.error import ScenarioErrorScreen
    from game.ui.screens.setup import SetupScreen

    if entry.compiled is None:
        return ScenarioErrorScreen(app, entry.path.name, entry.problems, lambda: TitleScreen(app))
    return SetupScreen(app, entry, seats)

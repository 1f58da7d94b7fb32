"""The title screen: pick a scenario (title, summary, actors, length), load a saved game, or quit."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.ui import drawing, palette
from game.ui.screens.base import Screen

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.catalogue import Entry


class TitleScreen(Screen):
    """Scenario buttons on the left; the focused scenario's card on the right."""

    name = "title"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.entries: list[Entry] = app.catalogue if app.catalogue is not None else []
        self.loading = app.catalogue is None
        """The scenarios load after the first frame is on the screen (the window shows at once)."""

    def build(self) -> None:
        width, height = self.app.window.get_size()
        m = self.s(24)
        top = self.s(150)
        list_w = int(width * 0.4)
        row_h = self.s(54)
        for index, entry in enumerate(self.entries[: max(1, (height - top - self.s(100)) // (row_h + self.s(10)))]):
            rect = pygame.Rect(m, top + index * (row_h + self.s(10)), list_w, row_h)
            label = entry.title if entry.compiled is not None else f"{entry.title} (cannot load)"
            self.button(rect, f"{index + 1}  {label}", partial(self.pick, entry))
        row = pygame.Rect(m, height - self.s(80), self.s(300), self.s(54))
        from game.ui.resume import can_continue

        if can_continue(self.app):
            self.button(row, "Continue the last game", self.resume)
            row = row.move(self.s(320), 0)
        self.button(row, "Load a saved game", self.load)
        self.button(row.move(self.s(320), 0), "Quit", self.quit)
        del list_w

    def paint(self, surface: pygame.Surface) -> None:
        surface.fill(palette.BACKGROUND)
        width, height = surface.get_size()
        m = self.s(24)
        pygame.draw.rect(surface, palette.HEADER, (0, 0, width, self.s(120)))
        drawing.text(surface, "Parley", (m, self.s(14)), self.app.fonts.get(44, bold=True), palette.HEADER_TEXT)
        drawing.text(surface, "A diplomacy simulation for the classroom. Choose a scenario:", (m, self.s(76)),
                     self.app.fonts.get(19), palette.HEADER_TEXT, width - 2 * m)  # fmt: skip
        focused = self.focused()
        entry = None
        if focused is not None and focused in self.buttons[: len(self.entries)]:
            entry = self.entries[self.buttons.index(focused)]
        elif self.entries:
            entry = self.entries[0]
        box = pygame.Rect(int(width * 0.4) + 2 * m, self.s(150), 0, 0)
        box.width = width - box.x - m
        box.height = height - box.y - self.s(100)
        drawing.panel(surface, box)
        if self.loading:
            drawing.text(surface, "Loading the scenarios…", box.inflate(-2 * m, -2 * m).topleft, self.app.fonts.get(19),
                         palette.MUTED, box.width - 2 * m)  # fmt: skip
        elif entry is not None:
            self._paint_entry(surface, box.inflate(-2 * m, -2 * m), entry)

    def _paint_entry(self, surface: pygame.Surface, area: pygame.Rect, entry: Entry) -> None:
        fonts = self.app.fonts
        head, font, small = fonts.get(24, bold=True), fonts.get(17), fonts.get(15)
        y = area.y
        y += drawing.paragraph(surface, entry.title, pygame.Rect(area.x, y, area.width, head.get_linesize() * 2), head,
                               palette.TEXT) + self.s(8)  # fmt: skip
        if entry.compiled is None:
            drawing.paragraph(surface, "This file does not load. Choose it to see every problem, with its line.",
                              pygame.Rect(area.x, y, area.width, area.bottom - y), font, palette.TEXT)  # fmt: skip
            return
        meta = entry.compiled.meta
        names = ", ".join(entry.compiled.actor_names[a] for a in entry.compiled.actors)
        facts = f"{meta.turns} turns of {meta.turn_length} · {len(entry.compiled.actors)} actors: {names}"
        y += drawing.paragraph(surface, facts, pygame.Rect(area.x, y, area.width, small.get_linesize() * 2), small,
                               palette.MUTED) + self.s(10)  # fmt: skip
        drawing.paragraph(surface, " ".join(meta.summary.split()), pygame.Rect(area.x, y, area.width, area.bottom - y),
                          font, palette.TEXT)  # fmt: skip

    def update(self, dt: float) -> None:
        if self.loading and self.app.frames > 0:
            from game.ui.catalogue import scan

            self.app.catalogue = scan(self.app.extra_scenario, self.app.options.names)
            self.entries = self.app.catalogue
            self.loading = False
            self.show()

    def move_focus(self, step: int) -> None:
        super().move_focus(step)
        self.invalidate()

    def pick(self, entry: Entry) -> None:
        """Set up the chosen scenario, or show why it cannot be played."""
        from game.ui.screens.error import ScenarioErrorScreen
        from game.ui.screens.setup import SetupScreen

        if entry.compiled is None:
            self.app.go(ScenarioErrorScreen(self.app, entry.path.name, entry.problems, lambda: TitleScreen(self.app)))
        else:
            self.app.go(SetupScreen(self.app, entry))

    def load(self) -> None:
        """The list of saved games."""
        from game.ui.screens.load import LoadScreen

        self.app.go(LoadScreen(self.app))

    def quit(self) -> None:
        """Close the window."""
        self.app.running = False

    def on_key(self, event: pygame.event.Event) -> bool:
        for index, entry in enumerate(self.entries[:9]):
            if event.key == getattr(pygame, f"K_{index + 1}"):
                self.pick(entry)
                return True
        return False

    def back(self) -> None:
        self.quit()

    def resume(self) -> None:
        """Continue the autosaved game where it stopped."""
        from game.ui.resume import continue_game

        continue_game(self.app)

    def auto(self) -> None:
        if self.entries:
            self.pick(self.entries[0])

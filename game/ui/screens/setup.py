"""Setup: who plays each actor (a person or a bot), with one button for "all bots" (a demo on the projector)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.ui import drawing, palette
from game.ui.catalogue import Entry
from game.ui.screens.base import Screen
from game.ui.session import HUMAN, SEAT_KINDS, Session, default_seats

if TYPE_CHECKING:
    from game.ui.app import App

TIMER_CHOICES = (0.0, 180.0, 300.0, 600.0)
"""Diplomacy-phase timers offered at setup, in seconds (0: none)."""
KIND_LABELS = {
    "human": "A person plays", "heuristic": "Bot: thoughtful", "random": "Bot: random", "lookahead": "Bot: looks ahead",
}  # fmt: skip
"""Words for the seat kinds; a bot kind without words here shows as "Bot: KIND"."""


class SetupScreen(Screen):
    """One row per actor: click (or Enter) to change who plays it."""

    name = "setup"

    def __init__(self, app: App, entry: Entry, seats: dict[str, str] | None = None) -> None:
        super().__init__(app)
        assert entry.compiled is not None
        self.entry = entry
        self.compiled = entry.compiled
        self.seats = dict(seats) if seats is not None else default_seats(self.compiled, app.options.all_bots)

    def _rows(self) -> tuple[int, int]:
        height = self.app.window.get_height()
        top = self.s(52) + self.s(84)
        row_h = min(self.s(58), (height - top - self.s(110)) // max(1, len(self.compiled.actors)))
        return top, row_h

    def build(self) -> None:
        width, height = self.app.window.get_size()
        m = self.s(24)
        top, row_h = self._rows()
        for index, actor in enumerate(self.compiled.actors):
            playable = self.compiled.actor_models[actor].playable
            rect = pygame.Rect(int(width * 0.45), top + index * row_h, self.s(300), row_h - self.s(10))
            kind = self.seats[actor]
            label = KIND_LABELS.get(kind, f"Bot: {kind}") + ("" if playable else " (always a bot)")
            self.button(rect, label, partial(self.cycle, actor))
        row = pygame.Rect(m, height - self.s(80), self.s(260), self.s(56))
        self.button(row, "Start the game", self.start)
        self.button(row.move(self.s(280), 0), "All bots (demo)", self.all_bots)
        self.button(row.move(self.s(560), 0), "Back", self.back)
        options = self.app.options
        timer = f"{int(options.timer_seconds // 60)} min per diplomacy phase" if options.timer_seconds else "off"
        right = pygame.Rect(width - m - self.s(330), top, self.s(330), self.s(48))
        self.button(right, f"Timer: {timer}", self.next_timer)
        late = "the seat passes" if options.timer_action == "pass" else "a bot chooses"
        self.button(right.move(0, self.s(58)), f"Time up: {late}", self.toggle_timer_action,
                    enabled=options.timer_seconds > 0)  # fmt: skip
        if self.entry.has_aliases:
            words = "Names: fictional" if self.entry.names == "fictional" else "Names: real"
            self.button(row.move(self.s(840), 0), words, self.toggle_names, tooltip="real or fictional names")

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        meta = self.compiled.meta
        self.header(surface, f"Set up: {meta.title}", f"seed {self.app.seed}")
        m = self.s(24)
        font, bold = self.app.fonts.get(18), self.app.fonts.get(20, bold=True)
        drawing.paragraph(surface, "Choose who plays each country. People take turns at this computer; a "
                          "hand-over screen keeps each player's secrets.", pygame.Rect(m, self.s(64),
                          surface.get_width() - 2 * m, self.s(60)), font, palette.TEXT)  # fmt: skip
        top, row_h = self._rows()
        for index, actor in enumerate(self.compiled.actors):
            model = self.compiled.actor_models[actor]
            y = top + index * row_h + (row_h - self.s(10) - bold.get_height()) // 2
            colour = palette.hex_colour(model.colour)
            drawing.marker(surface, palette.SHAPES[index % len(palette.SHAPES)], (m + self.s(12), y + bold.get_height()
                           // 2), self.s(18), colour)  # fmt: skip
            leaders = f" ({', '.join(model.leaders)})" if model.leaders else ""
            drawing.text(surface, model.name, (m + self.s(32), y), bold, palette.TEXT, int(surface.get_width() * 0.2))
            drawing.text(surface, leaders, (m + self.s(32) + int(surface.get_width() * 0.2), y + 2), font,
                         palette.MUTED, int(surface.get_width() * 0.45) - m - self.s(40) - int(surface.get_width() *
                         0.2))  # fmt: skip

    def cycle(self, actor: str) -> None:
        """Next kind of player for ``actor`` (a bot-only actor cycles through bot kinds)."""
        kinds = [k for k in SEAT_KINDS if k != HUMAN or self.compiled.actor_models[actor].playable]
        self.seats[actor] = kinds[(kinds.index(self.seats[actor]) + 1) % len(kinds)]
        focus = self.focus
        self.show()
        self.focus = focus

    def next_timer(self) -> None:
        """Off, 3, 5 or 10 minutes per diplomacy phase."""
        choices = TIMER_CHOICES
        current = self.app.options.timer_seconds
        index = choices.index(current) if current in choices else 0
        self.app.options.timer_seconds = choices[(index + 1) % len(choices)]
        self._rebuild()

    def toggle_timer_action(self) -> None:
        """When time runs out: the seat passes, or a bot chooses for it."""
        self.app.options.timer_action = "bot" if self.app.options.timer_action == "pass" else "pass"
        self._rebuild()

    def _rebuild(self) -> None:
        focus = self.focus
        self.show()
        self.focus = focus

    def toggle_names(self) -> None:
        """Switch between the real names and the scenario's fictional ones (every text of the game follows)."""
        from game.ui.catalogue import load_entry

        names = "real" if self.entry.names == "fictional" else "fictional"
        entry = load_entry(self.entry.path, names)
        if entry.compiled is None:
            return
        self.entry, self.compiled = entry, entry.compiled
        self.app.options.names = names
        focus = self.focus
        self.show()
        self.focus = focus

    def all_bots(self) -> None:
        """Every seat a thoughtful bot, and start (the projector demo)."""
        self.seats = default_seats(self.compiled, all_bots=True)
        self.start()

    def start(self) -> None:
        """Start the game with these seats."""
        from game.ui.flow import Flow

        session = Session.start(self.compiled, str(self.entry.path), self.entry.sha256, self.seats, self.app.seed)
        session.names = self.entry.names
        Flow(self.app, session).begin()

    def back(self) -> None:
        from game.ui.screens.title import TitleScreen

        self.app.go(TitleScreen(self.app))

    def auto(self) -> None:
        self.start()

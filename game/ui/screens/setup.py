"""Setup: who plays each actor (a person or a bot), with one button for "all bots" (a demo on the projector).

A scenario that declares lesson variants (:mod:`game.scenario.variants`) also gets a "Lesson length"
choice: one button per variant with its title, the chosen one highlighted, and its length (turns,
moves a turn, minutes) and description written under the buttons. The variant the scenario marks
``default: true`` is chosen first (``parley play --variant ID`` chooses another); the game, its
saves and its autosaves record it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.ui import drawing, palette
from game.ui.catalogue import Entry, VariantChoice
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

    def _columns(self) -> tuple[int, int, int, int, int]:
        """(name column width, seat button x and width, right column x and width) for the window and scale.

        The seat buttons sit at 45 % of the width when there is room; in a narrow window for the text
        size (1280x720 at 150 %) they move left over the leaders' names so as not to run under the right
        column (the timer and lesson buttons)."""
        width = self.app.window.get_width()
        m = self.s(24)
        right_w = self.s(330)
        right_x = width - m - right_w
        names_x = m + self.s(32)
        seat_w = self.s(300)
        seat_x = min(int(width * 0.45), right_x - self.s(24) - seat_w)
        if seat_x < names_x + self.s(170):
            seat_w = max(self.s(220), right_x - self.s(24) - names_x - self.s(170))
            seat_x = right_x - self.s(24) - seat_w
        names_w = min(int(width * 0.2), seat_x - self.s(10) - names_x)
        return names_w, seat_x, seat_w, right_x, right_w

    def _rows(self) -> tuple[int, int]:
        height = self.app.window.get_height()
        top = self.s(52) + self.s(84)
        row_h = min(self.s(58), (height - top - self.s(110)) // max(1, len(self.compiled.actors)))
        return top, row_h

    def build(self) -> None:
        width, height = self.app.window.get_size()
        m = self.s(24)
        top, row_h = self._rows()
        _names_w, seat_x, seat_w, right_x, right_w = self._columns()
        for index, actor in enumerate(self.compiled.actors):
            playable = self.compiled.actor_models[actor].playable
            rect = pygame.Rect(seat_x, top + index * row_h, seat_w, row_h - self.s(10))
            kind = self.seats[actor]
            label = KIND_LABELS.get(kind, f"Bot: {kind}") + ("" if playable else " (always a bot)")
            self.button(rect, label, partial(self.cycle, actor))
        count = 4 if self.entry.has_aliases else 3
        step = min(self.s(280), (width - 2 * m + self.s(20)) // count)
        row = pygame.Rect(m, height - self.s(80), step - self.s(20), self.s(56))
        self.button(row, "Start the game", self.start)
        self.button(row.move(step, 0), "All bots (demo)", self.all_bots)
        self.button(row.move(2 * step, 0), "Back", self.back)
        options = self.app.options
        timer = f"{int(options.timer_seconds // 60)} min per diplomacy phase" if options.timer_seconds else "off"
        right = pygame.Rect(right_x, top, right_w, self.s(48))
        self.button(right, f"Timer: {timer}", self.next_timer)
        late = "the seat passes" if options.timer_action == "pass" else "a bot chooses"
        self.button(right.move(0, self.s(58)), f"Time up: {late}", self.toggle_timer_action,
                    enabled=options.timer_seconds > 0)  # fmt: skip
        if self.entry.has_aliases:
            words = "Names: fictional" if self.entry.names == "fictional" else "Names: real"
            self.button(row.move(3 * step, 0), words, self.toggle_names, tooltip="real or fictional names")
        for rect, choice in self._variant_rows():
            widget = self.button(rect, choice.title, partial(self.choose_variant, choice.id),
                                 tooltip=f"{choice.length}. {choice.description}".strip())  # fmt: skip
            if choice.id == self.entry.variant:
                widget.select()  # type: ignore[no-untyped-call]

    def _variant_area(self) -> pygame.Rect:
        """The right column below the timer buttons, down to the row of buttons at the bottom."""
        height = self.app.window.get_height()
        top, _row_h = self._rows()
        _names_w, _seat_x, _seat_w, right_x, right_w = self._columns()
        y = top + 2 * self.s(58) + self.s(12)
        return pygame.Rect(right_x, y, right_w, height - self.s(86) - y)

    def _variant_rows(self) -> list[tuple[pygame.Rect, VariantChoice]]:
        """One button per lesson variant under the "Lesson length" heading (none without variants)."""
        choices = self.entry.variants
        if not choices:
            return []
        area = self._variant_area()
        heading = self.app.fonts.get(18, bold=True).get_linesize() + self.s(4)
        caption = self.app.fonts.get(16).get_linesize() + self.s(6)  # at least the line "Chosen: 4 turns, ..."
        room = area.height - heading - caption
        gap = self.s(8)
        height = max(self.s(28), min(self.s(44), (room - gap * (len(choices) - 1)) // len(choices)))
        return [(pygame.Rect(area.x, area.y + heading + i * (height + gap), area.width, height), choice)
                for i, choice in enumerate(choices)]  # fmt: skip

    def chosen_variant(self) -> VariantChoice | None:
        """The lesson variant chosen now (None for a scenario without variants)."""
        return next((c for c in self.entry.variants if c.id == self.entry.variant), None)

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
        names_w, seat_x, _seat_w, _right_x, _right_w = self._columns()
        names_x = m + self.s(32)
        leaders_w = seat_x - self.s(10) - names_x - names_w
        for index, actor in enumerate(self.compiled.actors):
            model = self.compiled.actor_models[actor]
            y = top + index * row_h + (row_h - self.s(10) - bold.get_height()) // 2
            colour = palette.hex_colour(model.colour)
            drawing.marker(surface, palette.SHAPES[index % len(palette.SHAPES)], (m + self.s(12), y + bold.get_height()
                           // 2), self.s(18), colour)  # fmt: skip
            leaders = f" ({', '.join(model.leaders)})" if model.leaders else ""
            drawing.text(surface, model.name, (names_x, y), bold, palette.TEXT, names_w)
            if leaders_w >= self.s(120):  # a stub such as "(Presid…" says nothing
                drawing.text(surface, leaders, (names_x + names_w, y + 2), font, palette.MUTED, leaders_w)
        self._paint_variants(surface)

    def _paint_variants(self, surface: pygame.Surface) -> None:
        """The "Lesson length" heading, and the chosen variant's length and description under its buttons."""
        rows, chosen = self._variant_rows(), self.chosen_variant()
        if not rows or chosen is None:
            return
        area = self._variant_area()
        drawing.text(surface, "Lesson length", (area.x, area.y), self.app.fonts.get(18, bold=True), palette.TEXT,
                     area.width)  # fmt: skip
        font = self.app.fonts.get(16)
        y = rows[-1][0].bottom + self.s(6)
        room = area.bottom - y
        if room < font.get_linesize():
            return
        words = f"Chosen: {chosen.length}."
        if len(drawing.wrap(words, font, area.width, 3)) * font.get_linesize() > room:
            words = f"Chosen: {chosen.turns}."
        used = drawing.paragraph(surface, words, pygame.Rect(area.x, y, area.width, room), font, palette.TEXT)
        if chosen.description and room - used >= font.get_linesize():
            drawing.paragraph(surface, chosen.description, pygame.Rect(area.x, y + used, area.width, room - used), font,
                              palette.MUTED)  # fmt: skip

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
        entry = load_entry(self.entry.path, names, self.entry.variant)
        if entry.compiled is None:
            return
        self.entry, self.compiled = entry, entry.compiled
        self.app.options.names = names
        focus = self.focus
        self.show()
        self.focus = focus

    def choose_variant(self, variant: str | None) -> None:
        """Play lesson variant ``variant`` (None: the scenario as written); the seats stay as they are."""
        from game.scenario.variants import VariantError
        from game.ui.catalogue import load_entry

        try:
            entry = load_entry(self.entry.path, self.entry.names, variant)
        except VariantError:  # the file changed since: keep what is shown
            return
        if entry.compiled is None:
            return
        self.entry, self.compiled = entry, entry.compiled
        self._rebuild()

    def all_bots(self) -> None:
        """Every seat a thoughtful bot, and start (the projector demo)."""
        self.seats = default_seats(self.compiled, all_bots=True)
        self.start()

    def start(self) -> None:
        """Start the game with these seats."""
        from game.ui.flow import Flow

        session = Session.start(self.compiled, str(self.entry.path), self.entry.sha256, self.seats, self.app.seed)
        session.names, session.variant = self.entry.names, self.entry.variant
        Flow(self.app, session).begin()

    def back(self) -> None:
        from game.ui.screens.title import TitleScreen

        self.app.go(TitleScreen(self.app))

    def auto(self) -> None:
        self.start()

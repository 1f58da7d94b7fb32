"""The turn summary, shown to everyone: public moves, detections, track changes, upkeep, scores, bots' reasons.

It renders the public view as the room saw the turn (:func:`game.engine.view.view` with
``reveal_at_end=False``, so the last turn's summary keeps the rule of play; the debrief reveals the rest).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame

from game.engine import PUBLIC, View, view
from game.ui import describe, drawing, palette
from game.ui.screens.base import Screen

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import Flow

PHASES = ("diplomacy", "responses", "resolution", "assessment")
"""The phases whose log entries make up a turn's resolution (the news comes with the next board)."""
TITLES = {"Moves": "Public moves", "Detected": "Covert moves detected", "Tracks": "Track changes",
          "Upkeep": "Upkeep", "Objectives": "Objectives scored", "Ending": "The game ends"}  # fmt: skip


class ResolutionScreen(Screen):
    """What happened in the turn that was just resolved."""

    name = "summary"
    pausable = True

    def __init__(self, app: App, flow: Flow, turn: int) -> None:
        super().__init__(app)
        self.flow = flow
        self.turn = turn

    def view_key(self) -> str:
        return f"summary-turn{self.turn}"

    def seen(self) -> View:
        """The public view of the game, as during play."""
        return view(self.flow.session.game, PUBLIC, reveal_at_end=False)

    def build(self) -> None:
        game = self.flow.session.game
        seen = self.seen()
        self.app.notice_left = 0.0  # a seat's notice never reaches the room's screen
        width, height = self.app.window.get_size()
        m = self.s(16)
        top = self.s(52) + m
        split = int(width * 0.62)
        sections = describe.turn_sections(seen, self.turn, PHASES)
        parts = []
        for title, lines in sections:
            parts.append(f"<b>{TITLES.get(title, title)}</b><br>" + "<br>".join(f"• {html.escape(x)}" for x in lines))
        if not parts:
            parts.append("No public moves this turn: every seat passed or acted in secret.")
        self.text_box(pygame.Rect(m, top, split - m, height - top - self.s(90)), "<br><br>".join(parts))
        reasons = describe.bot_reasons(seen, self.turn)
        right = pygame.Rect(split + m, top, width - split - 2 * m, height - top - self.s(90))
        scores = describe.score_changes(seen, self.turn)
        score_h = self.s(40) + len(scores) * self.app.fonts.get(16).get_linesize()
        bots = "<b>Why the bots chose</b><br>" + (
            "<br>".join(f"• {html.escape(r)}" for r in reasons) if reasons else "No bot gave a public reason.")
        self.text_box(pygame.Rect(right.x, right.y + score_h, right.width, right.height - score_h), bots)
        label = "See the debrief" if game.is_over() else "Continue to the next turn"
        self.button(pygame.Rect(m, height - self.s(74), self.s(360), self.s(56)), label, self.proceed)

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        game = self.flow.session.game
        label = game.compiled.turn_labels[self.turn - 1]
        self.header(surface, f"Turn {self.turn} of {game.compiled.turns}: {label}. What happened",
                    game.compiled.meta.title)  # fmt: skip
        width = surface.get_width()
        m = self.s(16)
        split = int(width * 0.62)
        x, y = split + m, self.s(52) + m
        head, font = self.app.fonts.get(18, bold=True), self.app.fonts.get(16)
        drawing.text(surface, "Scores", (x, y), head, palette.TEXT, width - x - m)
        y += head.get_linesize()
        for line in describe.score_changes(self.seen(), self.turn):
            drawing.text(surface, line, (x, y), font, palette.TEXT, width - x - m)
            y += font.get_linesize()

    def proceed(self) -> None:
        """On to the next turn (or the debrief)."""
        self.flow.session.new_turn()
        self.flow.next()

    def auto(self) -> None:
        self.proceed()

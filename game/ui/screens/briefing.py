"""A seat's private briefing, at the basic or the advanced reading level, with its numbers and goals."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame

from game.engine import Viewer, view
from game.ui import describe, drawing, palette
from game.ui.screens.base import Screen

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import Flow


class BriefingScreen(Screen):
    """Who you are, what you need, what you want; toggle basic/advanced."""

    name = "briefing"
    pausable = True

    def __init__(self, app: App, flow: Flow, actor: str) -> None:
        super().__init__(app)
        self.flow = flow
        self.actor = actor
        self.advanced = False

    def view_key(self) -> str:
        return f"briefing-{self.actor}-{'advanced' if self.advanced else 'basic'}"

    def build(self) -> None:
        width, height = self.app.window.get_size()
        m = self.s(16)
        top = self.s(52) + m
        model = self.flow.session.compiled.actor_models[self.actor]
        left_w = int(width * 0.58)
        text = model.briefing.advanced if self.advanced else model.briefing.basic
        leaders = f"<b>{html.escape(', '.join(model.leaders))}</b><br><br>" if model.leaders else ""
        self.text_box(pygame.Rect(m, top + self.s(40), left_w - m, height - top - self.s(40) - self.s(90)),
                      leaders + html.escape(text), object_id="#large")  # fmt: skip
        self.label(pygame.Rect(m, top, left_w - m, self.s(36)),
                   "Advanced briefing" if self.advanced else "Basic briefing", "#heading")  # fmt: skip
        row = pygame.Rect(m, height - self.s(74), self.s(280), self.s(54))
        self.button(row, "Start playing", self.flow.brief_next)
        toggle = pygame.Rect(row.right + m, row.y, self.s(300), row.height)
        self.button(toggle, "Show basic briefing" if self.advanced else "Show advanced briefing", self.toggle)

    def toggle(self) -> None:
        """Switch between the basic and the advanced briefing."""
        self.advanced = not self.advanced
        self.show()
        self.focus = 1

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        session = self.flow.session
        self.header(surface, f"Briefing: {session.name(self.actor)} (for your eyes only)",
                    session.compiled.meta.title)  # fmt: skip
        width, height = surface.get_size()
        m = self.s(16)
        x = int(width * 0.58) + m
        box = pygame.Rect(x, self.s(52) + m, width - x - m, height - self.s(52) - m - self.s(90))
        drawing.panel(surface, box)
        inner = box.inflate(-2 * m, -2 * m)
        fonts = self.app.fonts
        head, font = fonts.get(19, bold=True), fonts.get(16)
        y = inner.y
        drawing.text(surface, "Your numbers", (inner.x, y), head, palette.TEXT, inner.width)
        y += head.get_linesize() + 4
        seen = view(session.game, Viewer.seat(self.actor))
        row_h = font.get_linesize() + self.s(6)
        for ref in describe.actor_vars(seen, self.actor):
            variable = session.compiled.variables[ref]
            spec = drawing.MeterSpec(variable.label, seen.vars[ref], variable.min, variable.max, 0,
                                     variable.critical, ref in session.compiled.private_vars)  # fmt: skip
            drawing.meter(surface, pygame.Rect(inner.x, y, inner.width, row_h), spec, font)
            y += row_h
        y += m
        drawing.text(surface, "What you want (points)", (inner.x, y), head, palette.TEXT, inner.width)
        y += head.get_linesize() + 4
        for words, _met, _note in describe.objective_rows(seen, self.actor):
            area = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
            used = drawing.paragraph(surface, "• " + words, area, font, palette.TEXT)
            y += used + 4
            if y > inner.bottom:
                break

    def auto(self) -> None:
        self.flow.brief_next()

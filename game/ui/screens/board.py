"""The main board: every actor's dashboard, the tracks, the news, the seat's secrets and its move cards.

Everything on it is rendered from one engine view (:func:`game.engine.view.view`). With a viewer (a
human seat) the board shows what that seat may see, the fate of its moves of the last turn, and its
move cards. The moves available when the turn began are numbered in the scenario's order, and the
numbers stay fixed for the whole turn and across card pages (with ten or more, type two digits);
unavailable moves are greyed with the reason. Without a viewer it is the public board (the
spectators of a bots-only game, the projector between hand-overs): public information only.
"""

from __future__ import annotations

import html
import math
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.engine import PASS, PUBLIC, Game, Move, MoveOption, View, Viewer, view
from game.ui import describe, drawing, palette
from game.ui.screens.base import Button, Screen

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import Flow

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(10)} | {getattr(pygame, f"K_KP{n}"): n for n in range(10)}
DIGIT_WAIT = 1.0
"""Seconds a first digit waits for a second one when a seat has ten or more numbered moves."""


def numbered(seen: View, options: list[MoveOption]) -> dict[int, MoveOption]:
    """The moves available when the turn began, numbered from 1 in the scenario's order.

    Within the diplomacy phase only the seat's own orders change what is available (costs are paid
    at resolution), so "available now, or already ordered this turn" is the turn's first list, and
    the numbers never shift when a move is made."""
    ordered = {(o["move"], o["target"]) for orders in seen.orders.values() for o in orders}
    first = [o for o in options if o.available or (o.bound.id, o.bound.target) in ordered]
    return dict(enumerate(first, start=1))


class BoardScreen(Screen):
    """The board for one seat (or for the spectators)."""

    name = "board"
    pausable = True

    def __init__(self, app: App, flow: Flow, viewer: str | None) -> None:
        super().__init__(app)
        self.flow = flow
        self.viewer = viewer
        self.page = 0
        self.options: list[MoveOption] = []
        self.cards: list[tuple[pygame.Rect, MoveOption]] = []
        self.card_buttons: list[Button] = []
        """The buttons of the cards on this page, in card order."""
        self.per_page = 1
        self.numbers: dict[int, MoveOption] = {}
        """The turn's fixed move numbers (key → move)."""
        self.typed = ""
        """A first digit waiting for a second one (ten or more numbered moves)."""
        self.typed_age = 0.0

    @property
    def who(self) -> Viewer:
        """The viewer: the seat, or the public."""
        return PUBLIC if self.viewer is None else Viewer.seat(self.viewer)

    @property
    def seen(self) -> View:
        """The engine view this board renders."""
        return view(self.game, self.who)

    @property
    def game(self) -> Game:
        """The engine game."""
        return self.flow.session.game

    def view_key(self) -> str:
        return f"board-turn{self.game.turn}-{self.viewer or 'public'}"

    # --- layout ------------------------------------------------------------------------

    @property
    def compact(self) -> bool:
        """Too little room at this size and text size for news beside the dashboards: the news and the
        seat's secrets move behind the "News" button, and the dashboards take the width."""
        width, height = self.app.window.get_size()
        return width / self.app.scale < 1100 or height / self.app.scale < 600

    def _columns(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect, pygame.Rect]:
        """(dashboards, news and secrets, tracks, cards) rectangles (news is empty when :attr:`compact`)."""
        width, height = self.app.window.get_size()
        m = self.s(12)
        top = self.s(52) + m
        cards_w = min(max(self.s(360), int(width * 0.3)), int(width * 0.36))
        cards = pygame.Rect(width - m - cards_w, top, cards_w, height - top - m)
        left_w = cards.x - 2 * m
        tracks = self.game.compiled.track_ids
        cols = 1 if len(tracks) <= 2 else 2
        rows = math.ceil(len(tracks) / cols)
        ladder_h = self.s(62)
        tracks_h = rows * ladder_h + (2 * m if rows else 0)
        tracks_rect = pygame.Rect(m, height - m - tracks_h, left_w, tracks_h)
        middle_h = tracks_rect.y - top - (m if rows else 0)
        if self.compact:
            return pygame.Rect(m, top, left_w, middle_h), pygame.Rect(m + left_w, top, 0, middle_h), tracks_rect, cards
        crowded = len(self.game.compiled.actors) + (1 if describe.world_vars(self.game.compiled) else 0) > 3
        dash_w = int(left_w * (0.66 if crowded else 0.56))
        dash = pygame.Rect(m, top, dash_w, middle_h)
        news = pygame.Rect(dash.right + m, top, left_w - dash_w - m, middle_h)
        return dash, news, tracks_rect, cards

    def build(self) -> None:
        dash, news, _tracks, cards = self._columns()
        del dash
        m = self.s(12)
        width = self.app.window.get_width()
        self.button(pygame.Rect(width - self.s(112), self.s(8), self.s(100), self.s(36)), "Menu", self.open_menu)
        if self.viewer is None:
            self.app.notice_left = 0.0  # a seat's notice never reaches the room's screen
        if self.compact:
            label = "News" if self.viewer is None else "News & secrets"
            news_w = self.app.fonts.get(17, bold=True).size(label)[0] + self.s(30)
            self.button(pygame.Rect(width - self.s(124) - news_w, self.s(8), news_w, self.s(36)), label,
                        self.open_news)  # fmt: skip
        else:
            news_h = news.height if self.viewer is None else int(news.height * 0.5)
            self.text_box(pygame.Rect(news.x, news.y + self.s(30), news.width, news_h - self.s(30)),
                          self._news_html())  # fmt: skip
        if self.viewer is None:
            self._build_spectator(cards)
            return
        game = self.game
        options = game.move_options(self.viewer) if self.viewer in game.awaiting() else []
        self.numbers = numbered(self.seen, options)
        first = list(self.numbers.values())
        self.options = first + [o for o in options if o not in first]
        lines = 4
        line_h = self.app.fonts.get(14).get_linesize()
        card_h = self.s(38) + lines * line_h + self.s(10)
        usable = cards.height - self.s(30) - self.s(52) - m
        self.per_page = max(1, min(9, (usable + m // 2) // (card_h + m // 2)))
        if len(self.options) > self.per_page:  # room for the page buttons
            self.per_page = max(1, min(9, (usable - self.s(50) + m // 2) // (card_h + m // 2)))
        pages = max(1, math.ceil(len(self.options) / self.per_page))
        self.page = min(self.page, pages - 1)
        shown = self.options[self.page * self.per_page:(self.page + 1) * self.per_page]
        self.cards = []
        self.card_buttons = []
        y = cards.y + self.s(30)
        number_of = {id(option): number for number, option in self.numbers.items()}
        for option in shown:
            rect = pygame.Rect(cards.x, y, cards.width, card_h)
            self.cards.append((rect, option))
            number = number_of.get(id(option))
            key = f"{number}  " if number is not None else "–  "
            full = f"{key}{describe.card_text(game, option, self.viewer).title}"
            title = drawing.fit_words(full, self.app.fonts.get(16, bold=True), rect.width - self.s(24))
            tip = "<br>".join(x for x in (full if title != full else "", option.bound.move.description) if x)
            self.button(pygame.Rect(rect.x, rect.y, rect.width, self.s(38)), title,
                        partial(self.choose, option), enabled=option.available, object_id="#card",
                        tooltip=html.escape(tip).replace("&lt;br&gt;", "<br>") or None)  # fmt: skip
            self.card_buttons.append(self.buttons[-1])
            y += card_h + m // 2
        bottom = cards.bottom - self.s(50)
        if pages > 1:
            half = (cards.width - m) // 2
            self.button(pygame.Rect(cards.x, bottom - self.s(44), half, self.s(38)), "« Previous",
                        lambda: self.turn_page(-1), enabled=self.page > 0)  # fmt: skip
            self.button(pygame.Rect(cards.x + half + m, bottom - self.s(44), half, self.s(38)), "More »",
                        lambda: self.turn_page(1), enabled=self.page < pages - 1)  # fmt: skip
        self.button(pygame.Rect(cards.x, bottom, cards.width, self.s(48)), "0  Pass: end my turn", self.pass_turn,
                    enabled=bool(options))  # fmt: skip

    def _build_spectator(self, cards: pygame.Rect) -> None:
        self.button(pygame.Rect(cards.x, cards.bottom - self.s(56), cards.width, self.s(56)), "Play the turn",
                    self.play_turn)  # fmt: skip

    def _news_html(self) -> str:
        seen = self.seen
        parts = []
        for entry in seen.log:
            if entry["turn"] != seen.turn:
                continue
            words = html.escape(describe.entry_text(seen, entry))
            if entry["kind"] == "event":
                title = html.escape(str(entry.get("title", "")))
                rest = words[len(title) + 2 :] if words.startswith(title + ": ") else words
                parts.append(f"<b>{title}</b><br>{rest}")
            else:
                parts.append(words)
        flags = [f.label + describe.lasting(seen, f.id) for f in seen.compiled.scenario.flags if seen.flags[f.id]]
        if flags:
            parts.append("<b>In force:</b> " + html.escape("; ".join(flags)))
        return "<br><br>".join(parts) if parts else "No news this turn."

    # --- actions --------------------------------------------------------------------------

    def open_menu(self) -> None:
        """The pause menu."""
        from game.ui.screens.pause import PauseScreen

        self.app.push(PauseScreen(self.app))

    def open_news(self) -> None:
        """This turn's news (and the seat's secrets) in a dialog: the compact layout's place for them."""
        from game.ui.screens.news import NewsDialog

        self.app.push(NewsDialog(self.app, self._news_html(), self._secrets_html() if self.viewer else ""))

    def _secrets_html(self) -> str:
        """What :meth:`_paint_secrets` shows, as text for the news dialog."""
        assert self.viewer is not None
        game = self.game
        seen = self.seen
        rows = []
        last = describe.outcomes(seen, seen.turn - 1) if seen.turn > 1 else []
        if last:
            rows.append("Your moves last turn:")
            rows += [f"• {html.escape(line)}" for line in last]
        rows += [f"{'[met]' if met else '[not yet]'} {html.escape(words)}: {html.escape(note)}"
                 for words, met, note in describe.objective_rows(seen, self.viewer)]  # fmt: skip
        for order in seen.orders.get(self.viewer, []):
            bound = game.bound(self.viewer, order["move"], order["target"])
            title = describe.card_text(game, MoveOption(bound, True, ""), self.viewer).title
            rows.append("Ordered: " + html.escape(title))
        return "<b>Only you see this</b><br>" + "<br>".join(rows)

    def choose(self, option: MoveOption) -> None:
        """Open the move dialog (a deal's is the proposal dialog)."""
        from game.ui.screens.deal import MoveDialog

        self.app.push(MoveDialog(self.app, self.flow, option))

    def pass_turn(self) -> None:
        """End this seat's orders for the turn."""
        assert self.viewer is not None
        self.flow.session.submit(Move(self.viewer, PASS))
        self.flow.after_decision(self.viewer)

    def turn_page(self, step: int) -> None:
        """Show the previous or next page of move cards."""
        self.page += step
        self.show()

    def play_turn(self) -> None:
        """Spectators: the bots play the turn."""
        self.flow.advance()

    def pick(self, number: int) -> None:
        """Choose the move with this number (a notice if there is none or it is no longer available)."""
        option = self.numbers.get(number)
        if option is not None and option.available:
            self.choose(option)
        elif option is not None:
            self.app.notify(f"Move {number} is not available: {option.reason}")
        else:
            self.app.notify(f"No move {number} to choose")

    def on_key(self, event: pygame.event.Event) -> bool:
        digit = NUMBER_KEYS.get(event.key)
        if digit is not None and self.viewer is not None:
            if self.typed:
                number, self.typed = int(self.typed + str(digit)), ""
                self.invalidate()
                self.pick(number)
            elif digit == 0:
                if self.viewer in self.game.awaiting():
                    self.pass_turn()
            elif digit * 10 <= len(self.numbers):
                self.typed, self.typed_age = str(digit), 0.0  # wait for a second digit
                self.invalidate()
            else:
                self.pick(digit)
            return True
        if event.key == pygame.K_PAGEDOWN and self.viewer is not None:
            pages = max(1, math.ceil(len(self.options) / self.per_page))
            if self.page < pages - 1:
                self.turn_page(1)
            return True
        if event.key == pygame.K_PAGEUP and self.viewer is not None:
            if self.page > 0:
                self.turn_page(-1)
            return True
        return False

    def update(self, dt: float) -> None:
        if self.typed:
            self.typed_age += dt
            if self.typed_age >= DIGIT_WAIT:
                number, self.typed = int(self.typed), ""
                self.invalidate()
                self.pick(number)

    def auto(self) -> None:
        if self.viewer is None:
            self.play_turn()

    # --- drawing ------------------------------------------------------------------------------

    def title_text(self) -> str:
        """The header: whose board, the turn, and which move of the turn this is ("move 1 of 2")."""
        seen = self.seen
        session = self.flow.session
        right = f"Turn {seen.turn} of {seen.compiled.turns}: {seen.turn_label}"
        if self.viewer is not None and self.viewer in self.game.awaiting():
            made = len(seen.orders.get(self.viewer, []))
            right += f" · move {made + 1} of {seen.compiled.meta.actions_per_turn}"
            if self.typed:
                right += f" · move {self.typed}_"
        who = f"{session.name(self.viewer)}'s board" if self.viewer else self.public_title()
        return f"{who} · {right}"

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.header(surface, self.title_text(), "")
        dash, news, tracks, cards = self._columns()
        fonts = self.app.fonts
        head = fonts.get(18, bold=True)
        if not self.compact:
            drawing.text(surface, "This turn's news", (news.x, news.y), head, palette.TEXT, news.width)
        self._paint_dashboards(surface, dash)
        if self.viewer is not None and not self.compact:
            secrets = pygame.Rect(news.x, news.y + int(news.height * 0.5) + self.s(10), news.width,
                                  news.height - int(news.height * 0.5) - self.s(10))  # fmt: skip
            self._paint_secrets(surface, secrets)
        if self.viewer is not None:
            keys = "type the number" if len(self.numbers) >= 10 else "keys 1–9"
            drawing.text(surface, f"Your moves ({keys}, 0 to pass)", (cards.x, cards.y), head, palette.TEXT,
                         cards.width)  # fmt: skip
            self._paint_cards(surface)
        else:
            self._paint_public_side(surface, cards)
        self._paint_tracks(surface, tracks)

    def public_title(self) -> str:
        """The header of the public board."""
        return "Bots are playing"

    def _paint_public_side(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        self._paint_seats(surface, area)

    def _paint_dashboards(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        session = self.flow.session
        compiled = session.compiled
        seen = self.seen
        actors = list(compiled.actors)
        world = describe.world_vars(compiled)
        count = len(actors) + (1 if world else 0)
        cols = 1 if count <= 3 and not self.compact else 3 if count > 4 and self.compact else 2
        rows = math.ceil(count / cols)
        gap = self.s(8)
        card_w = (area.width - gap * (cols - 1)) // cols
        card_h = (area.height - gap * (rows - 1)) // rows
        name_font = self.app.fonts.get(17, bold=True)
        for index in range(count):
            rect = pygame.Rect(area.x + (index % cols) * (card_w + gap), area.y + (index // cols) * (card_h + gap),
                               card_w, card_h)  # fmt: skip
            if index < len(actors):
                actor = actors[index]
                refs = describe.actor_vars(seen, actor)
                title = compiled.actor_names[actor] + (" (you)" if actor == self.viewer else "")
                colour = palette.hex_colour(compiled.actor_models[actor].colour)
                shape = palette.SHAPES[index % len(palette.SHAPES)]
                score = f"{seen.scores[actor]} pts"
            else:
                refs, title, colour, shape, score = world, "World", palette.MUTED, "", ""
            drawing.panel(surface, rect)
            pygame.draw.rect(surface, colour, (rect.x, rect.y, self.s(6), rect.height), border_radius=3)
            inner = rect.inflate(-self.s(20), -self.s(10))
            inner.x += self.s(4)
            title_h = name_font.get_linesize()
            x = inner.x
            if shape:
                drawing.marker(surface, shape, (x + title_h // 3, inner.y + title_h // 2), title_h * 2 // 3, colour)
                x += title_h
            score_w = name_font.size(score)[0] if score else 0
            drawing.text(surface, title, (x, inner.y), name_font, palette.TEXT, inner.right - x - score_w - 8)
            if score:
                drawing.text(surface, score, (inner.right - score_w, inner.y), name_font, palette.TEXT)
            self._paint_meters(surface, pygame.Rect(inner.x, inner.y + title_h + 2, inner.width,
                                                    inner.height - title_h - 2), refs, seen)  # fmt: skip

    def _meter_layout(self, area: pygame.Rect, labels: list[str]) -> tuple[int, int, int]:
        """(font size at 100 %, columns, row height) for the meters in ``area`` (:func:`drawing.meter_layout`)."""
        return drawing.meter_layout(area.width, area.height, labels, self.app.fonts.get, self.s)

    def _paint_meters(self, surface: pygame.Surface, area: pygame.Rect, refs: list[str], seen: View) -> None:
        if not refs:
            return
        compiled = seen.compiled
        labels = [compiled.variables[r].label + (" (private)" if r in compiled.private_vars else "") for r in refs]
        size, cols, row_h = self._meter_layout(area, labels)
        font = self.app.fonts.get(size)
        gap = self.s(10)
        col_w = (area.width - gap * (cols - 1)) // cols
        rows = math.ceil(len(refs) / cols)
        bars = all(drawing.meter_fits_bar(pygame.Rect(0, 0, col_w, row_h), label, font) for label in labels)
        for number, ref in enumerate(refs):
            variable = compiled.variables[ref]
            spec = drawing.MeterSpec(variable.label, seen.vars[ref], variable.min, variable.max,
                                     describe.trend(seen, ref), variable.critical,
                                     ref in compiled.private_vars)  # fmt: skip
            col, row = divmod(number, rows)
            rect = pygame.Rect(area.x + col * (col_w + gap), area.y + row * row_h, col_w, row_h)
            full = drawing.meter(surface, rect, spec, font, bars)
            if full is not None:
                self.hints.append((rect, f"{full}: {spec.value} (from {spec.low} to {spec.high})"))

    def _paint_secrets(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        assert self.viewer is not None
        drawing.panel(surface, area)
        inner = area.inflate(-self.s(20), -self.s(14))
        head, font = self.app.fonts.get(17, bold=True), self.app.fonts.get(15)
        drawing.text(surface, "Only you see this", (inner.x, inner.y), head, palette.TEXT, inner.width)
        y = inner.y + head.get_linesize() + 2
        game = self.game
        seen = self.seen
        last = describe.outcomes(seen, seen.turn - 1) if seen.turn > 1 else []
        if last:
            drawing.text(surface, "Your moves last turn:", (inner.x, y), font, palette.TEXT, inner.width)
            y += font.get_linesize()
            for line in last:
                used = drawing.paragraph(surface, "• " + line, pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
                                         font, palette.TEXT)  # fmt: skip
                y += used + 2
                if y >= inner.bottom:
                    return
        for words, met, note in describe.objective_rows(seen, self.viewer):
            tag = "[met] " if met else "[not yet] "
            used = drawing.paragraph(surface, tag + words + f": {note}", pygame.Rect(inner.x, y, inner.width,
                                     inner.bottom - y), font, palette.TEXT if met else palette.MUTED)  # fmt: skip
            y += used + 2
            if y >= inner.bottom:
                return
        orders = seen.orders.get(self.viewer, [])
        for order in orders:
            bound = game.bound(self.viewer, order["move"], order["target"])
            title = describe.card_text(game, MoveOption(bound, True, ""), self.viewer).title
            drawing.text(surface, f"Ordered: {title}", (inner.x, y), font, palette.TEXT, inner.width)
            y += font.get_linesize()

    def _paint_cards(self, surface: pygame.Surface) -> None:
        assert self.viewer is not None
        font = self.app.fonts.get(14)
        bold = self.app.fonts.get(14, bold=True)
        for rect, option in self.cards:
            words = describe.card_text(self.game, option, self.viewer)
            fill = palette.PANEL if option.available else palette.FAINT
            drawing.panel(surface, rect, fill=fill)
            inner = pygame.Rect(rect.x + self.s(10), rect.y + self.s(42), rect.width - self.s(20),
                                rect.height - self.s(46))  # fmt: skip
            line = font.get_linesize()
            if option.available:
                drawing.text(surface, f"Cost: {words.cost}", (inner.x, inner.y), font, palette.TEXT, inner.width)
                effect_lines = 2 if words.note else 3
                used = drawing.paragraph(surface, f"Effect: {words.effects}", pygame.Rect(
                    inner.x, inner.y + line, inner.width, effect_lines * line), font, palette.TEXT)  # fmt: skip
                if words.note:
                    y = inner.y + line + used
                    drawing.text(surface, words.note, (inner.x, y), font, palette.MUTED, inner.width)
            else:
                drawing.text(surface, "Not available:", (inner.x, inner.y), bold, palette.TEXT, inner.width)
                drawing.paragraph(surface, words.note.removeprefix("Not available: "),
                                  pygame.Rect(inner.x, inner.y + line, inner.width, 3 * line), font, palette.TEXT)
        if not self.cards:
            _d, _n, _t, cards = self._columns()
            drawing.text(surface, "You have made your moves for this turn.", (cards.x, cards.y + self.s(40)), font,
                         palette.MUTED, cards.width)  # fmt: skip

    def _paint_seats(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        session = self.flow.session
        head, font = self.app.fonts.get(18, bold=True), self.app.fonts.get(16)
        drawing.text(surface, "Who plays", (area.x, area.y), head, palette.TEXT, area.width)
        y = area.y + head.get_linesize() + self.s(6)
        for index, actor in enumerate(session.compiled.actors):
            colour = palette.hex_colour(session.compiled.actor_models[actor].colour)
            line = font.get_linesize()
            drawing.marker(surface, palette.SHAPES[index % len(palette.SHAPES)], (area.x + line // 2, y + line // 2),
                           line * 2 // 3, colour)  # fmt: skip
            drawing.text(surface, f"{session.name(actor)}: {session.seats[actor]} bot", (area.x + line + 4, y), font,
                         palette.TEXT, area.width - line)  # fmt: skip
            y += line + 4
        y += self.s(10)
        drawing.paragraph(surface, "Every seat is a bot. Press Enter to play the turn; the summary shows what each "
                          "bot did and why.", pygame.Rect(area.x, y, area.width, area.bottom - y - self.s(70)), font,
                          palette.MUTED)  # fmt: skip

    def _paint_tracks(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        seen = self.seen
        compiled = seen.compiled
        ids = compiled.track_ids
        if not ids:
            return
        cols = 1 if len(ids) <= 2 else 2
        gap = self.s(12)
        width = (area.width - gap * (cols - 1)) // cols
        height = self.s(62)
        fonts = (self.app.fonts.get(15, bold=True), self.app.fonts.get(13))
        history = seen.history
        for index, tid in enumerate(ids):
            machine = compiled.tracks[tid]
            current = seen.tracks[tid]
            before = history[-1]["tracks"][tid] if history else machine.track.initial
            moved = machine.index[current] - machine.index[before]
            rect = pygame.Rect(area.x + (index % cols) * (width + gap), area.y + self.s(6) + (index // cols) * height,
                               width, height - self.s(8))  # fmt: skip
            labels = [machine.label(state) for state in machine.states]
            for box, full in drawing.ladder(surface, rect, machine.track.name, labels, machine.index[current], fonts,
                                            moved):  # fmt: skip
                self.hints.append((box, f"{machine.track.name}: {full}"))

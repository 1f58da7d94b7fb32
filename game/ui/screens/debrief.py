"""The debrief: the ending and scores, every hidden move revealed, charts over the turns, and discussion."""

from __future__ import annotations

import html
import math
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.engine import FACILITATOR, View, view
from game.engine.wording import cause_sentence
from game.ui import describe, drawing, palette
from game.ui.screens.base import Screen
from game.ui.screens.pause import PauseScreen, confirm_leaving

if TYPE_CHECKING:
    from game.classroom.records import GameRecord
    from game.ui.app import App
    from game.ui.flow import Flow

TABS = ("Results", "Hidden moves", "Charts", "Discussion")


class DebriefScreen(Screen):
    """Four tabs (keys 1–4); the game log can be saved from here. Esc opens the pause menu (text size,
    quit); leaving asks first."""

    name = "debrief"
    pausable = True

    def __init__(self, app: App, flow: Flow) -> None:
        super().__init__(app)
        self.flow = flow
        self.tab = 0
        self.chart_page = 0
        self._auto_tab = 0

    def view_key(self) -> str:
        return "debrief-" + TABS[self.tab].lower().replace(" ", "-")

    def _content(self) -> pygame.Rect:
        width, height = self.app.window.get_size()
        m = self.s(16)
        top = self.s(52) + m + self.s(50)
        return pygame.Rect(m, top, width - 2 * m, height - top - self.s(84))

    def build(self) -> None:
        width, height = self.app.window.get_size()
        m = self.s(16)
        tab_w = min(self.s(220), (width - 2 * m) // len(TABS) - m)
        for index, title in enumerate(TABS):
            rect = pygame.Rect(m + index * (tab_w + m), self.s(52) + m, tab_w, self.s(42))
            marker = "» " if index == self.tab else ""
            self.button(rect, f"{index + 1}  {marker}{title}", partial(self.select, index))
        content = self._content()
        game = self.flow.session.game
        if self.tab == 0:
            left = content.copy()
            left.width = int(content.width * 0.5)
            self.text_box(left, self._results_html())
        elif self.tab == 1:
            self.text_box(content, self._hidden_html())
        elif self.tab == 3:
            self.text_box(content, self._discussion_html())
        elif self.tab == 2:
            self._build_chart_pages()
        row = pygame.Rect(m, height - self.s(70), width - 2 * m, self.s(52))
        self.button_row(row, [("Save the game log", self.save),
                              ("Back to the title screen", lambda: confirm_leaving(self.app, self.to_title)),
                              ("Report", self.report), ("What if…", self.what_if),
                              ("Menu (Esc)", self.open_menu),
                              ("Quit", lambda: confirm_leaving(self.app, self.quit, "quit"))])  # fmt: skip
        self.focus = self.tab
        del game

    def everything(self) -> View:
        """The debrief renders the facilitator's view: once the game is over everything is revealed."""
        return view(self.flow.session.game, FACILITATOR)

    def _results_html(self) -> str:
        game = self.flow.session.game
        everything = self.everything()
        result = everything.result or {}
        names = game.compiled.actor_names
        winners = ", ".join(names[a] for a in result.get("winners", []))
        parts = [f"<b>{html.escape(str(result.get('title', '')))}</b> (turn {result.get('turn', game.turn)})"]
        ending = next((e.ending.text for e in game.compiled.endings if e.ending.id == result.get("ending")), "")
        if ending:
            parts.append(html.escape(ending))
        if cause_sentence(result):
            parts.append(html.escape(cause_sentence(result)))
        parts.append(f"<b>Winner{'s' if ',' in winners else ''}:</b> {html.escape(winners)}")
        for actor in game.compiled.actors:
            rows = describe.objective_rows(everything, actor)
            lines = [f"{'[met]' if met else '[not met]'} {html.escape(words)}" for words, met, _ in rows]
            score = result.get("scores", {}).get(actor, everything.scores[actor])
            seat = self.flow.session.seats[actor]
            parts.append(f"<b>{html.escape(names[actor])}: {score} points</b> ({seat})<br>" + "<br>".join(lines))
        return "<br><br>".join(parts)

    def _hidden_html(self) -> str:
        game = self.flow.session.game
        timeline = describe.hidden_timeline(self.everything())
        if not timeline:
            return "Nothing was hidden in this game: every move was public."
        parts = ["<b>Revealed now: what was hidden from some players during the game.</b>"]
        turn_seen = 0
        for turn, words in timeline:
            if turn != turn_seen:
                turn_seen = turn
                parts.append(f"<br><b>Turn {turn}: {html.escape(game.compiled.turn_labels[turn - 1])}</b>")
            parts.append(f"• {html.escape(words)}")
        return "<br>".join(parts)

    def _discussion_html(self) -> str:
        debrief = self.flow.session.compiled.scenario.debrief
        parts = ["<b>Questions to discuss</b>"]
        parts += [f"{n}. {html.escape(q)}" for n, q in enumerate(debrief.questions, start=1)]
        if debrief.what_happened_next:
            parts.append("<br><b>What happened next</b>")
            for item in debrief.what_happened_next:
                source = f" ({html.escape(item.source)})" if item.source else ""
                parts.append(f"<b>{html.escape(item.date)}</b>: {html.escape(item.text)}{source}")
        return "<br>".join(parts)

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        game = self.flow.session.game
        self.header(surface, f"Debrief: {game.compiled.meta.title}", f"{len(game.decisions)} decisions")
        content = self._content()
        if self.tab == 0:
            right = content.copy()
            right.x += int(content.width * 0.5) + self.s(16)
            right.width = content.right - right.x
            self._score_chart(surface, right)
        elif self.tab == 2:
            self._charts(surface, self._chart_area())

    def _series_colour(self, index: int) -> palette.Colour:
        return palette.SERIES[index % len(palette.SERIES)]

    def _turn_labels(self) -> list[str]:
        return [f"T{snap['turn']}" for snap in self.everything().history]

    def _fonts(self) -> tuple[pygame.font.Font, pygame.font.Font]:
        return self.app.fonts.get(16, bold=True), self.app.fonts.get(13)

    def _score_chart(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        game = self.flow.session.game
        history = self.everything().history
        series = [
            drawing.Series(game.compiled.actor_names[a], [snap["scores"][a] for snap in history],
                           palette.hex_colour(game.compiled.actor_models[a].colour), palette.SHAPES[i % 7])
            for i, a in enumerate(game.compiled.actors)
        ]  # fmt: skip
        drawing.chart(surface, rect, "Scores over the turns", series, self._turn_labels(), self._fonts())

    def _groups(self) -> list[tuple[str, list[str]]]:
        game = self.flow.session.game
        compiled = game.compiled
        everything = self.everything()
        groups = [(compiled.actor_names[a], describe.actor_vars(everything, a)) for a in compiled.actors]
        world = describe.world_vars(compiled)
        if world:
            groups.append(("World", world))
        return groups

    def _chart_layout(self, area: pygame.Rect) -> tuple[int, int, int]:
        """(columns, rows, groups per page) of chart panels: as many as fit with every variable's own chart
        readable; the rest go on further pages (PageDown / the » button)."""
        title_font, font = self._fonts()
        groups = self._groups()
        most = max((len(refs) for _t, refs in groups), default=1)
        line = font.get_linesize()
        cell_h = 2 * line + self.s(40)
        gap = self.s(12)
        for cols, rows in ((3, 2), (2, 2), (3, 1), (2, 1), (1, 1)):
            w = (area.width - gap * (cols - 1)) // cols
            h = (area.height - gap * (rows - 1)) // rows
            inner_cols = 2 if w - 16 >= 2 * font.size("M" * 16)[0] and most > 1 else 1
            if cols * rows < len(groups):  # the page line takes room
                h = (area.height - self.s(48) - gap * (rows - 1)) // rows
            need = title_font.get_linesize() + 14 + math.ceil(most / inner_cols) * (cell_h + 8)
            if h >= need or (cols, rows) == (1, 1):
                per_page = min(cols * rows, len(groups))
                return cols, rows, max(1, per_page)
        return 1, 1, 1

    def _chart_area(self) -> pygame.Rect:
        content = self._content()
        pages = self._chart_pages()
        if pages > 1:
            content.y += self.s(48)
            content.height -= self.s(48)
        return content

    def _chart_pages(self) -> int:
        _c, _r, per_page = self._chart_layout(self._content())
        return math.ceil(len(self._groups()) / per_page)

    def _build_chart_pages(self) -> None:
        pages = self._chart_pages()
        self.chart_page = min(self.chart_page, pages - 1)
        if pages <= 1:
            return
        content = self._content()
        w = self.s(150)
        row = pygame.Rect(content.right - 2 * w - self.s(12), content.y, w, self.s(40))
        self.button(row, "« Previous", lambda: self.turn_chart_page(-1), enabled=self.chart_page > 0)
        self.button(row.move(w + self.s(12), 0), "More »", lambda: self.turn_chart_page(1),
                    enabled=self.chart_page < pages - 1)  # fmt: skip

    def turn_chart_page(self, step: int) -> None:
        """The previous or next page of charts."""
        self.chart_page = max(0, min(self._chart_pages() - 1, self.chart_page + step))
        self.show()

    def _charts(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        game = self.flow.session.game
        compiled = game.compiled
        history = self.everything().history
        groups = self._groups()
        cols, rows, per_page = self._chart_layout(self._content())
        pages = math.ceil(len(groups) / per_page)
        if pages > 1:
            first = self.chart_page * per_page
            last = min(len(groups), first + per_page)
            which = f"Chart {first + 1}" if last == first + 1 else f"Charts {first + 1}–{last}"
            shown = f"{which} of {len(groups)} (PageUp / PageDown)"
            font = self.app.fonts.get(17, bold=True)
            drawing.text(surface, shown, (area.x, self._content().y + self.s(8)), font, palette.TEXT,
                         area.width - 2 * self.s(162))  # fmt: skip
        groups = groups[self.chart_page * per_page:(self.chart_page + 1) * per_page]
        gap = self.s(12)
        w = (area.width - gap * (cols - 1)) // cols
        h = (area.height - gap * (rows - 1)) // rows
        for index, (title, refs) in enumerate(groups):
            rect = pygame.Rect(area.x + (index % cols) * (w + gap), area.y + (index // cols) * (h + gap), w, h)
            series = [
                drawing.Series(compiled.variables[ref].label, [snap["vars"][ref] for snap in history],
                               self._series_colour(k), palette.SHAPES[k % len(palette.SHAPES)])
                for k, ref in enumerate(refs)
            ]  # fmt: skip
            drawing.small_multiples(surface, rect, title, series, self._turn_labels(), self._fonts())

    def select(self, tab: int) -> None:
        """Show a tab."""
        self.tab = tab % len(TABS)
        self.show()

    def on_key(self, event: pygame.event.Event) -> bool:
        if self.tab == 2 and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self._chart_pages() > 1:
            self.turn_chart_page(1 if event.key == pygame.K_PAGEDOWN else -1)
            return True
        for index in range(len(TABS)):
            if event.key in (getattr(pygame, f"K_{index + 1}"), getattr(pygame, f"K_KP{index + 1}")):
                self.select(index)
                return True
        return False

    def save(self) -> None:
        """Save the finished game's decision log (``parley replay`` reads it)."""
        from game.ui.saves import SaveError, write_save

        try:
            path = write_save(self.flow.session, self.app.options.save_dir)
        except SaveError as exc:
            self.app.notify(str(exc))
            return
        self.app.notify(f"Saved: {path}")

    def _record(self) -> GameRecord:
        from game.classroom.records import session_record

        session = self.flow.session
        return session_record(session.played, session.scenario_file, session.seats, session.names)

    def report(self) -> None:
        """Write the after-action report (HTML for print, Markdown for a learning platform) into the save folder."""
        from game.classroom.report import render_html, render_markdown

        folder = self.app.options.save_dir / "reports"
        game = self.flow.session.game
        stem = f"{game.compiled.meta.id}-seed{game.seed}-report"
        record = self._record()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{stem}.html").write_text(render_html(record), encoding="utf-8")
            (folder / f"{stem}.md").write_text(render_markdown(record), encoding="utf-8")
        except OSError as exc:
            self.app.notify(f"cannot write the report into {folder}: {exc.strerror or exc}")
            return
        self.app.notify(f"Report written: {folder / stem}.html (and .md)")

    def what_if(self) -> None:
        """Open the what-if screen: change one decision and let the bots play on."""
        from game.ui.screens.whatif import WhatIfScreen

        self.app.go(WhatIfScreen(self.app, self, self._record()))

    def to_title(self) -> None:
        """Back to the scenario picker."""
        from game.ui.screens.title import TitleScreen

        self.app.flow = None
        self.app.go(TitleScreen(self.app))

    def quit(self) -> None:
        """Close the window."""
        self.app.running = False

    def open_menu(self) -> None:
        """The pause menu (text size, quit)."""
        self.app.push(PauseScreen(self.app))

    def auto(self) -> None:
        self._auto_tab += 1
        if self._auto_tab < len(TABS):
            self.select(self._auto_tab)
        else:
            self.select(0)
            self.app.finished = True

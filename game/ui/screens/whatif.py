"""What-if from the debrief: pick a turn, an actor and another move; the bots play on; both outcomes shown."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame

from game.classroom.compare import render_html, rows
from game.classroom.records import GameRecord
from game.classroom.whatif import WhatIf, WhatIfError, choices_at, fork, move_words
from game.engine import Move
from game.ui import drawing, palette
from game.ui.screens.base import Screen

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.debrief import DebriefScreen


class WhatIfScreen(Screen):
    """Three choosers (turn, actor, move), "Play it out", then the comparison; Back returns to the debrief."""

    name = "whatif"

    def __init__(self, app: App, debrief: DebriefScreen, record: GameRecord) -> None:
        super().__init__(app)
        self.debrief = debrief
        self.record = record
        compiled = record.compiled
        result = record.game.state["result"]
        self.last_turn = int(result["turn"]) if result else record.game.turn
        self.turn = 1
        self.actor_index = 0
        self.move_index = 0
        self.actors = list(compiled.actors)
        self.outcome: WhatIf | None = None
        self.message = ""

    @property
    def actor(self) -> str:
        """The actor whose decision changes."""
        return self.actors[self.actor_index]

    def choices(self) -> list[Move]:
        """The moves open to the actor at the start of the chosen turn, but the one it made."""
        made = next(
            (d for d in self.record.game.decisions if d["turn"] == self.turn and d["actor"] == self.actor
             and d["kind"] == "move"), {},
        )  # fmt: skip
        was = Move(self.actor, str(made.get("move", "")), made.get("target"))
        return [m for m in choices_at(self.record, self.turn, self.actor) if m != was]

    def build(self) -> None:
        width, height = self.app.window.get_size()
        m = self.s(24)
        w, h = self.s(380), self.s(50)
        top = self.s(52) + self.s(70)
        names = self.record.compiled.actor_names
        choices = self.choices()
        self.move_index %= max(1, len(choices))
        move = move_words(self.record, choices[self.move_index]) if choices else "(no choice)"
        self.button(pygame.Rect(m, top, w, h), f"Turn {self.turn} of {self.last_turn}", self.next_turn)
        self.button(pygame.Rect(m, top + h + self.s(12), w, h), f"Actor: {names[self.actor]}", self.next_actor)
        self.button(pygame.Rect(m, top + 2 * (h + self.s(12)), w, h), f"Move: {move}", self.next_move,
                    enabled=bool(choices), tooltip=move)  # fmt: skip
        self.button(pygame.Rect(m, top + 3 * (h + self.s(12)) + self.s(12), w, h), "Play it out", self.play_out,
                    enabled=bool(choices))  # fmt: skip
        if self.outcome is not None:
            area = pygame.Rect(m * 2 + w, top, width - 3 * m - w, height - top - self.s(100))
            self.text_box(area, self._outcome_html(self.outcome))
        row_y = height - self.s(70)
        self.button(pygame.Rect(m, row_y, self.s(300), self.s(52)), "Save the comparison", self.save,
                    enabled=self.outcome is not None)  # fmt: skip
        self.button(pygame.Rect(width - m - self.s(260), row_y, self.s(260), self.s(52)), "Back to the debrief",
                    self.back)  # fmt: skip

    def _outcome_html(self, outcome: WhatIf) -> str:
        name = self.record.compiled.actor_names[outcome.actor]
        lines = [f"<b>What if {html.escape(name)} had chosen “{html.escape(outcome.changed_to)}” instead of "
                 f"“{html.escape(outcome.was)}” on turn {outcome.turn}?</b>", ""]  # fmt: skip
        for what, played, forked in rows(outcome):
            mark = " <b>(changed)</b>" if played != forked else ""
            lines.append(f"{html.escape(what)}: as played {html.escape(played)}; what if {html.escape(forked)}{mark}")
        return "<br>".join(lines)

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.header(surface, f"What if… {self.record.compiled.meta.title}", "bots play on from the same seed")
        m = self.s(24)
        font = self.app.fonts.get(18)
        words = self.message or "Pick a turn, an actor and the move it could have made instead, then play it out."
        drawing.paragraph(surface, words, pygame.Rect(m, self.s(64), surface.get_width() - 2 * m, self.s(50)), font,
                          palette.TEXT)  # fmt: skip

    def _rebuild(self) -> None:
        focus = self.focus
        self.show()
        self.focus = focus

    def next_turn(self) -> None:
        """The next turn (wrapping)."""
        self.turn = self.turn % self.last_turn + 1
        self.move_index = 0
        self._rebuild()

    def next_actor(self) -> None:
        """The next actor (wrapping)."""
        self.actor_index = (self.actor_index + 1) % len(self.actors)
        self.move_index = 0
        self._rebuild()

    def next_move(self) -> None:
        """The next possible move."""
        self.move_index += 1
        self._rebuild()

    def play_out(self) -> None:
        """Fork the game with the chosen move and let the bots play on."""
        choices = self.choices()
        if not choices:
            return
        chosen = choices[self.move_index % len(choices)]
        try:
            self.outcome = fork(self.record, self.turn, self.actor, chosen.move, chosen.target)
            self.message = ""
        except WhatIfError as exc:
            self.outcome, self.message = None, str(exc)
        self._rebuild()

    def save(self) -> None:
        """Write the comparison as a self-contained HTML page into the save folder."""
        if self.outcome is None:
            return
        folder = self.app.options.save_dir / "reports"
        meta = self.record.compiled.meta
        path = folder / f"{meta.id}-whatif-t{self.outcome.turn}-{self.outcome.actor}.html"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(render_html(self.outcome), encoding="utf-8")
        except OSError as exc:
            self.app.notify(f"cannot save into {folder}: {exc.strerror or exc}")
            return
        self.app.notify(f"Saved: {path}")

    def back(self) -> None:
        self.app.go(self.debrief)

    def auto(self) -> None:
        if self.outcome is None:
            self.play_out()
        else:
            self.back()

"""The move dialog (for a deal: the proposal, with offer and ask) and the answer screen of a deal's target.

Both render from the seat's engine view and previews of its own move: the cost is said once, the
effects after it, each part of a deal previewed after the parts before it (as it resolves), and a
covert move or deal says its detection chance. Answering a deal is deliberate: the answer screen
has no default focus, and for its first :data:`ARM_SECONDS` it ignores keys (a key pressed for the
previous screen never answers a deal).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.engine import Answer, IllegalDecision, MoveOption, Viewer, view
from game.engine.deals import proposal_key
from game.ui import deal_words, describe, drawing, palette
from game.ui.screens.base import Button, Screen
from game.ui.screens.pause import Dimmed

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import Flow


ARM_SECONDS = 0.6
"""How long the answer screen ignores keys after it is shown."""


def _items(lines: list[str]) -> str:
    return "<br>".join(f"• {html.escape(line)}" for line in lines)


def _sections(sections: list[tuple[str, list[str]]]) -> list[str]:
    """Headed lists (a deal's parties' terms, its secret half) as text-box parts."""
    return [f"<b>{html.escape(heading)}:</b><br>{_items(lines)}" for heading, lines in sections]


class MoveDialog(Screen):
    """Confirm a move; for a deal, show what you offer and what you ask, then propose it."""

    name = "move"

    def __init__(self, app: App, flow: Flow, option: MoveOption) -> None:
        super().__init__(app)
        self.flow = flow
        self.option = option
        self.under = Dimmed(app)

    def view_key(self) -> str:
        return "proposal" if self.option.bound.is_deal else "move"

    def _box(self) -> pygame.Rect:
        width, height = self.app.window.get_size()
        box = pygame.Rect(0, 0, min(width - self.s(40), self.s(760)), min(height - self.s(40), self.s(520)))
        box.center = (width // 2, height // 2)
        return box

    def build(self) -> None:
        game = self.flow.session.game
        bound = self.option.bound
        actor = bound.actor
        box = self._box()
        m = self.s(20)
        words = describe.card_text(game, self.option, actor)
        parts = []
        if bound.move.description:
            parts.append(html.escape(bound.move.description))
        parts.append(f"<b>Cost:</b> {html.escape(words.cost)}")
        if bound.is_deal and bound.parties:
            parts.append(f"<b>You offer:</b><br>{_items(describe.deal_terms(game, bound, actor)[0])}")
            parts += _sections(deal_words.extra_terms(game, bound, actor))
            parts.append(html.escape(f"{deal_words.who_must_accept(game, bound)}; each answers in secret, and one "
                                     "no stops the deal: then nothing is paid."))  # fmt: skip
        elif bound.is_deal:
            offer, ask, effects = describe.deal_terms(game, bound, actor)
            target = self.flow.session.name(bound.target or "")
            parts.append(f"<b>You offer {html.escape(target)}:</b><br>{_items(offer)}")
            parts.append(f"<b>You ask of {html.escape(target)}:</b><br>{_items(ask)}")
            if effects:
                parts.append(f"<b>If accepted, also:</b><br>{_items(effects)}")
            parts += _sections(deal_words.extra_terms(game, bound, actor))
            parts.append(f"{html.escape(target)} answers in secret; if rejected, nothing is paid.")
            if bound.covert:
                chance = describe.detection_text(game, bound)
                parts.append(html.escape(f"Covert: others learn of it only if detected ({chance})."))
        else:
            parts.append(f"<b>Effect:</b> {html.escape(words.effects)}")
            if words.note:
                parts.append(html.escape(words.note))
        top = box.y + self.s(64)
        self.text_box(pygame.Rect(box.x + m, top, box.width - 2 * m, box.bottom - top - self.s(84)),
                      "<br><br>".join(parts))  # fmt: skip
        half = (box.width - 3 * m) // 2
        row = pygame.Rect(box.x + m, box.bottom - self.s(70), half, self.s(50))
        self.button(row, "Propose the deal" if bound.is_deal else "Make this move", self.confirm)
        self.button(row.move(half + m, 0), "Back (Esc)", self.back)

    def paint(self, surface: pygame.Surface) -> None:
        self.under.paint(surface)
        box = self._box()
        drawing.panel(surface, box, radius=12)
        title = describe.card_text(self.flow.session.game, self.option, self.option.bound.actor).title
        kind = "Propose a deal: " if self.option.bound.is_deal else ""
        drawing.text(surface, kind + title, (box.x + self.s(20), box.y + self.s(18)), self.app.fonts.get(22, bold=True),
                     palette.TEXT, box.width - self.s(40))  # fmt: skip

    def confirm(self) -> None:
        """Submit the move (or the proposal)."""
        actor = self.option.bound.actor
        try:
            self.flow.session.submit(self.option.decision)
        except IllegalDecision as exc:
            self.app.notify(str(exc))
            self.app.pop()
            return
        self.flow.after_decision(actor)

    def back(self) -> None:
        self.app.pop()

    def auto(self) -> None:
        self.confirm()


class AnswerScreen(Screen):
    """A deal's target reads the proposal in private and accepts (A) or rejects (R) it."""

    name = "answer"
    pausable = True

    def __init__(self, app: App, flow: Flow, actor: str) -> None:
        super().__init__(app)
        self.flow = flow
        self.actor = actor
        self.age = 0.0
        """Seconds since the current proposal was shown (keys count only after :data:`ARM_SECONDS`)."""
        self.chose_focus = False
        """True once the player moved the keyboard focus (there is none at first)."""

    def view_key(self) -> str:
        open_ = self.flow.session.game.open_proposals(self.actor)
        return f"answer-{self.actor}-{open_[0]['id'] if open_ else 'none'}"

    def _proposal(self) -> dict[str, object] | None:
        proposals = self.flow.session.game.open_proposals(self.actor)
        return proposals[0] if proposals else None

    def build(self) -> None:
        if self._proposal() is None:
            return
        width, height = self.app.window.get_size()
        m = self.s(24)
        top = self.s(52) + m
        self.text_box(pygame.Rect(m, top, width - 2 * m, height - top - self.s(100)), self.html(),
                      object_id="#large")  # fmt: skip
        half = (width - 3 * m) // 2
        row = pygame.Rect(m, height - self.s(80), half, self.s(56))
        self.button(row, "A  Accept the deal", lambda: self.answer(True))
        self.button(row.move(half + m, 0), "R  Reject the deal", lambda: self.answer(False))

    def html(self) -> str:
        """The proposal in words for the answering seat (simple HTML)."""
        proposal = self._proposal()
        if proposal is None:
            return ""
        session = self.flow.session
        game = session.game
        bound = game.bound(*proposal_key(proposal))
        sender = session.name(bound.actor)
        offer, ask, effects = describe.deal_terms(game, bound, self.actor)
        seen = view(game, Viewer.seat(self.actor))
        parts = [f"<b>{html.escape(sender)} proposes:</b> {html.escape(bound.move.name)}"]
        if bound.move.description:
            parts.append(html.escape(bound.move.description))
        parts.append(f"<b>{html.escape(sender)} gives:</b><br>{_items(offer)}")
        if bound.parties:
            parts += _sections(deal_words.extra_terms(game, bound, self.actor))
            parts.append(html.escape(f"{deal_words.who_must_accept(game, bound)}: the deal is made only if every "
                                     "party accepts."))  # fmt: skip
        else:
            parts.append(f"<b>{html.escape(sender)} asks of you:</b><br>{_items(ask)}")
            if effects:
                parts.append(f"<b>If you accept, also:</b><br>{_items(effects)}")
            parts += _sections(deal_words.extra_terms(game, bound, self.actor))
        mine = describe.own_changes(game, bound, self.actor)
        parts.append("<b>What accepting does to your numbers and the tracks:</b><br>" + _items(mine or ["nothing"]))
        now = describe.current_values(seen, self.actor)
        if now:
            parts.append("<b>Your numbers now:</b> " + html.escape(", ".join(now)))
        if bound.covert:
            parts.append(html.escape(f"A covert deal: others learn of it only if detected "
                                     f"({describe.detection_text(game, bound)})."))  # fmt: skip
        parts.append("If you reject, nothing changes hands. Your answer stays secret until the turn resolves.")
        parts.append("Answer with a click, or Tab to a button and Enter, or the keys A and R.")
        return "<br><br>".join(parts)

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        count = len(self.flow.session.game.open_proposals(self.actor))
        more = f"{count} proposals to answer" if count > 1 else "1 proposal to answer"
        self.header(surface, f"{self.flow.session.name(self.actor)}: a proposal for you", more)

    def answer(self, accept: bool) -> None:
        """Accept or reject the first open proposal."""
        proposal = self._proposal()
        if proposal is None:
            self.flow.advance()
            return
        self.flow.session.submit(Answer(self.actor, str(proposal["id"]), accept))
        if self.flow.session.game.open_proposals(self.actor):
            # Said only while this seat still holds the device: the next screen may be the room's.
            self.app.notify("You accepted the deal." if accept else "You rejected the deal.")
            self.age, self.chose_focus = 0.0, False
            self.show()
        else:
            self.flow.advance()

    def update(self, dt: float) -> None:
        self.age += dt

    @property
    def armed(self) -> bool:
        """True once keys may answer (the screen has been up for :data:`ARM_SECONDS`)."""
        return self.age >= ARM_SECONDS

    def focused(self) -> Button | None:
        return super().focused() if self.chose_focus else None

    def move_focus(self, step: int) -> None:
        if not self.chose_focus:
            self.chose_focus = True
            self.focus = 0 if step > 0 else len(self.focusable()) - 1
            return
        super().move_focus(step)

    def focus_on(self, widget: pygame_gui.elements.UIButton) -> None:
        self.chose_focus = True
        super().focus_on(widget)

    def on_key(self, event: pygame.event.Event) -> bool:
        if not self.armed:
            return True  # swallowed: pressed for the previous screen
        if event.key in (pygame.K_a, pygame.K_r):
            self.answer(event.key == pygame.K_a)
            return True
        return False

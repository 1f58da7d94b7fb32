"""The facilitator console (F2, behind an optional PIN): every actor at once, and the teacher's controls.

The left side is the facilitator's view: every actor's numbers (private ones marked), this turn's
orders (covert ones marked) and open proposals, the tracks, and this turn's hidden log lines. The right
side injects one of the scenario's events, sets a number or a track, undoes to the start of this or
the previous turn, or ends the game. Every action goes through the decision log; closing the console
after a change shows the game from where it now stands.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame

from game.classroom import console
from game.engine import IllegalDecision
from game.engine.view import is_public
from game.ui import drawing, palette
from game.ui.screens.base import Screen

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import Flow

STEP = 5
"""How much the − and + buttons change a number."""


class PinScreen(Screen):
    """Type the facilitator's PIN (digits, then Enter); Esc goes back."""

    name = "pin"

    def __init__(self, app: App, flow: Flow) -> None:
        super().__init__(app)
        self.flow = flow
        self.typed = ""
        self.wrong = False

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.header(surface, "Facilitator console", "PIN")
        words = "Wrong PIN. Try again:" if self.wrong else "Type the facilitator's PIN, then Enter (Esc: back)."
        font = self.app.fonts.get(22, bold=True)
        drawing.text(surface, words, (self.s(24), self.s(90)), self.app.fonts.get(18), palette.TEXT)
        drawing.text(surface, "•" * len(self.typed) or "_", (self.s(24), self.s(130)), font, palette.TEXT)

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.typed == self.app.options.pin:
                self.app.stack[-1] = FacilitatorScreen(self.app, self.flow)
                self.app.screen.show()
            else:
                self.typed, self.wrong = "", True
                self.invalidate()
            return True
        if event.key == pygame.K_BACKSPACE:
            self.typed = self.typed[:-1]
        elif event.unicode and event.unicode.isdigit() and len(self.typed) < 12:
            self.typed += event.unicode
        else:
            return False
        self.invalidate()
        return True

    def back(self) -> None:
        self.app.pop()


class FacilitatorScreen(Screen):
    """The console over the game; Close (or F2, or Esc) returns to it."""

    name = "console"

    def __init__(self, app: App, flow: Flow) -> None:
        super().__init__(app)
        self.flow = flow
        self.changed = False
        self.event_index = 0
        self.var_index = 0
        self.track_index = 0
        self.seat_index = 0
        self.message = ""

    @property
    def session(self):  # type: ignore[no-untyped-def]
        """The session being played."""
        return self.flow.session

    def build(self) -> None:
        width, height = self.app.window.get_size()
        m = self.s(16)
        compiled = self.session.compiled
        game = self.session.game
        left = pygame.Rect(m, self.s(52) + m + self.s(30), int(width * 0.56), height - self.s(52) - self.s(130))
        self.text_box(left, self._overview_html())
        x = left.right + m
        w = width - x - m
        h, gap = self.s(42), self.s(8)
        y = left.y
        over = game.is_over()

        def row(label: str, action: object, enabled: bool = True, share: float = 1.0, dx: int = 0) -> None:
            self.button(pygame.Rect(x + dx, y, int(w * share) - (gap if share < 1 else 0), h), label, action,  # type: ignore[arg-type]
                        enabled=enabled and not over, tooltip=label)  # fmt: skip

        events = compiled.events
        if events:
            event = events[self.event_index % len(events)].event
            row(f"Event: {event.title}", self.next_event, share=0.72)
            row("Inject now", self.inject, share=0.28, dx=int(w * 0.72))
            y += h + gap
        refs = list(compiled.variables)
        ref = refs[self.var_index % len(refs)]
        owner = ref.split(".", 1)[0]
        who = "World" if owner == "world" else compiled.actor_names[owner]
        row(f"{who}: {compiled.variables[ref].label} = {game.state['vars'][ref]}", self.next_var, share=0.6)
        row(f"−{STEP}", lambda: self.change_var(-STEP), share=0.2, dx=int(w * 0.6))
        row(f"+{STEP}", lambda: self.change_var(STEP), share=0.2, dx=int(w * 0.8))
        y += h + gap
        if compiled.tracks:
            tid = list(compiled.tracks)[self.track_index % len(compiled.tracks)]
            machine = compiled.tracks[tid]
            row(f"{machine.track.name}: {machine.label(game.state['tracks'][tid])}", self.next_track, share=0.6)
            row("Next state", self.next_state, share=0.4, dx=int(w * 0.6))
            y += h + gap
        row(f"Undo to the start of turn {game.turn}", lambda: self.undo(game.turn))
        y += h + gap
        previous = f"Undo to the start of turn {game.turn - 1}" if game.turn > 1 else "Undo to the previous turn"
        row(previous, lambda: self.undo(game.turn - 1), enabled=game.turn > 1)
        y += h + gap
        row("End the game now", self.end_now)
        y += h + gap
        timer = self.flow.timer
        if timer is not None:
            remaining = timer.shown() if timer.running else "not running"
            row(f"Timer: {remaining}", self.toggle_pause, share=0.6, enabled=False)
            row("Resume timers" if timer.paused else "Pause timers", self.toggle_pause, share=0.4, dx=int(w * 0.6))
            y += h + gap
        people = self.session.humans
        if people:
            seat = people[self.seat_index % len(people)]
            standing = seat in self.session.stand_ins
            state = "a bot stands in" if standing else "a person plays"
            row(f"{compiled.actor_names[seat]}: {state}", self.next_seat, share=0.6)
            row("Hand back" if standing else "Bot stands in", self.toggle_stand_in, share=0.4, dx=int(w * 0.6))
            y += h + gap
        self.button(pygame.Rect(width - m - self.s(220), height - self.s(70), self.s(220), self.s(52)),
                    "Close the console", self.close)  # fmt: skip

    def _overview_html(self) -> str:
        view = console.overview(self.session)
        compiled = self.session.compiled
        parts = [f"<b>Turn {view.turn} · {html.escape(view.turn_label)} · {view.phase}</b>"]
        for actor in compiled.actors:
            numbers = []
            for ref, value in view.vars.items():
                if ref.startswith(actor + "."):
                    private = " (private)" if ref in compiled.private_vars else ""
                    numbers.append(f"{html.escape(compiled.variables[ref].label)} {value}{private}")
            orders = []
            for order in view.orders.get(actor, []):
                move = compiled.moves[order["move"]]
                covert = " <b>[covert]</b>" if move.visibility == "covert" else ""
                target = f" » {html.escape(view.name(order['target']))}" if order.get("target") else ""
                orders.append(f"{html.escape(move.name)}{target}{covert}")
            seat = self.session.seats[actor]
            parts.append(f"<b>{html.escape(view.name(actor))}</b> ({seat}) · score {view.scores[actor]}<br>"
                         + ", ".join(numbers) + "<br>Orders: " + ("; ".join(orders) or "none yet"))  # fmt: skip
        open_deals = [p for p in view.proposals if p.get("answer") is None]
        if open_deals:
            parts.append("<b>Open proposals</b><br>" + "<br>".join(
                f"{html.escape(view.name(p['from']))} → {html.escape(view.name(p['to']))}: "
                f"{html.escape(compiled.moves[p['move']].name)}" for p in open_deals))  # fmt: skip
        tracks = [
            f"{html.escape(m.track.name)}: {html.escape(m.label(view.tracks[t]))}" for t, m in compiled.tracks.items()
        ]
        parts.append("<b>Tracks</b><br>" + "<br>".join(tracks))
        hidden = [e for e in view.log if e["turn"] == view.turn and not is_public(e)]
        if hidden:
            parts.append("<b>Hidden this turn</b><br>" + "<br>".join(html.escape(e["text"]) for e in hidden))
        return "<br><br>".join(parts)

    def paint(self, surface: pygame.Surface) -> None:
        super().paint(surface)
        self.header(surface, "Facilitator console", "every actor · F2 closes")
        words = self.message or "Everything, for the teacher's eyes only. Every action is written in the game's log."
        drawing.text(surface, words, (self.s(16), self.s(60)), self.app.fonts.get(16), palette.TEXT,
                     surface.get_width() - self.s(32))  # fmt: skip

    def _done(self, message: str) -> None:
        self.changed = True
        self.message = message
        self.flow.autosave()
        focus = self.focus
        self.show()
        self.focus = focus

    def _try(self, action: object, message: str) -> None:
        try:
            action()  # type: ignore[operator]
        except (IllegalDecision, ValueError) as exc:
            self.message = str(exc)
            self.show()
            return
        self._done(message)

    def next_event(self) -> None:
        self.event_index += 1
        self.show()

    def inject(self) -> None:
        event = self.session.compiled.events[self.event_index % len(self.session.compiled.events)].event
        self._try(lambda: console.inject_event(self.session, event.id), f"Injected: {event.title}")

    def next_var(self) -> None:
        self.var_index += 1
        self.show()

    def change_var(self, by: int) -> None:
        refs = list(self.session.compiled.variables)
        ref = refs[self.var_index % len(refs)]
        value = self.session.game.state["vars"][ref] + by
        self._try(lambda: console.set_variable(self.session, ref, value), f"Set {ref} to {value}")

    def next_track(self) -> None:
        self.track_index += 1
        self.show()

    def next_state(self) -> None:
        tracks = self.session.compiled.tracks
        tid = list(tracks)[self.track_index % len(tracks)]
        states = tracks[tid].states
        current = states.index(self.session.game.state["tracks"][tid])
        state = states[(current + 1) % len(states)]
        self._try(lambda: console.set_track(self.session, tid, state), f"{tid} set to {state}")

    def toggle_pause(self) -> None:
        """Pause the phase timers (they also stand still while the console is open), or let them run again."""
        if self.flow.timer is not None:
            self.flow.timer.paused = not self.flow.timer.paused
            self.message = "Timers paused" if self.flow.timer.paused else "Timers running"
            self.show()

    def next_seat(self) -> None:
        self.seat_index += 1
        self.show()

    def toggle_stand_in(self) -> None:
        people = self.session.humans
        seat = people[self.seat_index % len(people)]
        name = self.session.name(seat)
        if seat in self.session.stand_ins:
            self._try(lambda: self.session.hand_back(seat), f"{name} is played by a person again")
        else:
            self._try(lambda: self.session.stand_in(seat), f"A bot stands in for {name}")

    def undo(self, turn: int) -> None:
        self._try(lambda: console.undo_to(self.session, turn), f"Back to the start of turn {turn}")

    def end_now(self) -> None:
        self._try(lambda: console.end_now(self.session), "The game is over: close the console for the debrief")

    def close(self) -> None:
        """Back to the game: where it was, or (after a change) where it now stands."""
        if not self.changed:
            self.app.pop()
            return
        self.flow.holder = None
        self.flow.next()

    def back(self) -> None:
        self.close()

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F2:
            self.close()
            return True
        return False


def open_console(app: App) -> None:
    """F2: the console over the current game (behind the PIN if one was set)."""
    if app.flow is None or isinstance(app.screen, (FacilitatorScreen, PinScreen)):
        return
    app.push(PinScreen(app, app.flow) if app.options.pin else FacilitatorScreen(app, app.flow))

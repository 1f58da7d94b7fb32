"""The order of screens in a game: briefings, hand-overs, boards, answers, summaries and the debrief.

The flow asks the session what comes next and shows the screen for it. A pass-the-device screen
comes before a human seat's private screen whenever more than one person plays and the device
changes hands; a turn summary is public, so after it the next seat is always handed the device.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from game.engine import Phase
from game.ui.screens.base import Screen
from game.ui.session import Session

if TYPE_CHECKING:
    from game.ui.app import App


class Flow:
    """Drives one session through its screens."""

    def __init__(self, app: App, session: Session, briefed: bool = False) -> None:
        self.app = app
        self.session = session
        self.holder: str | None = None
        """The human seat that has the device now (None: everybody is looking)."""
        self.briefed: set[str] = set(session.humans) if briefed else set()
        self.last_bot_seconds = 0.0
        """Wall time of the last :meth:`advance` (bots deciding and the engine resolving)."""
        from game.classroom.timers import PhaseTimer

        seconds, action = app.options.timer_seconds, app.options.timer_action
        self.timer: PhaseTimer | None = PhaseTimer(seconds, action) if seconds > 0 else None
        """The diplomacy phase's clock (None: no timer)."""
        app.flow = self

    def begin(self) -> None:
        """Start: every human seat reads its briefing, then play."""
        self.brief_next()

    def brief_next(self) -> None:
        """The next unbriefed human's briefing, or the game once everybody is briefed."""
        from game.ui.screens.briefing import BriefingScreen

        for actor in self.session.humans:
            if actor not in self.briefed:
                self.briefed.add(actor)
                self.hand_to(actor, partial(BriefingScreen, self.app, self, actor))
                return
        self.next()

    def hand_to(self, actor: str, make: Callable[[], Screen]) -> None:
        """Show ``make()`` to ``actor``, behind a privacy screen if the device changes hands."""
        from game.ui.screens.privacy import PrivacyScreen

        def ready() -> None:
            self.holder = actor
            self.app.go(make())

        if len(self.session.humans) > 1 and self.holder != actor:
            self.app.go(PrivacyScreen(self.app, self.session.name(actor), ready))
        else:
            ready()

    def next(self) -> None:
        """After a summary or the briefings: the spectators' board (bots only) or the next decision."""
        from game.ui.screens.board import BoardScreen

        if not self.session.humans and not self.session.game.is_over():
            self.app.go(BoardScreen(self.app, self, None))
        else:
            self.advance()

    def advance(self) -> None:
        """Let the session run to the next human decision, turn summary or ending, and show it."""
        from game.ui.screens.board import BoardScreen
        from game.ui.screens.deal import AnswerScreen
        from game.ui.screens.debrief import DebriefScreen
        from game.ui.screens.resolution import ResolutionScreen

        started = time.perf_counter()
        step = self.session.proceed()
        self.last_bot_seconds = time.perf_counter() - started
        self.autosave()
        if self.timer is not None:
            if step.kind == "decide" and self.session.game.phase is Phase.DIPLOMACY:
                self.timer.start(self.session.game.turn)
            elif step.kind != "answer":
                self.timer.stop()
        actor = step.actor
        if step.kind == "decide" and actor is not None:
            self.hand_to(actor, partial(BoardScreen, self.app, self, actor))
        elif step.kind == "answer" and actor is not None:
            self.hand_to(actor, partial(AnswerScreen, self.app, self, actor))
        elif step.kind == "resolved":
            self.holder = None
            self.app.go(ResolutionScreen(self.app, self, step.turn))
        else:
            self.holder = None
            self.app.go(DebriefScreen(self.app, self))

    def tick(self, dt: float) -> None:
        """Count the phase timer down (not while the facilitator console is open); act when it runs out."""
        from game.ui.screens.console import FacilitatorScreen, PinScreen

        timer = self.timer
        if timer is None or isinstance(self.app.screen, (FacilitatorScreen, PinScreen)):
            return
        if timer.tick(dt):
            from game.classroom.timers import time_out

            late = time_out(self.session, timer.action)
            if late:
                names = ", ".join(self.session.name(a) for a in late)
                what = "passed" if timer.action == "pass" else "a bot chose"
                self.app.notify(f"Time is up: {names} — {what}")
                self.holder = None
                self.advance()

    def autosave(self) -> None:
        """Write the autosave (after every phase and every decision); a failure is a notice, not a stop."""
        if not self.app.options.autosave:
            return
        from game.classroom.autosave import autosave_dir, write_autosave
        from game.ui.saves import SaveError

        try:
            write_autosave(self.session, autosave_dir(self.app.options.save_dir))
        except SaveError as exc:
            self.app.notify(str(exc))

    def after_decision(self, actor: str) -> None:
        """After a human decided: the same seat again if it still has moves, else onwards."""
        from game.ui.screens.board import BoardScreen

        self.autosave()
        game = self.session.game
        if actor in game.awaiting() and game.phase is Phase.DIPLOMACY:
            self.app.go(BoardScreen(self.app, self, actor))
        else:
            self.advance()

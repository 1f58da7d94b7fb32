"""`parley play SCENARIO --watch`: the interface side of live reload (see :mod:`game.authoring.watch`).

Once per second (counted from the frames' ``dt``) the watched file is checked. When it was saved:

- during a game, the game is replayed onto the new version (the decisions made so far, with the
  game's names and lesson variant) and play goes on from the same point, with a notice saying so;
- before a game (the setup screen, or the error screen of a file that did not load), the setup
  screen comes back with the new version, the names and the variant chosen on it;
- if the new version does not load, its diagnostics are shown over the current screen and the
  last good version keeps running ("Keep playing" closes them).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.authoring.watch import POLL_SECONDS, LiveScenario, Rejected, Reloaded
from game.ui.catalogue import entry_of
from game.ui.screens.error import MessageScreen, ScenarioErrorScreen
from game.ui.screens.privacy import PrivacyScreen
from game.ui.screens.setup import SetupScreen
from game.ui.screens.title import TitleScreen
from game.ui.session import SeatError, Session

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.flow import Flow


class ReloadProblemsScreen(MessageScreen):
    """The diagnostics of an edit that does not load, over the game that keeps running."""

    name = "reload-problems"

    def __init__(self, app: App, filename: str, lines: list[str]) -> None:
        super().__init__(
            app, f"Your edit of {filename} does not load",
            "The game goes on with the last version that loaded. Fix these problems and save again; "
            "each line says where (file:line:column) and what is wrong.",
            lines, lambda: TitleScreen(app), "Keep playing",
        )  # fmt: skip

    def back(self) -> None:
        self.app.pop()


class LiveReload:
    """Watches one scenario file for the app; :meth:`update` is called once per frame."""

    def __init__(self, app: App, path: Path, seats: dict[str, str] | None = None, names: str = "real",
                 variant: str | None = None, interval: float = POLL_SECONDS) -> None:  # fmt: skip
        self.app = app
        self.path = path
        self.seats = seats
        self.names = names
        """The names and lesson variant the file is played with (``parley play``'s), until a screen chooses others."""
        self.variant = variant
        self.live = LiveScenario(path, interval)

    def update(self, dt: float) -> None:
        """Check the file when due; reload, replay, or show why the edit does not load."""
        flow = self._game_flow()
        if flow is not None:
            self.names, self.variant = flow.session.names, flow.session.variant
        elif isinstance(self.app.screen, SetupScreen) and self._before_game():
            self.names, self.variant = self.app.screen.entry.names, self.app.screen.entry.variant
        game = flow.session.game if flow is not None else None
        result = self.live.poll(dt, game.seed if game else None, game.decisions if game else (), self.names,
                                self.variant)  # fmt: skip
        if isinstance(result, Rejected):
            self._show_problems(result.lines())
        elif isinstance(result, Reloaded):
            if flow is not None and result.played is not None:
                self._replay(flow, result)
            elif self._before_game() and result.scenario is not None:
                screen = self.app.screen
                seats = screen.seats if isinstance(screen, SetupScreen) else self.seats
                if seats is not None and set(seats) != set(result.compiled.actors):
                    seats = None
                self.app.catalogue = None
                entry = entry_of(self.path, result.scenario, result.sha256, self.names, self.variant)
                self.app.go(SetupScreen(self.app, entry, seats))
                self.app.notify(result.summary(self.path.name))

    def _game_flow(self) -> Flow | None:
        """The flow of a game of the watched file that is on screen (None when no such game is shown)."""
        flow = self.app.flow
        if flow is None or Path(flow.session.scenario_file).resolve() != self.path.resolve():
            return None
        on_screen = any(getattr(screen, "flow", None) is flow for screen in self.app.stack)
        return flow if on_screen or isinstance(self.app.screen, PrivacyScreen) else None

    def _before_game(self) -> bool:
        screen = self.app.screen
        if isinstance(screen, SetupScreen):
            return screen.entry.path.resolve() == self.path.resolve()
        return isinstance(screen, ScenarioErrorScreen) and self.path.name in screen.title

    def _replay(self, flow: Flow, result: Reloaded) -> None:
        from game.ui.flow import Flow

        assert result.played is not None
        old = flow.session
        try:
            session = Session.restore(result.played, old.scenario_file, result.sha256, old.seats)
        except SeatError as exc:
            self._show_problems([f"{self.path.as_posix()}: error: the players no longer fit the scenario: {exc}"])
            return
        session.names, session.variant, session.stand_ins = old.names, old.variant, old.stand_ins
        new_flow = Flow(self.app, session, briefed=True)
        new_flow.holder = flow.holder
        new_flow.advance()
        self.app.notify(result.summary(self.path.name))

    def _show_problems(self, lines: list[str]) -> None:
        app = self.app
        if self._game_flow() is not None:
            if isinstance(app.screen, ReloadProblemsScreen):
                app.pop()
            app.push(ReloadProblemsScreen(app, self.path.name, lines))
        elif self._before_game():
            app.go(ScenarioErrorScreen(app, self.path.name, lines, lambda: TitleScreen(app)))

"""A whole lesson through the real screens: an injected event, a facilitator undo, a stand-in bot, a timer running
out, and a resume after the process was killed; the resumed game ends exactly as the uninterrupted one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pygame

from game.engine import facilitator
from game.ui.app import App, Options
from game.ui.catalogue import load_entry
from game.ui.screens.board import BoardScreen
from game.ui.screens.deal import AnswerScreen
from game.ui.screens.title import TitleScreen
from game.ui.start import first_screen
from tests.classroom.conftest import ROOT, TUTORIAL
from tests.ui.conftest import button, click, press

SEATS = {"upland": "human", "lowland": "random"}


def _options(save_dir: Path) -> Options:
    return Options(save_dir=save_dir, seed=5, timer_seconds=60.0, timer_action="pass")


def _key(app: App) -> int | None:
    """What the student at the keyboard presses now (decided from the screen alone, so a resumed run agrees)."""
    screen = app.screen
    if isinstance(screen, BoardScreen) and screen.viewer is not None:
        orders = screen.flow.session.game.state["orders"][screen.viewer]
        available = bool(screen.cards) and screen.cards[0][1].available
        return pygame.K_1 if not orders and available else pygame.K_0
    if isinstance(screen, AnswerScreen):
        return pygame.K_a
    return None


def play_on(app: App, until: int | None = None, pause: float = 0.0, frames: int = 3000) -> None:
    """Students and bots play (each screen's main action, the student's keys) until turn ``until`` or the end."""
    for _ in range(frames):
        app.step(pygame.event.get())
        session = app.flow.session if app.flow is not None else None
        if app.finished or (until is not None and session is not None and session.game.turn >= until):
            return
        key = _key(app)
        if key is None:
            app.screen.auto()
        else:
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="a", scancode=0))
        if pause:
            time.sleep(pause)
    raise AssertionError(f"stuck on {app.screen.name}")


def until_board(app: App, frames: int = 500) -> None:
    """Play on until the student's board is shown."""
    for _ in range(frames):
        app.step(pygame.event.get())
        if isinstance(app.screen, BoardScreen) and app.screen.viewer is not None:
            return
        key = _key(app)
        if key is None:
            app.screen.auto()
        else:
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="a", scancode=0))
    raise AssertionError(f"no board: stuck on {app.screen.name}")


def lesson(save_dir: Path, pause: float = 0.0) -> str:
    """The lesson from setup to the debrief; returns the final state hash."""
    app = App(_options(save_dir))
    try:
        app.go(first_screen(app, load_entry(TUTORIAL), dict(SEATS)))
        until_board(app)
        press(app, pygame.K_F2)  # the teacher's console
        click(app, button(app, "Inject now"))
        click(app, button(app, "Undo to the start of turn 1"))
        click(app, button(app, "Inject now"))
        click(app, button(app, "Bot stands in"))  # the student at Upland has to leave
        click(app, button(app, "Close the console"))
        play_on(app, until=2)
        press(app, pygame.K_F2)
        click(app, button(app, "Hand back"))  # ... and is back for turn 2
        click(app, button(app, "Close the console"))
        until_board(app)
        app.step([], 61.0)  # the student does not choose in time: the seat passes
        play_on(app, pause=pause)
        assert app.flow is not None
        return app.flow.session.game.state_hash()
    finally:
        app.close()


WORKER = """
import sys
from pathlib import Path
from tests.classroom.test_whole_lesson import lesson
lesson(Path(sys.argv[1]), pause=0.02)
"""


def test_a_whole_lesson_survives_a_kill(tmp_path: Path) -> None:
    whole_dir = tmp_path / "whole" / "saves"
    expected = lesson(whole_dir)
    autosave = whole_dir.parent / "autosave" / "autosave.json"
    decisions = json.loads(autosave.read_text(encoding="utf-8"))["decisions"]
    actions = [d["action"] for d in decisions if facilitator.is_action(d)]
    assert actions == ["undo", "inject"]
    assert any(d.get("by") == "stand-in heuristic" for d in decisions)
    assert any(d.get("by") == "timer pass" for d in decisions)

    saves = tmp_path / "killed" / "saves"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    process = subprocess.Popen([sys.executable, "-c", WORKER, str(saves)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    killed_at = saves.parent / "autosave" / "autosave.json"
    deadline = time.monotonic() + 120
    turn = 0
    while time.monotonic() < deadline and turn < 4 and process.poll() is None:
        time.sleep(0.05)
        try:
            turn = max(d["turn"] for d in json.loads(killed_at.read_text(encoding="utf-8"))["decisions"])
        except (OSError, ValueError, KeyError):
            continue
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert turn >= 4, "the process ended or stalled before it could be killed mid-game"

    app = App(_options(saves))
    try:
        app.go(TitleScreen(app))
        app.step([])
        click(app, button(app, "Continue the last game"))
        assert app.flow is not None and not app.flow.session.game.is_over()
        play_on(app)
        assert app.flow.session.game.state_hash() == expected
    finally:
        app.close()

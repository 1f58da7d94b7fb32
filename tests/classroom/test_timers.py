"""Phase timers: set at setup, paused by the facilitator; at zero a seat passes or a bot plays."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.classroom.timers import PhaseTimer
from game.ui.app import App, Options
from game.ui.catalogue import load_entry
from game.ui.start import first_screen
from tests.classroom.conftest import TUTORIAL
from tests.ui.conftest import button, click, press


def test_the_clock_counts_down_once_and_stands_still_when_paused() -> None:
    timer = PhaseTimer(10)
    assert not timer.tick(100)  # not started
    timer.start(1)
    assert not timer.tick(4) and timer.shown() == "0:06"
    timer.start(1)  # the same phase: keeps counting
    timer.paused = True
    assert not timer.tick(100) and timer.shown() == "0:06 (paused)"
    timer.paused = False
    assert timer.tick(6) and not timer.running
    assert not timer.tick(6)


def _board(tmp_path: Path, **options: object) -> App:
    app = App(Options(save_dir=tmp_path / "saves", seed=5, **options))  # type: ignore[arg-type]
    entry = load_entry(TUTORIAL)
    app.go(first_screen(app, entry, {"upland": "human", "lowland": "heuristic"}))
    for _ in range(6):
        app.step([])
        if app.screen.name == "board":
            return app
        app.screen.auto()
    raise AssertionError(app.screen.name)


@pytest.mark.parametrize(("action", "by"), [("pass", "timer pass"), ("bot", "timer heuristic bot")])
def test_when_time_runs_out_the_seat_passes_or_a_bot_chooses(action: str, by: str, tmp_path: Path) -> None:
    app = _board(tmp_path, timer_seconds=60.0, timer_action=action)
    try:
        flow = app.flow
        assert flow is not None and flow.timer is not None and flow.timer.running
        assert flow.timer.shown() == "1:00"
        app.step([], 59.0)
        assert flow.session.game.turn == 1 and app.screen.name == "board"
        app.step([], 2.0)
        decided = [d for d in flow.session.game.decisions if d["actor"] == "upland"]
        assert decided and all(d.get("by") == by for d in decided)
        if action == "pass":
            assert [d["move"] for d in decided] == ["pass"]
        assert "Time is up: Upland" in app.notice
        assert app.screen.name != "board" or flow.session.game.turn == 2
    finally:
        app.close()


def test_the_console_stops_and_pauses_the_clock(tmp_path: Path) -> None:
    app = _board(tmp_path, timer_seconds=30.0)
    try:
        flow = app.flow
        assert flow is not None and flow.timer is not None
        press(app, pygame.K_F2)
        left = flow.timer.left
        app.step([], 100.0)  # the console is open: the clock stands still
        assert flow.timer.running and flow.timer.left == left > 29
        click(app, button(app, "Pause timers"))
        click(app, button(app, "Close the console"))
        app.step([], 100.0)
        assert flow.timer.running and not any(d["actor"] == "upland" for d in flow.session.game.decisions)
        press(app, pygame.K_F2)
        click(app, button(app, "Resume timers"))
        click(app, button(app, "Close the console"))
        app.step([], 31.0)
        assert any(d.get("by") == "timer pass" for d in flow.session.game.decisions)
    finally:
        app.close()


def test_setup_sets_the_timer(tmp_path: Path) -> None:
    app = App(Options(save_dir=tmp_path / "saves", seed=5))
    try:
        app.go(first_screen(app, load_entry(TUTORIAL), {"upland": "human", "lowland": "heuristic"}))
        app.step([])
        click(app, button(app, "Timer: off"))
        click(app, button(app, "Timer: 3 min"))
        click(app, button(app, "Time up: the seat passes"))
        assert app.options.timer_seconds == 300.0 and app.options.timer_action == "bot"
        click(app, button(app, "Start the game"))
        assert app.flow is not None and app.flow.timer is not None and app.flow.timer.seconds == 300.0
    finally:
        app.close()

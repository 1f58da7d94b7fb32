"""A rule error in the middle of a lesson (the game is saved, an error screen is shown, the window stays open),
and a save folder holding a dangling link."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.engine import Game
from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.saves import read_save
from game.ui.screens.board import BoardScreen
from game.ui.screens.error import CrashScreen, MessageScreen
from game.ui.screens.load import LoadScreen
from game.ui.screens.title import TitleScreen
from game.ui.start import first_screen
from tests.conftest import TUTORIAL
from tests.ui.conftest import button, click, frame


def _safe_press(app: App, key: int) -> bool:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    return app.safe_step(pygame.event.get())


def test_a_rule_error_mid_game_saves_and_shows_the_crash_screen(
    make_app: Callable[..., App], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(seed=4)
    app.go(first_screen(app, load_entry(TUTORIAL), {"upland": "human", "lowland": "random"}))
    frame(app)
    click(app, button(app, "Start the game"))
    click(app, button(app, "Start playing"))
    assert isinstance(app.screen, BoardScreen) and app.flow is not None
    session = app.flow.session

    advance = Game.advance
    calls = []

    def broken(self: Game) -> None:
        calls.append(1)
        if len(calls) == 1:  # fails once, in the middle of the lesson
            raise RuntimeError("a rule bug in the resolution")
        advance(self)

    monkeypatch.setattr(Game, "advance", broken)
    assert _safe_press(app, pygame.K_0) is True  # Upland passes; resolving the turn fails
    assert isinstance(app.screen, CrashScreen)
    assert "RuntimeError: a rule bug in the resolution" in app.screen.lines[0]
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0] and "saved" in err[0]
    monkeypatch.undo()
    app_decisions = session.game.decisions
    assert app_decisions
    saves = sorted((tmp_path / "saves").glob("*.json"))
    assert len(saves) == 1
    restored = read_save(saves[0])  # the decisions so far, replayed
    assert restored.game.decisions == app_decisions
    assert list((tmp_path / "saves").glob("crash-*.txt"))
    assert app.safe_step([]) is True  # the window keeps running
    click(app, button(app, "Back to the title screen"))
    assert isinstance(app.screen, TitleScreen)


def test_a_crash_screen_that_fails_too_closes_with_one_line(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app()
    app.go(TitleScreen(app))
    frame(app)

    def broken(self: object, dt: float) -> None:
        raise ValueError("drawing failed")

    monkeypatch.setattr(TitleScreen, "update", broken)
    assert app.safe_step([]) is True
    assert isinstance(app.screen, CrashScreen)
    monkeypatch.setattr(CrashScreen, "update", broken)
    assert app.safe_step([]) is False
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-1].startswith("parley: internal error: ValueError: drawing failed")


def test_the_load_screen_opens_with_a_dangling_link_and_shows_why(
    make_app: Callable[..., App], tmp_path: Path
) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / "broken.json").symlink_to(folder / "gone.json")
    app = make_app()
    app.options.save_dir = folder
    app.go(LoadScreen(app))
    frame(app)
    click(app, button(app, "broken"))
    assert isinstance(app.screen, MessageScreen)
    assert "does not exist" in app.screen.lines[0]

"""UI tests run headless: the dummy SDL video driver, events posted into pygame's queue, frames stepped by hand."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from game.ui.app import App, Options

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., App]]:
    """Build apps with a temporary save folder; every app is closed after the test."""
    apps: list[App] = []

    def build(**kwargs: object) -> App:
        options = Options(save_dir=tmp_path / "saves", **kwargs)  # type: ignore[arg-type]
        app = App(options)
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.close()


def frame(app: App, *events: pygame.event.Event) -> None:
    """Post events, then run one frame with whatever is in the queue."""
    for event in events:
        pygame.event.post(event)
    app.step(pygame.event.get())


def press(app: App, key: int, mod: int = 0) -> None:
    """A key press (and one frame)."""
    frame(app, pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))


def click(app: App, widget: object) -> None:
    """A left click in the middle of a widget, then the frame that delivers pygame_gui's button event."""
    centre = widget.rect.center  # type: ignore[attr-defined]
    frame(app, pygame.event.Event(pygame.MOUSEMOTION, pos=centre, rel=(0, 0), buttons=(0, 0, 0)))
    frame(
        app,
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=centre, button=1),
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=centre, button=1),
    )
    frame(app)


def button(app: App, text: str) -> object:
    """The current screen's button whose label contains ``text``."""
    for candidate in app.screen.buttons:
        if text in candidate.widget.text:
            return candidate.widget
    labels = [b.widget.text for b in app.screen.buttons]
    raise AssertionError(f"no button {text!r} on {app.screen.name}: {labels}")


def wait(app: App, seconds: float) -> None:
    """Run frames with no input for ``seconds`` of the app's clock (timers such as the answer screen's)."""
    for _ in range(round(seconds * 60) + 1):
        app.step([], 1 / 60)

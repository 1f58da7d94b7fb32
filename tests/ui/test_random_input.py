"""No input crashes the window: seeded random keys and clicks over every screen of a game."""

from __future__ import annotations

import random
from collections.abc import Callable

import pygame
import pytest

from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.start import first_screen
from tests.ui.conftest import TUTORIAL, frame

KEYS = [pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP,
        pygame.K_DOWN, pygame.K_0, pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_9, pygame.K_a, pygame.K_r,
        pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_x]  # fmt: skip


def random_events(rng: random.Random, size: tuple[int, int]) -> list[pygame.event.Event]:
    """A few random key presses and clicks."""
    events = []
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.55:
            key = rng.choice(KEYS)
            mod = pygame.KMOD_SHIFT if rng.random() < 0.2 else 0
            events.append(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
        else:
            pos = (rng.randrange(size[0]), rng.randrange(size[1]))
            events.append(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
            events.append(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    return events


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_input_never_crashes(make_app: Callable[..., App], seed: int) -> None:
    rng = random.Random(seed)
    entry = load_entry(TUTORIAL)
    seen: set[str] = set()
    app = make_app(seed=seed)
    app.go(first_screen(app, entry, {"upland": "human", "lowland": "human"}))
    for _ in range(400):
        if not app.running:  # "Quit" was pressed: start again from the title screen
            app = make_app(seed=seed)
            app.go(first_screen(app, None))
        frame(app, *random_events(rng, app.window.get_size()))
        seen.add(app.screen.name)
    assert len(seen) >= 4, seen

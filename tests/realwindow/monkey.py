"""The interface monkey: random clicks, keys and resizes sent to the real window, bots in most seats.

Run by ``tests/realwindow/test_monkey.py`` in a subprocess on a virtual X screen: ``python -m
tests.realwindow.monkey EVENTS SEED SAVE_DIR``. Every frame goes through ``App.step`` (not the
guarded loop), so any exception escapes and fails the run; after every event the engine state is
checked (variables within bounds, tracks in declared states). Prints one JSON line of counts,
with the process's peak memory.
"""

from __future__ import annotations

import json
import random
import resource
import sys
from pathlib import Path

import pygame

from game.ui.app import App, Options
from game.ui.catalogue import load_entry
from game.ui.start import first_screen
from tests.conftest import SHIPPED

KEYS = [pygame.K_ESCAPE, pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT,
        pygame.K_RIGHT, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_0, pygame.K_1, pygame.K_2, pygame.K_3,
        pygame.K_a, pygame.K_r, pygame.K_y, pygame.K_n, pygame.K_F11, pygame.K_BACKSPACE]  # fmt: skip
SIZES = [(1280, 720), (1024, 600), (1920, 1080), (800, 600), (1366, 768)]


def _check(app: App) -> None:
    if app.flow is None:
        return
    game = app.flow.session.game
    for ref, value in game.state["vars"].items():
        low, high = game.compiled.bounds[ref]
        assert low <= value <= high, (ref, value)
    for track_id, state in game.state["tracks"].items():
        assert state in game.compiled.tracks[track_id].track.states, (track_id, state)


def _new_app(rng: random.Random, save_dir: Path) -> App:
    app = App(Options(save_dir=save_dir, seed=rng.randrange(1000)))
    entry = load_entry(rng.choice(SHIPPED))
    assert entry.compiled is not None
    seats = {actor: "random" for actor in entry.compiled.actors}
    seats[rng.choice(entry.compiled.actors)] = "human"  # one student; bots in the other seats
    app.go(first_screen(app, entry, seats))
    return app


def main(events: int, seed: int, save_dir: Path) -> dict[str, int]:
    """Send ``events`` random events; return what was sent and seen."""
    rng = random.Random(seed)
    counts = {"events": 0, "clicks": 0, "keys": 0, "resizes": 0, "restarts": 0, "games_over": 0}
    screens: set[str] = set()
    app = _new_app(rng, save_dir)
    while counts["events"] < events:
        width, height = app.window.get_size()
        kind = rng.random()
        if kind < 0.6:
            pos = (rng.randrange(width), rng.randrange(height))
            batch = [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                     pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                     pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)]  # fmt: skip
            counts["clicks"] += 1
        elif kind < 0.98:
            key = rng.choice(KEYS)
            batch = [pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0),
                     pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)]  # fmt: skip
            counts["keys"] += 1
        else:
            size = rng.choice(SIZES)
            batch = [pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])]
            counts["resizes"] += 1
        counts["events"] += 1
        if counts["events"] % 1000 == 0:
            print(f"{counts['events']} events, no exception", file=sys.stderr, flush=True)
        for event in batch:
            pygame.event.post(event)
        running = app.step(pygame.event.get())
        app.step([])  # the frame that delivers pygame_gui's button events
        screens.add(app.screen.name)
        _check(app)
        if app.flow is not None and app.flow.session.game.is_over():
            counts["games_over"] += 1
        if not running or not app.running:
            app.close()
            app = _new_app(rng, save_dir)
            counts["restarts"] += 1
    app.close()
    counts["screens"] = len(screens)
    counts["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps({**counts, "screen_names": sorted(screens)}))
    return counts


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))

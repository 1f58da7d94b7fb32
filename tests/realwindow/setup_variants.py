"""The setup screen's lesson choice in a real X11 window: ``python -m tests.realwindow.setup_variants OUT FRAMEBUFFER``.

Run by ``tests/realwindow/test_setup_variants.py`` on a virtual X screen. It opens the interface's
real 1280x720 window on the article scenario's setup screen, captures what the X server shows,
clicks "One lesson (45 minutes)" (the X pointer moved onto the button, the press and release sent
through ``App.step``), captures again,
starts the game and captures its first board. Every capture is saved twice (``NAME.app.png``: what
the app drew; ``NAME.x11.png``: what the X server shows where the window is); one JSON line says
what was chosen and played.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pygame

from game.ui.app import App, Options
from game.ui.catalogue import load_entry
from game.ui.screens.setup import SetupScreen
from game.ui.start import first_screen
from game.ui.xvfb import same_pixels, window_capture

ROOT = Path(__file__).resolve().parents[2]
SUMMIT = ROOT / "scenarios" / "pyongyang_summit.yaml"


def main(out: Path, framebuffer: Path) -> dict[str, object]:
    """Drive the setup screen; return what was seen."""
    out.mkdir(parents=True, exist_ok=True)
    app = App(Options(size=(1280, 720), save_dir=out / "saves", seed=4))
    seen: dict[str, object] = {"same": {}}

    def capture(name: str) -> None:
        for _ in range(3):
            app.step(pygame.event.get())
        shown, _waited = window_capture(framebuffer, app.window)
        pygame.image.save(app.window, str(out / f"{name}.app.png"))
        pygame.image.save(shown, str(out / f"{name}.x11.png"))
        seen["same"][name] = same_pixels(shown, app.window)  # type: ignore[index]

    def click(label: str) -> None:
        widget = next(b.widget for b in app.screen.buttons if b.widget.text == label)
        centre = widget.rect.center
        pygame.mouse.set_pos(centre)  # the X pointer moves there (pygame_gui reads hovering from it)
        for _ in range(3):
            app.step(pygame.event.get())
        for event in (pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=centre, button=1),
                      pygame.event.Event(pygame.MOUSEBUTTONUP, pos=centre, button=1)):  # fmt: skip
            pygame.event.post(event)
            app.step(pygame.event.get())
        app.step(pygame.event.get())  # the frame that delivers pygame_gui's button event

    entry = load_entry(SUMMIT)
    assert entry.compiled is not None
    seats = dict.fromkeys(entry.compiled.actors, "heuristic") | {entry.compiled.actors[0]: "human"}
    app.go(first_screen(app, entry, seats))
    capture("setup-default")
    screen = app.screen
    assert isinstance(screen, SetupScreen)
    seen["default"] = screen.entry.variant
    click("One lesson (45 minutes)")
    seen["chosen"] = screen.entry.variant
    seen["selected"] = [b.widget.text for b in screen.buttons if b.widget.is_selected]
    capture("setup-short")
    click("Start the game")
    for _ in range(50):
        if app.screen.name == "board":
            break
        app.screen.auto()
        app.step([])
    assert app.flow is not None
    session = app.flow.session
    seen["screen"] = app.screen.name
    seen["played"] = [session.variant, session.compiled.meta.turns, session.compiled.meta.actions_per_turn]
    capture("board-short")
    app.close()
    return seen


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))

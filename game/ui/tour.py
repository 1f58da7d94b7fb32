"""A tour of the screens in a real window, each captured from the X server's screen.

Run inside an X session (for example a :class:`~game.ui.xvfb.VirtualScreen`)::

    python -m game.ui.tour --out DIR --framebuffer /path/to/Xvfb_screen0 [--size 1280x720 | --fullscreen]

It opens the interface's real window, walks it through the title screen, a seat's board, a deal
dialog, the pause menu, the spectators' board, a turn summary and every debrief tab, and for each
saves what the app drew (``NAME.app.png``) and what the X server shows where the window is
(``NAME.x11.png``), with ``tour.json`` listing them. The real-window tests compare the two; the
documentation's screenshots are the X server's captures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

SCENARIO = "pyongyang_summit.yaml"


def _parse_size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


def tour(out: Path, framebuffer: Path, size: tuple[int, int], fullscreen: bool, scale: float, scenario: Path,
         seed: int, only: set[str] | None = None, projector: bool = False) -> list[dict[str, Any]]:  # fmt: skip
    """Visit the screens and capture each; return one record per screen."""
    import pygame

    from game.ui.app import App, Options
    from game.ui.catalogue import load_entry
    from game.ui.flow import Flow
    from game.ui.screens.board import BoardScreen
    from game.ui.screens.deal import MoveDialog
    from game.ui.screens.debrief import TABS, DebriefScreen
    from game.ui.screens.pause import PauseScreen
    from game.ui.screens.title import TitleScreen
    from game.ui.session import Session
    from game.ui.xvfb import window_capture

    out.mkdir(parents=True, exist_ok=True)
    app = App(Options(size=size, fullscreen=fullscreen, scale=scale, save_dir=out / "saves", seed=seed,
                      scenario=scenario, projector=projector))  # fmt: skip
    records: list[dict[str, Any]] = []

    def capture(name: str) -> None:
        for _ in range(2):
            app.step(pygame.event.get())
        if only is not None and name not in only:
            return
        shown, waited = window_capture(framebuffer, app.window)
        pygame.image.save(app.window, str(out / f"{name}.app.png"))
        pygame.image.save(shown, str(out / f"{name}.x11.png"))
        x, y = pygame.display.get_window_position()
        records.append({"name": name, "screen": app.screen.view_key(), "window": [x, y, *app.window.get_size()],
                        "waited_s": round(waited, 4)})  # fmt: skip

    entry = load_entry(scenario)
    if entry.compiled is None:
        raise SystemExit(f"{scenario}: does not load: {entry.problems[0] if entry.problems else ''}")
    compiled = entry.compiled
    app.go(TitleScreen(app))
    capture("title")

    # A person plays the first actor; the board, a deal's dialog and the pause menu.
    first = compiled.actors[0]
    seats = dict.fromkeys(compiled.actors, "heuristic") | {first: "human"}
    flow = Flow(app, Session.start(compiled, str(scenario), entry.sha256, seats, seed), briefed=True)
    flow.advance()
    board = app.screen
    assert isinstance(board, BoardScreen), board.name
    capture("board")
    deals = [option for _rect, option in board.cards if option.available and option.bound.is_deal]
    if deals:
        app.push(MoveDialog(app, flow, deals[0]))
        capture("deal")
        app.pop()
    app.push(PauseScreen(app))
    capture("pause")
    app.pop()

    # Bots in every seat: the spectators' board, a turn summary, then the game to its debrief.
    flow = Flow(app, Session.start(compiled, str(scenario), entry.sha256, dict.fromkeys(compiled.actors, "heuristic"),
                                   seed), briefed=True)  # fmt: skip
    flow.next()
    capture("board-public")
    app.screen.auto()
    capture("summary")
    for _ in range(500):
        if isinstance(app.screen, DebriefScreen):
            break
        app.screen.auto()
        app.step([])
    debrief = app.screen
    assert isinstance(debrief, DebriefScreen), debrief.name
    for index, title in enumerate(TABS):
        debrief.select(index)
        capture("debrief-" + title.lower().replace(" ", "-"))
    app.close()
    (out / "tour.json").write_text(json.dumps(records, indent=1), encoding="utf-8")
    return records


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(prog="python -m game.ui.tour", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the captures")
    parser.add_argument("--framebuffer", type=Path, required=True, help="the Xvfb -fbdir screen file")
    parser.add_argument("--size", default="1280x720", help="window size (ignored with --fullscreen)")
    parser.add_argument("--fullscreen", action="store_true")
    parser.add_argument("--scale", type=int, default=100, choices=(100, 125, 150))
    parser.add_argument("--projector", action="store_true", help="the projector setting (large text)")
    parser.add_argument("--scenario", type=Path, help=f"scenario file (default: the shipped {SCENARIO})")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated screen names to capture (default: all)")
    args = parser.parse_args(argv)
    if os.environ.get("SDL_VIDEODRIVER", "x11") != "x11":
        print("tour: needs a real X11 window; unset SDL_VIDEODRIVER or set it to x11", file=sys.stderr)
        return 2
    os.environ["SDL_VIDEODRIVER"] = "x11"
    from game.paths import scenarios_dir

    scenario = args.scenario or scenarios_dir() / SCENARIO
    only = set(args.only.split(",")) if args.only else None
    started = time.perf_counter()
    records = tour(args.out, args.framebuffer, _parse_size(args.size), args.fullscreen, args.scale / 100, scenario,
                   args.seed, only, args.projector)  # fmt: skip
    print(f"tour: {len(records)} screens captured in {time.perf_counter() - started:.1f} s into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

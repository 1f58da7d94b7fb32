"""`parley play [SCENARIO]`: the classroom interface (pygame), or a headless bots-only run with screenshots."""

from __future__ import annotations

import argparse
import os
import random
from pathlib import Path

from game.cli.errors import UserError

SCALE_CHOICES = (100, 125, 150)


def seed_number(text: str) -> int:
    """:func:`game.cli.files.seed_number`, imported when a seed is given (that module imports the engine,
    which ``parley play`` loads only after its window shows)."""
    from game.cli.files import seed_number as check

    return check(text)


seed_number.__name__ = "seed"  # argparse says "invalid seed value: '...'"


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser("play", help="open the classroom interface (hot-seat play, bots, debrief)")
    parser.add_argument("scenario", metavar="SCENARIO", nargs="?", help="scenario YAML file (default: pick one)")
    parser.add_argument("--fullscreen", action="store_true", help="fill the screen (for a projector)")
    parser.add_argument("--all-bots", action="store_true", help="a bot in every seat (a demo on the projector)")
    parser.add_argument("--players", default="", metavar="SPEC",
                        help="who plays: human, heuristic or random for every seat, or ACTOR=KIND,...")  # fmt: skip
    parser.add_argument("--seed", type=seed_number, help="game seed (default: a new one each time)")
    parser.add_argument("--until-end", action="store_true",
                        help="with bots in every seat: play the whole game through the screens, then close",
                        )  # fmt: skip
    parser.add_argument("--screenshot", metavar="FILE.png", type=Path,
                        help="save the last screen (the debrief with --until-end, else the first) and close",
                        )  # fmt: skip
    parser.add_argument("--screenshot-dir", metavar="DIR", type=Path, help="save one PNG per screen visited")
    parser.add_argument("--scale", type=int, choices=SCALE_CHOICES, default=100, help="UI scale in percent")
    parser.add_argument("--projector", action="store_true",
                        help="large text for the back of a classroom: 150 %%, body text >= 24 px, headings >= 36 px")
    parser.add_argument("--size", default="1280x720", metavar="WxH", help="window size (default 1280x720)")
    parser.add_argument("--save-dir", metavar="DIR", type=Path, help="folder for saved games (default: per user)")
    parser.add_argument("--names", choices=("real", "fictional"), default="real",
                        help="real or fictional names in every text shown (if the scenario has aliases)")  # fmt: skip
    parser.add_argument("--pin", default="", metavar="DIGITS",
                        help="PIN for the facilitator console (F2); none: F2 opens it directly")  # fmt: skip
    parser.add_argument("--timer", type=float, default=0.0, metavar="MINUTES",
                        help="length of each diplomacy phase (default: no timer)")  # fmt: skip
    parser.add_argument("--on-timeout", choices=("pass", "bot"), default="pass",
                        help="when the time runs out, a seat that has not chosen passes or a bot chooses")  # fmt: skip
    parser.add_argument("--variant", metavar="ID",
                        help="the lesson variant chosen at setup (e.g. short; default: the one the scenario marks)")
    parser.add_argument("--resume", action="store_true",
                        help="continue the autosaved game (games are autosaved after every phase)")  # fmt: skip
    parser.add_argument("--watch", action="store_true",
                        help="reload SCENARIO when it is saved and replay the game so far (for authors)")  # fmt: skip
    parser.set_defaults(handler=run)


def _size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit() or not (640 <= int(width) <= 7680):
        raise UserError(f"--size: expected WIDTHxHEIGHT such as 1280x720, got {text!r}", exit_code=2)
    if not 480 <= int(height) <= 4320:
        raise UserError(f"--size: height must be 480 to 4320, got {height}", exit_code=2)
    return int(width), int(height)


def run(args: argparse.Namespace) -> int:
    """Open the window and run it until it is closed (or the autopilot reaches the debrief)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    size = _size(args.size)
    if args.screenshot is not None and args.screenshot.suffix.lower() != ".png":
        raise UserError(f"--screenshot: {args.screenshot} must be a .png file", exit_code=2)
    entry = None
    seats = None
    if args.scenario is not None:
        from game.scenario.variants import VariantError
        from game.ui.catalogue import load_entry  # only with a scenario: the title screen loads them itself
        from game.ui.session import SeatError, parse_seats

        path = Path(args.scenario)
        if not path.is_file():
            raise UserError(f"{args.scenario}: no such file")
        try:
            entry = load_entry(path, args.names, args.variant)
        except VariantError as exc:
            raise UserError(f"--variant: {exc}", exit_code=2) from None
        if entry.compiled is not None and args.names == "fictional" and not entry.has_aliases:
            raise UserError(f"{args.scenario}: the scenario declares no fictional names (an `aliases:` list)")
        if entry.compiled is not None:
            try:
                seats = parse_seats(args.players, entry.compiled, all_bots=args.all_bots)
            except SeatError as exc:
                raise UserError(f"--players: {exc}", exit_code=2) from None
    elif args.players:
        raise UserError("--players needs a SCENARIO", exit_code=2)
    elif args.variant is not None:
        raise UserError("--variant needs a SCENARIO", exit_code=2)
    if not 0 <= args.timer <= 120:
        raise UserError(f"--timer: {args.timer:g} minutes is not between 0 and 120", exit_code=2)
    if args.pin and not args.pin.isdigit():
        raise UserError("--pin: use digits only, e.g. --pin 4711", exit_code=2)
    if args.resume:
        from game.classroom.autosave_paths import autosave_dir, has_autosave

        folder = autosave_dir(args.save_dir or default_save_dir())
        if args.scenario is not None or args.until_end:
            raise UserError("--resume continues the autosaved game: give no SCENARIO and no --until-end", exit_code=2)
        if not has_autosave(folder):
            raise UserError(f"--resume: no autosaved game in {folder} (games are autosaved after every phase)")
    if args.watch and args.scenario is None:
        raise UserError("--watch needs a SCENARIO", exit_code=2)
    if args.until_end:
        if entry is None or entry.compiled is None:
            raise UserError("--until-end needs a SCENARIO that loads" + (
                f" ({entry.problems[0]})" if entry is not None and entry.problems else ""), exit_code=2)  # fmt: skip
        if seats is None or "human" in seats.values():
            raise UserError("--until-end needs a bot in every seat: add --all-bots", exit_code=2)
    return _open(args, size, entry, seats)


def default_save_dir() -> Path:
    """The per-user save folder: :func:`game.ui.saves.default_save_dir`, without importing the saves module
    (it imports the engine, which the window should not wait for)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("parley", appauthor=False)) / "saves"


def _open(args: argparse.Namespace, size: tuple[int, int], entry: object, seats: dict[str, str] | None) -> int:
    import pygame

    from game.ui.app import App, Options
    from game.ui.start import first_screen

    if entry is not None:  # only then is the catalogue (and with it the engine) imported before the window opens
        from game.ui.catalogue import Entry

        assert isinstance(entry, Entry)
    options = Options(
        size=size, fullscreen=args.fullscreen, scale=args.scale / 100, projector=args.projector,
        save_dir=args.save_dir or default_save_dir(), autopilot=args.until_end,
        screenshot=args.screenshot, screenshot_dir=args.screenshot_dir,
        seed=args.seed if args.seed is not None else random.SystemRandom().randrange(1, 100_000),
        all_bots=args.all_bots, scenario=entry.path if entry is not None else None, names=args.names, pin=args.pin,
        timer_seconds=args.timer * 60, timer_action=args.on_timeout,
    )  # fmt: skip
    try:
        app = App(options)
    except pygame.error as exc:
        raise UserError(f"cannot open a window: {exc} (set SDL_VIDEODRIVER=dummy to run without a screen)") from None
    if args.watch and entry is not None:
        from game.ui.live import LiveReload

        app.live = LiveReload(app, entry.path, seats, entry.names, entry.variant)
    if args.resume:
        from game.ui.resume import continue_game
        from game.ui.screens.title import TitleScreen

        app.go(TitleScreen(app))
        continue_game(app)
        try:
            return app.run(app.screen)
        finally:
            app.close()
    try:
        return app.run(first_screen(app, entry, seats))
    finally:
        app.close()

"""`parley host SCENARIO`: hold a game for a classroom; every team plays from its own browser.

Prints the join address and each seat's claim code (give each team its own, privately), then
serves until Ctrl+C. Without --headless the teacher's window (the projector) shows the address
as text and a QR code, each seat's status and the public board.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import signal
import socket
import threading
from pathlib import Path
from types import FrameType

from platformdirs import user_state_dir

from game.cli.errors import UserError
from game.cli.files import load_compiled
from game.files import shown as path_shown

DEFAULT_PORT = 8000
EVERY_INTERFACE = ("0.0.0.0", "::")


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser("host", help="hold a game on the classroom network; teams play from browsers")
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario YAML file")
    parser.add_argument("--bind", metavar="ADDRESS",
                        help="address to listen on (default: this machine's LAN address; 0.0.0.0 for every interface)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port (default {DEFAULT_PORT}; 0 picks a free one)")
    parser.add_argument("--pin", help="facilitator PIN for the teacher's actions from a browser")
    parser.add_argument("--headless", action="store_true", help="no window: serve only (tests, a host on a server)")
    parser.add_argument("--seed", type=int, default=1, help="game seed (default 1)")
    parser.add_argument("--variant", metavar="ID", help="play a lesson variant the scenario declares (e.g. short); "
                        "a resumed room keeps the variant it was started with")
    from game.players import bot_kinds_text

    parser.add_argument("--bots", default="", metavar="ACTOR=KIND,...",
                        help=f"seats played by bots from the start (kinds: {bot_kinds_text()})")
    parser.add_argument("--timer", type=float, metavar="SECONDS",
                        help="time for each decision phase; then bots decide for the teams still deciding")
    parser.add_argument("--journal", metavar="FILE", help="where to journal the room (default: a new file in the "
                        "user's state folder)")
    parser.add_argument("--resume", metavar="JOURNAL", help="resume the room a journal records (after a crash or stop)")
    parser.set_defaults(handler=host)  # fmt: skip


def lan_address() -> str | None:
    """This machine's LAN (IPv4, not loopback) address, found without sending anything."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for info in infos:
        address = str(info[4][0])
        if not address.startswith("127."):
            return address
    return None


def allowed_hosts(bind: str, port: int) -> set[str]:
    """The Host:port values a browser may use to reach this room (Origin and Host are checked against them)."""
    hosts = {bind}
    if bind in EVERY_INTERFACE:
        hosts = {"127.0.0.1", "localhost"}
        lan = lan_address()
        if lan:
            hosts.add(lan)
        with contextlib.suppress(OSError):
            hosts.add(socket.gethostname())
    elif bind.startswith("127.") or bind == "localhost":
        hosts |= {"127.0.0.1", "localhost"}
    return {f"[{h}]:{port}" if ":" in h else f"{h}:{port}" for h in hosts}


def host(args: argparse.Namespace) -> int:
    """Start the room and serve it until Ctrl+C (or SIGTERM)."""
    from game.net import guard
    from game.net.journal import JournalError
    from game.net.room import Room
    from game.net.server import ServerThread, create_app
    from game.players import BOT_KINDS, PlayerSpecError, parse_assignment

    variant = args.variant
    if args.resume:
        recorded = journal_variant(Path(args.resume))
        if variant is not None and variant != recorded:
            raise UserError(f"--variant {variant}: the room in {path_shown(args.resume)} was started as "
                            f"{recorded or 'the whole game'}; resume it without --variant", exit_code=2)  # fmt: skip
        variant = recorded
    compiled, digest = load_compiled(args.scenario, variant=variant)
    if not 0 <= args.port <= 65535:
        raise UserError(f"--port: {args.port} is not a port (0–65535)", exit_code=2)
    if args.timer is not None and args.timer <= 0:
        raise UserError("--timer: give a number of seconds above 0", exit_code=2)
    bind = args.bind or lan_address()
    if bind is None:
        raise UserError("no LAN address found for this machine: give one with --bind ADDRESS (or --bind 127.0.0.1)")
    try:
        everyone, chosen = parse_assignment(args.bots, compiled.actors, BOT_KINDS, example="heuristic")
    except PlayerSpecError as exc:
        raise UserError(f"--bots: {exc}", exit_code=2) from None
    bots = {a: everyone or chosen[a] for a in compiled.actors if everyone or a in chosen}
    for actor in compiled.scenario.actors:
        if not actor.playable:
            bots.setdefault(actor.id, "heuristic")
    options = {"phase_seconds": args.timer, "scenario_sha256": digest, "variant": variant}
    try:
        if args.resume:
            room = Room.resume(compiled, Path(args.resume), digest, phase_seconds=args.timer, variant=variant)
            journal = Path(args.resume)
        else:
            journal = Path(args.journal) if args.journal else default_journal(compiled.meta.id)
            room = Room.new(compiled, args.seed, bots, journal,
                            pin_digest=guard.token_digest(args.pin) if args.pin else "", **options)  # fmt: skip
    except JournalError as exc:
        raise UserError(str(exc)) from None
    hosts = allowed_hosts(bind, args.port)
    app = create_app(room, hosts)
    server = ServerThread(app, bind, args.port)
    try:
        server.start()
    except (RuntimeError, OSError) as exc:
        room.close()
        if not args.resume:
            journal.unlink(missing_ok=True)  # nothing was played: leave no journal behind
        raise UserError(f"cannot listen on {bind}:{args.port}: {exc} (is another room running? try --port)") from None
    port = server.port
    hosts |= allowed_hosts(bind, port)
    app.state.hub.allowed_hosts |= hosts
    shown = lan_address() if bind in EVERY_INTERFACE else bind
    url = f"http://{shown}:{port}/"
    print_banner(url, room, journal, args.scenario)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    try:
        if args.headless:
            while not stop.is_set() and server.thread.is_alive():
                stop.wait(0.5)
        else:
            from game.net.projector import run_window

            run_window(url, room, lambda: not stop.is_set() and server.thread.is_alive())
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        room.close()
    print(f"parley host: stopped; resume with: parley host {args.scenario} --resume {journal}")
    return 0


def journal_variant(path: Path) -> str | None:
    """The lesson variant a journal's room was started as (None: the whole scenario, or no readable header:
    resuming then says what is wrong with the journal)."""
    from game.net.journal import JournalError, read

    try:
        header, _records, _size = read(path)
    except JournalError:
        return None
    scenario = header.get("scenario")
    variant = scenario.get("variant") if isinstance(scenario, dict) else None
    return variant if isinstance(variant, str) else None


def default_journal(scenario_id: str) -> Path:
    """A new journal file in the user's state folder, named by scenario and start time."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(user_state_dir("parley")) / "rooms" / f"{scenario_id}-{stamp}.jsonl"


def print_banner(url: str, room: object, journal: Path, scenario: str) -> None:
    """The join address and the claim codes, for the teacher's terminal (not the projector)."""
    from game.net.room import Room

    assert isinstance(room, Room)
    print(f"Parley room for {room.compiled.meta.title}")
    meta = room.compiled.meta
    lesson = f"lesson variant {room.variant}" if room.variant else "the whole game"
    print(f"  {lesson}: {meta.turns} turns, {meta.actions_per_turn} move(s) a turn")
    print(f"  teams open: {url}")
    print("  claim codes (give each team its own, privately):")
    for seat in room.seats.values():
        who = f"bot ({seat.bot})" if seat.bot else seat.code
        print(f"    {room.compiled.actor_names[seat.actor]:<20} {who}")
    print(f"  journal: {journal}")
    print("  Ctrl+C stops the room", flush=True)

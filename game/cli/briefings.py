"""`parley briefings SCENARIO -o FILE.html`: one printed A4 page per actor, for teams to read at the same time."""

from __future__ import annotations

import argparse

from game.classroom.briefings import render_briefings
from game.classroom.names import NAME_MODES
from game.classroom.records import RecordError, load_names
from game.cli.errors import UserError
from game.cli.files import write_text


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser("briefings", help="write printable briefings: one A4 page per actor (HTML)")
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario YAML file")
    parser.add_argument("-o", "--output", metavar="FILE.html", required=True, help="the HTML file to write")
    parser.add_argument("--actors", metavar="A,B", help="only these actors (default: every actor)")
    parser.add_argument("--names", choices=NAME_MODES, default="real", help="real or fictional names (default real)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Load the scenario and write the pages."""
    try:
        compiled, _ = load_names(args.scenario, args.names)
    except RecordError as exc:
        raise UserError(str(exc)) from None
    actors = None
    if args.actors:
        actors = [a.strip() for a in args.actors.split(",") if a.strip()]
        unknown = [a for a in actors if a not in compiled.actors]
        if unknown:
            raise UserError(f"--actors: unknown actor {unknown[0]!r} (actors: {', '.join(compiled.actors)})", 2)
    write_text(args.output, render_briefings(compiled, actors))
    count = len(actors or compiled.actors)
    print(f"briefings written to {args.output} ({count} page{'s' if count != 1 else ''})")
    return 0

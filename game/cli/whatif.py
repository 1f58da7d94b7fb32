"""`parley whatif LOG --turn N --actor A --move M`: change one decision of a finished game and compare outcomes."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.classroom.compare import RENDERERS, render_text
from game.classroom.records import RecordError, read_record
from game.classroom.whatif import WhatIfError, fork
from game.cli.errors import UserError
from game.cli.files import write_text


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser(
        "whatif", help="fork a game at turn N with one decision changed; bots play on; compare the outcomes"
    )
    parser.add_argument("log", metavar="LOG", help="a log from `parley run --log` or a saved game")
    parser.add_argument("--turn", type=int, required=True, help="the turn whose decision changes")
    parser.add_argument("--actor", required=True, help="the actor who decides differently")
    parser.add_argument("--move", required=True, help="the move id it makes instead (or `pass`)")
    parser.add_argument("--target", help="the move's target actor, for moves that need one")
    parser.add_argument("-o", "--output", metavar="FILE", help="also write the comparison as FILE.html or FILE.md")
    parser.add_argument("--scenario", metavar="FILE", help="scenario file (default: the one named in the log)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Fork, play on, print the comparison (and write it)."""
    renderer = None
    if args.output:
        suffix = Path(args.output).suffix.lower()
        renderer = RENDERERS.get(suffix)
        if renderer is None:
            raise UserError(f"{args.output}: the comparison is written as .html or .md, not {suffix or 'no suffix'}")
    try:
        record = read_record(args.log, args.scenario)
        whatif = fork(record, args.turn, args.actor, args.move, args.target)
    except (RecordError, WhatIfError) as exc:
        raise UserError(str(exc)) from None
    print(render_text(whatif), end="")
    if renderer is not None:
        write_text(args.output, renderer(whatif))
        print(f"comparison written to {args.output}")
    return 0

"""`parley report SAVE_OR_LOG -o FILE.html|FILE.md`: the after-action report of a logged or saved game."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.classroom.names import NAME_MODES
from game.classroom.records import RecordError, read_record
from game.classroom.report import RENDERERS
from game.cli.errors import UserError
from game.cli.files import write_text


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser(
        "report", help="write the after-action report of a game log or save (HTML for print, or Markdown)"
    )
    parser.add_argument("log", metavar="SAVE_OR_LOG", help="a log from `parley run --log` or a saved game")
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help="FILE.html (prints on A4) or FILE.md")
    parser.add_argument("--scenario", metavar="FILE", help="scenario file (default: the one named in the log)")
    parser.add_argument(
        "--names", choices=NAME_MODES, default=None, help="real or fictional names (default: as the game was played)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Replay the game and write the report."""
    suffix = Path(args.output).suffix.lower()
    renderer = RENDERERS.get(suffix)
    if renderer is None:
        raise UserError(
            f"{args.output}: the report is written as .html or .md, not {suffix or 'a file without suffix'}"
        )
    try:
        record = read_record(args.log, args.scenario, args.names)
    except RecordError as exc:
        raise UserError(str(exc)) from None
    write_text(args.output, renderer(record, None))
    print(f"report written to {args.output}")
    return 0

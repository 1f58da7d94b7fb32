"""The `parley` command: one entry point, one subcommand module per job.

Every user mistake ends as one line on stderr and a non-zero exit code;
an unexpected exception (a bug) is reported as one line too, with the hint
to set PARLEY_DEBUG=1 for the traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from game import __version__
from game.cli.errors import UserError
from game.files import terminal

COMMANDS = ("validate", "run", "replay")
"""Subcommand modules in game.cli, each with add_parser(subparsers)."""
OPTIONAL_COMMANDS = (
    "play", "schema", "new", "graph", "test", "batch", "analyze", "bench",
    "report", "briefings", "whatif", "lsp", "host",
)
"""Subcommands added by later modules; registered when their module exists."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Usage errors: one line with a pointer to --help, exit 2 (argparse's convention)."""
        raise UserError(f"{self.prog}: {message} (see {self.prog} --help)", exit_code=2)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = _Parser(prog="parley", description="Parley: a diplomacy simulation for classrooms.")
    parser.add_argument("--version", action="version", version=f"parley {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS + OPTIONAL_COMMANDS:
        try:
            module = importlib.import_module(f"game.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"game.cli.{name}":
                continue
            raise
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        code: int = args.handler(args)
        return code
    except UserError as exc:
        print(terminal(str(exc)), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("parley: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("PARLEY_DEBUG"):
            raise
        print(f"parley: internal error: {type(exc).__name__}: {exc} (set PARLEY_DEBUG=1 for details)", file=sys.stderr)
        return 3


def entry_point() -> None:
    """Console-script entry point."""
    sys.exit(main())

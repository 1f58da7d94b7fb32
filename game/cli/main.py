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

COMMANDS: dict[str, str] = {
    "play": "open the classroom interface (hot-seat play, bots, debrief)",
    "run": "play one game headless and print a turn-by-turn account",
    "replay": "re-play a game log and check it reproduces the same states",
    "validate": "check scenario files and report every problem",
    "batch": "play many seeded games headless and summarise them (CSV, JSON, statistics)",
    "analyze": "play many games and report unreachable content and balance problems (exit 1 on errors)",
    "bench": "measure the engine and batch runs against their targets",
    "new": "write a commented starter scenario NAME.yaml to edit",
    "schema": "write the scenario format as JSON Schema (draft-07) for editors, or its Markdown reference",
    "graph": "draw the phase flow and each track as Mermaid state diagrams",
    "test": "run a scenario's tests (NAME.tests.yaml beside it, or tests/NAME*.yaml)",
    "report": "write the after-action report of a game log or save (HTML for print, or Markdown)",
    "briefings": "write printable briefings: one A4 page per actor (HTML)",
    "guide": "write the teacher's guide of a scenario (lesson plans, role sheets, map, debrief; HTML or Markdown)",
    "whatif": "fork a game at turn N with one decision changed; bots play on; compare the outcomes",
    "lsp": "the language server for editors (stdio): diagnostics, completion, hover, go-to-definition",
    "host": "hold a game on the classroom network; teams play from browsers",
}
"""Subcommand -> its one-line help. Each is a module game.cli.NAME with ``add_parser(subparsers)``, imported
only when that command runs (or its own --help is asked for), so ``parley --help`` imports none of them.
tests/test_cli.py checks that each module's help is the one listed here."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Usage errors: one line with a pointer to --help, exit 2 (argparse's convention)."""
        raise UserError(f"{self.prog}: {message} (see {self.prog} --help)", exit_code=2)


def chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (the first word that is not an option), if it is one."""
    for word in argv:
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(only: str | None = None, every: bool = False) -> argparse.ArgumentParser:
    """The argument parser: the full parser of ``only`` (or of ``every`` command), a one-line entry for the rest."""
    parser = _Parser(prog="parley", description="Parley: a diplomacy simulation for classrooms.")
    parser.add_argument("--version", action="version", version=f"parley {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, summary in COMMANDS.items():
        if every or name == only:
            importlib.import_module(f"game.cli.{name}").add_parser(commands)
        else:
            commands.add_parser(name, help=summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        parser = build_parser(chosen_command(words))
        args = parser.parse_args(words)
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        code: int = args.handler(args)
        return code
    except UserError as exc:
        from game.files import terminal  # here, not above: `parley --help` needs none of game.files' imports

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

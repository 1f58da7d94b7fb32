"""`parley validate FILE...`: every problem of every file, one line each."""

from __future__ import annotations

import argparse
import sys

from game.scenario.loader import check_file


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser("validate", help="check scenario files and report every problem")
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario YAML files")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check each file; exit 0 when all are valid."""
    failed = 0
    for path in args.files:
        diagnostics = check_file(path)
        errors = [d for d in diagnostics if d.severity == "error"]
        for diagnostic in diagnostics:
            print(diagnostic.format(), file=sys.stderr if diagnostic.severity == "error" else sys.stdout)
        if errors:
            failed += 1
        else:
            print(f"{path}: ok")
    return 1 if failed else 0

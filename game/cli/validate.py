"""`parley validate FILE...`: every problem of every file, in file order, with the source line and a hint.

Errors go to standard error and make the exit code 1; lint warnings (parts of a valid scenario that
can never matter, see :mod:`game.authoring.lint`) go to standard output and leave it 0. Each
diagnostic starts with one ``FILE:LINE:COL: SEVERITY: MESSAGE`` line; ``--format json`` prints
one JSON array of ``{file, line, column, severity, message, hint}`` instead, for editors and tools.
"""

from __future__ import annotations

import argparse
import json
import sys

from game.authoring.lint import inspect_and_lint
from game.files import shown
from game.scenario.diagnostics import Diagnostic
from game.scenario.loader import inspect_file
from game.scenario.report import render, to_json


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser("validate", help="check scenario files and report every problem")
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario YAML files")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (default): for people; json: one array of diagnostics for tools")  # fmt: skip
    parser.add_argument("--no-lint", action="store_true", help="report errors only, no lint warnings")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check each file; exit 0 when none has an error (warnings are fine)."""
    failed = 0
    everything: list[Diagnostic] = []
    for path in args.files:
        checked = inspect_file(path) if args.no_lint else inspect_and_lint(path)
        diagnostics = checked.diagnostics
        everything += diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        failed += bool(errors)
        if args.format == "text":
            _print_text(shown(path), diagnostics, len(errors), checked.lines)
    if args.format == "json":
        print(json.dumps([to_json(d) for d in everything], indent=2, ensure_ascii=False))
    return 1 if failed else 0


def _print_text(path: str, diagnostics: list[Diagnostic], errors: int, lines: list[str] | None) -> None:
    """Each diagnostic with its excerpt, taken from the text already read (the file is never read twice)."""
    for diagnostic in diagnostics:
        stream = sys.stderr if diagnostic.severity == "error" else sys.stdout
        print("\n".join(render(diagnostic, lines)), file=stream)
    if not errors:
        hushed = sum(d.suppressed for d in diagnostics)
        warnings = len(diagnostics) - hushed
        counted = [f"{warnings} warning{'s' if warnings != 1 else ''}"] if warnings else []
        counted += [f"{hushed} suppressed"] if hushed else []
        print(f"{path}: ok" + (f" ({', '.join(counted)})" if counted else ""))

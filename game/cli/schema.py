"""`parley schema [-o FILE] [--reference]`: the JSON Schema of the scenario format, or its Markdown reference."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.authoring.suite_schema import tests_schema_text
from game.cli.errors import UserError
from game.cli.files import write_text
from game.files import FileProblem, read_text_limited
from game.scenario.reference import reference_markdown, splice
from game.scenario.schema import schema_text


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser(
        "schema",
        help="write the scenario format as JSON Schema (draft-07) for editors, or its Markdown reference",
        description="With -o scenarios/schema.json this refreshes the shipped schema. With --reference it writes "
        "the format reference; when -o names a Markdown file that already has the generated section "
        "(docs/authoring.md), only that section is replaced.",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--reference", action="store_true", help="the Markdown reference instead of the schema")
    parser.add_argument(
        "--tests",
        action="store_true",
        help="the schema of scenario test files (shipped as scenarios/tests.schema.json) instead",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print or write the schema (or the reference)."""
    if args.reference and args.tests:
        raise UserError("parley schema: --reference and --tests cannot be combined", exit_code=2)
    text = reference_markdown() if args.reference else tests_schema_text() if args.tests else schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    target = Path(args.output)
    if target.is_dir():
        raise UserError(f"{args.output}: is a folder; give a file name such as {target / 'schema.json'}")
    if args.reference and target.is_file():
        try:
            text = splice(read_text_limited(target, 16 * 1024 * 1024), text)
        except FileProblem as exc:
            raise UserError(str(exc)) from None
    write_text(args.output, text)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0

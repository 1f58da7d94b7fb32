"""`parley guide SCENARIO -o guide.html|guide.md`: the teacher's kit generated from the scenario file."""

from __future__ import annotations

import argparse
import sys

from game.cli.errors import UserError
from game.cli.files import write_text
from game.scenario.diagnostics import ScenarioError
from game.scenario.loader import load_scenario
from game.teaching.guide import html, markdown


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser(
        "guide",
        help="write the teacher's guide of a scenario (lesson plans, role sheets, map, debrief; HTML or Markdown)",
        description="HTML (self-contained, prints on A4) when -o ends in .html, Markdown when it ends in .md; "
        "without -o, Markdown on standard output.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario YAML file")
    parser.add_argument("-o", "--output", metavar="FILE", help="guide.html or guide.md")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the guide."""
    try:
        scenario = load_scenario(args.scenario)
    except ScenarioError as exc:
        raise UserError(str(exc)) from None
    if args.output is None:
        sys.stdout.write(markdown(scenario))
        return 0
    if args.output.endswith((".html", ".htm")):
        text = html(scenario)
    elif args.output.endswith((".md", ".markdown")):
        text = markdown(scenario)
    else:
        raise UserError(f"{args.output}: the guide is written as .html or .md", exit_code=2)
    write_text(args.output, text)
    print(f"guide written to {args.output}")
    return 0

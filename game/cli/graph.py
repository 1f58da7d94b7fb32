"""`parley graph SCENARIO [--track ID | --phases]`: Mermaid state diagrams of the phase flow and the tracks."""

from __future__ import annotations

import argparse
import sys

from game.authoring.graph import phase_diagram, track_diagram
from game.cli.errors import UserError
from game.cli.files import write_text
from game.engine.expressions import suggest
from game.files import terminal
from game.scenario.diagnostics import ScenarioError
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser(
        "graph",
        help="draw the phase flow and each track as Mermaid state diagrams",
        description="Without --track or --phases: Markdown with one ```mermaid block per diagram (GitHub and most "
        "Markdown viewers draw them). With --track ID or --phases: that one diagram as plain Mermaid text "
        "(paste it into mermaid.live). States no transition can reach are greyed and noted.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario YAML file")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--track", metavar="ID", help="only this track, as plain Mermaid text")
    which.add_argument("--phases", action="store_true", help="only the phase flow, as plain Mermaid text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print (or write) the diagrams."""
    try:
        scenario = load_scenario(args.scenario)
    except ScenarioError as exc:
        raise UserError(str(exc)) from None
    if args.phases:
        text = phase_diagram()
    elif args.track is not None:
        tracks = {t.id: t for t in scenario.tracks}
        if args.track not in tracks:
            known = ", ".join(tracks) or "none"
            raise UserError(f"--track: no track '{args.track}'{suggest(args.track, tracks)} (tracks: {known})", 2)
        text = track_diagram(tracks[args.track])
    else:
        text = markdown(scenario)
    if args.output:
        write_text(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(terminal(text))
    return 0


def markdown(scenario: Scenario) -> str:
    """Every diagram of the scenario in one Markdown document."""
    parts = [f"# Diagrams: {scenario.meta.title}", "", "## Phase flow", "", _fenced(phase_diagram())]
    for track in scenario.tracks:
        parts += [f"## Track: {track.name} (`{track.id}`)", ""]
        if track.description:
            parts += [track.description, ""]
        parts.append(_fenced(track_diagram(track)))
    return "\n".join(parts)


def _fenced(diagram: str) -> str:
    return f"```mermaid\n{diagram}```\n"

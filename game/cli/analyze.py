"""`parley analyze SCENARIO`: simulation-based lint for scenario authors, built on batch runs.

Plays an *explore* batch with random bots and a *play* batch with the chosen
bots (heuristic by default), then reports moves never legal or never chosen,
events never fired, track states never entered, objectives never met, endings
never reached, dominant moves and dominant actors. Exit 1 when a finding is an
error, so CI can gate a scenario.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.cli.batch import (
    add_run_options,
    batch_summary,
    check_report_path,
    play,
    require_report,
    resolve_run_options,
    save_report,
)
from game.cli.files import load_compiled

if TYPE_CHECKING:
    from game.batch.lint import Finding
    from game.batch.totals import BatchTotals
    from game.scenario.yaml_safe import SourceMap

DEFAULT_GAMES = 400


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser(
        "analyze",
        help="play many games and report unreachable content and balance problems (exit 1 on errors)",
        description="Plays N games with random bots (to explore) and N with --players (to play well), then lists "
        "what never happened and what dominates. Severities: error (exit 1), warning, info.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario YAML file")
    add_run_options(parser, games=DEFAULT_GAMES, players="heuristic")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    parser.add_argument("--report", metavar="FILE.html", help="also write a self-contained HTML report with charts")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Play both batches, print the findings, exit 1 if any is an error."""
    from game.batch.lint import LEVELS, find_findings

    compiled, digest = load_compiled(args.scenario)
    kinds, jobs = resolve_run_options(args, compiled, default="heuristic")
    if args.report:
        require_report()
        check_report_path(args.report)
    quiet = args.quiet or args.format == "json"
    started = time.perf_counter()
    explore_kinds = dict.fromkeys(compiled.actors, "random")
    same = kinds == explore_kinds
    snapshots = bool(args.report)
    explore, _ = play(args, compiled, explore_kinds, jobs, snapshots=snapshots and same, quiet=quiet,
                      label="exploring (random)")  # fmt: skip
    played: BatchTotals | None = None
    if not same:
        label = f"playing ({'/'.join(sorted(set(kinds.values())))})"
        played, _ = play(args, compiled, kinds, jobs, seed=args.seed + 1, snapshots=snapshots, quiet=quiet, label=label)
    findings = find_findings(explore, played)
    seconds = time.perf_counter() - started
    source = _source_map(args.scenario)
    if args.report:
        shown, seed = (explore, args.seed) if played is None else (played, args.seed + 1)
        summary = batch_summary(shown, args.scenario, digest, seed, shown.kinds)
        title = f"Analysis: {compiled.meta.title}"
        save_report(args.report, shown, summary, title, [_json(f, source) for f in findings])
    games = explore.games + (played.games if played is not None else 0)
    counts = {level: sum(1 for f in findings if f.severity == level) for level in LEVELS}
    if args.format == "json":
        document = {
            "scenario": compiled.meta.id,
            "scenario_file": args.scenario,
            "games": games,
            "seed": args.seed,
            "players": kinds,
            "counts": counts,
            "findings": [_json(f, source) for f in findings],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            print(_line(args.scenario, finding, source))
        total = ", ".join(f"{n} {level}{'s' if n != 1 and level != 'info' else ''}" for level, n in counts.items())
        verdict = f"{len(findings)} findings: {total}" if findings else "no findings"
        print(f"{args.scenario}: {verdict} ({games} games in {seconds:.1f} s)")
    return 1 if counts["error"] else 0


def _source_map(path: str) -> SourceMap | None:
    """Positions of the scenario's nodes, for FILE:LINE:COL (None if the file cannot be re-read)."""
    from game.scenario.yaml_safe import YamlError, parse_yaml

    try:
        return parse_yaml(Path(path).read_text(encoding="utf-8-sig"))[1]
    except (OSError, UnicodeDecodeError, YamlError):
        return None


def _position(finding: Finding, source: SourceMap | None) -> tuple[int, int] | None:
    if source is None or not finding.path:
        return None
    span = source.value(finding.path)
    return span.line, span.column


def _line(file: str, finding: Finding, source: SourceMap | None) -> str:
    position = _position(finding, source)
    where = f"{file}:{position[0]}:{position[1]}" if position else file
    return f"{where}: {finding.severity}: {finding.message} [{finding.kind}]"


def _json(finding: Finding, source: SourceMap | None) -> dict[str, Any]:
    position = _position(finding, source)
    return finding.to_json(*(position or (None, None)))

"""`parley analyze SCENARIO`: simulation-based lint for scenario authors, built on batch runs.

Plays an *explore* batch with random bots and a *play* batch with the chosen
bots (heuristic by default), then reports moves never legal or never chosen,
events never fired, track states never entered, objectives never met, endings
never reached, dominant moves and dominant actors, moves chosen that never take
effect and deals always rejected, and how often each objective is met (with the
value it tests against its threshold). Exit 1 when a finding is an error, so CI
can gate a scenario; a finding marked ``# parley: ignore[kind]`` on its line is
reported as suppressed and does not count.

With ``--sweep PATH=LO:HI:STEP`` it plays one batch per value of one number of
the scenario instead, and tables the win shares (:mod:`game.batch.sweep`).
"""

from __future__ import annotations

import argparse
import json
import time
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
from game.files import FileProblem, read_text_limited

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
    parser.add_argument(
        "--sweep",
        metavar="PATH=LO:HI:STEP",
        help="play a batch (with --players) for each value of one number of the scenario and table the win shares, "
        "e.g. actors.lowland.objectives.fed.condition=50:80:10",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Play both batches, print the findings, exit 1 if any is an error."""
    from game.batch.lint import LEVELS, find_findings

    compiled, digest = load_compiled(args.scenario)
    kinds, jobs = resolve_run_options(args, compiled, default="heuristic")
    if args.sweep:
        from game.cli.sweep import run_sweep

        return run_sweep(args, compiled, kinds, jobs)
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
    suppressed = [_suppressed(f, source) for f in findings]
    objectives = (played or explore).objective_report()
    if args.report:
        shown, seed = (explore, args.seed) if played is None else (played, args.seed + 1)
        summary = batch_summary(shown, args.scenario, digest, seed, shown.kinds)
        title = f"Analysis: {compiled.meta.title}"
        save_report(args.report, shown, summary, title, [_json(f, source) for f in findings])
    games = explore.games + (played.games if played is not None else 0)
    counted = [f.severity for f, hushed in zip(findings, suppressed, strict=True) if not hushed]
    counts: dict[str, int] = {level: counted.count(level) for level in LEVELS}
    counts["suppressed"] = sum(suppressed)
    if args.format == "json":
        document = {
            "scenario": compiled.meta.id,
            "scenario_file": args.scenario,
            "games": games,
            "seed": args.seed,
            "players": kinds,
            "counts": counts,
            "findings": [{**_json(f, source), "suppressed": s} for f, s in zip(findings, suppressed, strict=True)],
            "objectives": objectives,
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        for finding, hushed in zip(findings, suppressed, strict=True):
            print(_line(args.scenario, finding, source, hushed))
        basis = played or explore
        if objectives:
            print(f"objectives ({basis.games} games, {'/'.join(sorted(set(basis.kinds.values()))) or 'bots'}):")
            for key, entry in objectives.items():
                print(f"  {key}: {objective_line(entry)}")
        total = ", ".join(f"{n} {level}{'s' if n != 1 and level not in ('info', 'suppressed') else ''}"
                          for level, n in counts.items())  # fmt: skip
        verdict = f"{len(findings)} findings: {total}" if findings else "no findings"
        print(f"{args.scenario}: {verdict} ({games} games in {seconds:.1f} s)")
    return 1 if counts["error"] else 0


def objective_line(entry: dict[str, Any]) -> str:
    """``met in 98 % of games; median 74 against 70 (self.water >= 70; 10–90 %: 60–80)``."""
    rate = entry["met_rate"]
    when = " (at least once)" if entry["when"] == "each_turn" else ""
    text = f"met in {_percent(rate)} of games{when}"
    distribution = entry.get("distribution")
    if distribution:
        text += (
            f"; median {_number(distribution['median'])} against {_number(entry['threshold'])} "
            f"({entry['value']} {entry['op']} {_number(entry['threshold'])} at the end; "
            f"10–90 %: {_number(distribution['p10'])}–{_number(distribution['p90'])})"
        )
    else:
        text += f" ({entry['condition']})"
    return text


def _percent(rate: float | None) -> str:
    if rate is None:
        return "–"
    shown = f"{rate * 100:.0f}"
    if shown == "100" and rate < 1:
        shown = "99.5+"
    elif shown == "0" and rate > 0:
        shown = "<0.5"
    return f"{shown} %"


def _number(value: float | int | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def _suppressed(finding: Finding, source: SourceMap | None) -> bool:
    """Whether the finding's line marks its kind as intended (``# parley: ignore[kind]``)."""
    from game.authoring.suppress import is_suppressed

    position = _position(finding, source)
    return source is not None and position is not None and is_suppressed(source.lines, position[0], finding.kind)


def _source_map(path: str) -> SourceMap | None:
    """Positions of the scenario's nodes, for FILE:LINE:COL (None if the file cannot be re-read)."""
    from game.scenario.yaml_safe import MAX_BYTES, YamlError, parse_yaml

    try:
        return parse_yaml(read_text_limited(path, MAX_BYTES))[1]
    except (FileProblem, YamlError):
        return None


def _position(finding: Finding, source: SourceMap | None) -> tuple[int, int] | None:
    if source is None or not finding.path:
        return None
    span = source.value(finding.path)
    return span.line, span.column


def _line(file: str, finding: Finding, source: SourceMap | None, suppressed: bool = False) -> str:
    position = _position(finding, source)
    where = f"{file}:{position[0]}:{position[1]}" if position else file
    severity = f"{finding.severity} (suppressed)" if suppressed else finding.severity
    return f"{where}: {severity}: {finding.message} [{finding.kind}]"


def _json(finding: Finding, source: SourceMap | None) -> dict[str, Any]:
    position = _position(finding, source)
    return finding.to_json(*(position or (None, None)))

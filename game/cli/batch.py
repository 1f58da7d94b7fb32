"""`parley batch SCENARIO -n N`: play many seeded games on every core and summarise them."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.batch.executors import EXECUTOR_KINDS, ExecutorUnavailable, default_jobs
from game.cli.errors import UserError
from game.cli.files import load_compiled, seed_number
from game.cli.progress import progress_bar
from game.engine import CompiledScenario
from game.players import BOT_KINDS, PlayerSpecError, parse_players

if TYPE_CHECKING:
    from game.batch.output import GamesCsv
    from game.batch.totals import BatchTotals


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser(
        "batch",
        help="play many seeded games headless and summarise them (CSV, JSON, statistics)",
        description="Play N games with per-game seeds derived from --seed: the same seed gives the same games "
        "whatever --jobs is. Writes DIR/games.csv and DIR/summary.json with --out.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario YAML file")
    add_run_options(parser, games=1000, players="heuristic")
    parser.add_argument("--out", metavar="DIR", help="write DIR/games.csv and DIR/summary.json")
    parser.add_argument("--report", metavar="FILE.html", help="write a self-contained HTML report with charts")
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no table: one line at the end")
    parser.add_argument("--variant", metavar="ID", help="play a lesson variant the scenario declares (e.g. short)")
    parser.set_defaults(handler=run)


MAX_JOBS = 256
"""Most processes ``--jobs`` may ask for (and never more than there are games)."""


def add_run_options(parser: argparse.ArgumentParser, games: int, players: str) -> None:
    """Options shared by batch and analyze: games, jobs, seed, players, executor."""
    parser.add_argument(
        "-n", "--games", type=int, default=games, metavar="N", help=f"number of games (default {games})"
    )
    parser.add_argument(
        "--jobs", type=int, default=None, metavar="J", help=f"processes (default: all cores, here {default_jobs()})"
    )
    parser.add_argument("--seed", type=seed_number, default=1, metavar="S", help="batch seed (default 1)")
    parser.add_argument(
        "--players",
        default=players,
        help=f"bot kind for every seat ({', '.join(BOT_KINDS)}) or ACTOR=KIND,... (others: {players})",
    )
    parser.add_argument(
        "--executor",
        default="process",
        metavar="KIND[=ADDRESS]",
        help=f"where games run: {', '.join(EXECUTOR_KINDS)} (default process; dask and ray are optional extras)",
    )


def resolve_run_options(
    args: argparse.Namespace, compiled: CompiledScenario, default: str
) -> tuple[dict[str, str], int]:
    """Check the shared options; return the bot kinds and the number of jobs."""
    if args.games < 1:
        raise UserError(f"-n: the number of games must be at least 1 (got {args.games})", exit_code=2)
    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1 or jobs > MAX_JOBS:
        raise UserError(f"--jobs: must be at least 1 and at most {MAX_JOBS} (got {jobs})", exit_code=2)
    jobs = min(jobs, args.games)  # never more processes than games
    kind = args.executor.partition("=")[0]
    if kind not in EXECUTOR_KINDS:
        raise UserError(f"--executor: unknown executor {kind!r} (executors: {', '.join(EXECUTOR_KINDS)})", exit_code=2)
    try:
        kinds = parse_players(args.players, compiled.actors, default=default)
    except PlayerSpecError as exc:
        raise UserError(f"--players: {exc}", exit_code=2) from None
    return kinds, jobs


def play(
    args: argparse.Namespace, compiled: CompiledScenario, kinds: dict[str, str], jobs: int, *,
    seed: int | None = None, snapshots: bool = False, csv: GamesCsv | None = None, quiet: bool = False,
    label: str = "playing",
) -> tuple[BatchTotals, float]:  # fmt: skip
    """Play the batch the options describe, with a progress bar; return the totals and the seconds taken."""
    from game.batch.run import play_batch

    kind, _, address = args.executor.partition("=")
    started = time.perf_counter()

    def write_row(result: Any) -> None:
        assert csv is not None
        try:
            csv.write(result)
        except OSError as exc:  # the disk filled up or went away: say so, not "cannot reach"
            raise UserError(f"{args.out}: cannot write games.csv: {exc.strerror or exc}") from None

    try:
        with progress_bar(args.games, label, enabled=not quiet) as advance:
            totals = play_batch(
                compiled, kinds, args.seed if seed is None else seed, args.games, jobs=jobs, executor=kind,
                address=address or None, snapshots=snapshots, on_game=None if csv is None else write_row,
                on_chunk=advance,
            )  # fmt: skip
    except ExecutorUnavailable as exc:
        raise UserError(f"--executor: {exc}", exit_code=2) from None
    except (OSError, TimeoutError) as exc:  # a scheduler that cannot be reached, a pool that cannot start
        where = f" at {address}" if address else ""
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UserError(f"--executor {kind}{where}: cannot run the games: {reason}") from None
    return totals, time.perf_counter() - started


def prepare_dir(path: str) -> Path:
    """The output folder, created if needed; a one-line error if it cannot be."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{path}: exists and is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{path}: cannot create the folder: {exc.strerror}") from None
    return folder


def check_report_path(path: str | None) -> None:
    """Fail early (before playing) when the report cannot be written there."""
    if path is None:
        return
    target = Path(path)
    if target.is_dir():
        raise UserError(f"{path}: is a folder, not a file name for the report")
    if not target.parent.is_dir():
        raise UserError(f"{path}: the folder {target.parent} does not exist")


def run(args: argparse.Namespace) -> int:
    """Play, write the files, print the summary."""
    from game.batch.output import GamesCsv, write_summary

    compiled, digest = load_compiled(args.scenario, variant=args.variant)
    kinds, jobs = resolve_run_options(args, compiled, default="heuristic")
    if args.report:
        require_report()
    folder = prepare_dir(args.out) if args.out else None
    check_report_path(args.report)
    csv_file = None
    try:
        if folder is not None:
            csv_file = (folder / "games.csv").open("w", encoding="utf-8", newline="")
        csv = GamesCsv(csv_file, compiled.actors) if csv_file is not None else None
        totals, seconds = play(args, compiled, kinds, jobs, snapshots=bool(args.report), csv=csv, quiet=args.quiet)
    except OSError as exc:
        raise UserError(f"{args.out}: cannot write games.csv: {exc.strerror}") from None
    finally:
        if csv_file is not None:
            csv_file.close()
    summary = batch_summary(totals, args.scenario, digest, args.seed, kinds)
    if folder is not None:
        write_summary(folder / "summary.json", summary)
    if args.report:
        save_report(args.report, totals, summary, f"Batch: {compiled.meta.title}")
    rate = args.games / seconds if seconds > 0 else float("inf")
    where = f"; wrote {folder / 'games.csv'} and {folder / 'summary.json'}" if folder else ""
    where += f"; report {args.report}" if args.report else ""
    if not args.quiet:
        print_summary(summary)
    processes = f"{jobs} process{'es' if jobs > 1 else ''}"
    print(f"{args.games} games in {seconds:.2f} s ({rate:,.0f} games/s on {processes}){where}")
    return 0


def require_report() -> None:
    """Fail early, in one line, when the report's optional dependency is missing."""
    from game.batch.report import ReportUnavailable, require_matplotlib

    try:
        require_matplotlib()
    except ReportUnavailable as exc:
        raise UserError(f"--report: {exc}", exit_code=2) from None


def save_report(path: str, totals: BatchTotals, summary: dict[str, Any], title: str, findings: Any = ()) -> None:
    """Write the HTML report; a one-line error if the file cannot be written."""
    from game.batch.report import write_report

    try:
        write_report(path, totals, summary, title, findings)
    except OSError as exc:
        raise UserError(f"{path}: cannot write the report: {exc.strerror}") from None


def batch_summary(
    totals: BatchTotals, scenario_file: str, digest: str, seed: int, kinds: dict[str, str]
) -> dict[str, Any]:
    """``summary.json``: what was played, then the totals and statistics (no times: it is reproducible)."""
    head = {"scenario_file": scenario_file, "scenario_sha256": digest, "seed": seed, "players": kinds}
    return {**head, **totals.summary()}


def print_summary(summary: dict[str, Any]) -> None:
    """The summary as rich tables: wins with 95% intervals, the χ² test, endings, lengths, dominant moves."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    games = summary["games"]
    wins = Table(title=f"{summary['scenario']}: {games} games (seed {summary['seed']})", title_justify="left")
    for column in ("actor", "bot", "wins", "win rate", "95% CI", "mean score"):
        wins.add_column(column, justify="left" if column in ("actor", "bot") else "right")
    for actor in summary["actors"]:
        rate = summary["win_rates"][actor]
        low, high = rate["ci95"]
        wins.add_row(
            actor, summary["players"][actor], _fmt(summary["wins"][actor]), f"{rate['rate']:.1%}",
            f"{low:.1%}–{high:.1%}", f"{summary['scores'][actor]['mean']:.2f}",
        )  # fmt: skip
    console.print(wins)
    test = summary["uniform_test"]
    if test is not None:
        verdict = "wins differ from an even split" if test["p_value"] < 0.05 else "no evidence against an even split"
        console.print(f"χ² vs uniform: {test['chi2']:.2f} (dof {test['dof']}), p = {test['p_value']:.3g} — {verdict}")
    if summary["ties"]:
        console.print(f"ties: {summary['ties']} games (each tied winner is credited 1/k of a win)")
    endings = Table(title="endings", title_justify="left")
    endings.add_column("ending")
    endings.add_column("games", justify="right")
    endings.add_column("share", justify="right")
    for ending, count in summary["endings"].items():
        if count:
            endings.add_row(ending, str(count), f"{count / games:.1%}")
    console.print(endings)
    lengths = ", ".join(f"{turns}: {count}" for turns, count in summary["game_lengths"].items())
    console.print(f"game length (turns: games): {lengths}; mean {summary['mean_length']:.2f}")
    for item in summary["dominant_moves"]:
        console.print(
            f"dominant move: {item['actor']} chose {item['move']} in {item['rate_when_legal']:.0%} "
            f"of the {item['legal_turns']} turns it was legal"
        )


def _fmt(value: float) -> str:
    return f"{value:g}" if isinstance(value, int) or value == int(value) else f"{value:.2f}"

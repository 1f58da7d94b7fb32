"""`parley analyze SCENARIO --sweep PATH=LO:HI:STEP`: a batch per value of one number, and the win shares."""

from __future__ import annotations

import argparse
import json
from typing import Any

from game.cli.batch import play
from game.cli.errors import UserError
from game.engine import CompiledScenario, compile_scenario


def run_sweep(args: argparse.Namespace, compiled: CompiledScenario, kinds: dict[str, str], jobs: int) -> int:
    """Play one batch per value (same seeds for every value) and print the table (or JSON)."""
    from game.batch.sweep import SweepError, apply_sweep, parse_sweep

    try:
        sweep = parse_sweep(args.sweep)
        scenarios = [(value, apply_sweep(compiled.scenario, sweep, value)) for value in sweep.values]
    except SweepError as exc:
        raise UserError(f"--sweep: {exc}", exit_code=2) from None
    quiet = args.quiet or args.format == "json"
    rows: list[dict[str, Any]] = []
    for value, scenario in scenarios:
        totals, _ = play(args, compile_scenario(scenario), kinds, jobs, quiet=quiet, label=f"{sweep.name}={value}")
        games = totals.games
        shares = {a: round(float(totals.credited_wins[a]) / games, 6) for a in totals.actors}
        endings = {e: n for e, n in totals.endings.most_common()}
        rows.append({"value": value, "games": games, "win_shares": shares, "ties": totals.ties, "endings": endings})
    if args.format == "json":
        document = {"scenario": compiled.meta.id, "sweep": sweep.name, "seed": args.seed, "players": kinds,
                    "rows": rows}  # fmt: skip
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    _print_table(sweep.name, compiled.actors, rows, args.games, kinds)
    return 0


def _print_table(
    name: str, actors: tuple[str, ...], rows: list[dict[str, Any]], games: int, kinds: dict[str, str]
) -> None:
    from rich.console import Console
    from rich.table import Table

    bots = "/".join(sorted(set(kinds.values())))
    table = Table(title=f"win shares by {name} ({games} games per value, {bots})", title_justify="left")
    table.add_column(name.rsplit(".", 1)[-1] if len(name) > 24 else name, justify="right")
    for actor in actors:
        table.add_column(actor, justify="right")
    table.add_column("ties", justify="right")
    table.add_column("most common ending")
    for row in rows:
        ending, count = next(iter(row["endings"].items()))
        table.add_row(
            str(row["value"]),
            *(f"{row['win_shares'][a]:.0%}" for a in actors),
            str(row["ties"]),
            f"{ending} ({count / row['games']:.0%})",
        )
    Console(highlight=False).print(table)

"""`parley replay LOG`: re-play a decision log and check it reproduces the recorded states."""

from __future__ import annotations

import argparse

from game.cli.errors import UserError
from game.cli.files import read_game_log
from game.files import shown
from game.logfile import LogError, load_log_scenario
from game.runner import Divergence, replay_decisions


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser("replay", help="re-play a game log and check it reproduces the same states")
    parser.add_argument("log", metavar="LOG", help="a log written by `parley run --log`")
    parser.add_argument("--scenario", metavar="FILE", help="scenario file (default: the one named in the log)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Replay and compare; exit 1 at the first divergence."""
    log = read_game_log(args.log)
    try:
        compiled, scenario_path, digest = load_log_scenario(log, args.scenario, names=log.names)
    except LogError as exc:
        raise UserError(str(exc)) from None
    seed, decisions, turns, final_hash = log.seed, log.decisions, log.turns, log.final_hash
    if log.scenario_sha256 is not None and digest != log.scenario_sha256:
        print(f"warning: {shown(scenario_path)} differs from the scenario the log was recorded with")
    name = shown(args.log)
    try:
        played = replay_decisions(compiled, seed, decisions)
    except Divergence as exc:
        raise UserError(f"{name}: replay diverged: {exc}") from None
    for number, (recorded, replayed) in enumerate(zip(turns, played.turns, strict=False), start=1):
        if recorded.get("hash") != replayed.hash:
            raise UserError(f"{name}: replay diverged at turn {number}: the state differs from the recorded one")
    if len(turns) != len(played.turns):
        raise UserError(f"{name}: replay diverged: {len(played.turns)} turns replayed, {len(turns)} recorded")
    actual = played.game.state_hash()
    if actual != final_hash:
        raise UserError(f"{name}: replay diverged: final state {actual[:12]} != recorded {shown(final_hash[:12])}")
    variant = f" (lesson variant {log.variant})" if log.variant else ""
    print(f"replay ok{variant}: {len(decisions)} decisions, {len(turns)} turns, final state {final_hash[:12]}")
    return 0

"""`parley replay LOG`: re-play a decision log and check it reproduces the recorded states."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from game.cli.errors import UserError
from game.cli.files import load_compiled, read_json
from game.runner import LOG_FORMAT, LOG_VERSION, Divergence, replay_decisions


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser("replay", help="re-play a game log and check it reproduces the same states")
    parser.add_argument("log", metavar="LOG", help="a log written by `parley run --log`")
    parser.add_argument("--scenario", metavar="FILE", help="scenario file (default: the one named in the log)")
    parser.set_defaults(handler=run)


def _field(log: dict[str, Any], key: str, kind: type, path: str) -> Any:
    value = log.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise UserError(f"{path}: not a Parley log: '{key}' is missing or not a {kind.__name__}")
    return value


def run(args: argparse.Namespace) -> int:
    """Replay and compare; exit 1 at the first divergence."""
    log = read_json(args.log, "Parley log")
    if not isinstance(log, dict) or log.get("format") != LOG_FORMAT:
        raise UserError(f"{args.log}: not a Parley log (no \"format\": \"{LOG_FORMAT}\")")
    if log.get("version") != LOG_VERSION:
        raise UserError(f"{args.log}: log version {log.get('version')!r} is not supported (expected {LOG_VERSION})")
    seed = _field(log, "seed", int, args.log)
    decisions = _field(log, "decisions", list, args.log)
    turns = _field(log, "turns", list, args.log)
    final_hash = _field(log, "final_hash", str, args.log)
    scenario_info = _field(log, "scenario", dict, args.log)
    scenario_path = args.scenario or scenario_info.get("file")
    if not isinstance(scenario_path, str):
        raise UserError(f"{args.log}: the log names no scenario file; pass --scenario FILE")
    if args.scenario is None and not Path(scenario_path).exists():
        beside = Path(args.log).parent / scenario_path
        if beside.exists():
            scenario_path = str(beside)
    names = log.get("names", "real")
    if names not in ("real", "fictional"):
        raise UserError(f"{args.log}: 'names' must be \"real\" or \"fictional\", not {names!r}")
    compiled, digest = load_compiled(scenario_path, names)
    if digest != scenario_info.get("sha256"):
        print(f"warning: {scenario_path} differs from the scenario the log was recorded with")
    try:
        played = replay_decisions(compiled, seed, decisions)
    except Divergence as exc:
        raise UserError(f"{args.log}: replay diverged: {exc}") from None
    for number, (recorded, replayed) in enumerate(zip(turns, played.turns, strict=False), start=1):
        if not isinstance(recorded, dict) or recorded.get("hash") != replayed.hash:
            raise UserError(f"{args.log}: replay diverged at turn {number}: the state differs from the recorded one")
    if len(turns) != len(played.turns):
        raise UserError(f"{args.log}: replay diverged: {len(played.turns)} turns replayed, {len(turns)} recorded")
    actual = played.game.state_hash()
    if actual != final_hash:
        raise UserError(f"{args.log}: replay diverged: final state {actual[:12]} != recorded {final_hash[:12]}")
    print(f"replay ok: {len(decisions)} decisions, {len(turns)} turns, final state {final_hash[:12]}")
    return 0

"""`parley run SCENARIO`: play one whole game headless and tell it turn by turn."""

from __future__ import annotations

import argparse

from game import narrate
from game.cli.errors import UserError
from game.cli.files import load_compiled, seed_number, write_text
from game.engine import Game, canonical_json
from game.files import terminal
from game.logfile import annotate
from game.players import PlayerSpecError, bot_kinds_text, make_players, parse_players
from game.runner import log_document, play_game


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser("run", help="play one game headless and print a turn-by-turn account")
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario YAML file")
    parser.add_argument("--seed", type=seed_number, default=1, help="game seed (default 1)")
    parser.add_argument(
        "--players",
        default="heuristic",
        help=f"bot kind for every seat ({bot_kinds_text()}) or ACTOR=KIND,... (others: heuristic)",
    )
    parser.add_argument("--log", metavar="FILE", help="write the decision log, turn snapshots and final hash as JSON")
    parser.add_argument("--quiet", action="store_true", help="print only the result")
    parser.add_argument("--variant", metavar="ID", help="play a lesson variant the scenario declares (e.g. short)")
    parser.add_argument("--names", choices=("real", "fictional"), default="real",
                        help="real or fictional names in every text (scenarios that declare aliases)")  # fmt: skip
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Play the game, print it, and write the log if asked."""
    compiled, digest = load_compiled(args.scenario, args.names, args.variant)
    try:
        kinds = parse_players(args.players, compiled.actors)
    except PlayerSpecError as exc:
        raise UserError(f"--players: {exc}", exit_code=2) from None
    players = make_players(kinds, args.seed)

    def tell(game: Game) -> None:
        if not args.quiet:
            finished_turn = game.state["history"][-1]["turn"] if game.state["history"] else game.turn
            print(terminal("\n".join(narrate.turn_lines(game, finished_turn))))

    if not args.quiet:
        print(terminal("\n".join(narrate.header(Game(compiled, args.seed), kinds))))
    played = play_game(compiled, args.seed, players, on_turn=tell)
    print(terminal("\n".join(narrate.result_lines(played.game))))
    if args.log:
        document = annotate(log_document(played, args.scenario, digest, kinds), names=args.names, variant=args.variant)
        write_text(args.log, canonical_json(document) + "\n")
        print(f"log written to {args.log} (final state {document['final_hash'][:12]})")
    return 0

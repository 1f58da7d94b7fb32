"""Headless play: a plain loop over players, and the decision log that records a game.

The log is plain JSON with no timestamps: the same scenario, seed and
players always write the same bytes. Replaying its decisions must reproduce
every recorded turn hash and the final state hash.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine import CompiledScenario, Game, IllegalDecision, decision_from_json
from game.players.base import Player

LOG_FORMAT = "parley-log"
LOG_VERSION = 1


@dataclass
class TurnRecord:
    """What a turn left behind: its number, the state hash after it, and the numbers worth charting."""

    turn: int
    hash: str
    snapshot: dict[str, Any]


@dataclass
class PlayedGame:
    """A finished game and its per-turn records."""

    game: Game
    turns: list[TurnRecord] = field(default_factory=list)


def play_game(
    compiled: CompiledScenario,
    seed: int,
    players: Mapping[str, Player],
    on_turn: Callable[[Game], None] | None = None,
    record: bool = True,
) -> PlayedGame:
    """Play one whole game; ``on_turn`` is called after each turn's assessment (and at the end)."""
    game = Game(compiled, seed)
    played = PlayedGame(game)
    game.advance()
    turn = game.turn
    while not game.is_over():
        for actor in game.awaiting():
            player = players[actor]
            while game.is_awaiting(actor):
                decision, reason = player.decide(game, actor)
                game.submit(decision, reason)
        game.advance()
        if game.turn != turn or game.is_over():
            if record:
                _record_turn(played, turn)
            if on_turn is not None:
                on_turn(game)
            turn = game.turn
    return played


def _record_turn(played: PlayedGame, turn: int) -> None:
    history = played.game.state["history"]
    snap = history[-1] if history else {}
    played.turns.append(TurnRecord(turn, played.game.state_hash(), snap))


class Divergence(Exception):
    """A replay that does not reproduce its log; the message says where."""


def replay_decisions(
    compiled: CompiledScenario, seed: int, decisions: list[Any], allow_unfinished: bool = False
) -> PlayedGame:
    """Re-play recorded decisions; raise :class:`Divergence` at the first one that does not fit.

    With ``allow_unfinished`` a log may stop before the game ends (a saved game in progress)."""
    game = Game(compiled, seed)
    played = PlayedGame(game)
    game.advance()
    turn = game.turn
    for number, data in enumerate(decisions, start=1):
        try:
            decision = decision_from_json(data)
        except ValueError as exc:
            raise Divergence(f"decision {number}: {exc}") from None
        if game.is_over():
            raise Divergence(f"decision {number}: the game was already over")
        recorded_turn = data.get("turn")
        if recorded_turn != game.turn:
            raise Divergence(
                f"decision {number}: recorded on turn {recorded_turn}, but the game is on turn {game.turn}"
            )
        try:
            game.submit(decision, data.get("reason"))
        except IllegalDecision as exc:
            raise Divergence(f"decision {number} (turn {game.turn}): {exc}") from None
        if not game.awaiting():
            game.advance()
            if game.turn != turn or game.is_over():
                _record_turn(played, turn)
                turn = game.turn
    if not game.is_over() and not allow_unfinished:
        waiting = ", ".join(game.awaiting())
        raise Divergence(f"the log ends on turn {game.turn} before the game does (waiting for {waiting})")
    return played


def log_document(
    played: PlayedGame, scenario_file: str, scenario_sha256: str, players: Mapping[str, str]
) -> dict[str, Any]:
    """The JSON document ``--log`` writes."""
    game = played.game
    return {
        "format": LOG_FORMAT,
        "version": LOG_VERSION,
        "scenario": {"id": game.compiled.meta.id, "file": scenario_file, "sha256": scenario_sha256},
        "seed": game.seed,
        "players": dict(players),
        "decisions": game.decisions,
        "turns": [{"turn": t.turn, "hash": t.hash, "snapshot": t.snapshot} for t in played.turns],
        "result": game.state["result"],
        "final_hash": game.state_hash(),
    }

"""Headless play: whole games through the one driver (:mod:`game.engine.driver`), and the decision log.

The log is plain JSON with no timestamps: the same scenario, seed and
players always write the same bytes. Replaying its decisions must reproduce
every recorded turn hash and the final state hash.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine import CompiledScenario, Game
from game.engine.driver import Hooks, Player, drive
from game.engine.replay import Divergence, replay

__all__ = [
    "LOG_FORMAT", "LOG_VERSION", "Divergence", "PlayedGame", "TurnRecord", "log_document", "play_game",
    "record_turn", "replay_decisions",
]  # fmt: skip

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
    played = PlayedGame(Game(compiled, seed))
    drive(played.game, players, _Recorder(played, on_turn, record))
    return played


class _Recorder(Hooks):
    """Keeps a turn record (hash and snapshot) after each turn and calls ``on_turn``."""

    def __init__(self, played: PlayedGame, on_turn: Callable[[Game], None] | None, record: bool) -> None:
        self.played = played
        self.on_turn = on_turn
        self.record = record

    def turn_assessed(self, game: Game, turn: int) -> None:
        if self.record:
            record_turn(self.played, turn)
        if self.on_turn is not None:
            self.on_turn(game)


def record_turn(played: PlayedGame, turn: int) -> None:
    """Append the record of ``turn``, which has just been assessed."""
    history = played.game.state["history"]
    snap = history[-1] if history else {}
    played.turns.append(TurnRecord(turn, played.game.state_hash(), snap))


def replay_decisions(
    compiled: CompiledScenario, seed: int, decisions: list[Any], allow_unfinished: bool = False
) -> PlayedGame:
    """Re-play recorded decisions (:func:`game.engine.replay.replay`) with a turn record after each turn;
    raise :class:`Divergence` at the first one that does not fit."""
    turns: list[TurnRecord] = []

    def note(game: Game, turn: int) -> None:
        history = game.state["history"]
        turns.append(TurnRecord(turn, game.state_hash(), history[-1] if history else {}))

    game = replay(compiled, seed, decisions, allow_unfinished=allow_unfinished, on_turn=note)
    return PlayedGame(game, turns)


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

"""What-if: fork a finished game at turn N, change one decision, let bots play the rest from the same seed.

The fork replays the recorded game with every seat's bot deciding alongside (a person's seat gets a
heuristic bot), so each bot's own random numbers advance exactly as they did in the recorded game;
recorded decisions are used up to the fork, the changed decision replaces the actor's first move of
turn N, the other actors' orders of that turn stand (they were given at the same time, without knowing
it), and from then on the bots decide. Changing a decision to the one that was made gives back the
recorded game, state hash for state hash (for games whose seats were all bots).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

from game.classroom.records import GameRecord
from game.engine import PASS, Decision, Game, IllegalDecision, Move, Phase, decision_from_json, facilitator
from game.players import BOT_KINDS, make_players

STAND_IN = "heuristic"
"""The bot that plays a person's seat after the fork."""


class WhatIfError(ValueError):
    """A fork that cannot be made (no such turn, actor or move); the message says what is possible."""


@dataclass(frozen=True)
class WhatIf:
    """The game as played and the forked one."""

    original: Game
    forked: Game
    turn: int
    actor: str
    changed_to: str
    """The new decision in words."""
    was: str
    """The recorded decision it replaced, in words."""


def _words(game: Game, data: dict[str, Any] | Decision) -> str:
    move = data.move if isinstance(data, Move) else data.get("move") if isinstance(data, dict) else None
    target = data.target if isinstance(data, Move) else data.get("target") if isinstance(data, dict) else None
    if move == PASS:
        return "no move (pass)"
    model = game.compiled.moves.get(str(move))
    name = model.name if model is not None else str(move)
    return name + (f" » {game.compiled.actor_names.get(target, target)}" if target else "")


def fork(record: GameRecord, turn: int, actor: str, move: str, target: str | None = None) -> WhatIf:
    """Fork ``record`` at ``turn``: ``actor``'s first move of that turn becomes ``move`` (at ``target``)."""
    original = record.game
    compiled = original.compiled
    if actor not in compiled.actors:
        raise WhatIfError(f"--actor: unknown actor {actor!r} (actors: {', '.join(compiled.actors)})")
    last = original.state["result"]["turn"] if original.state["result"] else original.turn
    if not 1 <= turn <= last:
        raise WhatIfError(f"--turn: the game was played for turns 1 to {last}, not {turn}")
    if any(facilitator.is_action(d) for d in original.decisions):
        raise WhatIfError("this game has facilitator actions; a what-if forks only games played without them")
    queues: dict[tuple[int, str, str], deque[dict[str, Any]]] = {}
    for data in original.decisions:
        queues.setdefault((data["turn"], data["kind"], data["actor"]), deque()).append(data)
    was = queues.get((turn, "move", actor), deque([{}]))[0]
    kinds = {a: k if k in BOT_KINDS else STAND_IN for a, k in record.seats.items()}
    kinds.update({a: STAND_IN for a in compiled.actors if a not in kinds})
    bots = make_players(kinds, original.seed)
    game = Game(compiled, original.seed)
    game.advance()
    new = Move(actor, move, target)
    changed = False
    while not game.is_over():
        for seat in game.awaiting():
            while game.is_awaiting(seat):
                decision, reason = bots[seat].decide(game, seat)
                kind = "answer" if game.phase is Phase.RESPONSES else "move"
                recorded = queues.get((game.turn, kind, seat))
                if game.turn == turn and kind == "move" and seat == actor and not changed:
                    if new not in game.legal_decisions(actor):
                        raise WhatIfError(_illegal(game, actor, new, turn))
                    same = new == Move(actor, was.get("move", ""), was.get("target"))
                    decision, reason, changed = new, was.get("reason") if same else "what-if: changed", True
                    recorded = None
                elif (game.turn, kind, seat) < (turn, "move", "") or (game.turn == turn and kind == "move"):
                    if seat == actor and game.turn == turn:
                        recorded = None  # after the change, the actor's bot completes its orders
                else:
                    recorded = None
                if recorded:
                    data = recorded.popleft()
                    try:
                        game.submit(decision_from_json(data), data.get("reason"))
                        continue
                    except IllegalDecision:
                        pass
                game.submit(decision, reason)
        game.advance()
    if not changed:
        raise WhatIfError(f"the forked game ended before turn {turn}")
    return WhatIf(original, game, turn, actor, _words(game, new), _words(game, was) if was else "nothing")


def _illegal(game: Game, actor: str, new: Move, turn: int) -> str:
    legal = []
    for decision in game.legal_decisions(actor):
        if isinstance(decision, Move):
            legal.append(decision.move + (f" --target {decision.target}" if decision.target else ""))
    name = game.compiled.actor_names[actor]
    what = new.move + (f" at {new.target}" if new.target else "")
    return f"--move: {name} cannot choose {what} on turn {turn}; possible: {'; '.join(legal)}"


def choices_at(record: GameRecord, turn: int, actor: str) -> list[Move]:
    """The moves ``actor`` could have chosen at the start of ``turn`` (its orders are given before anyone
    else's resolve, so the other actors' orders of that turn do not change them)."""
    original = record.game
    game = Game(original.compiled, original.seed)
    game.advance()
    for data in original.decisions:
        if data["turn"] >= turn or game.is_over():
            break
        if facilitator.is_action(data):
            facilitator.replay(game, data)
        else:
            game.submit(decision_from_json(data), data.get("reason"))
        if not game.awaiting():
            game.advance()
    if game.is_over() or game.turn != turn or game.phase is not Phase.DIPLOMACY:
        return []
    return [d for d in game.legal_decisions(actor) if isinstance(d, Move)]


def move_words(record: GameRecord, decision: Move) -> str:
    """A move choice in words, for the interface."""
    return _words(record.game, decision)

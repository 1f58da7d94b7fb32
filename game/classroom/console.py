"""The facilitator console's actions on a session: inject an event, set a number or a track, undo, end now.

Each goes through :mod:`game.engine.facilitator`, so it lands in the decision log (saves, autosaves,
replays and reports all see it); undo replays the decisions made before the chosen turn's start and
warms the bots up again, so the game goes on as if the undone part had never been played.
"""

from __future__ import annotations

from game.classroom.autosave import warm_bots
from game.engine import facilitator, facilitator_view
from game.engine.view import View
from game.runner import TurnRecord, replay_decisions
from game.ui.session import Session


def _finish_turn(session: Session, turn: int) -> None:
    game = session.game
    if game.is_over() and (not session.played.turns or session.played.turns[-1].turn != turn):
        history = game.state["history"]
        session.played.turns.append(TurnRecord(turn, game.state_hash(), history[-1] if history else {}))


def inject_event(session: Session, event_id: str) -> None:
    """Bring in one of the scenario's events now."""
    facilitator.inject_event(session.game, event_id)


def set_variable(session: Session, ref: str, value: int) -> None:
    """Set a variable (within its bounds)."""
    facilitator.set_variable(session.game, ref, value)


def set_track(session: Session, track_id: str, state: str) -> None:
    """Put a track in one of its states."""
    facilitator.set_track(session.game, track_id, state)


def end_now(session: Session) -> None:
    """End the game now."""
    turn = session.game.turn
    facilitator.end_now(session.game)
    _finish_turn(session, turn)


def undo_to(session: Session, turn: int) -> None:
    """Take the game back to the start of ``turn`` (the current or an earlier one)."""
    game = session.game
    if not 1 <= turn <= game.turn:
        raise ValueError(f"cannot undo to turn {turn}: the game is on turn {game.turn}")
    played = replay_decisions(game.compiled, game.seed, facilitator.decisions_before(game, turn), allow_unfinished=True)
    facilitator.record_undo(played.game, turn)
    session.played = played
    session.bot_choices.clear()
    warm_bots(session)


def overview(session: Session) -> View:
    """Everything the facilitator sees (the engine's facilitator view)."""
    return facilitator_view(session.game)

"""Autosave after every phase and exact resume after a crash or a power cut.

The autosave is the session's decision log (the save format, with its version), written atomically
with :func:`game.logfile.write_log` (temporary file, flushed to the disk, renamed over the old one)
and the previous autosave kept beside it as ``autosave.json.bak``. Reading it back replays the
decisions and checks every recorded hash (:func:`game.ui.saves.read_save`), falling back to the
previous autosave if the last one cannot be read. The bots are then warmed up: each bot seat's bot
re-decides every decision it made, on the same states, so its own random numbers stand where they
stood and the resumed game goes on exactly as the interrupted one would have.
"""

from __future__ import annotations

from pathlib import Path

from game.classroom.autosave_paths import autosave_dir, autosave_file, has_autosave
from game.engine import Game, decision_from_json, facilitator
from game.logfile import LogError, write_log
from game.players import make_players
from game.ui.saves import SaveError, read_save
from game.ui.session import HUMAN, Session

__all__ = ["autosave_dir", "autosave_file", "has_autosave", "read_autosave", "warm_bots", "write_autosave"]


def write_autosave(session: Session, folder: Path) -> Path:
    """Write the session atomically, keeping the previous autosave; :class:`SaveError` if it cannot."""
    path = autosave_file(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_log(path, session.document(), keep_previous=True)
    except LogError as exc:
        raise SaveError(f"autosave failed: {exc}") from None
    except OSError as exc:
        raise SaveError(f"autosave failed: cannot create {folder}: {exc.strerror or exc}") from None
    return path


def read_autosave(folder: Path) -> Session:
    """The autosaved session, its bots warmed up; the previous autosave if the last one is unreadable."""
    path = autosave_file(folder)
    problems = []
    for candidate in (path, path.with_name(path.name + ".bak")):
        if not candidate.is_file():
            continue
        try:
            session = read_save(candidate)
        except SaveError as exc:
            problems.append(str(exc))
            continue
        warm_bots(session)
        return session
    if problems:
        raise SaveError(problems[0])
    raise SaveError(f"no autosaved game in {folder}")


def warm_bots(session: Session) -> None:
    """New bots for the bot seats whose random numbers have advanced as in the recorded game."""
    game = session.game
    bots = make_players({a: k for a, k in session.seats.items() if k != HUMAN}, game.seed)
    replay = Game(game.compiled, game.seed)
    replay.advance()
    for data in game.decisions:
        if facilitator.is_action(data):
            facilitator.replay(replay, data)
        else:
            bot = bots.get(data["actor"])
            if bot is not None:
                bot.decide(replay, data["actor"])
            replay.submit(decision_from_json(data), data.get("reason"))
        if not replay.awaiting():
            replay.advance()
    session.bots = bots

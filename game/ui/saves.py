"""Saved games: the runner's decision log as JSON in the user's save folder, read back exactly.

A save is the document :func:`game.runner.log_document` writes (scenario file and SHA-256, seed,
seats, decisions, per-turn hashes, final hash). Loading re-plays the decisions with
:func:`game.runner.replay_decisions` and checks that every recorded hash is reproduced, so a
loaded game is the saved game, not an approximation. Reading, verifying and writing the file is
:mod:`game.logfile`'s job (the same code as ``parley replay``); every failure is a :class:`SaveError`
with one line that says what is wrong.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from game.classroom.records import keep_deciders
from game.files import shown
from game.logfile import MAX_LOG_BYTES, LogError, load_log_scenario, read_log, write_log
from game.runner import Divergence, replay_decisions
from game.ui.session import SeatError, Session

MAX_SAVE_BYTES = MAX_LOG_BYTES


class SaveError(Exception):
    """A save that cannot be written or read back; the message is one line for the player."""


def default_save_dir() -> Path:
    """The per-user folder for saved games (created when the first game is saved)."""
    return Path(platformdirs.user_data_dir("parley", appauthor=False)) / "saves"


@dataclass(frozen=True)
class SaveInfo:
    """A save file as listed on the load screen."""

    path: Path
    label: str


def list_saves(folder: Path) -> list[SaveInfo]:
    """Saves in ``folder``, newest first; an entry that cannot be read (a dangling link) is still listed."""
    try:
        if not folder.is_dir():
            return []
        files = list(folder.glob("*.json"))
    except OSError:
        return []
    return [SaveInfo(p, p.stem) for p in sorted(files, key=lambda p: (-_modified(p), p.name))]


def _modified(path: Path) -> float:
    """When a save was written (0 when even the link itself cannot be read)."""
    for read in (path.stat, path.lstat):
        try:
            return read().st_mtime
        except OSError:
            continue
    return 0.0


def write_save(session: Session, folder: Path) -> Path:
    """Write the session's decision log into ``folder`` atomically; return the file."""
    game = session.game
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"{game.compiled.meta.id}-turn{game.turn:02d}-{stamp}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(f"cannot save into {shown(folder)}: {exc.strerror or exc}") from None
    path = folder / name
    try:
        write_log(path, session.document())
    except LogError as exc:
        raise SaveError(str(exc)) from None
    return path


def write_recovery_save(session: Session, folder: Path) -> Path:
    """Save a game whose last step failed (a bug): its decisions, with the hashes a replay of them gives.

    The game's own state may be half-way through the failed step, so the recorded hashes come from
    replaying the decisions on a fresh game; if that fails too, the decisions are saved as they are
    (the save then loads once the bug is fixed)."""
    document = session.document()
    try:
        game = session.game
        replayed = replay_decisions(game.compiled, game.seed, list(game.decisions), allow_unfinished=True)
        document["turns"] = [{"turn": t.turn, "hash": t.hash, "snapshot": t.snapshot} for t in replayed.turns]
        document["final_hash"] = replayed.game.state_hash()
    except Exception:  # the bug again: keep the decisions, which are what matters
        pass
    game = session.game
    name = f"{game.compiled.meta.id}-turn{game.turn:02d}-{time.strftime('%Y%m%d-%H%M%S')}-recovered.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_log(folder / name, document)
    except OSError as exc:
        raise SaveError(f"cannot save into {shown(folder)}: {exc.strerror or exc}") from None
    except LogError as exc:
        raise SaveError(str(exc)) from None
    return folder / name


def read_save(path: Path) -> Session:
    """Read, check and replay a save; raise :class:`SaveError` with the reason."""
    try:
        log = read_log(path, "Parley save")
        compiled, scenario_file, digest = load_log_scenario(log, what="Parley save", names=log.names)
    except LogError as exc:
        raise SaveError(_named(str(exc), path)) from None
    try:
        played = replay_decisions(compiled, log.seed, log.decisions, allow_unfinished=True)
    except Divergence as exc:
        raise SaveError(f"{path.name}: the save does not fit its scenario: {exc}") from None
    keep_deciders(played, log.decisions)
    recorded = [t.get("hash") for t in log.turns]
    if recorded != [t.hash for t in played.turns] or played.game.state_hash() != log.final_hash:
        raise SaveError(f"{path.name}: replaying the save gives a different game (was the scenario changed?)")
    try:
        session = Session.restore(played, scenario_file, digest, log.players)
    except SeatError as exc:
        raise SaveError(f"{path.name}: {exc}") from None
    session.names, session.variant = log.names, log.variant
    return session


def _named(message: str, path: Path) -> str:
    """A message about ``path`` starting with its short name (the screen is narrow; the folder is shown above)."""
    full = shown(path)
    return path.name + message[len(full) :] if message.startswith(full) else message

"""Saved games: the runner's decision log as JSON in the user's save folder, read back exactly.

A save is the document :func:`game.runner.log_document` writes (scenario file and SHA-256, seed,
seats, decisions, per-turn hashes, final hash). Loading re-plays the decisions with
:func:`game.runner.replay_decisions` and checks that every recorded hash is reproduced, so a
loaded game is the saved game, not an approximation. Every failure is a :class:`SaveError` with
one line that says what is wrong.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from game.classroom.names import apply_names
from game.engine import canonical_json, compile_scenario
from game.paths import shipped_scenarios
from game.runner import LOG_FORMAT, LOG_VERSION, Divergence, replay_decisions
from game.scenario.diagnostics import ScenarioError
from game.scenario.loader import load_scenario
from game.ui.session import SeatError, Session

MAX_SAVE_BYTES = 20 * 1024 * 1024


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
    """Saves in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.json"), key=lambda p: (-p.stat().st_mtime, p.name))
    return [SaveInfo(p, p.stem) for p in files]


def write_save(session: Session, folder: Path) -> Path:
    """Write the session's decision log into ``folder``; return the file."""
    game = session.game
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"{game.compiled.meta.id}-turn{game.turn:02d}-{stamp}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_text(canonical_json(session.document()) + "\n", encoding="utf-8")
    except OSError as exc:
        raise SaveError(f"cannot save into {folder}: {exc.strerror or exc}") from None
    return path


def read_save(path: Path) -> Session:
    """Read, check and replay a save; raise :class:`SaveError` with the reason."""
    document = _read_document(path)
    seed = _field(document, "seed", int, path)
    decisions = _field(document, "decisions", list, path)
    turns = _field(document, "turns", list, path)
    final_hash = _field(document, "final_hash", str, path)
    info = _field(document, "scenario", dict, path)
    seats = _field(document, "players", dict, path)
    scenario_file = _scenario_file(info, path)
    try:
        scenario = load_scenario(scenario_file)
    except ScenarioError as exc:
        first = exc.diagnostics[0].format() if exc.diagnostics else str(exc)
        raise SaveError(f"{path.name}: its scenario does not load: {first}") from None
    names = document.get("names", "real")
    try:
        scenario = apply_names(scenario, names if isinstance(names, str) else "?")
    except ValueError as exc:
        raise SaveError(f"{path.name}: {exc}") from None
    compiled = compile_scenario(scenario)
    if compiled.meta.id != info.get("id"):
        raise SaveError(
            f"{path.name}: saved from scenario {info.get('id')!r}, but {scenario_file} is {compiled.meta.id!r}"
        )
    try:
        played = replay_decisions(compiled, seed, decisions, allow_unfinished=True)
    except Divergence as exc:
        raise SaveError(f"{path.name}: the save does not fit its scenario: {exc}") from None
    recorded = [t.get("hash") if isinstance(t, dict) else None for t in turns]
    if recorded != [t.hash for t in played.turns] or played.game.state_hash() != final_hash:
        raise SaveError(f"{path.name}: replaying the save gives a different game (was the scenario changed?)")
    digest = hashlib.sha256(Path(scenario_file).read_bytes()).hexdigest()
    try:
        session = Session.restore(played, scenario_file, digest, {str(k): str(v) for k, v in seats.items()})
    except SeatError as exc:
        raise SaveError(f"{path.name}: {exc}") from None
    session.names = str(names)
    return session


def _read_document(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_SAVE_BYTES:
            raise SaveError(f"{path.name}: too large to be a Parley save")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SaveError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise SaveError(f"{path.name}: not a Parley save (not text)") from None
    except OSError as exc:
        raise SaveError(f"{path.name}: cannot read: {exc.strerror or exc}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SaveError(f"{path.name}: damaged save (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(document, dict) or document.get("format") != LOG_FORMAT:
        raise SaveError(f"{path.name}: not a Parley save (no \"format\": \"{LOG_FORMAT}\")")
    if document.get("version") != LOG_VERSION:
        version = document.get("version")
        raise SaveError(f"{path.name}: save version {version!r} is not supported (expected {LOG_VERSION})")
    return document


def _field(document: dict[str, Any], key: str, kind: type, path: Path) -> Any:
    value = document.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise SaveError(f"{path.name}: damaged save: '{key}' is missing or not a {kind.__name__}")
    return value


def _scenario_file(info: dict[str, Any], save: Path) -> str:
    """The scenario the save names: as recorded, beside the save, or a shipped one with the same id."""
    recorded = info.get("file")
    candidates: list[Path] = []
    if isinstance(recorded, str) and recorded:
        candidates += [Path(recorded), save.parent / recorded]
    scenario_id = info.get("id")
    if isinstance(scenario_id, str):
        candidates += [p for p in shipped_scenarios() if p.stem == scenario_id]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    raise SaveError(f"{save.name}: its scenario file {recorded!r} was not found")

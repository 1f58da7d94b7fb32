"""A recorded game read back: a decision log (``parley run --log``) or a save, replayed on its scenario.

Both files have the runner's log format (:func:`game.runner.log_document`). Reading one replays its
decisions, so the report shows the game itself (every log entry, every snapshot), not a summary
someone wrote down; the recorded turn hashes are checked so a changed scenario is noticed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.classroom.names import NAME_MODES, apply_names, translate
from game.engine import CompiledScenario, Game, compile_scenario
from game.runner import LOG_FORMAT, LOG_VERSION, Divergence, PlayedGame, replay_decisions
from game.scenario.diagnostics import ScenarioError
from game.scenario.loader import load_scenario, load_scenario_file

MAX_RECORD_BYTES = 50 * 1024 * 1024


class RecordError(Exception):
    """A log or save that cannot be read or replayed; the message is one line that says where and what."""


@dataclass(frozen=True)
class GameRecord:
    """A replayed game with what its file says about it."""

    path: str
    """The log or save it was read from."""
    scenario_file: str
    """The scenario it was replayed on."""
    played: PlayedGame
    """The replayed game and its per-turn records."""
    seats: dict[str, str]
    """Who played each actor: ``human`` or a bot kind."""
    names: str
    """``real`` or ``fictional``: the names the texts use."""
    document: dict[str, Any]
    """The file's JSON document as read."""

    @property
    def game(self) -> Game:
        """The replayed engine game."""
        return self.played.game

    @property
    def compiled(self) -> CompiledScenario:
        """The compiled scenario the game ran on."""
        return self.played.game.compiled


def read_document(path: str) -> dict[str, Any]:
    """Read a log or save file as JSON; :class:`RecordError` unless it is a Parley log of this version."""
    file = Path(path)
    try:
        if file.is_dir():
            raise RecordError(f"{path}: is a folder, not a Parley log or save")
        if file.stat().st_size > MAX_RECORD_BYTES:
            raise RecordError(f"{path}: too large for a Parley log (over {MAX_RECORD_BYTES // 2**20} MiB)")
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RecordError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise RecordError(f"{path}: not a Parley log or save (not UTF-8 text)") from None
    except OSError as exc:
        raise RecordError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(f"{path}:{exc.lineno}:{exc.colno}: not a Parley log or save: {exc.msg}") from None
    if not isinstance(document, dict) or document.get("format") != LOG_FORMAT:
        raise RecordError(f'{path}: not a Parley log or save (no "format": "{LOG_FORMAT}")')
    if document.get("version") != LOG_VERSION:
        raise RecordError(f"{path}: log version {document.get('version')!r} is not supported (expected {LOG_VERSION})")
    return document


def _field(document: dict[str, Any], key: str, kind: type, path: str) -> Any:
    value = document.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise RecordError(f"{path}: damaged log: '{key}' is missing or not a {kind.__name__}")
    return value


def scenario_path(document: dict[str, Any], path: str, override: str | None = None) -> str:
    """The scenario a log names: ``override``, the recorded file, the file beside the log, or a shipped one."""
    if override is not None:
        return override
    info = _field(document, "scenario", dict, path)
    recorded = info.get("file")
    candidates: list[Path] = []
    if isinstance(recorded, str) and recorded:
        candidates += [Path(recorded), Path(path).parent / recorded]
    scenario_id = info.get("id")
    if isinstance(scenario_id, str):
        from game.paths import shipped_scenarios

        candidates += [p for p in shipped_scenarios() if p.stem == scenario_id]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    raise RecordError(f"{path}: its scenario file {recorded!r} was not found; pass --scenario FILE")


def load_names(path: str, names: str = "real") -> tuple[CompiledScenario, str]:
    """Load and compile a scenario with real or fictional names; return it with the file's SHA-256."""
    if names not in NAME_MODES:
        raise RecordError(f"--names: {names!r} is not one of {', '.join(NAME_MODES)}")
    try:
        scenario, digest = load_scenario_file(path)
    except ScenarioError as exc:
        first = exc.diagnostics[0].format() if exc.diagnostics else str(exc)
        raise RecordError(first) from None
    try:
        scenario = apply_names(scenario, names)
    except ValueError as exc:
        raise RecordError(f"{path}: {exc}") from None
    return compile_scenario(scenario), digest


def read_record(path: str, scenario: str | None = None, names: str | None = None) -> GameRecord:
    """Read and replay a log or save; ``names`` (default: the names it was recorded with) may differ.

    The recorded turn hashes are checked when the names are the recorded ones (the texts are part of
    the state); with other names the decisions must still fit, turn by turn.
    """
    document = read_document(path)
    seed = _field(document, "seed", int, path)
    decisions = _field(document, "decisions", list, path)
    turns = _field(document, "turns", list, path)
    seats = _field(document, "players", dict, path)
    recorded_names = document.get("names", "real")
    wanted = recorded_names if names is None else names
    file = scenario_path(document, path, scenario)
    compiled, _ = load_names(file, wanted)
    if wanted != recorded_names:
        words = translate(load_scenario(file), str(recorded_names), wanted)
        decisions = [
            {**d, "reason": words(d["reason"])} if isinstance(d, dict) and isinstance(d.get("reason"), str) else d
            for d in decisions
        ]
    info = document.get("scenario") or {}
    if compiled.meta.id != info.get("id"):
        raise RecordError(f"{path}: recorded with scenario {info.get('id')!r}, but {file} is {compiled.meta.id!r}")
    try:
        played = replay_decisions(compiled, seed, decisions, allow_unfinished=True)
    except Divergence as exc:
        raise RecordError(f"{path}: the log does not fit {file}: {exc}") from None
    if wanted == recorded_names:
        recorded = [t.get("hash") if isinstance(t, dict) else None for t in turns]
        if recorded != [t.hash for t in played.turns] or document.get("final_hash") != played.game.state_hash():
            raise RecordError(f"{path}: replaying it on {file} gives a different game (was the scenario changed?)")
    keep_deciders(played, decisions)
    clean_seats = {str(k): str(v) for k, v in seats.items()}
    return GameRecord(path, file, played, clean_seats, wanted, document)


def keep_deciders(played: PlayedGame, recorded: list[Any]) -> None:
    """Copy who decided (``"by"``: a stand-in bot, a timer) from the recorded decisions onto the replayed ones."""
    for replayed, data in zip(played.game.decisions, recorded, strict=False):
        if isinstance(data, dict) and isinstance(data.get("by"), str):
            replayed["by"] = data["by"]


def session_record(played: PlayedGame, scenario_file: str, seats: dict[str, str], names: str) -> GameRecord:
    """A record of a game played in this process (the interface's session), for its report and what-ifs."""
    return GameRecord("this game", scenario_file, played, dict(seats), names, {})

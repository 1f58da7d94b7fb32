"""A recorded game read back: a decision log (``parley run --log``) or a save, replayed on its scenario.

Both files have the runner's log format (:func:`game.runner.log_document`). Reading one replays its
decisions, so the report shows the game itself (every log entry, every snapshot), not a summary
someone wrote down; the recorded turn hashes are checked so a changed scenario is noticed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.classroom.names import NAME_MODES, apply_names, translate
from game.engine import CompiledScenario, Game, compile_scenario
from game.logfile import LogError, load_log_scenario, read_log
from game.runner import Divergence, PlayedGame, replay_decisions
from game.scenario.diagnostics import ScenarioError
from game.scenario.loader import load_scenario, load_scenario_file


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


WHAT = "Parley log or save"


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
    """Read (with :mod:`game.logfile`'s limits and checks) and replay a log or save; ``names`` (default: the
    names it was recorded with) may differ.

    The recorded turn hashes are checked when the names are the recorded ones (the texts are part of
    the state); with other names the decisions must still fit, turn by turn.
    """
    try:
        log = read_log(path, WHAT)
        wanted = log.names if names is None else names
        if wanted not in NAME_MODES:
            raise RecordError(f"--names: {wanted!r} is not one of {', '.join(NAME_MODES)}")
        compiled, file, _ = load_log_scenario(log, scenario, WHAT, names=wanted)
    except LogError as exc:
        raise RecordError(str(exc)) from None
    decisions = log.decisions
    if wanted != log.names:
        words = translate(load_scenario(file), log.names, wanted)
        decisions = [{**d, "reason": words(d["reason"])} if isinstance(d.get("reason"), str) else d for d in decisions]
    try:
        played = replay_decisions(compiled, log.seed, decisions, allow_unfinished=True)
    except Divergence as exc:
        raise RecordError(f"{path}: the log does not fit {file}: {exc}") from None
    if wanted == log.names:
        recorded = [t.get("hash") for t in log.turns]
        if recorded != [t.hash for t in played.turns] or log.final_hash != played.game.state_hash():
            raise RecordError(f"{path}: replaying it on {file} gives a different game (was the scenario changed?)")
    keep_deciders(played, decisions)
    return GameRecord(path, file, played, dict(log.players), wanted, log.document)


def keep_deciders(played: PlayedGame, recorded: list[Any]) -> None:
    """Copy who decided (``"by"``: a stand-in bot, a timer) from the recorded decisions onto the replayed ones."""
    for replayed, data in zip(played.game.decisions, recorded, strict=False):
        if isinstance(data, dict) and isinstance(data.get("by"), str):
            replayed["by"] = data["by"]


def session_record(played: PlayedGame, scenario_file: str, seats: dict[str, str], names: str) -> GameRecord:
    """A record of a game played in this process (the interface's session), for its report and what-ifs."""
    return GameRecord("this game", scenario_file, played, dict(seats), names, {})

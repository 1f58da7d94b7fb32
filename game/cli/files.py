"""The command line's file access, with one-line errors: scenarios, logs and written outputs.

Reading and writing go through :mod:`game.files` (bounded reads, atomic writes) and
:mod:`game.logfile` (logs), so every command refuses the same things with the same words.
"""

from __future__ import annotations

from game.classroom.names import apply_names
from game.cli.errors import UserError
from game.engine import CompiledScenario, compile_scenario
from game.files import FileProblem, shown, write_atomic
from game.logfile import MAX_LOG_BYTES, MAX_SEED, Log, LogError, read_log
from game.scenario.diagnostics import ScenarioError
from game.scenario.loader import load_scenario_file
from game.scenario.variants import apply_variant

__all__ = ["MAX_LOG_BYTES", "load_compiled", "read_game_log", "seed_number", "write_text"]


def load_compiled(path: str, names: str = "real", variant: str | None = None) -> tuple[CompiledScenario, str]:
    """Load, check and compile a scenario (with real or fictional names, as a lesson variant or whole);
    return it with the SHA-256 of the file."""
    try:
        scenario, digest = load_scenario_file(path)
        scenario = apply_variant(apply_names(scenario, names), variant)
    except ScenarioError as exc:
        raise UserError(str(exc)) from None
    except FileProblem as exc:
        raise UserError(str(exc)) from None
    except ValueError as exc:
        raise UserError(f"{shown(path)}: {exc}") from None
    return compile_scenario(scenario), digest


def read_game_log(path: str) -> Log:
    """Read and verify a log written by ``parley run --log`` (or a save)."""
    try:
        return read_log(path)
    except LogError as exc:
        raise UserError(str(exc)) from None


def write_text(path: str, text: str) -> None:
    """Write a file atomically, turning OS errors into a one-line UserError."""
    try:
        write_atomic(path, text.encode("utf-8"))
    except FileProblem as exc:
        raise UserError(str(exc)) from None


def seed_number(text: str) -> int:
    """An argparse type for seeds: a whole number within ±MAX_SEED."""
    try:
        value = int(text) if len(text) <= 25 else None
    except ValueError:
        value = None
    if value is None or not -MAX_SEED <= value <= MAX_SEED:
        raise ValueError(text)
    return value


seed_number.__name__ = "seed"  # argparse says "invalid seed value: '...'"

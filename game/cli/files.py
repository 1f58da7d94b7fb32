"""Reading the user's files with one-line errors (scenarios, logs)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from game.classroom.names import apply_names
from game.cli.errors import UserError
from game.engine import CompiledScenario, compile_scenario
from game.scenario.diagnostics import ScenarioError
from game.scenario.loader import load_scenario

MAX_LOG_BYTES = 50 * 1024 * 1024


def load_compiled(path: str, names: str = "real") -> tuple[CompiledScenario, str]:
    """Load, check and compile a scenario (with real or fictional names); return it with the SHA-256 of the file."""
    try:
        scenario = apply_names(load_scenario(path), names)
    except ScenarioError as exc:
        raise UserError(str(exc)) from None
    except ValueError as exc:
        raise UserError(f"{path}: {exc}") from None
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return compile_scenario(scenario), digest


def read_json(path: str, what: str) -> Any:
    """Parse a JSON file, turning every failure into a one-line UserError."""
    file = Path(path)
    if not file.exists():
        raise UserError(f"{path}: no such file")
    if file.is_dir():
        raise UserError(f"{path}: is a folder, not a {what}")
    try:
        if file.stat().st_size > MAX_LOG_BYTES:
            raise UserError(f"{path}: too large for a {what} (over {MAX_LOG_BYTES // (1024 * 1024)} MiB)")
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not a {what} (not UTF-8 text)") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}:{exc.lineno}:{exc.colno}: not a {what}: {exc.msg}") from None


def write_text(path: str, text: str) -> None:
    """Write a file, turning OS errors into a one-line UserError."""
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror}") from None

"""Helpers for the classroom tests: logged games of the shipped scenarios, played once per session."""

from __future__ import annotations

import functools
from pathlib import Path

from game.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "scenarios" / "pyongyang_summit.yaml"
CUBA = ROOT / "scenarios" / "cuban_missile_crisis.yaml"
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


@functools.cache
def logged_game(scenario: Path, seed: int, folder: Path, names: str = "real") -> Path:
    """Play one headless game with `parley run --log` and return the log file."""
    log = folder / f"{scenario.stem}-{seed}-{names}.json"
    argv = ["run", str(scenario), "--seed", str(seed), "--quiet", "--log", str(log)]
    if names != "real":
        argv += ["--names", names]
    assert main(argv) == 0
    return log
